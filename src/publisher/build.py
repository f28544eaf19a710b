"""``publisher build``: every published edition of every report, index pages and a sitemap.

Reports are independent, so each is built on its own (on all cores when there are many); a
report whose source, catalogs, outputs and revision did not change since the last build is
skipped, and what the index pages need of it comes from the cache.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .cache import CACHE_DIR, Cache, digest_bytes, jobs_wanted, new_digest
from .config import CONFIG_NAME, Config
from .editions import ReportEditions, editions_of
from .fsutil import Staged, Transaction, discard, stage
from .pages import IndexEntry, Link, Page, Text, href, render_chunks
from .pool import ordered_map
from .project import LOCALES, Report, catalog_path, discover, relative
from .provenance import Revision, revisions
from .site import Site, index_entry, report_page, site_title
from .sitecatalog import SITE, site_translations
from .ui import language_name, ui_strings

__all__ = ["Skipped", "BuildResult", "build"]


@dataclass(frozen=True, slots=True)
class Skipped:
    """An edition left out because too little of it is translated."""

    report: str
    language: str
    percent: float
    threshold: float


@dataclass(frozen=True, slots=True)
class BuildResult:
    written: tuple[Path, ...]
    """Files created or changed (unchanged files are not rewritten)."""
    editions: int
    """Editions published (written now or already up to date)."""
    skipped: tuple[Skipped, ...]
    rejected: tuple[tuple[str, str, str], ...]
    """(report, language, msgid) of translations left out because they would break the page."""


@dataclass(frozen=True, slots=True)
class _Task:
    site: Site
    report: Report
    languages: tuple[str, ...]
    force: bool
    bilingual: tuple[str, str] | None
    revision: Revision
    titles: dict[str, Text]


@dataclass(slots=True)
class _Built:
    """One report's share of the build (sent back from a worker process)."""

    staged: list[Staged] = field(default_factory=list)
    summary: str = ""
    """editions, skipped, rejected, index entries, sitemap: what a cached run must repeat.

    Kept as compact JSON: a build holds one per report until the index pages are made, and
    a string is a fraction of the size of the nested dicts it stands for."""
    files: dict[str, str] = field(default_factory=dict)


def _published(config: Config, editions: ReportEditions, force: bool) -> dict[str, bool]:
    return {lang: lang == editions.source_language or force
            or editions.percent[lang] >= config.threshold for lang in editions.editions}


def _build_report(task: _Task) -> _Built:
    built = _Built()
    try:
        return _build_one(task, built)
    except BaseException:
        discard(built.staged)
        raise


def _build_one(task: _Task, built: _Built) -> _Built:
    site, report, config = task.site, task.report, task.site.config
    # Web pages link every published edition, so they need them all; Markdown does not.
    editions = editions_of(config, report, () if site.suffix == "html" else task.languages)
    published = _published(config, editions, task.force)
    summary: dict[str, Any] = {"editions": 0, "skipped": [], "rejected": [], "index": {},
                               "sitemap": {}}
    outputs: list[tuple[str, str]] = []
    for language in task.languages:
        if language not in editions.editions:
            continue
        edition = editions.editions[language]
        summary["rejected"] += [[report.slug, language, editions.document.units[i].msgid]
                                for i in edition.rejected]
        if not published[language]:
            summary["skipped"].append([report.slug, language, editions.percent[language]])
            continue
        summary["editions"] += 1
        if site.suffix == "html":
            outputs.append((site.page(language, report.slug), report_page(
                site, editions, language, published, task.revision, task.titles[language])))
        else:
            outputs.append((site.page(language, report.slug), edition.text))
        summary["index"][language] = index_entry(site, editions, language, report)
    summary["sitemap"] = {lang: site.page(lang, report.slug)
                          for lang in config.languages if published.get(lang)}
    summary["lastmod"] = task.revision.date[:10]
    built.summary = json.dumps(summary, ensure_ascii=False, sort_keys=True,
                               separators=(",", ":"))
    if task.bilingual and site.suffix == "html":
        from .bilingual import bilingual_page

        page = bilingual_page(site, editions, task.bilingual, published,
                              task.titles[task.bilingual[0]])
        if page is not None:
            outputs.append(page)
    sources = [report.path] + [catalog_path(config, lang, report) for lang in editions.editions
                               if lang != editions.source_language]
    built.files = {str(path.relative_to(config.root)): _digest(path) for path in sources}
    for name, text in outputs:
        data = text.encode("utf-8")
        item = stage(site.out / name, data)
        if item is not None:
            built.staged.append(item)
        built.files[_relative(config, site.out / name)] = digest_bytes(data)
    return built


def _digest(path: Path) -> str:
    try:
        return digest_bytes(path.read_bytes())
    except FileNotFoundError:
        return "-"


def _relative(config: Config, path: Path) -> str:
    try:
        return str(path.relative_to(config.root))
    except ValueError:
        return str(path)


def _salt(config: Config, site: Site, languages: tuple[str, ...], force: bool,
          bilingual: tuple[str, str] | None) -> str:
    parts = [site.suffix, str(site.out.resolve()), ",".join(languages), str(force),
             ",".join(bilingual or ())]
    for path in [config.root / CONFIG_NAME, *sorted((config.root / LOCALES).glob(
            f"*/{SITE}.po"))]:
        parts.append(_digest(path))
    return digest_bytes("\0".join(parts).encode())


def build(config: Config, languages: tuple[str, ...] = (), fmt: str = "html",
          out: Path | None = None, force: bool = False,
          bilingual: tuple[str, str] | None = None, tick: Callable[[], None] | None = None,
          sized: Callable[[int], None] | None = None) -> BuildResult:
    """Build the editions into ``out`` (``site/`` by default). Nothing is written on error."""
    site = Site(config, out if out is not None else config.root / "site",
                "html" if fmt == "html" else "md")
    chosen = languages or config.languages
    target = digest_bytes(f"{site.suffix}:{site.out.resolve()}".encode())[:12]
    cache = Cache(config.root, f"build-{target}", salt=_salt(config, site, chosen, force,
                                                              bilingual))
    revs = revisions(config.root)
    translated = {lang: t.texts.get(config.title, "")
                  for lang, t in site_translations(config).items()}
    titles = {lang: site_title(config, lang, translated) for lang in config.languages}
    reports = discover(config)
    summaries: dict[str, str] = {}
    tasks = []
    for report in reports:
        revision = revs.get(report.reference, Revision("", ""))
        record = cache.fresh(report.slug)
        if record is not None and record.get("revision") == list(_revision_key(revision)) \
                and isinstance(record.get("summary"), str):
            summaries[report.slug] = record["summary"]
        else:
            tasks.append(_Task(site, report, chosen, force, bilingual, revision, titles))
    if sized:
        sized(len(tasks))
    written: list[Path] = []
    files_now: dict[str, dict[str, str]] = {}
    marker = config.root / CACHE_DIR / f"build-{target}.incomplete"
    with Transaction(marker, (site.out,)) as transaction:
        if tasks:
            transaction.begin()
        try:
            for task, built in zip(tasks, ordered_map(_build_report, tasks,
                                                      jobs_wanted(len(tasks)), tick)):
                transaction.adopt(built.staged)
                written += [item.target for item in built.staged]
                summaries[task.report.slug] = built.summary
                files_now[task.report.slug] = built.files
        except BaseException:
            transaction.rollback()
            raise
        ordered = [summaries[r.slug] for r in reports]
        # Index pages and the sitemap depend on every report's summary: redone only when
        # one of those (or a page) changed.
        pages_key = _pages_key(ordered, titles)
        site_record = None
        record = cache.fresh(_SITE_PAGES)
        if record is None or record.get("key") != pages_key:
            pages = {}
            for name, text in _site_pages(config, site, chosen, ordered, titles):
                digest = new_digest()
                if transaction.stage_chunks(site.out / name, [text] if isinstance(
                        text, str) else text, digest):
                    written.append(site.out / name)
                pages[_relative(config, site.out / name)] = digest.hexdigest()
            site_record = {"files": pages, "key": pages_key}
    for task in tasks:
        cache.adopt(task.report.slug, {"files": files_now[task.report.slug],
                                       "summary": summaries[task.report.slug],
                                       "revision": list(_revision_key(task.revision))})
    if site_record is not None:
        cache.adopt(_SITE_PAGES, site_record)
    cache.save()
    return BuildResult(
        written=tuple(relative(config.root, p) for p in written),
        editions=sum(s["editions"] for s in _decoded(ordered)),
        skipped=tuple(Skipped(r, lang, pct, config.threshold)
                      for s in _decoded(ordered) for r, lang, pct in s["skipped"]),
        rejected=tuple(tuple(item) for s in _decoded(ordered) for item in s["rejected"]))


def _decoded(summaries: list[str]) -> Iterator[dict[str, Any]]:
    """The reports' summaries one at a time (never all of them decoded at once)."""
    return (json.loads(text) for text in summaries)


def _pages_key(summaries: list[str], titles: dict[str, Text]) -> str:
    digest = new_digest()
    for text in summaries:
        digest.update(text.encode("utf-8"))
        digest.update(b"\0")
    digest.update(json.dumps([(t.text, t.lang) for t in titles.values()]).encode())
    return digest.hexdigest()


_SITE_PAGES = " site pages"  # a key no report slug can have


def _revision_key(revision: Revision) -> tuple[str, str, bool]:
    return (revision.commit, revision.date, revision.modified)


def _site_pages(config: Config, site: Site, languages: tuple[str, ...],
                summaries: list[str], titles: dict[str, Text]
                ) -> Iterator[tuple[str, str | Iterator[str]]]:
    """Every page made of all the reports; long ones as pieces, straight from the template."""
    for language in languages:
        entries = [s["index"][language] for s in _decoded(summaries)
                   if language in s["index"]]
        # Newest first; reports of the same date by slug.
        entries.sort(key=lambda e: e["slug"])
        entries.sort(key=lambda e: e["date_iso"], reverse=True)
        yield from _language_index(config, site, language, entries, titles[language])
    if site.suffix == "html":
        yield "index.html", _root_index(config, summaries, titles)
        yield "sitemap.xml", _sitemap(site, summaries)
        yield "assets/style.css", resources.files("publisher").joinpath(
            "static/style.css").read_text("utf-8")


def _language_index(config: Config, site: Site, language: str, entries: list[dict],
                    title: Text) -> Iterator[tuple[str, str | Iterator[str]]]:
    path = f"{language}/index.{site.suffix}"
    ui = ui_strings(language)
    if site.suffix == "md":
        lines = [f"# {ui['reports']}", ""]
        lines += [f"- [{e['title']}]({href(path, e['page'])})" +
                  (f" ({e['dates']})" if e["dates"] else "") for e in entries]
        yield path, "\n".join(lines) + "\n"
        return
    items = [IndexEntry(href=href(path, e["page"]), title=Text(e["title"], e["title_lang"]),
                        dates=e["dates"], date_iso=e["date_iso"],
                        percent=e["percent"], share=e["share"]) for e in entries]
    links = tuple(Link(lang, href(path, f"{lang}/index.html"), language_name(lang),
                       lang == language) for lang in config.languages)
    page = Page(language=language, title=ui["reports"], site_title=title,
                root=site.root(path), home=href(path, f"{language}/index.html"),
                alternates=tuple(Link(lang, site.url(path, f"{lang}/index.html"))
                                 for lang in config.languages), switcher=links)
    yield path, render_chunks("language_index.html", page, entries=items)


def _root_index(config: Config, summaries: list[str],
                titles: dict[str, Text]) -> Iterator[str]:
    language = config.source_language
    page = Page(language=language, title=config.title or "Reports",
                site_title=titles[language], root="", home="index.html")
    counts = dict.fromkeys(config.languages, 0)
    for summary in _decoded(summaries):
        for lang in summary["sitemap"]:
            if lang in counts:
                counts[lang] += 1
    return render_chunks("root_index.html", page, languages=[
        {"hreflang": lang, "href": f"{lang}/index.html", "name": language_name(lang),
         "count": counts[lang] or ""} for lang in config.languages])


def _sitemap(site: Site, summaries: list[str]) -> Iterator[str]:
    def urls() -> Iterator[dict[str, Any]]:  # made as the template goes: one report at a time
        for summary in _decoded(summaries):
            pages = summary["sitemap"]
            alternates = [{"hreflang": lang, "href": site.url("sitemap.xml", page)}
                          for lang, page in pages.items()]
            for page in pages.values():
                yield {"loc": site.url("sitemap.xml", page),
                       "lastmod": summary.get("lastmod", ""), "alternates": alternates}

    return render_chunks("sitemap.xml", None, urls=urls())
