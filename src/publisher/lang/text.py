"""Script-aware text rules: joining soft line breaks and counting words.

English and Korean separate words with spaces; Japanese (and Chinese) do not. A soft line
break between two CJK characters is therefore no space at all, and Japanese text is counted
in characters, the convention of the translation industry for unspaced scripts.
"""

from __future__ import annotations

import re

__all__ = [
    "is_cjk",
    "join_lines",
    "count_words",
    "looks_like_name",
    "may_hold_address",
    "UNSPACED_LANGUAGES",
    "URL",
]

#: Languages written without spaces between words, counted in characters.
UNSPACED_LANGUAGES = frozenset({"ja", "zh", "th", "lo", "km", "my"})

# Han, kana and the CJK punctuation and full-width forms that go with them. Hangul is not
# here on purpose: Korean puts spaces between words, so its line breaks are spaces.
_CJK_RANGES = (
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3190, 0x31FF),  # Kanbun, CJK strokes, Katakana extensions
    (0x3200, 0x33FF),  # enclosed CJK, compatibility
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
    (0x20000, 0x3FFFF),  # supplementary ideographic planes
)


def is_cjk(char: str) -> bool:
    """True for a Han, kana or CJK punctuation character (not Hangul)."""
    code = ord(char)
    if code < 0x2E80:
        return False
    return any(low <= code <= high for low, high in _CJK_RANGES)


def join_lines(before: str, after: str) -> str:
    """The separator a soft line break stands for between two lines of text.

    >>> join_lines("日本と", "韓国")
    ''
    >>> join_lines("Japan and", "Korea")
    ' '
    """
    if before and after and is_cjk(before[-1]) and is_cjk(after[0]):
        return ""
    return " "


# Bare URLs and e-mail addresses in running text are not words to translate. Japanese and
# Korean write them with no space around: "https://example.org/dataで", "info@example.org로",
# "（https://example.org）", so an address never takes in a CJK character, a full-width
# form or a letter before it.
_CJK_AND_FULL_WIDTH = (
    "\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
)
URL = re.compile(
    rf"(?:(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*://|(?<![a-z0-9.-])www\.)"
    rf"[^\s<>{_CJK_AND_FULL_WIDTH}]*[^\s<>.,;:!?)\]{_CJK_AND_FULL_WIDTH}]"
    r"|(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+(?![a-z0-9-])",
    re.IGNORECASE,
)
_WWW = re.compile(r"[wW][wW][wW]\.")


def may_hold_address(text: str) -> bool:
    """Could ``text`` hold a URL or an e-mail address (an ``@``, a ``://`` or a ``www.``)?
    (Looked for one by one: an alternation of the three, or one with a case-insensitive
    flag, is a slower scan of a paragraph.)"""
    return "@" in text or "://" in text or _WWW.search(text) is not None


def without_addresses(text: str) -> str:
    """``text`` with each URL and e-mail address replaced by a space (most texts have none,
    and are returned at once)."""
    return URL.sub(" ", text) if may_hold_address(text) else text


def addresses(text: str) -> list[str]:
    """The URLs and e-mail addresses of ``text``."""
    return URL.findall(text) if may_hold_address(text) else []


# A word for counting: a whitespace-separated token with at least one letter or digit, so
# that a lone dash or bullet is not a word. One match per such token: it starts where a token
# starts, passes over leading marks (possessively, so a long run of marks is scanned once) and
# needs a letter or digit; the rest of the token is not looked at.
_WORD = re.compile(r"(?<!\S)(?:_|[^\w\s])*+[^\W_]")
# Kana and kanji count one each, with 々 and 〇, and circled or parenthesised ideographs
# (㈱); the katakana middle dot ・ is punctuation.
_UNSPACED_CHAR = re.compile(
    r"[\u3005\u3007\u3041-\u30fa\u30fc-\u30ff\u3220-\u3243\u3280-\u32b0\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003ffff"
    r"\u0e00-\u0e7f\u0e80-\u0eff\u1780-\u17ff\u1000-\u109f]"
)


def count_words(text: str, language: str) -> int:
    """Count the words of plain text (markup already removed) as translators count them.

    Spaced languages count whitespace-separated tokens that hold a letter or digit; for
    Japanese each kanji or kana is one word and each run of other letters or digits one more.
    Punctuation alone never counts.

    >>> count_words("Trump 2.0 and Korea-Japan relations", "en")
    5
    >>> count_words("日韓関係の未来", "ja")
    7
    >>> count_words("한일 관계의 미래를 생각한다", "ko")
    4
    """
    if language.split("-")[0].split("_")[0] in UNSPACED_LANGUAGES:
        chars = len(_UNSPACED_CHAR.findall(text))
        text = _UNSPACED_CHAR.sub(" ", text)
        return chars + len(_WORD.findall(text))
    return len(_WORD.findall(text))


# Lower-case words inside personal names (Vincent van Gogh, Ibn al-Haytham).
_NAME_PARTICLES = frozenset(
    {"al", "bin", "bint", "da", "de", "del", "della", "der", "di", "dos", "du", "ibn", "la"}
    | {"le", "ten", "ter", "van", "von", "y", "zu"}
)
# A list of names: "Kazuhiko Togo, Kim Min-jun and Jane Doe".
_NAME_LIST = re.compile(r"\s*(?:[,;&/]|\band\b)\s*")


def _name_word(word: str) -> str:
    """``cap`` for a capitalised word (Togo, Min-jun, O'Brien, J., Dr.), ``particle`` for
    van or de, ``""`` for anything else."""
    if word in _NAME_PARTICLES:
        return "particle"
    core = word[:-1] if word.endswith(".") and len(word) <= 4 else word  # J. Dr. Jr.
    if core[:1].isupper() and all(c.isalnum() or c in "-'\u2019" for c in core):
        return "cap"
    return ""


def _is_name(words: list[str]) -> bool:
    kinds = [_name_word(word) for word in words]
    if not 1 <= len(words) <= 4 or "" in kinds:
        return False
    if len(words) == 1:  # GoogleTest, PACs, Arrow-Left: a capital inside the word
        return kinds[0] == "cap" and any(c.isupper() or c.isdigit() for c in words[0][1:])
    return kinds.count("cap") >= 2


def looks_like_name(text: str) -> bool:
    """Is ``text`` a proper noun, or a list of them, as Latin script writes one: up to four
    capitalised words (a name particle such as *van* among them), or one word with a capital
    inside? A translation into Japanese or Korean may keep such a name as it is.

    >>> looks_like_name("Kazuhiko Togo"), looks_like_name("Kim Min-jun and J. R. R. Tolkien")
    (True, True)
    >>> [looks_like_name(text) for text in ("GoogleTest", "Findings", "Held in Seoul.")]
    [True, False, False]
    """
    parts = [part for part in _NAME_LIST.split(text.strip()) if part]
    return bool(parts) and all(_is_name(part.split()) for part in parts)
