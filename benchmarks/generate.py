"""Generate a realistic publishing project (an "archive") for the benchmarks.

The archive is made from the sample project's own reports and their translations: every
translated entry of the sample catalogs becomes an aligned segment (English, Japanese and
Korean text of the same passage), split into aligned sentences where all three languages
have the same number of sentences. Each generated report recombines such segments with a
seeded random generator into a document of 1,000 to 3,000 words (counted on the English
text of the segments, so Korean- and Japanese-source reports carry as much content) with
front matter, headings, paragraphs, lists, tables, block quotes, footnotes, links and bold
glossary terms. The text is varied so that the messages of different reports differ:
numbers are remapped, report numbers, dates and session numbers are inserted through
phrase templates that exist in all three languages, and some source words are swapped.

Because every passage is known in all three languages, each unit's translation is
composed alongside its source. The catalogs are then made the way a real project gets
them: ``publisher update`` runs once on the new project (creating the templates and empty
catalogs), the translations are filled into the catalogs with ``publisher.po.read`` and
``publisher.po.write`` (about 70 % of the entries per catalog on average, a few fuzzy
entries with a ``#| msgid`` previous source, a few obsolete ones), and ``publisher update``
runs a second time, so that the archive is exactly what ``update`` leaves behind (a third
run changes nothing, as it does in a project under version control).

Mostly English-source reports (80 %), some Korean-source (12 %) and Japanese-source (8 %);
each has two target languages. The output is byte-for-byte the same for a given seed and
number of reports (``SOURCE_DATE_EPOCH`` is fixed for the ``update`` runs).

Usage (with the project's venv, which has the ``publisher`` package)::

    .venv/bin/python benchmarks/generate.py --reports 2000 --seed 1 --out /tmp/archive
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from publisher.po.header import set_header_fields
from publisher.po.model import Message
from publisher.po.read import read_catalog
from publisher.po.write import format_catalog

LANGS = ("en", "ja", "ko")
#: The fixed "now" of the generated project: POT-Creation-Date and revision dates.
EPOCH = 1735689600  # 2025-01-01 00:00 UTC
ROOT = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------- language data

#: Phrase templates inserted before a sentence's final punctuation, in each language.
#: Fields: r report number, s section, a annex letter, t table number, y year, m month,
#: d day, i interview number, k a count.
INSERTS = [
    {"en": " (Report No. {r}, section {s})", "ja": "（報告第{r}号、第{s}節）",
     "ko": "(보고서 제{r}호, 제{s}절)"},
    {"en": " (see Annex {a})", "ja": "（付録{a}参照）", "ko": "(부록 {a} 참조)"},
    {"en": " (interview {i}, {d} {mname} {y})", "ja": "（{y}年{m}月{d}日のインタビュー{i}）",
     "ko": "({y}년 {m}월 {d}일 인터뷰 {i})"},
    {"en": " (Table {t})", "ja": "（表{t}）", "ko": "(표 {t})"},
    {"en": " in {y}", "ja": "（{y}年）", "ko": "({y}년)"},
]

#: Whole sentences with numbers, links and bold glossary terms, in each language.
SENTENCES = [
    {"en": "Participants from {k} institutions took part in session {s}.",
     "ja": "セッション{s}には{k}の機関から参加者が加わった。",
     "ko": "세션 {s}에는 {k}개 기관의 참가자가 함께했다."},
    {"en": "The full record is available in [the archive of report {r}](https://example.org/reports/{r}/session-{s}).",
     "ja": "全記録は[報告第{r}号のアーカイブ](https://example.org/reports/{r}/session-{s})で閲覧できる。",
     "ko": "전체 기록은 [보고서 제{r}호 아카이브](https://example.org/reports/{r}/session-{s})에서 볼 수 있다."},
    {"en": "On **{term_en}**, views diverged in session {s}.",
     "ja": "**{term_ja}**については、セッション{s}で意見が分かれた。",
     "ko": "**{term_ko}**에 대해서는 세션 {s}에서 의견이 갈렸다."},
    {"en": "A follow-up meeting was held on {d} {mname} {y} with {k} experts.",
     "ja": "{y}年{m}月{d}日には{k}名の専門家による追加会合が開かれた。",
     "ko": "{y}년 {m}월 {d}일에는 전문가 {k}명이 참석한 후속 회의가 열렸다."},
    {"en": "Survey data from {y} show that {k} per cent of respondents favoured closer ties.",
     "ja": "{y}年の調査では、回答者の{k}％がより緊密な関係を支持した。",
     "ko": "{y}년 조사에서는 응답자의 {k}%가 더 긴밀한 관계를 지지했다."},
    {"en": "Annex {a} lists the {k} recommendations of the working group on `{code}`.",
     "ja": "付録{a}には、`{code}`に関する作業部会の{k}項目の提言を掲載した。",
     "ko": "부록 {a}에는 `{code}`에 관한 실무 그룹의 권고 {k}개가 실려 있다."},
]

#: Short front-matter / title templates.
TITLE = {"en": "{title}: Report No. {r}", "ja": "{title}（報告第{r}号）",
         "ko": "{title}(보고서 제{r}호)"}
HEADING = {"en": "{s}. {text}", "ja": "{s}. {text}", "ko": "{s}. {text}"}
SUBHEADING = {"en": "{s}.{u} {text}", "ja": "{s}.{u} {text}", "ko": "{s}.{u} {text}"}

LOCATIONS = [
    {"en": "Tokyo, Japan", "ja": "日本・東京", "ko": "일본 도쿄"},
    {"en": "Seoul, Republic of Korea", "ja": "韓国・ソウル", "ko": "한국 서울"},
    {"en": "Hiroshima, Japan", "ja": "日本・広島", "ko": "일본 히로시마"},
    {"en": "Busan, Republic of Korea", "ja": "韓国・釜山", "ko": "한국 부산"},
    {"en": "Jeju, Republic of Korea", "ja": "韓国・済州", "ko": "한국 제주"},
    {"en": "Osaka, Japan", "ja": "日本・大阪", "ko": "일본 오사카"},
    {"en": "Online", "ja": "オンライン", "ko": "온라인"},
]
ORGANISERS = [
    {"en": "Toda Peace Institute", "ja": "戸田記念国際平和研究所", "ko": "도다평화연구소"},
    {"en": "Sejong Institute", "ja": "世宗研究所", "ko": "세종연구소"},
]
CODES = ["data-sharing", "hotline", "exchange-2.0", "visa-waiver", "youth-forum", "archives"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
#: Source-only word swaps, so that msgids vary beyond numbers (the translation keeps its
#: wording, as a translator's version would).
SYNONYMS = {
    "en": {
        "significant": ["considerable", "notable", "marked"],
        "important": ["vital", "essential", "central"],
        "stable": ["steady", "durable", "secure"],
        "discuss": ["examine", "debate", "consider"],
        "cooperation": ["collaboration", "partnership", "coordination"],
        "experts": ["specialists", "scholars", "analysts"],
        "regional": ["wider regional", "East Asian", "northeast Asian"],
        "historical": ["historic", "past", "long-standing"],
        "agreed": ["concurred", "accepted", "affirmed"],
        "challenges": ["difficulties", "problems", "obstacles"],
        "trust": ["confidence", "mutual trust", "goodwill"],
        "workshop": ["meeting", "seminar", "dialogue"],
        "policies": ["approaches", "strategies", "positions"],
        "tensions": ["frictions", "strains", "rivalries"],
    },
    "ko": {
        "워크숍": ["회의", "세미나", "대화"],
        "참가자들은": ["참석자들은", "전문가들은", "위원들은"],
        "중요성": ["의의", "필요성", "가치"],
        "논의했다.": ["검토했다.", "토론했다.", "짚어 보았다."],
        "협력": ["공조", "협업", "연대"],
    },
    "ja": {
        "ワークショップ": ["会合", "セミナー", "対話"],
        "参加者は": ["出席者は", "専門家は", "委員は"],
        "重要": ["肝要", "不可欠", "大切"],
        "協力": ["連携", "協働", "提携"],
    },
}

_EN_SENTENCE = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“\"(])")
_KO_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_JA_SENTENCE = re.compile(r"(?<=。)")
_FOOTREF = re.compile(r"\[\^[^\]]+\]")
_NUMBER = re.compile(r"(?<![0-9.])[0-9]+(?![0-9]*\.[0-9])")
_ORDINAL = re.compile(r"\b([0-9]+)(st|nd|rd|th)\b")


def _ordinal(match: re.Match[str]) -> str:
    n = int(match.group(1))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def split_sentences(text: str, lang: str) -> list[str]:
    if lang == "ja":
        parts = _JA_SENTENCE.split(text)
    elif lang == "ko":
        parts = _KO_SENTENCE.split(text)
    else:
        parts = _EN_SENTENCE.split(text)
    return [p.strip() for p in parts if p.strip()]


def joiner(lang: str) -> str:
    return "" if lang == "ja" else " "


def en_words(text: str) -> int:
    return len(text.split())


# --------------------------------------------------------------------------- segment pools


@dataclasses.dataclass
class Pools:
    sentences: list[dict[str, str]]
    """Aligned sentences (or whole paragraphs that did not split evenly)."""
    short: list[dict[str, str]]
    """Aligned short texts: headings, table cells, list items, titles."""
    terms: list[dict[str, str]]
    """Glossary terms."""


def _kind(message: Message) -> str:
    label = message.extracted_comments[0] if message.extracted_comments else ""
    return label.split(":")[0].split(",")[0].strip()


def load_pools(sample: Path) -> Pools:
    """Aligned segments from the sample project's reports and catalogs."""
    segments: dict[tuple[str, str], dict[str, str]] = {}
    kinds: dict[tuple[str, str], str] = {}
    for md in sorted((sample / "content").rglob("*.md")):
        slug = md.relative_to(sample / "content").with_suffix("").as_posix()
        text = md.read_text("utf-8")
        meta = yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}
        source = (meta or {}).get("lang", "en")
        for lang in LANGS:
            po = sample / "locales" / lang / f"{slug}.po"
            if lang == source or not po.is_file():
                continue
            catalog = read_catalog(po.read_bytes(), po)
            for m in catalog.messages:
                if not m.translated or "|" in m.msgid or "|" in m.msgstr:
                    continue
                key = (slug, m.msgid)
                seg = segments.setdefault(key, {source: m.msgid})
                seg[lang] = m.msgstr
                kinds[key] = _kind(m)
    sentences: list[dict[str, str]] = []
    short: list[dict[str, str]] = []
    for key, seg in segments.items():
        if set(seg) != set(LANGS):
            continue
        seg = {lang: _FOOTREF.sub("", text).strip() for lang, text in seg.items()}
        kind = kinds[key]
        if kind in ("heading", "table cell", "table header") or (
                kind in ("front-matter field", "list item") and en_words(seg["en"]) <= 12):
            if not seg["en"].isdigit():
                short.append(seg)
            continue
        split = {lang: split_sentences(seg[lang], lang) for lang in LANGS}
        if len({len(v) for v in split.values()}) == 1:
            sentences.extend({lang: split[lang][i] for lang in LANGS}
                             for i in range(len(split["en"])))
        else:
            sentences.append(seg)
    terms = []
    glossary = sample / "locales" / "glossary.csv"
    if glossary.is_file():
        with glossary.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if all(row.get(lang) for lang in LANGS):
                    terms.append({lang: row[lang].split("|")[0] for lang in LANGS})
    if not sentences or not short:
        raise SystemExit(f"no aligned en/ja/ko translations found under {sample}")
    if not terms:
        terms = [dict(o) for o in ORGANISERS]
    return Pools(sentences, short, terms)


# --------------------------------------------------------------------------- composition


class Composer:
    """Builds one report: its Markdown source and each unit's translations."""

    def __init__(self, rng: random.Random, pools: Pools, number: int, source: str,
                 targets: tuple[str, str]) -> None:
        self.rng = rng
        self.pools = pools
        self.number = number
        self.source = source
        self.targets = targets
        self.langs = (source, *targets)
        self.units: dict[str, dict[str, str]] = {}
        self.words = 0
        self.year = 2014 + number % 12
        self.section = 1
        self.title_en = ""

    # -- values for templates

    def _values(self) -> dict[str, object]:
        rng = self.rng
        term = rng.choice(self.pools.terms)
        month = rng.randrange(1, 13)
        return {
            "r": self.number, "s": self.section, "a": rng.choice("ABCDEFGH"),
            "t": rng.randrange(1, 12), "y": self.year - rng.randrange(0, 6), "m": month,
            "mname": MONTHS[month - 1], "d": rng.randrange(1, 29), "i": rng.randrange(1, 40),
            "k": rng.randrange(3, 97), "code": rng.choice(CODES),
            "term_en": term["en"], "term_ja": term["ja"], "term_ko": term["ko"],
        }

    def _fill(self, template: dict[str, str], values: dict[str, object]) -> dict[str, str]:
        return {lang: template[lang].format(**values) for lang in self.langs}

    # -- perturbation

    def _renumber(self, seg: dict[str, str]) -> dict[str, str]:
        """Map every number to another, the same way in all languages."""
        mapping: dict[str, str] = {}
        rng = self.rng
        for match in _NUMBER.finditer(seg["en"]):
            n = match.group()
            if n in mapping:
                continue
            value = int(n)
            if 1900 <= value <= 2100:
                new = value - rng.randrange(0, 12)
            elif value < 10:
                new = rng.randrange(1, 10)
            elif value <= 31:
                new = rng.randrange(10, 29)
            else:
                new = max(1, value + rng.randrange(-value // 2, value // 2 + 2))
            mapping[n] = str(new)
        if not mapping:
            return dict(seg)

        def sub(text: str) -> str:
            return _NUMBER.sub(lambda m: mapping.get(m.group(), m.group()), text)
        out = {lang: sub(seg[lang]) for lang in LANGS}
        out["en"] = _ORDINAL.sub(_ordinal, out["en"])
        return out

    def _swap_words(self, text: str) -> str:
        table = SYNONYMS.get(self.source, {})
        if not table:
            return text
        for word, choices in table.items():
            if word in text and self.rng.random() < 0.5:
                text = text.replace(word, self.rng.choice(choices), 1)
        return text

    def _insert(self, seg: dict[str, str], template: dict[str, str]) -> dict[str, str]:
        values = self._values()
        out = {}
        for lang in self.langs:
            text = seg[lang]
            phrase = template[lang].format(**values)
            end = len(text)
            while end and text[end - 1] in ".。!?！？”’\"":
                end -= 1
            out[lang] = text[:end] + phrase + text[end:]
        return out

    def sentence(self) -> dict[str, str]:
        rng = self.rng
        if rng.random() < 0.18:
            return self._fill(rng.choice(SENTENCES), self._values())
        seg = self._renumber(rng.choice(self.pools.sentences))
        if rng.random() < 0.35:
            seg = self._insert(seg, rng.choice(INSERTS))
        seg = dict(seg)
        seg[self.source] = self._swap_words(seg[self.source])
        return seg

    def short(self) -> dict[str, str]:
        seg = self._renumber(self.rng.choice(self.pools.short))
        seg = dict(seg)
        seg[self.source] = self._swap_words(seg[self.source])
        return seg

    # -- units

    def unit(self, seg: dict[str, str]) -> str:
        """Record a unit's translations and return its source text."""
        text = seg[self.source]
        self.units.setdefault(text, {lang: seg[lang] for lang in self.targets})
        self.words += en_words(seg["en"])
        return text

    def paragraph(self, low: int = 2, high: int = 6, footnote: str | None = None) -> dict[str, str]:
        parts = [self.sentence() for _ in range(self.rng.randint(low, high))]
        seg = {lang: joiner(lang).join(p[lang] for p in parts) for lang in self.langs}
        seg["en"] = " ".join(p["en"] for p in parts)
        if footnote:
            seg = {lang: text + footnote for lang, text in seg.items()}
        return seg

    # -- the document

    def front_matter(self, date: dt.date) -> str:
        rng = self.rng
        title = rng.choice(self.pools.short)
        self.title_en = title["en"]
        values = {"r": self.number}
        meta: dict[str, object] = {
            "title": self.unit({lang: TITLE[lang].format(title=title[lang], **values)
                                for lang in (*self.langs, "en")}),
        }
        if rng.random() < 0.6:
            meta["subtitle"] = self.unit(self.short())
        if rng.random() < 0.4:
            meta["series"] = self.unit(self.short())
        meta["date"] = date
        if rng.random() < 0.5:
            meta["end_date"] = date + dt.timedelta(days=rng.randint(1, 2))
        meta["location"] = self.unit(rng.choice(LOCATIONS))
        organisers = ORGANISERS if rng.random() < 0.7 else [rng.choice(ORGANISERS)]
        meta["organisers"] = [self.unit(o) for o in organisers]
        meta["summary"] = self.unit(self.paragraph(1, 2))
        meta["lang"] = self.source
        dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10**6,
                                default_flow_style=False)
        return f"---\n{dumped}---\n"

    def table(self) -> list[str]:
        rng = self.rng
        columns = rng.randint(2, 4)
        header = [self.unit(self.short()) for _ in range(columns)]
        lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * columns]
        for row in range(rng.randint(2, 6)):
            cells = [str(row + 1)] + [self.unit(self.short()) for _ in range(columns - 1)]
            lines.append("| " + " | ".join(cells) + " |")
        return lines

    def build(self, target_words: int, date: dt.date) -> str:
        rng = self.rng
        blocks: list[str] = []
        footnotes: list[str] = []
        top = self.front_matter(date)

        def footref() -> str | None:
            if rng.random() < 0.25:
                label = str(len(footnotes) + 1)
                footnotes.append(label)
                return f"[^{label}]"
            return None

        for _ in range(rng.randint(1, 3)):
            blocks.append(self.unit(self.paragraph(footnote=footref())))
        while self.words < target_words:
            blocks.append("## " + self.unit(self._heading(HEADING)))
            sub = 0
            for _ in range(rng.randint(1, 4)):
                roll = rng.random()
                if roll < 0.55:
                    blocks.append(self.unit(self.paragraph(footnote=footref())))
                elif roll < 0.72:
                    lines = []
                    if rng.random() < 0.15:
                        lines.append("<!-- i18n: Keep the items short; they are read as a checklist. -->")
                    ordered = rng.random() < 0.3
                    for index in range(rng.randint(2, 6)):
                        item = self.unit(self.sentence() if rng.random() < 0.6 else self.short())
                        lines.append(f"{index + 1}. {item}" if ordered else f"- {item}")
                    blocks.append("\n".join(lines))
                elif roll < 0.82:
                    blocks.append("\n".join(self.table()))
                elif roll < 0.9:
                    blocks.append("> " + self.unit(self.paragraph(1, 3)))
                else:
                    sub += 1
                    blocks.append("### " + self.unit(self._heading(SUBHEADING, sub)))
                    blocks.append(self.unit(self.paragraph(footnote=footref())))
            self.section += 1
        for label in footnotes:
            blocks.append(f"[^{label}]: " + self.unit(self.paragraph(1, 3)))
        return top + "\n" + "\n\n".join(blocks) + "\n"

    def _heading(self, template: dict[str, str], sub: int = 0) -> dict[str, str]:
        text = self.short()
        return {lang: template[lang].format(s=self.section, u=sub, text=text[lang])
                for lang in (*self.langs, "en")}


def _slugify(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words[:5]) or "report"


@dataclasses.dataclass
class Plan:
    slug: str
    source: str
    targets: tuple[str, str]
    units: dict[str, dict[str, str]]
    words: int


def compose_report(seed: int, number: int, pools: Pools) -> tuple[Plan, str]:
    rng = random.Random(f"publisher-bench:{seed}:{number}")
    roll = rng.random()
    source = "en" if roll < 0.80 else "ko" if roll < 0.92 else "ja"
    targets = tuple(lang for lang in LANGS if lang != source)
    composer = Composer(rng, pools, number, source, targets)  # type: ignore[arg-type]
    date = dt.date(composer.year, rng.randint(1, 12), rng.randint(1, 28))
    text = composer.build(rng.randint(1000, 3000), date)
    slug = f"reports/{date.year}/{number:05d}-{_slugify(composer.title_en)}"
    return Plan(slug, source, targets, composer.units, composer.words), text  # type: ignore[arg-type]


# --------------------------------------------------------------------------- catalogs


def _set_header(header: Message, fields: dict[str, str]) -> Message:
    return set_header_fields(header, fields.items())


TEAMS = {"en": "English", "ja": "Japanese", "ko": "Korean"}


def _previous(rng: random.Random, msgid: str) -> str:
    """An earlier version of a source text, for a fuzzy entry's ``#| msgid``."""
    words = msgid.split(" ")
    if len(words) > 4:
        del words[rng.randrange(len(words))]
        return " ".join(words)
    return msgid[: max(1, len(msgid) * 3 // 4)] if len(msgid) > 3 else msgid + " (draft)"


def fill_catalog(path: Path, language: str, plan: Plan, seed: int,
                 stats: dict[str, int]) -> None:
    """Translate about 70 % of a fresh catalog's entries, some fuzzy, a few obsolete."""
    rng = random.Random(f"publisher-bench-po:{seed}:{plan.slug}:{language}")
    catalog = read_catalog(path.read_bytes(), path)
    tier = rng.random()
    ratio = (rng.uniform(0.92, 1.0) if tier < 0.35 else rng.uniform(0.55, 0.85)
             if tier < 0.8 else rng.uniform(0.2, 0.5))
    fuzzy_rate = rng.uniform(0.02, 0.08)
    messages = []
    for m in catalog.messages:
        translation = plan.units.get(m.msgid, {}).get(language)
        if translation is None:
            stats["missing"] += 1
            messages.append(m)
            continue
        stats["entries"] += 1
        roll = rng.random()
        if roll < ratio:
            messages.append(dataclasses.replace(m, msgstr=translation))
            stats["translated"] += 1
        elif roll < ratio + fuzzy_rate:
            messages.append(dataclasses.replace(
                m, msgstr=translation, flags=("fuzzy",),
                previous_msgid=_previous(rng, m.msgid)))
            stats["fuzzy"] += 1
        else:
            messages.append(m)
    if messages and rng.random() < 0.15:
        # Passages the author has since rewritten or removed: their translations are kept.
        keys = {m.msgid for m in messages}
        for _ in range(rng.randint(1, 3)):
            old = rng.choice(messages)
            translation = plan.units.get(old.msgid, {}).get(language)
            withdrawn = _previous(rng, old.msgid)
            if translation and withdrawn not in keys:
                keys.add(withdrawn)
                messages.append(Message(msgid=withdrawn, msgstr=translation, obsolete=True))
                stats["obsolete"] += 1
    when = dt.datetime.fromtimestamp(EPOCH - rng.randrange(0, 86400 * 300), dt.UTC)
    header = _set_header(catalog.header, {
        "PO-Revision-Date": when.strftime("%Y-%m-%d %H:%M+0000"),
        "Last-Translator": f"{TEAMS[language]} translation team <{language}-translation@example.org>",
        "Language-Team": f"{TEAMS[language]} <{language}-translation@example.org>",
    })
    catalog = dataclasses.replace(catalog, header=header, messages=tuple(messages))
    path.write_text(format_catalog(catalog, 79), encoding="utf-8")


# --------------------------------------------------------------------------- driver


def _publisher(explicit: str | None) -> str:
    if explicit:
        return explicit
    beside = Path(sys.executable).with_name("publisher")
    if beside.exists():
        return str(beside)
    found = shutil.which("publisher")
    if not found:
        raise SystemExit("cannot find the publisher command: pass --publisher")
    return found


def _run_update(publisher: str, root: Path, jobs: str | None) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(EPOCH))
    if jobs:
        env["PUBLISHER_JOBS"] = jobs
    result = subprocess.run([publisher, "--root", str(root), "update"], check=False, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise SystemExit(f"publisher update failed ({result.returncode}):\n{result.stderr}")


_POOLS: Pools | None = None
_PLANS: list[Plan] = []
_JOB: dict[str, object] = {}


def _compose_one(number: int) -> Plan:
    """Compose one report and write its source (in a worker process)."""
    assert _POOLS is not None
    plan, text = compose_report(int(_JOB["seed"]), number, _POOLS)  # type: ignore[arg-type]
    path = Path(str(_JOB["out"])) / "content" / f"{plan.slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return plan


def _fill_one(index: int) -> dict[str, int]:
    """Fill the catalogs of one report (in a worker process)."""
    plan = _PLANS[index]
    stats = {"entries": 0, "translated": 0, "fuzzy": 0, "missing": 0, "obsolete": 0}
    for language in plan.targets:
        fill_catalog(Path(str(_JOB["out"])) / "locales" / language / f"{plan.slug}.po",
                     language, plan, int(_JOB["seed"]), stats)  # type: ignore[call-overload]
    return stats


def _map(function, items, workers: int):  # type: ignore[no-untyped-def]
    """``map`` over ``workers`` forked processes, results in order."""
    if workers <= 1:
        return [function(item) for item in items]
    import multiprocessing
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(function, items, chunksize=16)


def generate(out: Path, reports: int, seed: int, sample: Path = ROOT,
             publisher: str | None = None, jobs: str | None = None,
             quiet: bool = False, workers: int | None = None) -> dict[str, object]:
    """Write the archive into ``out`` (which must not exist or be empty)."""
    global _POOLS, _PLANS
    started = time.perf_counter()
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))
    publisher = _publisher(publisher)
    workers = workers or os.cpu_count() or 1
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} is not empty")
    out.mkdir(parents=True, exist_ok=True)
    _POOLS = load_pools(sample)
    _JOB.update(seed=seed, out=str(out))
    for name in ("publisher.toml",):
        if (sample / name).is_file():
            shutil.copy(sample / name, out / name)
    for rel in ("locales/glossary.csv", "locales/ja/_site.po", "locales/ko/_site.po",
                "locales/en/_site.po"):
        if (sample / rel).is_file():
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(sample / rel, out / rel)
    _PLANS = _map(_compose_one, range(1, reports + 1), workers)
    words = sum(plan.words for plan in _PLANS)
    by_source = {lang: sum(plan.source == lang for plan in _PLANS) for lang in LANGS}
    composed = time.perf_counter()
    say(f"composed {reports} reports ({words:,} words) in {composed - started:.1f} s")
    _run_update(publisher, out, jobs)
    first = time.perf_counter()
    say(f"publisher update (creating catalogs): {first - composed:.1f} s")
    stats = {"entries": 0, "translated": 0, "fuzzy": 0, "missing": 0, "obsolete": 0}
    for part in _map(_fill_one, range(len(_PLANS)), workers):
        for key, value in part.items():
            stats[key] += value
    filled = time.perf_counter()
    say(f"filled catalogs in {filled - first:.1f} s: {stats}")
    _run_update(publisher, out, jobs)
    done = time.perf_counter()
    say(f"publisher update (settling catalogs): {done - filled:.1f} s")
    info = {
        "reports": reports, "seed": seed, "words": words, "by_source": by_source,
        "catalog_fill": stats, "seconds": round(done - started, 2),
        "content_bytes": sum(p.stat().st_size for p in (out / "content").rglob("*.md")),
        "catalog_bytes": sum(p.stat().st_size for p in (out / "locales").rglob("*.po")),
        "template_bytes": sum(p.stat().st_size for p in (out / "locales").rglob("*.pot")),
    }
    say(f"archive ready in {done - started:.1f} s: {json.dumps(info)}")
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=2000, help="number of reports (2000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument("--out", type=Path, required=True, help="new folder for the archive")
    parser.add_argument("--sample", type=Path, default=ROOT,
                        help="sample project to take the texts from (this repository)")
    parser.add_argument("--publisher", help="the publisher command (default: beside python)")
    parser.add_argument("--jobs", help="PUBLISHER_JOBS for the update runs")
    parser.add_argument("--workers", type=int,
                        help="processes for composing and filling (default: all cores)")
    parser.add_argument("--info", type=Path, help="also write the summary as JSON here")
    args = parser.parse_args(argv)
    info = generate(args.out, args.reports, args.seed, args.sample, args.publisher, args.jobs,
                    workers=args.workers)
    if args.info:
        args.info.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
