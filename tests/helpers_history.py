"""Helpers for the scripted-history tests: a project on disk, its catalogs, gettext checks.

Kept apart from ``conftest.py`` so that the history tests depend only on the public entry
points of the tool: the CLI (``publisher update``), ``read_catalog`` and ``format_catalog``.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from click.testing import CliRunner

from publisher.cli import cli
from publisher.po.model import Catalog, Message
from publisher.po.read import read_catalog
from publisher.po.write import format_catalog


def pseudo_translation(language: str, msgid: str) -> str:
    """A recognisable translation: the language code, a colon, the msgid upper-cased."""
    return f"{language.upper()}:{msgid.upper()}"


@dataclass
class Project:
    """A publishing project in a temporary folder, driven through the CLI."""

    root: Path
    wrap_width: int
    title: str = "Peace Reports"
    runner: CliRunner = field(default_factory=CliRunner)
    clock: int = 1_731_628_800
    """``SOURCE_DATE_EPOCH`` of the next run: each run happens an hour after the previous one,
    so that a date written when nothing changed shows up as a changed byte."""

    def __post_init__(self) -> None:
        (self.root / "content").mkdir(parents=True, exist_ok=True)
        (self.root / "publisher.toml").write_text(
            f'[project]\ntitle = "{self.title}"\nsource_language = "en"\n'
            f'languages = ["en", "ja", "ko"]\n\n[build]\nwrap_width = {self.wrap_width}\n',
            encoding="utf-8")

    # ------------------------------------------------------------------ sources

    def source_path(self, slug: str) -> Path:
        return self.root / "content" / f"{slug}.md"

    def write_report(self, slug: str, text: str) -> None:
        path = self.source_path(slug)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def read_report(self, slug: str) -> str:
        return self.source_path(slug).read_text(encoding="utf-8")

    # ------------------------------------------------------------------ commands

    def cli(self, *args: str) -> tuple[int, str]:
        self.clock += 3600
        result = self.runner.invoke(cli, ["--root", str(self.root), *args],
                                    env={"SOURCE_DATE_EPOCH": str(self.clock)},
                                    catch_exceptions=False)
        return result.exit_code, result.output

    def update(self) -> tuple[int, str]:
        return self.cli("update")

    # ------------------------------------------------------------------ catalogs

    def locale_files(self) -> dict[str, bytes]:
        """Every template and catalog, by path relative to the root."""
        locales = self.root / "locales"
        if not locales.is_dir():
            return {}
        return {str(p.relative_to(self.root)): p.read_bytes()
                for p in sorted(locales.rglob("*")) if p.suffix in (".po", ".pot")}

    def catalog_paths(self) -> list[Path]:
        """Target-language catalogs (not templates)."""
        locales = self.root / "locales"
        return [p for p in sorted(locales.rglob("*.po"))
                if p.relative_to(locales).parts[0] != "templates"]

    def read(self, relpath: str) -> Catalog:
        path = self.root / relpath
        return read_catalog(path.read_bytes(), Path(relpath))

    def catalogs(self) -> dict[str, Catalog]:
        return {str(p.relative_to(self.root)): read_catalog(p.read_bytes(),
                                                             p.relative_to(self.root))
                for p in self.catalog_paths()}

    def translate_all(self) -> int:
        """Act as a translator: give every untranslated active entry a pseudo-translation.

        Fuzzy entries are left as they are (a translator has not reviewed them). The file is
        written with ``format_catalog`` at the project's width, as the tool writes it.
        Returns the number of entries translated.
        """
        count = 0
        for path in self.catalog_paths():
            language = path.relative_to(self.root / "locales").parts[0]
            catalog = read_catalog(path.read_bytes(), path)
            messages = []
            for message in catalog.messages:
                if not message.obsolete and not message.msgstr and not message.fuzzy:
                    message = replace(message, msgstr=pseudo_translation(language,
                                                                          message.msgid))
                    count += 1
                messages.append(message)
            catalog = replace(catalog, messages=tuple(messages))
            path.write_bytes(format_catalog(catalog, self.wrap_width).encode("utf-8"))
        return count


def translations_held(catalog: Catalog) -> list[str]:
    """Every non-empty translation stored in a catalog, active and obsolete entries alike."""
    return [m.msgstr for m in catalog.messages if m.msgstr]


def gettext_problems(root: Path, relpaths: Iterable[str], width: int) -> list[str]:
    """``msgfmt --check`` must accept each file and ``msgcat`` must return it byte for byte."""
    problems = []
    option = "--no-wrap" if width == 0 else f"--width={width}"
    for relpath in relpaths:
        path = root / relpath
        checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                                 capture_output=True, text=True)
        if checked.returncode:
            problems.append(f"msgfmt --check rejects {relpath}: {checked.stderr.strip()}")
        cat = subprocess.run(["msgcat", "--force-po", option, str(path)], capture_output=True)
        if cat.returncode:
            problems.append(f"msgcat fails on {relpath}: {cat.stderr.decode().strip()}")
        elif cat.stdout != path.read_bytes():
            problems.append(f"msgcat {option} changes {relpath}:\n"
                            + _diff(path.read_bytes(), cat.stdout))
    return problems


def _diff(a: bytes, b: bytes) -> str:
    import difflib

    lines = difflib.unified_diff(a.decode("utf-8", "replace").splitlines(),
                                 b.decode("utf-8", "replace").splitlines(),
                                 "written", "msgcat", lineterm="", n=1)
    return "\n".join(list(lines)[:40])


def entry_state(message: Message) -> tuple:
    """What a translator sees of an entry, apart from where its text is in the source."""
    return (message.msgstr, message.fuzzy, message.previous_msgid, message.obsolete)


class Checker:
    """Collects every failed expectation of a step instead of stopping at the first."""

    def __init__(self) -> None:
        self.failures: list[str] = []

    def expect(self, condition: object, message: str) -> bool:
        if not condition:
            self.failures.append(message)
        return bool(condition)
