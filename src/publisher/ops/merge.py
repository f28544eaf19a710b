"""``publisher build --merge``: one site from the folders of the parts of a sharded build.

Each part (``build --shard K/N --out DIR``) holds its reports' editions and a manifest that
lists them. The merge needs nothing else: it checks that the folders are the N parts of one
build, in one format, each file as its manifest says, then copies every file into the output
folder and makes the index pages, feeds and sitemap from the manifests' editions, as a build
of the whole archive in one run would. An earlier merge's files that no part holds any more
are removed, as ``build`` removes what it no longer makes.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from publisher.config import Config
from publisher.editions.builder import Site
from publisher.editions.formats import builder_for
from publisher.editions.views import site_title
from publisher.errors import PublisherError
from publisher.ops.build import BuildResult, Finishing, default_out, finish
from publisher.ops.build_report import digest_of
from publisher.ops.manifest import MANIFEST, Manifest, Scope, load_manifest
from publisher.ops.shard import parse_shard
from publisher.ops.sitecatalog import site_translations
from publisher.project import relative
from publisher.runtime.cache import CACHE_DIR, Cache, digest_bytes
from publisher.runtime.fsutil import Transaction

__all__ = ["merge"]


def _parts(config: Config, folders: tuple[Path, ...]) -> list[tuple[Path, Manifest]]:
    """The folders' manifests, checked to be the parts 1 to N of one sharded build."""
    parts = []
    seen: dict[int, Path] = {}
    count = 0
    for folder in folders:
        shown = relative(config.root, folder)
        if not (folder / MANIFEST).is_file():
            raise PublisherError(
                f"no {MANIFEST} here: not a folder written by build --shard",
                shown,
                hint="merge the --out folders of 'publisher build --shard K/N'",
            )
        manifest = load_manifest(folder, shown)
        try:
            shard = parse_shard(manifest.shard)
        except ValueError:
            raise PublisherError(
                "this folder holds a whole build, not one part of a sharded one",
                shown,
                hint="merge the --out folders of 'publisher build --shard K/N'",
            ) from None
        if count and shard.count != count:
            raise PublisherError(
                f"part {shard} is of a build in {shard.count} parts, the others in {count}",
                shown,
                hint="merge the parts of one sharded build",
            )
        count = shard.count
        if shard.index in seen:
            raise PublisherError(
                f"part {shard} is given twice (also {relative(config.root, seen[shard.index])})",
                shown,
                hint="give each part's folder once",
            )
        seen[shard.index] = folder
        parts.append((folder, manifest))
    missing = [str(k) for k in range(1, count + 1) if k not in seen]
    if missing:
        raise PublisherError(
            f"part {', '.join(missing)} of {count} is missing"
            if len(missing) == 1
            else f"parts {', '.join(missing)} of {count} are missing",
            relative(config.root, folders[0]),
            hint="merge once every part is built: the index pages list the whole archive",
        )
    return parts


def merge(config: Config, fmt: str, folders: tuple[Path, ...], out: Path | None) -> BuildResult:
    """Make one site in ``out`` from the parts' folders; nothing is written on error."""
    builder = builder_for(fmt)
    site = Site(config, out if out is not None else default_out(config, fmt), builder.suffix)
    if any(folder.resolve() == site.out.resolve() for folder in folders):
        raise PublisherError(
            "the output folder is one of the parts",
            relative(config.root, site.out),
            hint="merge into another folder (--out)",
        )
    parts = _parts(config, folders)
    chosen = config.languages
    scope = Scope(builder.format, chosen, config.languages)
    manifest = load_manifest(site.out, relative(config.root, site.out))
    target = digest_bytes(f"{site.suffix}:{site.out.resolve()}".encode())[:12]
    cache = Cache(config.root, f"build-{target}", salt="merge")
    translated = {
        lang: t.texts.get(config.title, "") for lang, t in site_translations(config, chosen).items()
    }
    titles = {lang: site_title(config, lang, translated) for lang in chosen}
    produced: dict[str, Mapping[str, Any]] = {}
    published: dict[str, Mapping[str, Any]] = {}
    written: list[Path] = []
    removed: list[Path] = []
    changed: list[Path] = []
    marker = config.root / CACHE_DIR / f"build-{target}.incomplete"
    with Transaction(marker, (site.out,)) as transaction:
        transaction.begin()
        for folder, part in parts:
            for name, entry in sorted(part.files.items()):
                if entry.get("format") != builder.format:
                    continue
                path = folder / name
                if digest_of(path) != entry.get("digest"):
                    raise PublisherError(
                        "the file is missing or changed since its part was built",
                        relative(config.root, path),
                        hint="build that part again, then merge",
                    )
                if transaction.stage(site.out / name, path.read_bytes()):
                    written.append(site.out / name)
                produced[name] = entry
            published.update(part.editions.get(builder.format, {}))
        finish(
            Finishing(site, builder, cache, manifest, scope, chosen, titles),
            produced,
            published,
            transaction,
            (written, removed, changed),
        )
    return BuildResult(
        site.out,
        tuple(relative(config.root, p) for p in written),
        tuple(relative(config.root, p) for p in removed),
        len(published),
        (),
        (),
        changed=tuple(relative(config.root, p) for p in changed),
    )
