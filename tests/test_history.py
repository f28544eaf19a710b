"""A scripted history of source edits over fully translated catalogs must lose no translation.

Three reports (English, Japanese, Korean source) are extracted, every target catalog is filled
with pseudo-translations (``JA:`` + the msgid upper-cased, ...) and written back with
``format_catalog``, as a translator's tool would. Then the sources are edited one step at a
time as authors do — typo fixes, rewording, deleting and restoring a paragraph, splitting one,
re-wrapping paragraphs (English, Japanese broken between kanji, Korean), moving and adding
sections — with ``publisher update`` after each step. After every step:

- every unit that did not change (or only moved) keeps exactly its entry: same translation,
  same fuzzy state, same previous msgid;
- an edited unit is fuzzy, carries the old translation and shows the old text as
  ``#| msgid``; the old entry is kept as obsolete with its translation;
- a deleted unit is obsolete and keeps its translation; restoring it brings it back
  translated and not fuzzy;
- a split paragraph gives two entries carrying the old translation;
- a re-wrap changes no byte of any catalog (or, when the number of lines changes, only the
  ``#:`` references and the POT-Creation-Date);
- a new section adds untranslated entries only;
- files of other reports do not change; a second ``update`` changes no byte; the number of
  translations held (active + obsolete) never decreases and no translation text disappears;
- every written file passes ``msgfmt --check`` and is a fixed point of ``msgcat`` at the
  configured width.

The whole history runs once per wrap width (79 and 0); each step is reported as its own test.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from helpers_history import Checker, Project, entry_state, gettext_problems, translations_held
from publisher.po.model import Catalog, Message
from publisher.po.stamp import unstamped

WIDTHS = (79, 0)

# ---------------------------------------------------------------------------- the sources

EN = "reports/2024/workshop"
JA = "reports/2024/ja-summary"
KO = "ko-sessions"

TARGETS = {EN: ("ja", "ko"), JA: ("en", "ko"), KO: ("en", "ja")}

EN_SOURCE = """\
---
title: Visoning the Future of South Korea–Japan Relations
subtitle: Fourth Toda Peace Institute Workshop
date: 2024-11-15
end_date: 2024-11-16
location: Tokyo, Japan
organisers:
  - Toda Peace Institute
  - Sejong Institute
lang: en
---

# Workshop Report

Since 2021, the Toda Peace Institute has colaborated with the Sejong
Institute on a project that brings together key opinion leaders from
Japan and South Korea, including parliamentarians, policymakers,
academics and journalists.

The fourth workshop, held on 15–16 November 2024, was organized by the
Toda Peace Institute to further discussions on bilateral cooperation
and trust-building.[^1] The workshop gathered 14 distinguished experts
from universities and newspapers of both countries.

## Workshop Themes

| Session | Theme | Focus |
| --- | --- | --- |
| 1 | Trump 2.0 and Korea–Japan relations | Multilateral framworks |
| 2 | Unresolved historical issues | Historical memory |

### Session 1: Trump 2.0 and Korea–Japan Relations

- Changing political dynamics and the importance of a
  multilateral framework for the region.
- Differences in Japan and South Korea's policies toward
  North Korea.

### Session 2: Unresolved Historical Issues

1. Ongoing divergent interpretations of historical memory,
   including disputes over wartime forced labour.
2. The possibility of "freezing" historical disputes based on
   past bilateral agreements.

> Participants stressed that trust between neighbours is built
> slowly and lost quickly.

## Conclusion

The workshop concluded with a shared recognition of the challenges
facing bilateral relations amid Northeast Asia's geopolitical
uncertainties. Participants agreed that the stability of the
relationship is integral to regional peace and security.

A summary report in Japanese will be available here.

[^1]: The Treaty on Basic Relations between Japan and the Republic of
    Korea was signed in Tokyo on 22 June 1965.
"""

JA_SOURCE = """\
---
title: 日韓関係の未来を描く
subtitle: 第4回戸田記念国際平和研究所ワークショップ
lang: ja
---

## 概要

戸田記念国際平和研究所と世宗研究所は、2021年から日韓両国の国会
議員、政策決定者、学者、ジャーナリストが参加する対話プロジェクト
を続けている。第4回ワークショップは2024年11月に東京で開催され、
日韓関係の専門家14人と両国の記者が参加した。

## 議論

- 多国間協力の枠組みの重要性と、北朝鮮に対する日韓の政策の
  違いについて議諭した。
- 過去の合意に基づいて歴史問題を「凍結」する可能性について
  意見が交わされた。

| セッション | テーマ |
| --- | --- |
| 1 | トランプ2.0と日韓関係 |
| 2 | 未解決の歴史問題 |

## 結論

参加者は、日韓関係の安定が地域の平和と安全に不可欠であるとい
う認識で一致した。[^1]

[^1]: 日韓基本条約は1965年6月22日に東京で署名され、両国の国交
    を正常化した。
"""

KO_SOURCE = """\
---
title: 2024 한일 워크숍 세션별 논의 요약
location: 일본 도쿄
lang: ko
---

## 개요

도다평화연구소와 세종연구쇼는 2021년부터 한일 양국의 국회의원,
정책 결정자, 학자, 언론인이 함께하는 대화 프로젝트를 이어 오고
있다. 네 번째 워크숍은 2024년 11월 15일부터 16일까지 일본
도쿄에서 열렸다.

## 세션 1: 트럼프 2.0과 한일 관계

첫 번째 세션에서는 트럼프 전 대통령의 백악관 복귀로 달라질 정치
역학을 짚어 보았다.

- 다자 협력 틀의 중요성
- 대북 정책의 차이

## 세션 2: 미해결 역사 문제의 관리

두 번째 세션은 양국 관계에서 가장 민감한 영역인 역사 문제를
다루었다.

> 과거 양국 간 합의를 토대로 역사 분쟁을 ‘동결’하는 방안도
> 논의되었다.
"""

SOURCES = {EN: EN_SOURCE, JA: JA_SOURCE, KO: KO_SOURCE}

# ---------------------------------------------------------------------------- the edits

Edit = tuple[str, str] | Callable[[str], str]


@dataclass(frozen=True)
class Step:
    """One edit of one report, and what it must do to that report's catalogs.

    Entries are named by a substring that occurs in exactly one msgid of the catalog.
    """

    name: str
    slug: str
    edits: tuple[Edit, ...]
    edited: tuple[tuple[str, str], ...] = ()
    """(old msgid substring, new msgid substring): fuzzy, old translation, #| old msgid."""
    deleted: tuple[str, ...] = ()
    """Entries that leave the source: obsolete, translation kept."""
    restored: tuple[str, ...] = ()
    """Obsolete entries whose text comes back: active, translated, not fuzzy."""
    split: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(old paragraph, its parts): each part carries the old translation."""
    added: tuple[str, ...] = ()
    """New text: untranslated, not fuzzy."""
    moved: tuple[str, ...] = ()
    """Entries whose unit moved: same entry, other reference."""
    identical: bool = False
    """Every template and catalog must stay byte-identical."""
    only_references: bool = False
    """Nothing but ``#:`` references and POT-Creation-Date may change."""
    translate_after: bool = False
    """After the step, the translator fills the new untranslated entries."""


def _swap(first: str, second: str, end: str | None) -> Callable[[str], str]:
    """Move the section starting at ``second`` (ending at ``end`` or the end of the text)
    before the one starting at ``first``."""

    def edit(text: str) -> str:
        a, b = text.index(first), text.index(second)
        c = text.index(end) if end else len(text)
        assert a < b < c
        return text[:a] + text[b:c] + text[a:b] + text[c:]

    return edit


EN_P1_REWRAPPED = """\
Since 2021, the Toda Peace Institute has collaborated with the
Sejong Institute on a project that brings together key opinion
leaders from Japan and South Korea, including parliamentarians,
policymakers, academics and journalists."""

EN_P1_FIXED = """\
Since 2021, the Toda Peace Institute has collaborated with the Sejong
Institute on a project that brings together key opinion leaders from
Japan and South Korea, including parliamentarians, policymakers,
academics and journalists."""

JA_P1 = """\
戸田記念国際平和研究所と世宗研究所は、2021年から日韓両国の国会
議員、政策決定者、学者、ジャーナリストが参加する対話プロジェクト
を続けている。第4回ワークショップは2024年11月に東京で開催され、
日韓関係の専門家14人と両国の記者が参加した。"""

JA_P1_REWRAPPED = """\
戸田記念国際平和研究所と世宗研究所は、2021年から日韓両国
の国会議員、政策決定者、学者、ジャーナリストが参加する対話プロ
ジェクトを続けている。第4回ワークショップは2024年11月に東京で開
催され、日韓関係の専門家14人と両国の記者が参加した。"""

KO_P1_FIXED = """\
도다평화연구소와 세종연구소는 2021년부터 한일 양국의 국회의원,
정책 결정자, 학자, 언론인이 함께하는 대화 프로젝트를 이어 오고
있다. 네 번째 워크숍은 2024년 11월 15일부터 16일까지 일본
도쿄에서 열렸다."""

KO_P1_REWRAPPED = """\
도다평화연구소와 세종연구소는 2021년부터 한일 양국의
국회의원, 정책 결정자, 학자, 언론인이 함께하는 대화 프로젝트를
이어 오고 있다. 네 번째 워크숍은 2024년 11월 15일부터 16일까지
일본 도쿄에서 열렸다."""

STEPS: tuple[Step, ...] = (
    Step("en-typo-fix", EN, (("has colaborated", "has collaborated"),),
         edited=(("has colaborated", "has collaborated"),)),
    Step("en-rewording", EN, (("gathered 14 distinguished", "gathered fourteen distinguished"),),
         edited=(("gathered 14 distinguished", "gathered fourteen distinguished"),)),
    Step("en-table-cell-typo", EN, (("Multilateral framworks", "Multilateral frameworks"),),
         edited=(("Multilateral framworks", "Multilateral frameworks"),)),
    Step("en-title-typo", EN, (("title: Visoning", "title: Visioning"),),
         edited=(("Visoning", "Visioning"),)),
    Step("en-footnote-edit", EN,
         (("on 22 June 1965.", "on 22 June 1965 and normalised relations."),),
         edited=(("on 22 June 1965.", "normalised relations."),)),
    Step("en-delete-paragraph", EN,
         (("A summary report in Japanese will be available here.\n\n", ""),),
         deleted=("A summary report in Japanese",)),
    Step("en-restore-paragraph", EN,
         (("[^1]: The Treaty", "A summary report in Japanese will be available here.\n\n"
                               "[^1]: The Treaty"),),
         restored=("A summary report in Japanese",)),
    Step("en-rewrap-same-lines", EN, (
        (EN_P1_FIXED, EN_P1_REWRAPPED),
        ("- Changing political dynamics and the importance of a\n"
         "  multilateral framework for the region.",
         "- Changing political dynamics and the importance\n"
         "  of a multilateral framework for the region."),
        ("> Participants stressed that trust between neighbours is built\n"
         "> slowly and lost quickly.",
         "> Participants stressed that trust between\n"
         ">   neighbours is built slowly and lost quickly."),
        ("[^1]: The Treaty on Basic Relations between Japan and the Republic of\n"
         "    Korea was signed",
         "[^1]: The Treaty on Basic Relations between Japan and the\n"
         "    Republic of Korea was signed"),
        ("The workshop concluded with a shared recognition of the challenges\n"
         "facing bilateral relations",
         "The workshop concluded with a shared recognition of the\n"
         "challenges facing bilateral relations"),
    ), identical=True),
    Step("en-rewrap-fewer-lines", EN, (
        ("organized by the\nToda Peace Institute to further discussions on bilateral "
         "cooperation\nand trust-building.",
         "organized by the Toda Peace Institute to further discussions on bilateral "
         "cooperation and trust-building."),
    ), only_references=True),
    Step("en-move-section", EN,
         (_swap("### Session 1:", "### Session 2:", "> Participants stressed"),),
         moved=("Session 1: Trump", "Session 2: Unresolved", "Changing political dynamics",
                "Ongoing divergent interpretations")),
    Step("en-split-paragraph", EN,
         (("geopolitical\nuncertainties. Participants agreed",
           "geopolitical\nuncertainties.\n\nParticipants agreed"),),
         split=(("The workshop concluded with", ("The workshop concluded with",
                                                 "Participants agreed that the stability")),)),
    Step("en-new-section", EN, (
        ("## Conclusion\n",
         "## Next Steps\n\n"
         "The Toda Peace Institute and the Sejong Institute will hold the fifth\n"
         "workshop in Seoul in 2025, on the 60th anniversary of the treaty.\n\n"
         "- A standing dialogue between legislators of both countries.\n"
         "- A joint archive of documents on the 1965 negotiations.\n\n"
         "## Conclusion\n"),),
         added=("Next Steps", "will hold the fifth", "A standing dialogue",
                "A joint archive"),
         translate_after=True),
    Step("en-revert-rewording", EN,
         (("gathered fourteen distinguished", "gathered 14 distinguished"),),
         restored=("gathered 14 distinguished",),
         deleted=("gathered fourteen distinguished",)),
    Step("ja-typo-fix", JA, (("について議諭した。", "について議論した。"),),
         edited=(("議諭した", "議論した"),)),
    Step("ja-rewrap-between-kanji", JA, (
        (JA_P1, JA_P1_REWRAPPED),
        ("- 多国間協力の枠組みの重要性と、北朝鮮に対する日韓の政策の\n"
         "  違いについて議論した。",
         "- 多国間協力の枠組みの重要性と、北朝鮮に対する日韓\n"
         "  の政策の違いについて議論した。"),
        ("- 過去の合意に基づいて歴史問題を「凍結」する可能性について\n"
         "  意見が交わされた。",
         "- 過去の合意に基づいて歴史問題を「凍結」する可\n"
         "  能性について意見が交わされた。"),
        ("参加者は、日韓関係の安定が地域の平和と安全に不可欠であるとい\n"
         "う認識で一致した。",
         "参加者は、日韓関係の安定が地域の平和と安全に\n"
         "不可欠であるという認識で一致した。"),
        ("東京で署名され、両国の国交\n    を正常化した。",
         "東京で署名され、\n    両国の国交を正常化した。"),
    ), identical=True),
    Step("ja-delete-table-row", JA, (("| 2 | 未解決の歴史問題 |\n", ""),),
         deleted=("未解決の歴史問題",)),
    Step("ja-restore-table-row", JA,
         (("| 1 | トランプ2.0と日韓関係 |\n",
           "| 1 | トランプ2.0と日韓関係 |\n| 2 | 未解決の歴史問題 |\n"),),
         restored=("未解決の歴史問題",)),
    Step("ja-new-section", JA, (
        ("## 結論\n",
         "## 今後の課題\n\n"
         "次回のワークショップは2025年にソウルで開催される予定で\n"
         "ある。\n\n"
         "## 結論\n"),),
         added=("今後の課題", "次回のワークショップ"), translate_after=True),
    Step("ko-typo-fix", KO, (("세종연구쇼는", "세종연구소는"),),
         edited=(("세종연구쇼는", "세종연구소는"),)),
    Step("ko-rewrap", KO, (
        (KO_P1_FIXED, KO_P1_REWRAPPED),
        ("트럼프 전 대통령의 백악관 복귀로 달라질 정치\n역학을",
         "트럼프 전 대통령의 백악관\n복귀로 달라질 정치 역학을"),
        ("> 과거 양국 간 합의를 토대로 역사 분쟁을 ‘동결’하는 방안도\n> 논의되었다.",
         "> 과거 양국 간 합의를 토대로 역사 분쟁을\n> ‘동결’하는 방안도 논의되었다."),
    ), identical=True),
    Step("ko-move-section", KO, (_swap("## 세션 1:", "## 세션 2:", None),),
         moved=("세션 1: 트럼프", "세션 2: 미해결", "첫 번째 세션", "두 번째 세션",
                "다자 협력 틀", "역사 분쟁을")),
)

# ---------------------------------------------------------------------------- the runner


@dataclass
class HistoryResult:
    failures: dict[str, list[str]] = field(default_factory=dict)
    held: list[tuple[str, int]] = field(default_factory=list)
    """(step, number of non-empty translations in all catalogs) after each step."""
    observations: dict[str, list[str]] = field(default_factory=dict)


def _apply(text: str, edit: Edit) -> str:
    if callable(edit):
        return edit(text)
    old, new = edit
    assert text.count(old) == 1, f"the script expects {old!r} once in the source"
    return text.replace(old, new)


def _catalog_of(slug: str, language: str) -> str:
    return f"locales/{language}/{slug}.po"


def _one(c: Checker, messages: list[Message], part: str, where: str) -> Message | None:
    found = [m for m in messages if part in m.msgid]
    if c.expect(len(found) == 1,
                f"{where}: expected exactly one entry containing {part!r}, found "
                f"{[m.msgid for m in found]}"):
        return found[0]
    return None


def _without_references(catalog: Catalog) -> tuple:
    # The stamp (X-Publisher-Digest) follows the file's bytes, references included.
    fields = [line for line in catalog.header.msgstr.split("\n")
              if not line.startswith(("POT-Creation-Date:", "X-Publisher-Digest:"))]
    return (fields, [replace(m, references=(), line=0) for m in catalog.messages])


def _check_catalog(c: Checker, step: Step, label: str, before: Catalog, after: Catalog,
                   observations: list[str]) -> None:
    old_active = [m for m in before.messages if not m.obsolete]
    old_obsolete = [m for m in before.messages if m.obsolete]
    new_active = [m for m in after.messages if not m.obsolete]
    new_obsolete = [m for m in after.messages if m.obsolete]
    old_by_id = {m.msgid: m for m in old_active}
    new_by_id = {m.msgid: m for m in new_active}
    obsolete_by_id = {m.msgid: m for m in new_obsolete}
    gone: set[str] = set()   # old active msgids the step is expected to remove
    came: set[str] = set()   # new active msgids the step is expected to bring

    for old_part, new_part in step.edited:
        old = _one(c, old_active, old_part, f"{label} before")
        new = _one(c, new_active, new_part, f"{label} after")
        if old is None or new is None:
            continue
        gone.add(old.msgid)
        came.add(new.msgid)
        c.expect(new.fuzzy, f"{label}: edited entry {new.msgid!r} is not fuzzy")
        c.expect(new.msgstr == old.msgstr,
                 f"{label}: edited entry {new.msgid!r} has msgstr {new.msgstr!r}, "
                 f"expected the old translation {old.msgstr!r}")
        c.expect(new.previous_msgid == old.msgid,
                 f"{label}: edited entry {new.msgid!r} has previous msgid "
                 f"{new.previous_msgid!r}, expected {old.msgid!r}")
        kept = obsolete_by_id.get(old.msgid)
        c.expect(kept is not None and kept.msgstr == old.msgstr,
                 f"{label}: the old entry {old.msgid!r} is not kept as obsolete with its "
                 f"translation")

    for part in step.deleted:
        old = _one(c, old_active, part, f"{label} before")
        if old is None:
            continue
        gone.add(old.msgid)
        c.expect(old.msgid not in new_by_id, f"{label}: deleted {old.msgid!r} is still active")
        kept = obsolete_by_id.get(old.msgid)
        c.expect(kept is not None and kept.msgstr == old.msgstr and kept.msgstr,
                 f"{label}: deleted {old.msgid!r} is not obsolete with its translation "
                 f"{old.msgstr!r} (found {kept!r})")

    for part in step.restored:
        old = _one(c, old_obsolete, part, f"{label} obsolete before")
        new = _one(c, new_active, part, f"{label} after")
        if old is None or new is None:
            continue
        came.add(new.msgid)
        c.expect(new.msgid == old.msgid, f"{label}: restored text {new.msgid!r} differs")
        c.expect(new.msgstr == old.msgstr and new.msgstr,
                 f"{label}: restored {new.msgid!r} has msgstr {new.msgstr!r}, expected "
                 f"{old.msgstr!r}")
        c.expect(not new.fuzzy, f"{label}: restored {new.msgid!r} is fuzzy")
        c.expect(new.previous_msgid is None,
                 f"{label}: restored {new.msgid!r} has a previous msgid {new.previous_msgid!r}")
        c.expect(new.msgid not in obsolete_by_id,
                 f"{label}: restored {new.msgid!r} is also still obsolete")

    for old_part, parts in step.split:
        old = _one(c, old_active, old_part, f"{label} before")
        if old is None:
            continue
        gone.add(old.msgid)
        for part in parts:
            new = _one(c, new_active, part, f"{label} after")
            if new is None:
                continue
            came.add(new.msgid)
            observations.append(
                f"{label}: part {new.msgid[:40]!r}...: fuzzy={new.fuzzy}, carries old "
                f"translation={new.msgstr == old.msgstr}, previous msgid is the old paragraph="
                f"{new.previous_msgid == old.msgid}")
            c.expect(new.msgstr == old.msgstr,
                     f"{label}: split part {new.msgid!r} does not carry the old translation "
                     f"(msgstr {new.msgstr!r})")
            c.expect(new.fuzzy, f"{label}: split part {new.msgid!r} is not fuzzy")
            c.expect(new.previous_msgid == old.msgid,
                     f"{label}: split part {new.msgid!r} has previous msgid "
                     f"{new.previous_msgid!r}, expected the old paragraph")
        kept = obsolete_by_id.get(old.msgid)
        c.expect(kept is not None and kept.msgstr == old.msgstr,
                 f"{label}: the split paragraph is not kept as obsolete with its translation")

    for part in step.added:
        new = _one(c, new_active, part, f"{label} after")
        if new is None:
            continue
        came.add(new.msgid)
        c.expect(not any(part in m.msgid for m in before.messages),
                 f"{label}: {part!r} was already in the catalog before the step")
        c.expect(new.msgstr == "" and not new.fuzzy,
                 f"{label}: new entry {new.msgid!r} should be untranslated, but is "
                 f"{'fuzzy' if new.fuzzy else 'translated'} with msgstr {new.msgstr!r} "
                 f"(previous msgid {new.previous_msgid!r})")

    for part in step.moved:
        old = _one(c, old_active, part, f"{label} before")
        new = _one(c, new_active, part, f"{label} after")
        if old is None or new is None:
            continue
        c.expect(entry_state(old) == entry_state(new),
                 f"{label}: moved {old.msgid!r} changed: {entry_state(old)} -> "
                 f"{entry_state(new)}")
        c.expect(old.references != new.references,
                 f"{label}: moved {old.msgid!r} kept its reference {old.references} "
                 "(the test script did not move it)")

    # Everything the step does not name must stay exactly as it was.
    for msgid, old in old_by_id.items():
        if msgid in gone:
            continue
        new = new_by_id.get(msgid)
        if not c.expect(new is not None, f"{label}: unchanged entry {msgid!r} left the catalog"
                        f" (now {obsolete_by_id.get(msgid)!r})"):
            continue
        c.expect(entry_state(old) == entry_state(new),
                 f"{label}: unchanged entry {msgid!r} changed: {entry_state(old)} -> "
                 f"{entry_state(new)}")
    for msgid, new in new_by_id.items():
        c.expect(msgid in old_by_id or msgid in came,
                 f"{label}: unexpected new entry {msgid!r} (fuzzy={new.fuzzy}, "
                 f"msgstr={new.msgstr!r})")
    # Obsolete entries stay obsolete (with their translation) unless their text came back.
    for old in old_obsolete:
        if old.msgid in new_by_id:
            c.expect(old.msgid in came, f"{label}: obsolete {old.msgid!r} revived unexpectedly")
        else:
            kept = obsolete_by_id.get(old.msgid)
            c.expect(kept is not None and kept.msgstr == old.msgstr,
                     f"{label}: obsolete entry {old.msgid!r} lost")

    if step.only_references:
        c.expect(_without_references(before) == _without_references(after),
                 f"{label}: more than references and POT-Creation-Date changed")


def _check_step(c: Checker, project: Project, step: Step, result: HistoryResult) -> None:
    before_files = project.locale_files()
    before = project.catalogs()
    text = project.read_report(step.slug)
    new_text = text
    for edit in step.edits:
        new_text = _apply(new_text, edit)
    assert new_text != text, "the step changes nothing"
    project.write_report(step.slug, new_text)

    code, output = project.update()
    c.expect(code == 0, f"update exited with {code}: {output}")
    after_files = project.locale_files()
    after = project.catalogs()
    _common_checks(c, project, before_files, after_files, before, after, result, step.name)

    c.expect(set(after_files) == set(before_files),
             f"files appeared or vanished: {set(after_files) ^ set(before_files)}")
    for path, data in before_files.items():
        if f"/{step.slug}.po" not in path:
            c.expect(after_files.get(path) == data,
                     f"{path} changed although its report was not edited")
    if step.identical:
        changed = [p for p in after_files if after_files[p] != before_files.get(p)]
        c.expect(not changed, f"a re-wrap changed {changed}: {output.strip()}")
        c.expect("everything is up to date" in output,
                 f"update reported changes after a re-wrap: {output.strip()}")

    observations = result.observations.setdefault(step.name, [])
    for language in TARGETS[step.slug]:
        path = _catalog_of(step.slug, language)
        if path in before and path in after:
            _check_catalog(c, step, path, before[path], after[path], observations)
        else:
            c.expect(False, f"{path} is missing")

    if step.translate_after:
        project.translate_all()
        translated_files = project.locale_files()
        code, output = project.update()
        c.expect(code == 0 and _but_stamps(project.locale_files()) == _but_stamps(
            translated_files) and _only_stamps_renewed(output),
                 f"update rewrote catalogs the translator just saved: {output.strip()}")
        c.expect(not gettext_problems(project.root, _changed(after_files, translated_files),
                                      project.wrap_width),
                 "translated files fail msgfmt/msgcat")


def _but_stamps(files: dict[str, bytes]) -> dict[str, bytes]:
    """Files without their X-Publisher-Digest line: after a translator saved a catalog, update
    renews that stamp (and only that) so later runs can skip the file."""
    return {name: unstamped(data) for name, data in files.items()}


def _only_stamps_renewed(output: str) -> bool:
    return all(line.endswith("(stamp renewed)") or "up to date" in line
               for line in output.strip().splitlines())


def _changed(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    return [p for p in after if after[p] != before.get(p)]


def _common_checks(c: Checker, project: Project, before_files: dict[str, bytes],
                   after_files: dict[str, bytes], before: dict[str, Catalog],
                   after: dict[str, Catalog], result: HistoryResult, name: str) -> None:
    # A second update changes no byte.
    code, output = project.update()
    c.expect(code == 0 and "everything is up to date" in output,
             f"a second update changed something: {output.strip()}")
    c.expect(project.locale_files() == after_files, "a second update changed bytes")
    code, output = project.cli("update", "--check")
    c.expect(code == 0, f"update --check after update exits {code}: {output.strip()}")

    # Translations are never lost.
    held = sum(len(translations_held(catalog)) for catalog in after.values())
    if result.held:
        previous_step, previous = result.held[-1]
        c.expect(held >= previous,
                 f"translations held fell from {previous} (after {previous_step}) to {held}")
    result.held.append((name, held))
    for path, catalog in before.items():
        lost = set(translations_held(catalog)) - set(translations_held(after.get(path, catalog)))
        c.expect(not lost, f"{path}: translations lost: {sorted(lost)}")

    # Every written file is valid for GNU gettext and formatted as msgcat formats it.
    for problem in gettext_problems(project.root, _changed(before_files, after_files),
                                    project.wrap_width):
        c.expect(False, problem)


def run_history(root: Path, width: int) -> HistoryResult:
    result = HistoryResult()
    project = Project(root, width)
    c = Checker()
    try:
        for slug, text in SOURCES.items():
            project.write_report(slug, text)
        code, output = project.update()
        c.expect(code == 0, f"first update exited with {code}: {output}")
        for slug, languages in TARGETS.items():
            for language in languages:
                c.expect((root / _catalog_of(slug, language)).is_file(),
                         f"{_catalog_of(slug, language)} was not created")
        created = project.locale_files()
        for problem in gettext_problems(root, created, width):
            c.expect(False, problem)
        count = project.translate_all()
        c.expect(count > 40, f"only {count} entries to translate")
        translated = project.locale_files()
        catalogs = project.catalogs()
        for path, catalog in catalogs.items():
            for message in catalog.messages:
                c.expect(message.translated, f"{path}: {message.msgid!r} is not translated")
        code, output = project.update()
        c.expect(code == 0 and _but_stamps(project.locale_files()) == _but_stamps(translated)
                 and _only_stamps_renewed(output),
                 f"update changed catalogs the translator saved: {output.strip()}")
        settled = project.locale_files()
        _common_checks(c, project, created, settled, {}, catalogs, result, "initial")
    except Exception:  # noqa: BLE001 - reported as the step's failure
        c.failures.append(traceback.format_exc())
    result.failures["initial"] = c.failures
    broken = bool(c.failures and "Traceback" in c.failures[-1])
    for step in STEPS:
        c = Checker()
        if broken:
            c.failures.append("not run: an earlier step raised an exception")
        else:
            try:
                _check_step(c, project, step, result)
            except Exception:  # noqa: BLE001
                c.failures.append(traceback.format_exc())
                broken = True
        result.failures[step.name] = c.failures
    return result


# ---------------------------------------------------------------------------- the tests


@pytest.fixture(scope="module")
def histories(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], HistoryResult]:
    cache: dict[int, HistoryResult] = {}

    def get(width: int) -> HistoryResult:
        if width not in cache:
            cache[width] = run_history(tmp_path_factory.mktemp(f"history-w{width}"), width)
        return cache[width]

    return get


@pytest.mark.parametrize("step", ["initial", *(s.name for s in STEPS)])
@pytest.mark.parametrize("width", WIDTHS)
def test_history_step(histories: Callable[[int], HistoryResult], width: int, step: str) -> None:
    """Each step of the scripted history keeps every translation where it belongs."""
    failures = histories(width).failures[step]
    assert not failures, f"{len(failures)} failed expectation(s):\n" + "\n".join(failures)


@pytest.mark.parametrize("width", WIDTHS)
def test_translations_held_never_decrease(histories: Callable[[int], HistoryResult],
                                          width: int) -> None:
    """Over the whole history the number of stored translations never goes down."""
    held = histories(width).held
    assert len(held) == len(STEPS) + 1
    counts = [count for _, count in held]
    assert counts == sorted(counts), held


@pytest.mark.parametrize("width", WIDTHS)
def test_split_paragraph_observation(histories: Callable[[int], HistoryResult],
                                     width: int) -> None:
    """Record what a split paragraph gives (both parts fuzzy with the old paragraph as
    ``#| msgid``); the step test asserts it, this one shows the observation."""
    observed = histories(width).observations.get("en-split-paragraph", [])
    assert observed, "the split step did not run"
    print("\n".join(observed))


def test_rewrap_changes_no_msgid() -> None:
    """The msgids of re-wrapped paragraphs are exactly those of the originals (the same
    property as the byte-identity steps, stated on the segmenter directly)."""
    from publisher.source.segment import segment

    def ids(text: str) -> list[str]:
        return [u.msgid for u in segment(text, Path("x.md")).units]

    for old, new in ((EN_P1_FIXED, EN_P1_REWRAPPED), (JA_P1, JA_P1_REWRAPPED),
                     (KO_P1_FIXED, KO_P1_REWRAPPED)):
        assert ids(old) == ids(new)
        assert len(ids(old)) == 1 and "\n" not in ids(old)[0]
    assert ids(JA_P1)[0].startswith("戸田記念国際平和研究所と世宗研究所は、2021年から日韓両国の国会議員")
    assert not re.search(r"\s", ids(JA_P1)[0])
