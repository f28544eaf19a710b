"""The site's own translatable text (its title), kept in ``locales/<lang>/_site.po``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from publisher.config import CONFIG_NAME, Config
from publisher.project import LOCALES, TEMPLATES
from publisher.source.units import Translations, Unit, UnitKind
from publisher.workspace import load_catalog, translations_of

__all__ = ["SITE", "site_outputs", "site_translations"]

#: Name of the site catalog; report files starting with ``_`` are never reports, so no clash.
SITE = "_site"


def _catalog_path(config: Config, language: str) -> Path:
    return config.root / LOCALES / language / f"{SITE}.po"


def site_outputs(
    config: Config, languages: tuple[str, ...] = ()
) -> Iterator[tuple[Path, bytes, str]]:
    """Template and catalogs of the site title (nothing when the project has no title)."""
    # (loaded here: a build, which reads the site's catalogs, never writes them)
    from publisher.ops.extract import template_messages
    from publisher.po.merge import build_template, merge
    from publisher.po.write import format_catalog

    if not config.title:
        return
    unit = Unit(msgid=config.title, kind=UnitKind.SITE_TITLE, line=_title_line(config))
    pot = config.root / LOCALES / TEMPLATES / f"{SITE}.pot"
    template = build_template(
        template_messages([unit], CONFIG_NAME), CONFIG_NAME, SITE, load_catalog(config, pot)
    )
    yield pot, format_catalog(template, config.wrap_width).encode("utf-8"), ""
    for language in config.languages:
        if language == config.source_language or (languages and language not in languages):
            continue
        path = _catalog_path(config, language)
        merged = merge(template, load_catalog(config, path, language), language)
        yield path, format_catalog(merged, config.wrap_width).encode("utf-8"), ""


def _title_line(config: Config) -> int:
    try:
        lines = (config.root / CONFIG_NAME).read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((n for n, line in enumerate(lines, 1) if line.strip().startswith("title")), 1)


def site_translations(config: Config, languages: tuple[str, ...] = ()) -> dict[str, Translations]:
    """Translations of the site title, per language (those chosen, or all)."""
    found: dict[str, Translations] = {}
    if not config.title:
        return found
    for language in config.languages:
        if language != config.source_language and (not languages or language in languages):
            found[language] = translations_of(
                load_catalog(config, _catalog_path(config, language), language)
            )
    return found
