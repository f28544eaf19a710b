"""The commands that exchange translations with other tools: ``publisher import`` and
``publisher export``."""

from __future__ import annotations

from pathlib import Path

import click

from publisher.cli.main import cli
from publisher.cli.support import (
    LISTED,
    Project,
    handles_errors,
    option_lang,
    pass_project,
    shown,
)


@cli.command(name="import")
@click.option(
    "--lang",
    "-l",
    "language",
    metavar="LANG",
    default=None,
    help="The language of the translations (else the file's header says it).",
)
@click.option("--overwrite", is_flag=True, help="Replace translations the catalogs already have.")
@click.option("--dry-run", is_flag=True, help="Say what would be imported; write nothing.")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@pass_project
@handles_errors
def import_(
    project: Project, language: str | None, overwrite: bool, dry_run: bool, files: tuple[Path, ...]
) -> None:
    """Take translations from other tools' catalogs (.po), CAT tools' XLIFF (.xlf) and
    translation memories (.tmx) into the project's catalogs.

    Translations are placed by their source text's meaning; nothing translated is replaced
    without --overwrite, and a translation that would break its unit is refused.
    """
    from publisher.ops.importer import import_files
    from publisher.runtime.fsutil import Transaction, project_lock

    config = project.config
    if language is not None:
        project.languages((language,))
    with project_lock(config.root):
        result, writes = import_files(config, files, language, overwrite)
        if not dry_run and writes:
            with Transaction() as transaction:
                for path, data in sorted(writes.items()):
                    transaction.stage(config.root / path, data)
    for report in result.files:
        click.echo(
            f"{report.file} ({report.language}): {report.exact} exact, {report.normalised} "
            f"after normalisation, {report.fuzzy} fuzzy, {report.left} left"
            + (f", {report.same} already in place" if report.same else "")
            + (f", {report.kept} kept (already translated)" if report.kept else "")
            + (f", {len(report.refused)} refused" if report.refused else "")
        )
        for refused in report.refused:
            excerpt = shown(refused.msgid[:60])
            click.echo(
                f"  {refused.file}:{refused.line}: refused: {refused.reason}"
                + (f" (msgid: {excerpt})" if excerpt else ""),
                err=True,
            )
    verb = "would change" if dry_run else "changed"
    click.echo(
        f"{len(result.written)} file(s) {verb}"
        + (": " if result.written else "")
        + ", ".join(str(p) for p in result.written[:LISTED])
    )


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xliff", "tmx"]),
    required=True,
    help="XLIFF 1.2 per report and language, or TMX 1.4b per language pair.",
)
@option_lang
@click.option(
    "--report",
    "reports",
    multiple=True,
    metavar="SLUG",
    help="Only this report (repeat for several).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder.  [default: export/ in the project]",
)
@pass_project
@handles_errors
def export(
    project: Project,
    fmt: str,
    languages: tuple[str, ...],
    reports: tuple[str, ...],
    out: Path | None,
) -> None:
    """Write the catalogs for translators' CAT tools (memoQ, Trados, OmegaT)."""
    from publisher.ops.exporter import export as run_export
    from publisher.runtime.fsutil import Transaction

    config = project.config
    languages = project.languages(languages)
    target = project.output(out) or config.root / "export"
    files = run_export(config, fmt, languages, reports)
    written = 0
    with Transaction() as transaction:
        for item in files:
            written += transaction.stage(target / item.path, item.data)
    for item in files:
        click.echo(f"{target / item.path}: {item.units} unit(s)")
    click.echo(f"{len(files)} file(s) exported, {written} written")
