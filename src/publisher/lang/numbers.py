"""Numbers in a source text and whether its translation still says them.

A translation may write a number as the source does (``2024``, ``1,200``), in full-width
digits (``２０２４``), with a thousands separator or without, scaled the way its language
counts (``4.2 million`` is ``420万`` in Japanese and ``420만`` in Korean, ``80,000`` is
``8万``), in words (``twelve``, ``二十六``, month names), as a Japanese year (``一九八一年``,
``令和6年``). Words are matched whole: the ``dec`` of *decided* is not December.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from publisher.lang.text import without_addresses

__all__ = ["SourceNumber", "source_numbers", "missing_numbers"]

_SCALES = {
    "thousand": 3,
    "million": 6,
    "billion": 9,
    "trillion": 12,
    "千": 3,
    "万": 4,
    "億": 8,
    "兆": 12,
    "천": 3,
    "만": 4,
    "억": 8,
    "조": 12,
    "割": 1,
}  # 3割 is 30 (per cent)
# A number, and the scale words after it: "4.2 million", "420万", "2천억" (2 x 10^3 x 10^8).
_NUMBER = re.compile(
    r"(\d+(?:[.,]\d+)*)((?:\s*(?:" + "|".join(_SCALES) + r")(?![a-z]))*)", re.IGNORECASE
)
_SCALE_WORD = re.compile("|".join(_SCALES), re.IGNORECASE)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# Japanese era years are western years: 令和6年 is 2024, 令和元年 is 2019.
_ERA_YEAR = re.compile(r"(令和|平成|昭和)(元|\d+)年")
_ERA_START = {"令和": 2019, "平成": 1989, "昭和": 1926}


@dataclass(frozen=True, slots=True)
class SourceNumber:
    """A number as the source writes it."""

    text: str
    """As written, without a scale word (``1,200``, ``4.2``); a compound number such as
    ``1조 2천억`` whole."""
    plain: str
    """Without thousands separators (``1200``)."""
    value: Decimal | None
    """What it stands for, scale included (``4.2 million`` is 4200000)."""
    scaled: bool = False
    """Written with a scale word: only the same value says it (1조 is not 1 billion)."""

    @property
    def is_year(self) -> bool:
        """A four-digit number from 1000 to 2999 written without a separator."""
        return re.fullmatch(r"[12]\d{3}", self.text) is not None and self.value == int(self.text)


def _western_year(match: re.Match[str]) -> str:
    year = 1 if match.group(2) == "元" else int(match.group(2))
    return f"{_ERA_START[match.group(1)] + year - 1}年"


def _found(text: str) -> list[SourceNumber]:
    text = unicodedata.normalize("NFKC", without_addresses(text))
    if "年" in text:
        text = _ERA_YEAR.sub(_western_year, text)
    numbers: list[SourceNumber] = []
    place = None  # the place value of the last scaled group, while a compound goes on
    end = -1
    for match in _NUMBER.finditer(text):
        written, scales = match.group(1), match.group(2)
        plain = _THOUSANDS.sub("", written)
        power = sum(_SCALES[word.lower()] for word in _SCALE_WORD.findall(scales))
        try:
            value = Decimal(plain) * 10**power
        except InvalidOperation:  # 1,2,3 or a decimal comma: compared as written only
            value = None
        joined = numbers[-1] if numbers else None
        if (
            place is not None
            and joined is not None
            and joined.value is not None
            and value is not None
            and value < place
            and not text[end : match.start()].strip()
            and (power or match.start() == end)
        ):
            # 1조 2천억, 27만 2천, 1億2000万: one number in several groups.
            numbers[-1] = SourceNumber(
                f"{joined.text} {match.group().strip()}",
                str(joined.value + value),
                joined.value + value,
                True,
            )
        else:
            shown = written if not power else match.group().strip()
            numbers.append(
                SourceNumber(shown, plain if not power else str(value), value, bool(power))
            )
        place = 10**power if power else None
        end = match.end()
    return numbers


def source_numbers(text: str) -> list[SourceNumber]:
    """The numbers of a source text, each value once, in order."""
    seen, numbers = set(), []
    for number in _found(text):
        if number.plain not in seen:
            seen.add(number.plain)
            numbers.append(number)
    return numbers


def missing_numbers(source: str, translation: str, language: str) -> list[SourceNumber]:
    """The source's numbers that ``translation`` (in ``language``) does not say."""
    found = _found(translation)
    plains = {n.plain for n in found}
    values = {n.value for n in found if n.value is not None}
    lowered = unicodedata.normalize("NFKC", translation).lower()
    return [
        number
        for number in source_numbers(source)
        if number.value not in values
        and (number.scaled or number.plain not in plains)
        and not _in_words(number, lowered, language)
    ]


# ------------------------------------------------------------------------ in words

_UNITS = (
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}
_KANJI_DIGITS = "〇一二三四五六七八九"
_KANJI_NUMERALS = _KANJI_DIGITS + "十百千万億兆"
# After a Japanese numeral, a counter keeps it a number (二十六名, 三国); another kanji makes
# it part of a word (一方, 一般).
_COUNTERS = "年月日人名回件個ヶケカ箇点位番度歳章節条項冊枚本台期次割倍時分秒週代世国県市党社校"
_ERAS = (("令和", 2019), ("平成", 1989), ("昭和", 1926))


def _english(number: int) -> set[str]:
    """English cardinal and ordinal words for 1-99 (twenty-one, twenty-first)."""
    if number < 20:
        word = _UNITS[number]
    else:
        word = _TENS[number // 10] + (f"-{_UNITS[number % 10]}" if number % 10 else "")
    last = word.split("-")[-1]
    ordinal = _ORDINAL.get(last) or (last[:-1] + "ieth" if last.endswith("y") else last + "th")
    words = {word, word.rsplit(last, 1)[0] + ordinal}
    return words | ({"once"} if number == 1 else {"twice"} if number == 2 else set())


def _kanji(number: int) -> set[str]:
    """Japanese numerals for 1-99 (二十一)."""
    tens, units = divmod(number, 10)
    prefix = ("" if tens < 2 else _KANJI_DIGITS[tens]) + ("十" if tens else "")
    return {prefix + (_KANJI_DIGITS[units] if units else "")}


@lru_cache(maxsize=64)
def _words_for(language: str) -> dict[str, frozenset[str]]:
    """Ways a language writes small numbers in words, and months by name."""
    from babel.dates import get_month_names

    from publisher.lang.dates import locale_of

    words: dict[str, set[str]] = {}
    for number in range(1, 100):
        words[str(number)] = (
            _english(number)
            if language.startswith("en")
            else (_kanji(number) if language.startswith(("ja", "zh")) else set())
        )
    locale = locale_of(language)
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale=locale).items():
            words[str(number)].add(unicodedata.normalize("NFKC", name).lower())
    return {key: frozenset(value) for key, value in words.items()}


def _grouped(value: int, digits: str, powers: str, groups: str) -> str:
    """An integer in East Asian numerals: 1200 is 千二百, 26 is 二十六, 30000 is 三万."""
    text = ""
    for index, group in enumerate(reversed(_groups_of(value))):
        if not group:
            continue
        part = ""
        for power, digit in zip((*powers, ""), f"{group:04d}"):
            if digit != "0":
                part += ("" if digit == "1" and power else digits[int(digit)]) + power
        text = part + (groups[index - 1] if index else "") + text
    return text


def _groups_of(value: int) -> list[int]:
    groups: list[int] = []
    while value:
        value, group = divmod(value, 10000)
        groups.insert(0, group)
    return groups


def _japanese_forms(number: SourceNumber) -> set[str]:
    """Kanji numerals (千二百, 一九八一) and, for years, the era names (令和6年)."""
    forms = set()
    if number.value is not None and number.value == int(number.value) and 0 < number.value < 10**16:
        forms.add(_grouped(int(number.value), _KANJI_DIGITS, "千百十", "万億兆"))
    if number.plain.isdigit() and len(number.plain) > 2:
        forms.add("".join(_KANJI_DIGITS[int(d)] for d in number.plain))
    if number.is_year:
        year = int(number.plain)
        for era, first in _ERAS:
            if year >= first:
                forms.add(f"{era}{'元' if year == first else year - first + 1}年")
                break
    return forms


_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff"
# A Japanese numeral stands alone: after 第 or no other kanji, and not inside a longer
# numeral. 一 begins many words (一方, 一般, 一部): alone, it must be followed by a counter.
_KANJI_BEFORE = rf"(?:(?<=第)|(?<![{_KANJI_NUMERALS}{_IDEOGRAPH}]))"
_KANJI_AFTER = rf"(?![{_KANJI_NUMERALS}])"
_ONE_AFTER = rf"{_KANJI_AFTER}(?:(?=[{_COUNTERS}])|(?![{_IDEOGRAPH}]))"


@lru_cache(maxsize=4096)
def _word_pattern(word: str) -> re.Pattern[str]:
    if word[:1] in _KANJI_NUMERALS:
        return re.compile(
            _KANJI_BEFORE + re.escape(word) + (_ONE_AFTER if word == "一" else _KANJI_AFTER)
        )
    if word.isascii() and word[-1:].isalpha():  # "may" is May, "decided" is not December
        return re.compile(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])")
    return re.compile(re.escape(word))


def _korean_forms(number: SourceNumber) -> set[str]:
    """Sino-Korean numerals (이십육, 천이백), as a number is sometimes written out."""
    if number.value is None or number.value != int(number.value) or not 0 < number.value < 10**16:
        return set()
    return {_grouped(int(number.value), "영일이삼사오육칠팔구", "천백십", "만억조")}


def _in_words(number: SourceNumber, lowered: str, language: str) -> bool:
    forms = set(_words_for(language).get(number.plain, ()))
    if language.startswith("ja"):
        forms |= _japanese_forms(number)
    elif language.startswith("ko"):
        forms |= _korean_forms(number)
    return any(_word_pattern(form).search(lowered) for form in forms)
