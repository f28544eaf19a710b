"""The commands: ``publisher update | status | check | build``.

Only the command line prints. Each command checks its options, makes one call into the library and
shows what comes back. Bad input (a :class:`PublisherError`) is reported as ``file:line:
message`` with exit code 2; a failed gate exits with 1.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from publisher import __version__
from publisher.cli.support import (
    Project,
    a_number,
    fail,
    handles_errors,
    option_lang,
    option_shard,
    pass_project,
    progress,
    shown,
)
from publisher.errors import PublisherError

if TYPE_CHECKING:
    from publisher.ops.shard import Shard
    from publisher.ops.status import Status


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The publishing project folder.  [default: the nearest folder from here "
    "upwards with a publisher.toml]",
)
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
        fail(str(error))
        sys.exit(2)
    ctx.obj = Project(root)


@cli.command()
@option_lang
@click.option(
    "--report",
    "reports",
    multiple=True,
    metavar="SLUG",
    help="Only this report (repeat for several).",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if anything would change.")
@click.option(
    "--prune",
    is_flag=True,
    help="Remove the templates and catalogs of reports that are gone from content/.",
)
@option_shard
@pass_project
@handles_errors
def update(
    project: Project,
    languages: tuple[str, ...],
    reports: tuple[str, ...],
    check: bool,
    prune: bool,
    shard: Shard | None,
) -> None:
    """Extract reports into templates and merge them into every catalog."""
    from publisher.ops.update import update as run_update
    from publisher.runtime.fsutil import project_lock

    config = project.config
    languages = project.languages(languages)
    with progress("updating") as (tick, sized):
        if check:
            result = run_update(config, languages, reports, True, tick, sized, shard=shard)
        else:
            with project_lock(config.root):
                result = run_update(
                    config, languages, reports, False, tick, sized, prune, shard=shard
                )
    for change in result.changes:
        verb = f"would be {change.action}" if check else change.action
        notes = [note for note in (change.note, change.entries and str(change.entries)) if note]
        click.echo(f"{change.path}: {verb}" + (f" ({'; '.join(notes)})" if notes else ""))
    for path in result.orphans:
        if result.pruned:
            click.echo(f"{path}: removed (its report is gone)")
        else:
            click.echo(
                f"warning: {path}: its report is gone from content/; its translations stay "
                "until you run `publisher update --prune`",
                err=True,
            )
    if check and result.changes:
        fail(f"{len(result.changes)} file(s) are out of date; run `publisher update`")
        sys.exit(1)
    if not result.changes and not result.pruned:
        click.echo("everything is up to date" if not check else "up to date", err=check)


@cli.command()
@option_lang
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "markdown", "html"]),
    default="table",
    show_default=True,
    help="How to show the figures.",
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="PCT",
    default=None,
    callback=lambda ctx, param, value: a_number(value, param),
    help="Exit 1 when a selected language has less than PCT % of words translated.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Site folder for --format html.  [default: site/ in the project]",
)
@pass_project
@handles_errors
def status(
    project: Project,
    languages: tuple[str, ...],
    fmt: str,
    fail_under: float | None,
    out: Path | None,
) -> None:
    """Show how much of each report is translated, per language."""
    import json
    from contextlib import ExitStack

    from publisher.ops.status import collect
    from publisher.ops.statusviews import as_json, as_markdown, as_table
    from publisher.runtime.fsutil import project_lock

    config = project.config
    languages = project.languages(languages)
    with ExitStack() as held:
        if fmt == "html":  # it writes the site: refused at once while another run writes
            held.enter_context(project_lock(config.root))
        result = collect(config, languages)
        if fmt == "json":
            click.echo(json.dumps(as_json(result), ensure_ascii=False, indent=2))
        elif fmt == "markdown":
            click.echo(as_markdown(result), nl=False)
        elif fmt == "html":
            _dashboard(project, result, languages, out)
        else:
            colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")  # no-color.org
            import shutil

            width = shutil.get_terminal_size((0, 0)).columns if sys.stdout.isatty() else 0
            click.echo(as_table(result, config.threshold, colour, width), color=colour)
    if fail_under is not None:
        low = [
            f"{lang} {cover.percent:g}%"
            for lang, cover in result.languages.items()
            if cover.percent < fail_under
        ]
        if low:
            fail(f"below {fail_under:g}%: {', '.join(low)}")
            sys.exit(1)


def _dashboard(
    project: Project, result: Status, languages: tuple[str, ...], out: Path | None
) -> None:
    """Write the status dashboard into the site (the project lock held)."""
    from publisher.ops.statusviews import dashboard_pages
    from publisher.runtime.cache import CACHE_DIR, digest_bytes
    from publisher.runtime.fsutil import Transaction

    config = project.config
    out = project.output(out)
    target = out if out is not None else config.root / "site"
    # As build does: a marker while files are staged, so that a killed run's temporary
    # files are swept by the next one.
    marker = (
        config.root
        / CACHE_DIR
        / (f"status-{digest_bytes(str(target.resolve()).encode())[:12]}.incomplete")
    )
    with Transaction(marker, (target / "status",)) as transaction:
        transaction.begin()
        for path, html in dashboard_pages(
            result, languages or config.languages, config.title, config.threshold
        ):
            transaction.stage(target / path, html.encode("utf-8"))
    click.echo(f"dashboard written to {target / 'status' / 'index.html'}")


@cli.command()
@option_lang
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@option_shard
@pass_project
@handles_errors
def check(project: Project, languages: tuple[str, ...], fmt: str, shard: Shard | None) -> None:
    """Check translations for broken markup, lost numbers, terms and punctuation."""
    import itertools

    from publisher.ops.check.review import review
    from publisher.runtime.jsontext import indented_pieces

    config = project.config
    findings = review(config, project.languages(languages), shard)
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    if fmt == "json":
        # Written as it is made, a finding at a time (the same text as one json.dumps): for
        # an archive of thousands of reports, the whole text would be hundreds of megabytes.
        data = {
            "findings": (f.record() for f in findings),
            "summary": {"errors": errors, "warnings": warnings},
        }
        pieces = indented_pieces(data, 2, depth=2)
        while batch := "".join(itertools.islice(pieces, 2048)):
            click.echo(batch, nl=False)
        click.echo()
    else:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")  # no-color.org
        for f in findings:
            tint = "red" if f.severity == "error" else "yellow"
            label = click.style(f.severity, fg=tint, bold=True) if colour else f.severity
            click.echo(
                f"{shown(f.file)}:{f.line}: {label} [{f.code}] {shown(f.message)}", color=colour
            )
            excerpt = f.msgid if len(f.msgid) <= 70 else f.msgid[:69] + "…"
            click.echo(f"    msgid: {shown(excerpt)}")
        click.echo(f"{errors} error(s), {warnings} warning(s)")
    if errors:
        sys.exit(1)


def main() -> None:
    """Entry point of the ``publisher`` console script."""
    cli(prog_name="publisher")
