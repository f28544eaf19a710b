"""What every command shares: finding the project, options, progress, and turning errors into
clear messages with exit codes (2 for bad input, 3 for a fault of ours, 141 for a closed pipe).
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

F = TypeVar("F", bound=Callable[..., Any])


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def shown(text: str) -> str:
    """Text from a catalog, safe for a terminal: control characters (escape sequences that
    could move the cursor or retitle the window) are shown as \\xNN, line breaks as ⏎."""
    text = text.replace("\n", "⏎")
    return _CONTROL.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


def a_number(value: float | None, param: click.Parameter) -> float | None:
    if value is not None and value != value:  # NaN passes every range check
        raise click.BadParameter("not a number", param=param)
    return value


def fail(message: str) -> None:
    click.echo(click.style("error: ", fg="red", bold=True) + message, err=True)


def handles_errors(command: F) -> F:
    """Turn the library's errors into a clear message and exit code 2, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except PublisherError as error:
            fail(str(error))
            sys.exit(2)
        except BrokenPipeError:  # the reader went away (`publisher status | head -1`)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so that the exit flush is quiet too
            sys.exit(141)  # as a shell reports a command ended by SIGPIPE
        except OSError as error:
            project = next((a for a in args if isinstance(a, Project)), None)
            fail(_system_error(error, project.base if project is not None else Path.cwd()))
            sys.exit(2)
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt):
            raise
        except Exception as error:  # a bug of ours: say so plainly, keep the details at hand
            if os.environ.get("PUBLISHER_DEBUG"):
                raise
            fail(
                f"internal error ({type(error).__name__}: {error}); nothing was written. "
                "Please report it; run again with PUBLISHER_DEBUG=1 to see the details."
            )
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
def progress(label: str) -> Iterator[tuple[Callable[[], None], Callable[[int], None]]]:
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


class Project:
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
            raise PublisherError(
                "the project folder does not exist",
                root,
                hint="pass --root DIR pointing at a publishing project",
            )
        if not _is_project(root):
            raise PublisherError(
                f"no publishing project in {root.resolve()}: there is no {CONFIG_NAME} "
                f"(here{' or in any folder above' if self.root is None else ''}) and no "
                f"{CONTENT}/ folder",
                hint="run the command in a project folder, or pass "
                "--root DIR; a new project needs only content/<report>.md",
            )
        content = root / CONTENT
        if content.exists() and not content.is_dir():
            raise PublisherError(
                f"{CONTENT} is a file, not the folder of reports",
                CONTENT,
                hint=f"move it away and put the reports in {CONTENT}/",
            )
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
                f"folder such as site/ or one outside the project",
                param_hint="'--out'",
            )
        return out

    def languages(self, chosen: tuple[str, ...], option: str = "--lang") -> tuple[str, ...]:
        unknown = [lang for lang in chosen if lang not in self.config.languages]
        if unknown:
            raise click.BadParameter(
                f"{', '.join(unknown)} is not one of the project's languages "
                f"({', '.join(self.config.languages)})",
                param_hint=f"'{option}'",
            )
        return chosen


def _has_settings(folder: Path) -> bool:
    config = folder / CONFIG_NAME
    return config.exists() or config.is_symlink()  # a broken link is reported, not skipped


def _is_project(folder: Path) -> bool:
    return _has_settings(folder) or (folder / CONTENT).exists()


def _find_project(here: Path) -> Path:
    """The nearest folder from ``here`` upwards with a settings file, else ``here``."""
    return next((folder for folder in (here, *here.parents) if _has_settings(folder)), here)


pass_project = click.make_pass_decorator(Project)
option_lang = click.option(
    "--lang",
    "-l",
    "languages",
    multiple=True,
    metavar="LANG",
    help="Only this language (repeat for several).",
)


def _shard(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    from publisher.ops.shard import parse_shard

    try:
        return parse_shard(value)
    except ValueError as error:
        raise click.BadParameter(str(error), ctx=ctx, param=param) from None


option_shard = click.option(
    "--shard",
    metavar="K/N",
    default=None,
    callback=_shard,
    help="Only the reports of part K of N (a stable split by report, for CI job matrices).",
)


LISTED = 20


def language_pair(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    parts = tuple(part.strip() for part in value.split(","))
    if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
        raise click.BadParameter(
            "give two different languages, such as en,ja", param_hint="'--bilingual'"
        )
    return parts[0], parts[1]
