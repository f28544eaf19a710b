"""Language codes as people and tools write them."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import SplitResult, parse_qsl, urlsplit

from babel import Locale, UnknownLocaleError

__all__ = ["same_language", "localised_url"]


def same_language(declared: str, language: str) -> bool:
    """True when a catalog's ``Language:`` header (or a report's ``lang:``) names
    ``language``.

    Tools write the field in many ways: ``ja``, ``ja_JP`` (Poedit, Crowdin, Babel),
    ``ja-JP``, ``ja_JP.UTF-8``, ``JA``, even the language's English name (``Japanese``, as
    old xgettext-era headers did). A more specific locale of the folder's language, or a
    less specific one, is the same language; another territory or script is not.

    >>> same_language("ja_JP.UTF-8", "ja"), same_language("Korean", "ko")
    (True, True)
    >>> same_language("zh_TW", "zh_CN")
    False
    """
    if declared.strip().replace("-", "_").lower() == language.replace("-", "_").lower():
        return True  # the usual case, on every catalog read: no locale data needed

    def parsed(code: str) -> Locale | None:
        code = re.split(r"[.@]", code.strip(), maxsplit=1)[0].replace("-", "_")
        try:
            return Locale.parse(code)
        except (ValueError, TypeError, UnknownLocaleError):
            return None

    folder = parsed(language)
    if folder is None:
        return declared.strip() == language
    found = parsed(declared)
    if found is None:  # an English name such as "Japanese" or "Korean"?
        name = declared.strip().casefold()
        return name in {
            (folder.english_name or "").casefold(),
            (Locale(folder.language).english_name or "").casefold(),
        }
    return found.language == folder.language and all(
        not a or not b or a == b
        for a, b in ((found.territory, folder.territory), (found.script, folder.script))
    )


# A language tag as addresses write one: en, en-us, en_US, zh-Hans, sr-Latn-RS (a two-letter
# language first, so that /api/ or /new/ are never taken for one).
_TAG = re.compile(r"[A-Za-z]{2}(?:[-_](?:[A-Za-z]{4}|[A-Za-z]{2}|\d{3})){0,2}")


@lru_cache(maxsize=1024)
def _tag_language(text: str) -> str | None:
    """The language a URL part names (``en-us`` -> ``en``), or None when it names none."""
    if not _TAG.fullmatch(text):
        return None
    try:
        return Locale.parse(text.replace("-", "_")).language
    except (ValueError, UnknownLocaleError):
        return None


def _parts(url: SplitResult) -> list[str]:
    """The parts of an address one language tag may fill: host labels, path segments and
    query values, each with what must stay the same around it."""
    query = parse_qsl(url.query, keep_blank_values=True)
    return [
        url.scheme.lower(),
        *(url.hostname or "").split("."),
        str(url.port),
        url.username or "",
        *url.path.split("/"),
        *(key for key, _ in query),
        "?",
        *(value for _, value in query),
        url.fragment,
    ]


def localised_url(source: str, target: str, source_language: str = "", language: str = "") -> bool:
    """Is ``target`` the address ``source`` in the translation's language: the same but for
    language tags in its host labels, path segments or query values, each a tag of
    ``source_language`` in ``source`` and of ``language`` in ``target``? Without the languages,
    any two different ones.

    >>> localised_url("https://learn.microsoft.com/en-us/x", "https://learn.microsoft.com/ja-jp/x",
    ...               "en", "ja")
    True
    >>> localised_url("https://en.wikipedia.org/wiki/X", "https://ko.wikipedia.org/wiki/X")
    True
    >>> localised_url("https://example.org/en/x", "https://example.org/ja/y", "en", "ja")
    False
    """
    if source == target:
        return False
    try:
        before, after = _parts(urlsplit(source)), _parts(urlsplit(target))
    except ValueError:  # a port that is not a number, an unclosed [IPv6 address
        return False
    if len(before) != len(after):
        return False
    swapped = False
    for old, new in zip(before, after):
        if old == new:
            continue
        old_language, new_language = _tag_language(old), _tag_language(new)
        if (
            old_language is None
            or new_language is None
            or old_language == new_language
            or (source_language and old_language != _primary(source_language))
            or (language and new_language != _primary(language))
        ):
            return False
        swapped = True
    return swapped


def _primary(language: str) -> str:
    return re.split(r"[-_]", language, maxsplit=1)[0].lower()
