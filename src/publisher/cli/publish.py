"""The commands that make editions: ``publisher build`` and ``publisher serve``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from publisher.cli.main import cli
from publisher.cli.support import (
    LISTED,
    Project,
    fail,
    handles_errors,
    language_pair,
    option_lang,
    option_shard,
    pass_project,
    progress,
)

if TYPE_CHECKING:
    from publisher.ops.shard import Shard


@cli.command()
@option_lang
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "md", "pdf"]),
    default="html",
    show_default=True,
    help="Web pages, Markdown editions (into site-md/), or PDF files.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder.  [default: site/ (site-md/ for Markdown) in the project]",
)
@click.option("--force", is_flag=True, help="Also build editions below the threshold.")
@click.option(
    "--bilingual",
    metavar="A,B",
    default=None,
    help="Also build side-by-side editions of languages A and B.",
)
@click.option("--drafts", is_flag=True, help="Also build reports marked draft: true.")
@option_shard
@click.option(
    "--merge",
    "parts",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="DIR",
    help="Make one site of the --out folders of a --shard build (repeat for each part).",
)
@pass_project
@handles_errors
def build(
    project: Project,
    languages: tuple[str, ...],
    fmt: str,
    out: Path | None,
    force: bool,
    bilingual: str | None,
    drafts: bool,
    shard: Shard | None,
    parts: tuple[Path, ...],
) -> None:
    """Build each language edition of every report, with index pages."""
    from publisher.ops.build import build as run_build
    from publisher.runtime.fsutil import project_lock

    config = project.config
    languages = project.languages(languages)
    out = project.output(out)
    pair = language_pair(bilingual)
    if pair:
        project.languages(pair, "--bilingual")
    if parts and (shard or languages or pair or force or drafts):
        raise click.UsageError("--merge takes only --format and --out: the parts say the rest")
    if parts:
        from publisher.ops.merge import merge

        with project_lock(config.root):
            result = merge(config, fmt, parts, out)
        click.echo(
            f"{result.editions} edition(s) in {result.out} from {len(parts)} part(s); "
            f"{len(result.written)} file(s) written"
            + (f", {len(result.removed)} removed" if result.removed else "")
        )
        return
    with project_lock(config.root), progress("building") as (tick, sized):
        result = run_build(
            config, languages, fmt, out, force, pair, drafts, tick, sized, shard=shard
        )
    for skipped in result.skipped[:LISTED]:
        click.echo(
            f"skipped {skipped.language}/{skipped.report}: {skipped.percent:g}% "
            f"translated, below the threshold of {skipped.threshold:g}% "
            "(use --force to build it anyway)",
            err=True,
        )
    if len(result.skipped) > LISTED:
        click.echo(
            f"... and {len(result.skipped) - LISTED} more editions below the threshold "
            "(`publisher status` lists them all)",
            err=True,
        )
    for slug in result.drafts[:LISTED]:
        click.echo(f"skipped {slug}: it is a draft (use --drafts to build it anyway)", err=True)
    for path in result.empty:
        click.echo(f"warning: {path}: the report is empty, so it is not published", err=True)
    for rejected in result.rejected:
        click.echo(
            f"warning: {rejected.language}/{rejected.report}: a translation would break "
            f"the page and was left out: {rejected.msgid[:60]!r}",
            err=True,
        )
    for path in result.changed:
        click.echo(
            f"note: {path} is no longer built, but it was changed since publisher wrote it: "
            "left in place",
            err=True,
        )
    if fmt == "html" and not config.base_url and shard is None:
        click.echo(
            "note: no sitemap.xml, as a sitemap needs the site's public address: set "
            "[build] base_url in publisher.toml",
            err=True,
        )
    target = result.out
    removed = f", {len(result.removed)} removed" if result.removed else ""
    click.echo(
        f"{result.editions} edition(s) in {target}; {len(result.written)} file(s) written{removed}"
    )


@cli.command()
@option_lang
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port on 127.0.0.1 (0: any free one).",
)
@pass_project
@handles_errors
def serve(project: Project, languages: tuple[str, ...], port: int) -> None:
    """Preview the site on this computer, rebuilt when a report or catalog is saved.

    Every edition is shown, below the threshold and drafts included, and pages reload by
    themselves after a rebuild. Only this computer can connect (127.0.0.1).
    """
    import signal
    import threading

    from publisher.ops.build import BuildResult
    from publisher.ops.serve import serve as run_serve

    config = project.config
    languages = project.languages(languages)
    stop = threading.Event()

    def on_signal(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    def report(kind: str, result: BuildResult | None, error: str) -> None:
        if result is None:
            fail(f"the site could not be rebuilt; still showing the last build\n{error}")
        else:
            click.echo(
                f"{kind}: {result.editions} edition(s), {len(result.written)} file(s) changed",
                err=True,
            )

    run_serve(
        config,
        port,
        languages,
        report,
        stop,
        ready=lambda url: click.echo(f"serving {url} (press Ctrl-C to stop)"),
    )
    click.echo("stopped", err=True)
