"""Numbers in a source text and whether its translation still says them.

A translation may write a number as the source does (``2024``, ``1,200``), in full-width
digits (``２０２４``), with a thousands separator or without, scaled the way its language
counts (``4.2 million`` is ``420万`` in Japanese and ``420만`` in Korean, ``80,000`` is
``8万``), in words (``twelve``, ``二十六``, ``스물여섯``, ``ゼロ``, month names; see
:mod:`publisher.lang.numerals`), as a Japanese year (``一九八一年``, ``令和6年``). A time of
day is one quantity however it is written (``9:00 am`` is ``午前9時``; see
:mod:`publisher.lang.clock`).

Numbers are counted: a source that says 3 twice (``3 of 3``) needs a translation that says
it twice, and one number of the translation cannot stand for two of the source's.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from publisher.lang.clock import Time, same_time, times
from publisher.lang.numerals import said_in_words
from publisher.lang.text import may_hold_address, without_addresses

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
    is_time: bool = False
    """A time of day (``9:00 am``), not a number."""
    count: int = 1
    """How many times the source says it."""
    said: int = 0
    """How many times the translation says it (for a number it says too few times)."""

    @property
    def is_year(self) -> bool:
        """A four-digit number from 1000 to 2999 written without a separator."""
        return re.fullmatch(r"[12]\d{3}", self.text) is not None and self.value == int(self.text)


def _western_year(match: re.Match[str]) -> str:
    year = 1 if match.group(2) == "元" else int(match.group(2))
    return f"{_ERA_START[match.group(1)] + year - 1}年"


@lru_cache(maxsize=4096)  # a source text is checked against each of its translations
def _quantities(text: str) -> tuple[tuple[Time, ...], tuple[SourceNumber, ...]]:
    """The times of day and the other numbers of a text, in order, each as often as it
    is written."""
    found, rest = times(unicodedata.normalize("NFKC", without_addresses(text)))
    return tuple(found), tuple(_found(rest))


def _found(text: str) -> list[SourceNumber]:
    if "年" in text:
        text = _ERA_YEAR.sub(_western_year, text)
    numbers: list[SourceNumber] = []
    place = None  # the place value of the last scaled group, while a compound goes on
    end = -1
    for match in _NUMBER.finditer(text):
        written, scales = match.groups()
        plain = _THOUSANDS.sub("", written) if "," in written else written
        power = sum(_SCALES[word.lower()] for word in _SCALE_WORD.findall(scales)) if scales else 0
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
    for number in _quantities(text)[1]:
        if number.plain not in seen:
            seen.add(number.plain)
            numbers.append(number)
    return numbers


def _key(number: SourceNumber) -> Decimal | str:
    """What says the same number: its value, or as written when it has none (1,2,3)."""
    return number.value if number.value is not None else number.plain


def _pair_times(source: Sequence[Time], target: Sequence[Time]) -> tuple[list[Time], list[Time]]:
    """The times of each side that say no time of the other side (the exact ones paired
    first: 9 am with 午前9時 before 9時)."""
    left, right = list(source), list(target)
    for strict in (True, False):
        for time in list(left):
            partner = next(
                (
                    other
                    for other in right
                    if same_time(time, other) and (not strict or time.exact == other.exact)
                ),
                None,
            )
            if partner is not None:
                left.remove(time)
                right.remove(partner)
    return left, right


# A source holds a number or a time only with a digit (of any script: NFKC makes ① and ５
# digits), a Korean hour (세 시) or a Japanese era's first year (令和元年).
_DIGIT = re.compile(r"\d")


def _may_hold_number(text: str) -> bool:
    """A digit, a Korean hour or an era's first year (looked for one by one: as one
    alternation the scan of a paragraph is slower)."""
    return _DIGIT.search(text) is not None or "시" in text or "元年" in text


def missing_numbers(source: str, translation: str, language: str) -> list[SourceNumber]:
    """The source's numbers and times that ``translation`` (in ``language``) does not say, or
    says fewer times, each once: times first, then numbers in the source's order."""
    if not _may_hold_number(source) and (source.isascii() or not any(map(str.isdigit, source))):
        return []  # (an ASCII digit is a \d; other scripts' digits are looked for too)
    if _written_alike(source, translation):
        return []
    return list(_missing(source, translation, language))


# What may make digits say another number than they spell, besides a time of day and a
# scale word: an address (its digits are no number) and a Japanese era (令和6年 is 2024).
_ERA = re.compile("令和|平成|昭和")


@lru_cache(maxsize=4096)  # a source text is checked against each of its translations
def _spelt_numbers(text: str) -> Counter[str] | None:
    """The numbers of a text as written, counted, when each says what its digits spell:
    no address, time of day, era year or scale word in the text (else None)."""
    text = unicodedata.normalize("NFKC", text)
    if may_hold_address(text) or ("年" in text and _ERA.search(text)) or times(text)[0]:
        return None
    found: Counter[str] = Counter()
    for match in _NUMBER.finditer(text):
        if match.group(2):  # a scale word: 4.2 million, 1조 2천억 (one number)
            return None
        found[match.group(1)] += 1
    return found


def _written_alike(source: str, translation: str) -> bool:
    """Does the translation write each number of the source as the source does, as often
    or more? Then it says every one (what most translations do, found without weighing
    what each number is worth: :func:`_missing` agrees, as the tests check)."""
    wanted = _spelt_numbers(source)
    if wanted is None:
        return False
    said = _spelt_numbers(translation)
    return said is not None and all(said[number] >= count for number, count in wanted.items())


@lru_cache(maxsize=4096)  # a repeated passage (boilerplate) repeats its translation
def _missing(source: str, translation: str, language: str) -> tuple[SourceNumber, ...]:
    written_times, numbers = _quantities(source)
    said_times, said = _quantities(translation)
    source_times, target_times = _pair_times(written_times, said_times)
    # A time left over may be written as a bare number on the other side (at 9, 9時に),
    # but not as another time (9 am is not 午後9時).
    pool = Counter(_key(number) for number in said)
    lowered = unicodedata.normalize("NFKC", translation).lower()
    missing = []
    for time in source_times:
        hour = Decimal(time.hour)
        if pool[hour] > 0:
            pool[hour] -= 1
        elif not said_in_words(hour, str(time.hour), lowered, language):
            missing.append(SourceNumber(time.text, time.text, None, is_time=True))
    pool.update(Decimal(time.hour) for time in target_times)
    pool.update(Decimal(time.minutes % 60) for time in target_times if time.minutes % 60)
    wanted = Counter(_key(number) for number in numbers)
    first: dict[Decimal | str, SourceNumber] = {}
    for number in numbers:
        first.setdefault(_key(number), number)
    for key, count in wanted.items():
        have = pool[key]
        if have < count:
            number = first[key]
            have += said_in_words(number.value, number.plain, lowered, language)
            if have < count:
                missing.append(replace(number, count=count, said=have))
    return tuple(missing)
