"""Numbers in words: how often a translation says a number without its digits.

English words (``twelve``, ``twenty-first``, ``zero``), Japanese numerals (``二十六``,
``千二百``, ``一九八一``, ``令和6年``, ``ゼロ``), Sino-Korean (``이십육``) and native Korean
numerals (``스물여섯``, ``하나``, and before a counter ``한 명``, ``두 번``, ``스무 살``), and
month names. Words are matched whole: the ``dec`` of *decided* is not December, the ``six``
of *twenty-six* is not 6, the ``한`` of ``한국`` is not 1.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

__all__ = ["said_in_words", "korean_native", "KOREAN_HOURS"]

_UNITS = (
    "zero",
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
# Zero in words, beside 〇 and Sino-Korean 영 (공 as in phone numbers).
_ZERO = {"en": ("zero",), "ja": ("ゼロ", "零", "〇"), "ko": ("영", "공")}


def _english(number: int) -> set[str]:
    """English cardinal and ordinal words for 0-99 (twenty-one, twenty-first)."""
    if number < 20:
        word = _UNITS[number]
    else:
        word = _TENS[number // 10] + (f"-{_UNITS[number % 10]}" if number % 10 else "")
    last = word.split("-")[-1]
    ordinal = _ORDINAL.get(last) or (last[:-1] + "ieth" if last.endswith("y") else last + "th")
    words = {word, word.rsplit(last, 1)[0] + ordinal} if number else {word}
    return words | ({"once"} if number == 1 else {"twice"} if number == 2 else set())


def _kanji(number: int) -> set[str]:
    """Japanese numerals for 1-99 (二十一)."""
    tens, units = divmod(number, 10)
    prefix = ("" if tens < 2 else _KANJI_DIGITS[tens]) + ("十" if tens else "")
    return {prefix + (_KANJI_DIGITS[units] if units else "")}


@lru_cache(maxsize=64)
def _words_for(language: str) -> dict[int, frozenset[str]]:
    """Ways a language writes small numbers in words, and months by name."""
    from babel.dates import get_month_names

    from publisher.lang.dates import locale_of

    words: dict[int, set[str]] = {0: set(_ZERO.get(language.split("-")[0], ()))}
    for number in range(1, 100):
        words[number] = (
            _english(number)
            if language.startswith("en")
            else (_kanji(number) if language.startswith(("ja", "zh")) else set())
        )
    if language.startswith("en"):
        words[0] |= _english(0)
    locale = locale_of(language)
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale=locale).items():
            words[number].add(unicodedata.normalize("NFKC", name).lower())
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


def _japanese_forms(value: int | None, plain: str) -> set[str]:
    """Kanji numerals (千二百, 一九八一) and, for years, the era names (令和6年)."""
    forms = set()
    if value is not None and 0 < value < 10**16:
        forms.add(_grouped(value, _KANJI_DIGITS, "千百十", "万億兆"))
    if plain.isdigit() and len(plain) > 2:
        forms.add("".join(_KANJI_DIGITS[int(d)] for d in plain))
    if re.fullmatch(r"[12]\d{3}", plain):
        year = int(plain)
        for era, first in _ERAS:
            if year >= first:
                forms.add(f"{era}{'元' if year == first else year - first + 1}年")
                break
    return forms


def _korean_forms(value: int | None) -> set[str]:
    """Sino-Korean numerals (이십육, 천이백), as a number is sometimes written out."""
    if value is None or not 0 < value < 10**16:
        return set()
    return {_grouped(value, "영일이삼사오육칠팔구", "천백십", "만억조")}


# ------------------------------------------------------------------- native Korean

_NATIVE_TENS = {"열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50}
_NATIVE_TENS |= {"예순": 60, "일흔": 70, "여든": 80, "아흔": 90}
_NATIVE_UNITS = {"하나": 1, "한": 1, "둘": 2, "두": 2, "셋": 3, "세": 3, "넷": 4, "네": 4}
_NATIVE_UNITS |= {"다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}
# Words that are numerals only before a counter (한 명, 두 번, 스무 살, 열 개): alone they are
# other words (한 'a', 세 'world' in 세계, 네 'yes', 열 'heat', 쉰 'rested').
_BEFORE_COUNTER_ONLY = frozenset({"한", "두", "세", "네", "스무", "열", "쉰"})
_NATIVE = re.compile(
    r"(?<![가-힣])(?:(?P<tens>{tens})(?:\s?(?P<units>{units}))?|(?P<alone>{units}))".format(
        tens="|".join(sorted(_NATIVE_TENS, key=len, reverse=True)),
        units="|".join(sorted(_NATIVE_UNITS, key=len, reverse=True)),
    )
)
# What follows a numeral: a particle or ending (하나는, 둘이, 셋째), or not Hangul at all.
_PARTICLE = (
    r"(?:$|[^가-힣]|(?:이|가|은|는|을|를|의|에|와|과|도|만|으로|로|씩|쯤|째|부터|까지|뿐|나))"
)
# Counters after a native numeral, then the end of the word or a particle.
_COUNTER = re.compile(
    r"\s?(?:번째|시간|사람|가지|마리|차례|군데|켤레|나라|개국|명|개|살|번|시|분|달|해|주|권|잔|곳"
    r"|채|대|장|쌍|벌|배|층|쪽|팀|개월|세대)" + _PARTICLE
)
_ALONE = re.compile(_PARTICLE)

#: The native Korean hours of a clock (세 시 is three o'clock), for reading times.
KOREAN_HOURS = {
    word: value
    for word, value in (*_NATIVE_UNITS.items(), ("열", 10), ("열한", 11), ("열두", 12))
    if word not in ("하나", "둘", "셋", "넷")
}


def korean_native(text: str) -> list[int]:
    """The native Korean numerals of ``text`` (스물여섯 is 26, 한 명 is 1 person).

    >>> korean_native("스물여섯 명이 왔고, 하나는 남았다. 한국 세계")
    [26, 1]
    """
    found = []
    for match in _NATIVE.finditer(text):
        tens, units = match.group("tens"), match.group("units") or match.group("alone")
        value = _NATIVE_TENS.get(tens or "", 0) + _NATIVE_UNITS.get(units or "", 0)
        last = units or tens
        rest = text[match.end() :]
        if _COUNTER.match(rest) or (last not in _BEFORE_COUNTER_ONLY and _ALONE.match(rest)):
            found.append(value)
    return found


# ------------------------------------------------------------------- counting

_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff"
# A Japanese numeral stands alone: after 第 or no other kanji, and not inside a longer
# numeral. 一 begins many words (一方, 一般, 一部): alone, it must be followed by a counter.
_KANJI_BEFORE = rf"(?:(?<=第)|(?<![{_KANJI_NUMERALS}{_IDEOGRAPH}]))"
_KANJI_AFTER = rf"(?![{_KANJI_NUMERALS}])"
_ONE_AFTER = rf"{_KANJI_AFTER}(?:(?=[{_COUNTERS}])|(?![{_IDEOGRAPH}]))"
# English number words joined by a hyphen are one number: the six of twenty-six is not 6.
_ENGLISH_UNIT = "|".join((*_UNITS[1:10], *_ORDINAL.values(), "fourth", "sixth", "seventh"))


@lru_cache(maxsize=4096)
def _word_pattern(word: str) -> re.Pattern[str]:
    if word[:1] in _KANJI_NUMERALS:
        return re.compile(
            _KANJI_BEFORE + re.escape(word) + (_ONE_AFTER if word == "一" else _KANJI_AFTER)
        )
    if word.isascii() and word[-1:].isalpha():  # "may" is May, "decided" is not December
        return re.compile(
            rf"(?<![^\W\d_])(?<!ty-){re.escape(word)}(?![^\W\d_])"
            rf"(?!-(?:{_ENGLISH_UNIT})(?![^\W\d_]))"
        )
    if word in ("영", "공"):  # not the 영 of 영국 or the 공 of 공개
        return re.compile(rf"(?<![가-힣]){word}(?={_PARTICLE})")
    return re.compile(re.escape(word))


def said_in_words(value: Decimal | None, plain: str, lowered: str, language: str) -> int:
    """How many times ``lowered`` (a translation in ``language``, NFKC and lower case) says
    the number ``value`` (written ``plain`` in the source) in words."""
    whole = int(value) if value is not None and value == int(value) else None
    forms = set(_words_for(language).get(whole, ())) if whole is not None else set()
    native = 0
    if language.startswith("ja"):
        forms |= _japanese_forms(whole, plain)
    elif language.startswith("ko"):
        forms |= _korean_forms(whole)
        native = korean_native(lowered).count(whole) if whole is not None else 0
    # Every pattern matches its form as written: a form not in the text is not looked for.
    return native + sum(
        len(_word_pattern(form).findall(lowered)) for form in forms if form in lowered
    )
