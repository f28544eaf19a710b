"""Command line: ``publisher update | status | check | build``.

Only this module prints. Each command checks its options, makes one call into the library and
shows what comes back. Bad input (a :class:`PublisherError`) is reported as ``file:line:
message`` with exit code 2; a failed gate exits with 1.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from publisher.config import CONFIG_NAME, Config, load_config
from publisher.errors import PublisherError
from publisher.project import CONTENT, LOCALES

from . import __version__

F = TypeVar("F", bound=Callable[..., Any])


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _shown(text: str) -> str:
    """Text from a catalog, safe for a terminal: control characters (escape sequences that
    could move the cursor or retitle the window) are shown as \\xNN, line breaks as ⏎."""
    text = text.replace("\n", "⏎")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                        else f"\\u{ord(m.group()):04x}", text)


def _a_number(value: float | None, param: click.Parameter) -> float | None:
    if value is not None and value != value:  # NaN passes every range check
        raise click.BadParameter("not a number", param=param)
    return value


def _fail(message: str) -> None:
    click.echo(click.style("error: ", fg="red", bold=True) + message, err=True)


def _handles_errors(command: F) -> F:
    """Turn the library's errors into a clear message and exit code 2, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except PublisherError as error:
            _fail(str(error))
            sys.exit(2)
        except BrokenPipeError:  # the reader went away (`publisher status | head -1`)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so that the exit flush is quiet too
            sys.exit(141)  # as a shell reports a command ended by SIGPIPE
        except OSError as error:
            project = next((a for a in args if isinstance(a, _Project)), None)
            _fail(_system_error(error, project.base if project is not None else Path.cwd()))
            sys.exit(2)
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt):
            raise
        except Exception as error:  # a bug of ours: say so plainly, keep the details at hand
            if os.environ.get("PUBLISHER_DEBUG"):
                raise
            _fail(f"internal error ({type(error).__name__}: {error}); nothing was written. "
                  "Please report it; run again with PUBLISHER_DEBUG=1 to see the details.")
            sys.exit(3)

    return wrapper  # type: ignore[return-value]


_ADVICE = {
    errno.EACCES: "check who may read and write it (ls -l), or run as its owner",
    errno.EPERM: "check who may read and write it (ls -l), or run as its owner",
    errno.EROFS: "the file system is read-only: work on a writable copy of the project",
    errno.ENOSPC: "the disk is full: free some space and run again",
    errno.ENOTDIR: "a file stands where a folder is needed: move or rename it",
    errno.EISDIR: "a folder stands where a file is needed: move or rename it",
    errno.EEXIST: "a file stands where a folder is needed: move or rename it",
    errno.ELOOP: "a symbolic link points at itself (directly or in a loop): fix or remove it",
    errno.ENOENT: "it does not exist (a link to nothing?)",
}


def _system_error(error: OSError, base: Path) -> str:
    """``path: what the system said`` with the path relative to the project (or here), and
    what to do."""
    where = ""
    if error.filename:
        name = Path(os.fsdecode(error.filename))
        with contextlib.suppress(ValueError):
            name = name.absolute().relative_to(base.absolute())
        where = f"{name}: "
    advice = _ADVICE.get(error.errno or 0)
    if where.startswith(".publisher-cache"):
        advice = "the cache (.publisher-cache) is safe to delete: remove it and run again"
    return f"{where}{error.strerror or error}" + (f"\n  hint: {advice}" if advice else "")


@contextlib.contextmanager
def _progress(label: str) -> Iterator[tuple[Callable[[], None], Callable[[int], None]]]:
    """A progress bar on stderr for long runs on a terminal; silent in CI and in pipes."""
    bar: list[Any] = []

    def sized(total: int) -> None:
        if total >= 20 and sys.stderr.isatty() and not os.environ.get("CI"):
            bar.append(click.progressbar(length=total, label=label, file=sys.stderr))
            bar[0].__enter__()

    def tick() -> None:
        if bar:
            bar[0].update(1)

    try:
        yield tick, sized
    finally:
        if bar:
            bar[0].__exit__(None, None, None)


class _Project:
    """The project a command works on, loaded when the command first needs it.

    Without ``--root``, the project is the nearest folder, from here upwards, that holds a
    ``publisher.toml`` (as git finds its repository), or else this folder if it has a
    ``content/`` folder."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    @functools.cached_property
    def config(self) -> Config:
        root = self.root if self.root is not None else _find_project(Path.cwd())
        if not root.is_dir():
            raise PublisherError("the project folder does not exist", root,
                                 hint="pass --root DIR pointing at a publishing project")
        if not _is_project(root):
            raise PublisherError(
                f"no publishing project in {root.resolve()}: there is no {CONFIG_NAME} "
                f"(here{' or in any folder above' if self.root is None else ''}) and no "
                f"{CONTENT}/ folder", hint="run the command in a project folder, or pass "
                "--root DIR; a new project needs only content/<report>.md")
        content = root / CONTENT
        if content.exists() and not content.is_dir():
            raise PublisherError(f"{CONTENT} is a file, not the folder of reports", CONTENT,
                                 hint=f"move it away and put the reports in {CONTENT}/")
        return load_config(root.resolve())

    @property
    def base(self) -> Path:
        """What paths in messages are relative to: the project once it is known."""
        loaded = self.__dict__.get("config")  # set by the cached property, if it ran
        return loaded.root if loaded is not None else Path.cwd()

    def output(self, out: Path | None) -> Path | None:
        """``--out``, refused when it would write editions among the project's sources."""
        if out is None:
            return None
        root, target = self.config.root.resolve(), out.resolve()
        sources = [root / CONTENT, root / LOCALES]
        if target == root or any(target == s or s in target.parents for s in sources):
            raise click.BadParameter(
                f"{out} is {'the project folder' if target == root else 'among the sources'}: "
                f"editions written there would be read as reports or catalogs; choose a "
                f"folder such as site/ or one outside the project", param_hint="'--out'")
        return out

    def languages(self, chosen: tuple[str, ...], option: str = "--lang") -> tuple[str, ...]:
        unknown = [lang for lang in chosen if lang not in self.config.languages]
        if unknown:
            raise click.BadParameter(
                f"{', '.join(unknown)} is not one of the project's languages "
                f"({', '.join(self.config.languages)})", param_hint=f"'{option}'")
        return chosen


def _has_settings(folder: Path) -> bool:
    config = folder / CONFIG_NAME
    return config.exists() or config.is_symlink()  # a broken link is reported, not skipped


def _is_project(folder: Path) -> bool:
    return _has_settings(folder) or (folder / CONTENT).exists()


def _find_project(here: Path) -> Path:
    """The nearest folder from ``here`` upwards with a settings file, else ``here``."""
    return next((folder for folder in (here, *here.parents) if _has_settings(folder)), here)


pass_project = click.make_pass_decorator(_Project)
option_lang = click.option("--lang", "-l", "languages", multiple=True, metavar="LANG",
                           help="Only this language (repeat for several).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The publishing project folder.  [default: the nearest folder from here "
                   "upwards with a publisher.toml]")
@click.version_option(__version__, prog_name="publisher")
@click.pass_context
def cli(ctx: click.Context, root: Path | None) -> None:
    """Publish reports in several languages from one Markdown source.

    Reports live in content/<slug>.md; translators work in locales/<lang>/<slug>.po; editions
    are built into site/<lang>/.
    """
    from publisher.runtime.pool import jobs_setting

    try:
        jobs_setting()
    except PublisherError as error:
        _fail(str(error))
        sys.exit(2)
    ctx.obj = _Project(root)


@cli.command()
@option_lang
@click.option("--report", "reports", multiple=True, metavar="SLUG",
              help="Only this report (repeat for several).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if anything would change.")
@pass_project
@_handles_errors
def update(project: _Project, languages: tuple[str, ...], reports: tuple[str, ...],
           check: bool) -> None:
    """Extract reports into templates and merge them into every catalog."""
    from publisher.ops.update import update as run_update
    from publisher.runtime.fsutil import project_lock

    config = project.config
    languages = project.languages(languages)
    with _progress("updating") as (tick, sized):
        if check:
            changes = run_update(config, languages, reports, True, tick, sized)
        else:
            with project_lock(config.root):
                changes = run_update(config, languages, reports, False, tick, sized)
    for change in changes:
        verb = f"would be {change.action}" if check else change.action
        note = f" ({change.note})" if change.note else ""
        click.echo(f"{change.path}: {verb}{note}")
    if check and changes:
        _fail(f"{len(changes)} file(s) are out of date; run `publisher update`")
        sys.exit(1)
    if not changes:
        click.echo("everything is up to date" if not check else "up to date", err=check)


@cli.command()
@option_lang
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown", "html"]),
              default="table", show_default=True, help="How to show the figures.")
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="PCT", default=None,
              callback=lambda ctx, param, value: _a_number(value, param),
              help="Exit 1 when a selected language has less than PCT % of words translated.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Site folder for --format html.  [default: site/ in the project]")
@pass_project
@_handles_errors
def status(project: _Project, languages: tuple[str, ...], fmt: str, fail_under: float | None,
           out: Path | None) -> None:
    """Show how much of each report is translated, per language."""
    import json

    from publisher.ops.status import collect
    from publisher.ops.statusviews import as_json, as_markdown, as_table, dashboard_pages

    config = project.config
    languages = project.languages(languages)
    result = collect(config, languages)
    if fmt == "json":
        click.echo(json.dumps(as_json(result), ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo(as_markdown(result), nl=False)
    elif fmt == "html":
        from publisher.runtime.cache import CACHE_DIR, digest_bytes
        from publisher.runtime.fsutil import Transaction, project_lock

        out = project.output(out)
        target = out if out is not None else config.root / "site"
        # As build does: a marker while files are staged, so that a killed run's temporary
        # files are swept by the next one.
        marker = config.root / CACHE_DIR / (
            f"status-{digest_bytes(str(target.resolve()).encode())[:12]}.incomplete")
        with project_lock(config.root), Transaction(marker, (target / "status",)) as transaction:
            transaction.begin()
            for path, html in dashboard_pages(result, languages or config.languages,
                                              config.title, config.threshold):
                transaction.stage(target / path, html.encode("utf-8"))
        click.echo(f"dashboard written to {target / 'status' / 'index.html'}")
    else:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")  # no-color.org
        click.echo(as_table(result, config.threshold, colour), color=colour)
    if fail_under is not None:
        low = [f"{lang} {cover.percent:g}%" for lang, cover in result.languages.items()
               if cover.percent < fail_under]
        if low:
            _fail(f"below {fail_under:g}%: {', '.join(low)}")
            sys.exit(1)


@cli.command()
@option_lang
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@pass_project
@_handles_errors
def check(project: _Project, languages: tuple[str, ...], fmt: str) -> None:
    """Check translations for broken markup, lost numbers, terms and punctuation."""
    import json
    from dataclasses import asdict

    from publisher.ops.check.review import review

    config = project.config
    findings = review(config, project.languages(languages))
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    if fmt == "json":
        click.echo(json.dumps({"findings": [asdict(f) for f in findings],
                               "summary": {"errors": errors, "warnings": warnings}},
                              ensure_ascii=False, indent=2))
    else:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")  # no-color.org
        for f in findings:
            tint = "red" if f.severity == "error" else "yellow"
            label = click.style(f.severity, fg=tint, bold=True) if colour else f.severity
            click.echo(f"{_shown(f.file)}:{f.line}: {label} [{f.code}] {_shown(f.message)}",
                       color=colour)
            excerpt = f.msgid if len(f.msgid) <= 70 else f.msgid[:69] + "…"
            click.echo(f"    msgid: {_shown(excerpt)}")
        click.echo(f"{errors} error(s), {warnings} warning(s)")
    if errors:
        sys.exit(1)


_LISTED = 20


def _pair(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    parts = tuple(part.strip() for part in value.split(","))
    if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
        raise click.BadParameter("give two different languages, such as en,ja",
                                 param_hint="'--bilingual'")
    return parts[0], parts[1]


@cli.command()
@option_lang
@click.option("--format", "fmt", type=click.Choice(["html", "md"]), default="html",
              show_default=True, help="Web pages, or Markdown editions.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder.  [default: site/ in the project]")
@click.option("--force", is_flag=True, help="Also build editions below the threshold.")
@click.option("--bilingual", metavar="A,B", default=None,
              help="Also build side-by-side editions of languages A and B.")
@click.option("--drafts", is_flag=True, help="Also build reports marked draft: true.")
@pass_project
@_handles_errors
def build(project: _Project, languages: tuple[str, ...], fmt: str, out: Path | None,
          force: bool, bilingual: str | None, drafts: bool) -> None:
    """Build each language edition of every report, with index pages."""
    from publisher.ops.build import build as run_build
    from publisher.runtime.fsutil import project_lock

    config = project.config
    languages = project.languages(languages)
    out = project.output(out)
    pair = _pair(bilingual)
    if pair:
        project.languages(pair, "--bilingual")
    with project_lock(config.root), _progress("building") as (tick, sized):
        result = run_build(config, languages, fmt, out, force, pair, drafts, tick, sized)
    for skipped in result.skipped[:_LISTED]:
        click.echo(f"skipped {skipped.language}/{skipped.report}: {skipped.percent:g}% "
                   f"translated, below the threshold of {skipped.threshold:g}% "
                   "(use --force to build it anyway)", err=True)
    if len(result.skipped) > _LISTED:
        click.echo(f"... and {len(result.skipped) - _LISTED} more editions below the threshold "
                   "(`publisher status` lists them all)", err=True)
    for slug in result.drafts[:_LISTED]:
        click.echo(f"skipped {slug}: it is a draft (use --drafts to build it anyway)", err=True)
    for rejected in result.rejected:
        click.echo(f"warning: {rejected.language}/{rejected.report}: a translation would break "
                   f"the page and was left out: {rejected.msgid[:60]!r}", err=True)
    target = out if out is not None else config.root / "site"
    click.echo(f"{result.editions} edition(s) in {target}; {len(result.written)} file(s) "
               "written")


def main() -> None:
    """Entry point of the ``publisher`` console script."""
    cli(prog_name="publisher")
