"""The project's translation memory on ``update``: repeats of translated text are filled as
msgmerge's compendium fills them, each saying where it came from, and never published when
they are only fuzzy."""

from __future__ import annotations

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_project, run, snapshot

BOILERPLATE = "The Institute thanks its partners for their generous support of this work."
SESSIONS = "This year the workshop was organised in three sessions in Tokyo."
NEARLY = "This year the workshop was organised in four sessions in Tokyo."


def _translate(path, texts: dict[str, str], date: str = "") -> None:
    catalog = polib.pofile(str(path))
    for entry in catalog:
        if entry.msgid in texts:
            entry.msgstr = texts[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    if date:
        catalog.metadata["PO-Revision-Date"] = date
    catalog.save()


def _entry(path, msgid: str) -> polib.POEntry:
    return next(e for e in polib.pofile(str(path)) if e.msgid == msgid and not e.obsolete)


def _line(path, msgid: str) -> int:
    """The line of the entry's msgid keyword (polib gives the entry's first line)."""
    lines = path.read_text().split("\n")
    number = _entry(path, msgid).linenum
    while not lines[number - 1].startswith("msgid "):
        number += 1
    return number


@pytest.fixture
def project(tmp_path, runner):
    root = make_project(tmp_path, {
        "content/a.md": f"# Acknowledgements\n\n{BOILERPLATE}\n\n{SESSIONS}\n",
    })
    assert run(runner, root, "update").exit_code == 0
    _translate(root / "locales/ja/a.po", {
        "Acknowledgements": "謝辞",
        BOILERPLATE: "当研究所は、本研究を支えてくださったパートナー各位に感謝する。",
        SESSIONS: "今年のワークショップは東京で三つのセッションにより構成された。",
    })
    assert run(runner, root, "update").exit_code == 0
    return root


def test_a_new_report_gets_the_repeats_with_their_origin(runner, project):
    (project / "content/b.md").write_text(f"# Acknowledgements\n\n{BOILERPLATE}\n\n{NEARLY}\n\n"
                                          "Entirely new text here.\n")
    result = run(runner, project, "update")
    assert result.exit_code == 0
    b = project / "locales/ja/b.po"
    boiler = _entry(b, BOILERPLATE)
    assert boiler.msgstr == _entry(project / "locales/ja/a.po", BOILERPLATE).msgstr
    assert "fuzzy" not in boiler.flags
    origin = f"tm: locales/ja/a.po:{_line(project / 'locales/ja/a.po', BOILERPLATE)}"
    assert origin in boiler.tcomment
    near = _entry(b, NEARLY)
    assert "fuzzy" in near.flags and near.previous_msgid == SESSIONS
    assert near.msgstr == _entry(project / "locales/ja/a.po", SESSIONS).msgstr
    assert "similar" in near.tcomment
    assert _entry(b, "Entirely new text here.").msgstr == ""
    assert "from the translation memory" in result.output
    # A fuzzy suggestion is never published: the edition shows the source there.
    assert run(runner, project, "build", "--force", "--lang", "ja").exit_code == 0
    page = (project / "site/ja/b.html").read_text()
    assert NEARLY in page and "当研究所は" in page
    # A second update changes nothing.
    before = snapshot(project / "locales")
    assert run(runner, project, "update").exit_code == 0
    assert snapshot(project / "locales") == before


def test_a_translation_made_later_reaches_reports_that_did_not_change(runner, tmp_path):
    root = make_project(tmp_path, {"content/a.md": f"# One\n\n{BOILERPLATE}\n",
                                   "content/b.md": f"# Two\n\n{BOILERPLATE}\n"})
    assert run(runner, root, "update").exit_code == 0
    _translate(root / "locales/ja/a.po", {BOILERPLATE: "当研究所は感謝する。"})
    assert run(runner, root, "update").exit_code == 0
    assert _entry(root / "locales/ja/b.po", BOILERPLATE).msgstr == "当研究所は感謝する。"


def test_disagreeing_translations_are_offered_as_fuzzy_the_most_recent_first(runner, tmp_path):
    root = make_project(tmp_path, {"content/a.md": f"# One\n\n{BOILERPLATE}\n",
                                   "content/b.md": f"# Two\n\n{BOILERPLATE}\n"})
    assert run(runner, root, "update").exit_code == 0
    _translate(root / "locales/ja/a.po", {BOILERPLATE: "古い訳。"}, "2024-01-01 10:00+0000")
    _translate(root / "locales/ja/b.po", {BOILERPLATE: "新しい訳。"}, "2025-06-01 10:00+0000")
    (root / "content/c.md").write_text(f"# Three\n\n{BOILERPLATE}\n")
    assert run(runner, root, "update").exit_code == 0
    entry = _entry(root / "locales/ja/c.po", BOILERPLATE)
    assert "fuzzy" in entry.flags and entry.msgstr == "新しい訳。"
    assert "tm: locales/ja/b.po:" in entry.tcomment
    assert "locales/ja/a.po" in entry.tcomment and "古い訳。" in entry.tcomment


def test_a_heading_is_not_offered_to_a_paragraph(runner, tmp_path):
    root = make_project(tmp_path, {"content/a.md": "# Conclusion\n\nSome text of report a.\n"})
    assert run(runner, root, "update").exit_code == 0
    _translate(root / "locales/ja/a.po", {"Conclusion": "結論"})
    (root / "content/b.md").write_text("# Other\n\nConclusion\n")
    assert run(runner, root, "update").exit_code == 0
    assert _entry(root / "locales/ja/b.po", "Conclusion").msgstr == ""
    (root / "content/c.md").write_text("# Conclusion\n\nMore text.\n")
    assert run(runner, root, "update").exit_code == 0
    assert _entry(root / "locales/ja/c.po", "Conclusion").msgstr == "結論"


@pytest.mark.parametrize("settings, msgstr, fuzzy", [
    ("[tm]\nenabled = false\n", "", False),
    ('[tm]\nexact = "fuzzy"\n', "当研究所は感謝する。", True),
])
def test_settings_turn_it_off_or_make_exact_matches_suggestions(runner, tmp_path, settings,
                                                                 msgstr, fuzzy):
    root = make_project(tmp_path, {"content/a.md": f"# One\n\n{BOILERPLATE}\n"}, settings)
    assert run(runner, root, "update").exit_code == 0
    _translate(root / "locales/ja/a.po", {BOILERPLATE: "当研究所は感謝する。"})
    (root / "content/b.md").write_text(f"# Two\n\n{BOILERPLATE}\n")
    assert run(runner, root, "update").exit_code == 0
    entry = _entry(root / "locales/ja/b.po", BOILERPLATE)
    assert entry.msgstr == msgstr and ("fuzzy" in entry.flags) == fuzzy


def test_translations_that_only_moved_are_not_offered_again(runner, tmp_path, monkeypatch):
    """An edit that moves a catalog's translations to other lines offers the other catalogs
    nothing new: their untranslated entries are not looked up again (on a large archive,
    that lookup was most of the time of an update after one report changed)."""
    from publisher.ops.memory import Memory

    root = make_project(tmp_path, {
        "content/a.md": f"# One\n\n{BOILERPLATE}\n",
        "content/b.md": "# Two\n\nA paragraph of report b that nobody translated yet.\n",
    })
    assert run(runner, root, "update").exit_code == 0
    _translate(root / "locales/ja/a.po", {BOILERPLATE: "当研究所は感謝する。"})
    assert run(runner, root, "update").exit_code == 0
    asked: list[str] = []
    near, matches = Memory.near, Memory.matches
    monkeypatch.setattr(Memory, "near", lambda self, msgid, *a: asked.append(msgid) or near(
        self, msgid, *a))
    monkeypatch.setattr(Memory, "matches", lambda self, msgid, *a: asked.append(msgid) or matches(
        self, msgid, *a))
    (root / "content/a.md").write_text(f"# One\n\nA first paragraph.\n\n{BOILERPLATE}\n")
    assert run(runner, root, "update").exit_code == 0
    assert _line(root / "locales/ja/a.po", BOILERPLATE) > 0  # moved down
    assert "A first paragraph." in asked
    assert "A paragraph of report b that nobody translated yet." not in asked
    assert _entry(root / "locales/ja/a.po", BOILERPLATE).msgstr == "当研究所は感謝する。"


def test_lowering_a_text_whole_keeps_its_words():
    """Near matches are found by the words of a text, lowered: lowering the text whole gives
    the same words wherever no character grows in lowering, since every character that
    lowers to one character is a letter of a word exactly when its lower case is."""
    import sys

    from publisher.ops.memory import _WORD

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        lowered = char.lower()
        if len(lowered) == 1:
            assert bool(_WORD.fullmatch(char)) == bool(_WORD.fullmatch(lowered)), hex(code)


@pytest.mark.parametrize("text", [
    "ΟΔΟΣ'Β and ΟΔΟΣ Β", "İstanbul meets “Seoul”", "Straße – STRASSE", "The Treaty of 1965",
    "ǅemal and Ⅻ", "日韓基本条約 and the Treaty",
])
def test_keys_are_those_of_the_words_lowered_one_by_one(text):
    from itertools import pairwise

    from publisher.ops.memory import _CJK_RUN, _WORD, _keys

    words = [word.lower() for word in _WORD.findall(text)]
    expected = {" ".join(sorted(pair)) for pair in pairwise(words)} or set(words)
    for chars in _CJK_RUN.findall(text):
        expected.update(chars[i : i + 3] for i in range(max(1, len(chars) - 2)))
    assert _keys(text) == expected


def test_the_memory_kept_between_runs_is_read_back_as_it_was_saved(tmp_path):
    """The cache of a language's memory is written a catalog at a time, and read back whole;
    a file of an older layout, or one cut short (a killed run), is not used, never an error."""
    import pickle

    from publisher.ops.memory import Recollection
    from publisher.ops.recall import _Store
    from publisher.ops.update_report import CatalogMemory

    files = {
        f"locales/ja/r{n}.po": CatalogMemory(
            "ja",
            f"digest{n}",
            tuple(
                Recollection(f"Paragraph {k}.", f"第{k}段落。", f"locales/ja/r{n}.po:{k}", "text",
                             "2026-01-02 03:04+0900", k % 2 == 0, k % 3 == 0)
                for k in range(n)
            ),
            tuple((f"Heading {k}", "heading") for k in range(n % 4)),
        )
        for n in range(40)
    }
    path = tmp_path / "memory-ja.pickle"
    store = _Store(path, dict(files))
    store.save()
    assert not path.exists()  # nothing changed: nothing written
    store.changed = True
    store.save()
    assert _Store.load(path).files == files
    data = path.read_bytes()
    for damaged in (data[: len(data) // 2], data[:-1], b"", b"not a pickle"):
        path.write_bytes(damaged)
        assert _Store.load(path).files == {}
    path.write_bytes(pickle.dumps({"format": 5, "files": {}}))  # one pickle of it all
    assert _Store.load(path).files == {}


_VOCABULARY = ["treaty", "of", "the", "seoul", "tokyo", "talks", "and", "in", "1965", "peace",
               "日韓", "基本条約", "회담", "평화"]
_SENTENCE = st.lists(st.sampled_from(_VOCABULARY[:7]), min_size=3, max_size=9).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.one_of(_SENTENCE, st.lists(st.sampled_from(_VOCABULARY)).map(" ".join)),
                   min_size=60, max_size=220),
    query=_SENTENCE,
    threshold=st.sampled_from([50.0, 70.0, 80.0, 95.0]),
)
def test_near_candidates_are_those_a_plain_count_ranks_first(texts, query, threshold):
    """The texts scored for a near match are, in order, those sharing most of the query's
    rarest keys (then the first to come) among the texts of a length that can reach the
    threshold: the same as counting over every text one by one (many texts, few words, so
    that candidates tie and more than the 40 scored share keys)."""
    from collections import Counter

    from rapidfuzz import fuzz, process

    from publisher.ops.memory import _CANDIDATES, _RARE, Memory, Recollection, _keys

    memory = Memory(
        Recollection(text, f"訳{n}", f"locales/ja/r{n}.po:1", "text") for n, text in enumerate(texts)
    )
    distinct = list(dict.fromkeys(texts))
    posting = {}
    for number, text in enumerate(distinct):
        for key in _keys(text):
            posting.setdefault(key, []).append(number)
    common = max(50, len(distinct) // 20)
    index = {key: found for key, found in posting.items() if len(found) <= common}
    keys = sorted((k for k in _keys(query) if k in index), key=lambda k: (len(index[k]), k))
    shared = Counter(number for key in keys[:_RARE] for number in index[key])
    low = len(query) * threshold / (200 - threshold)
    high = len(query) * (200 - threshold) / threshold
    ranked = sorted(
        (n for n in shared if low <= len(distinct[n]) <= high), key=lambda n: (-shared[n], n)
    )[:_CANDIDATES]
    expected = [
        (text, score)
        for text, score, _ in process.extract(
            query, [distinct[n] for n in ranked], scorer=fuzz.ratio, score_cutoff=threshold,
            limit=None,
        )
    ]
    assert memory._similar(query, threshold) == expected


@pytest.mark.parametrize("blocker", [
    "peace talks held in seoul and tokyo, as the two foreign ministries agreed in {}",
    "in seoul and tokyo {}",
])
def test_a_near_match_is_found_behind_texts_too_long_or_short_to_reach_it(blocker):
    """Forty-five texts share more words with the query than its near match does, but are
    too long (or too short) for a ratio at the threshold: they are not among the texts
    scored, and the near match is found."""
    from publisher.ops.memory import Memory, Recollection

    query = "peace talks held in seoul and tokyo"
    near = "peace talkz helt in seoul anx tokyo"  # shares one pair of words, 91 % similar
    texts = [blocker.format(n) for n in range(45)] + [near]
    memory = Memory(
        Recollection(text, f"訳{n}", f"locales/ja/r{n}.po:1", "text") for n, text in enumerate(texts)
    )
    found = memory.near(query, "text", "locales/ja/new.po", 80.0)
    assert found is not None and found[0].msgid == near
