"""Language codes as people and tools write them."""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError

__all__ = ["same_language"]


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
