"""The pages a build makes of all the reports (index pages, feeds, sitemap), and whether
they must be made again.

They depend on every edition the output folder holds, of every report, so they are made
from the next manifest's entries, read one at a time, and only when what they are made of
changed since the cache last saw them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from publisher.config import Config
from publisher.editions.builder import Builder, Output, Site, SiteIndex
from publisher.editions.pages import Text
from publisher.ops.manifest import Manifest
from publisher.runtime.cache import Cache, new_digest
from publisher.runtime.table import Table, as_text

__all__ = ["SITE_PAGES", "site_pages"]

SITE_PAGES = " site pages"
"""The cache key of their record: a key no report slug has."""


def site_pages(
    config: Config,
    site: Site,
    builder: Builder,
    cache: Cache,
    manifest: Manifest,
    chosen: tuple[str, ...],
    titles: dict[str, Text],
) -> tuple[dict[str, Any], Iterator[Output]]:
    """The record of the pages (their key, to be completed with their outputs and files)
    and the pages, made as they are taken; no pages when the cache knows them up to date."""
    pdfs = manifest.editions.get("pdf", {}) if builder.format != "pdf" else {}
    listed = manifest.editions.get(builder.format, {})

    def load(key: str) -> Mapping[str, Any]:
        entry = listed[key]
        pdf = pdfs.get(key, {})
        if "size" not in pdf:
            return entry
        return {**entry, "pdf": {"page": pdf["page"], "size": pdf["size"]}}

    def text(key: str) -> str | None:
        return listed.text(key) if isinstance(listed, Table) and key not in pdfs else None

    editions = Table(listed, load, text)
    # What the pages are made of, digested an edition at a time (never one text of all).
    digest = new_digest()
    for key in editions:
        digest.update((editions.text(key) or as_text(editions[key])).encode())
        digest.update(b"\0")
    for part in ([[t.text, t.lang] for t in titles.values()], chosen):
        digest.update(json.dumps(part, ensure_ascii=False, sort_keys=True).encode())
        digest.update(b"\0")
    key = digest.hexdigest()
    record = cache.fresh(SITE_PAGES)
    if record is not None and record.get("key") == key and isinstance(record.get("outputs"), dict):
        return {"outputs": record["outputs"], "files": {}}, iter(())
    pages = builder.site_files(SiteIndex(site, chosen, editions, titles))
    return {"key": key, "outputs": {}, "files": {}}, pages
