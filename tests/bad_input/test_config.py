"""A bad publisher.toml: exit 2, the file, the line (and key) named, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import check_bad_input, command_params, copy_sample, write

GOOD = """# Settings
[project]
title = "Reports"
source_language = "en"
languages = ["en", "ja", "ko"]

[build]
threshold = 80
wrap_width = 79
"""

# name -> (file text or bytes, line to name, words the message must hold)
CONFIG_CASES = {
    "not_toml": (GOOD.replace('threshold = 80', 'threshold = = 80'), 8, ()),
    "unclosed_string": (GOOD.replace('title = "Reports"', 'title = "Reports'), 3, ()),
    "unknown_section": (GOOD + "\n[publish]\nout = \"site\"\n", 11, ("publish",)),
    "unknown_key": (GOOD.replace("wrap_width = 79", "wrap_with = 79"), 9, ("wrap_with",)),
    "threshold_is_text": (GOOD.replace("threshold = 80", 'threshold = "high"'), 8,
                          ("threshold",)),
    "threshold_out_of_range": (GOOD.replace("threshold = 80", "threshold = 180"), 8,
                               ("threshold",)),
    "languages_is_text": (GOOD.replace('languages = ["en", "ja", "ko"]', 'languages = "ja"'), 5,
                          ("languages",)),
    "wrap_width_negative": (GOOD.replace("wrap_width = 79", "wrap_width = -1"), 9,
                            ("wrap_width",)),
    "unknown_language": (GOOD.replace('["en", "ja", "ko"]', '["en", "ja", "xx"]'), 5, ("xx",)),
    "source_language_not_in_languages": (GOOD.replace('source_language = "en"',
                                                      'source_language = "fr"'), 4, ("fr",)),
    "source_language_unknown": (GOOD.replace('source_language = "en"',
                                             'source_language = "zz"'), 4, ("zz",)),
    "not_utf8": (GOOD.replace('title = "Reports"', 'title = "報告書"').encode("shift_jis"), 3,
                 ("UTF-8",)),
    "project_is_not_a_table": ('project = "x"\n', 1, ("project",)),
    # A key that exists in another section is named where it is, not where it is valid.
    "key_of_another_section": (GOOD + 'title = "x"\n', 10, ("title", "[build]")),
    "dotted_key_of_wrong_type": ('build.threshold = "high"\n'
                                 + GOOD.split("[build]")[0], 1, ("threshold",)),
    "inline_table_of_wrong_type": ('project = {languages = "ja"}\n', 1, ("languages",)),
    "nested_too_deeply": ("x = " + "[" * 3000 + "]" * 3000 + "\n", None, ("nested",)),
}


@pytest.mark.parametrize("name", list(CONFIG_CASES))
@pytest.mark.parametrize("args", command_params())
def test_bad_config(tmp_path: Path, name, args):
    data, line, says = CONFIG_CASES[name]
    root = copy_sample(tmp_path / "project")
    write(root, "publisher.toml", data)
    check_bad_input(tmp_path, root, args, file="publisher.toml", line=line, says=says)


def test_good_config_is_accepted(tmp_path: Path):
    """The base of the cases above is valid: each case fails for its own mistake only."""
    from .support import describe, invoke

    root = copy_sample(tmp_path / "project")
    write(root, "publisher.toml", GOOD)
    result = invoke(root, "update", "--check")
    assert result.exit_code in (0, 1), describe(result)


@pytest.mark.parametrize("target", ["nowhere.toml", "publisher.toml"])
@pytest.mark.parametrize("args", command_params())
def test_settings_linked_to_nothing(tmp_path: Path, args, target):
    """A dangling link (or a link to itself) is not the same as no settings file."""
    root = copy_sample(tmp_path / "project")
    (root / "publisher.toml").unlink()
    (root / "publisher.toml").symlink_to(target)
    check_bad_input(tmp_path, root, args, file="publisher.toml", line=None, says=("link",))


GLOSSARY = "locales/glossary.csv"
GLOSSARY_CASES = {
    "unclosed_quote": ('en,ja,ko,note\n"Sejong Institute,世宗研究所,세종연구소,x\nA,B,C,D\n', 2,
                       ("CSV",)),
    "text_after_quote": ('en,ja,ko\n"A"x,B,C\n', 2, ("CSV",)),
    "huge_cell": ('en,ja\n"' + "x" * 200_000 + '",y\n', 2, ("CSV",)),
    "columns_not_languages": ("english,japanese,korean\nA,B,C\n", 1, ("english",)),
    "no_header_row": ("Sejong Institute,世宗研究所,세종연구소\n", 1, ("sejong institute",)),
    "semicolons": ("en;ja;ko;note\nA;B;C;D\n", 1, ("en;ja;ko;note",)),
    "empty_column_name": ("en,,ko\nA,B,C\n", 1, ("column",)),
}


@pytest.mark.parametrize("name", list(GLOSSARY_CASES))
def test_bad_glossary(tmp_path: Path, name):
    data, line, says = GLOSSARY_CASES[name]
    root = copy_sample(tmp_path / "project")
    write(root, GLOSSARY, data)
    check_bad_input(tmp_path, root, ["check"], file=GLOSSARY, line=line, says=says)


def test_glossary_that_is_a_folder(tmp_path: Path):
    root = copy_sample(tmp_path / "project")
    (root / GLOSSARY).unlink()
    (root / GLOSSARY).mkdir()
    check_bad_input(tmp_path, root, ["check"], file=GLOSSARY, line=None, says=("glossary",))
