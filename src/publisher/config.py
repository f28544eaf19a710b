"""Project configuration: ``publisher.toml``, validated once, with a default for every key."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from publisher.errors import ConfigError

__all__ = ["Config", "load_config", "check_language", "CONFIG_NAME", "DEFAULT_FIELDS"]

CONFIG_NAME = "publisher.toml"

#: Front-matter keys whose text is translated (a string, or a list of strings).
DEFAULT_FIELDS = (
    "title",
    "subtitle",
    "series",
    "summary",
    "description",
    "abstract",
    "location",
    "venue",
    "organisers",
    "organizers",
    "partners",
    "authors",
    "author",
    "keywords",
)

# Every key the file may hold, with its type and default. Unknown keys are an error: a typo
# must not silently fall back to a default.
_SCHEMA: dict[str, dict[str, tuple[type | tuple[type, ...], Any]]] = {
    "project": {
        "title": (str, ""),
        "source_language": (str, "en"),
        "languages": (list, ["en", "ja", "ko"]),
    },
    "build": {
        "threshold": ((int, float), 80),
        "fallback": (str, "source"),
        "wrap_width": (int, 79),
        "base_url": (str, ""),
    },
    "extract": {
        "fields": (list, list(DEFAULT_FIELDS)),
    },
    "pdf": {
        "page_size": (str, "A4"),
    },
    "tm": {
        "enabled": (bool, True),
        "threshold": ((int, float), 80),
        "exact": (str, "translated"),
    },
    "check": {
        "ja_space": (str, "flag"),
    },
    # [locales] maps a language to the locale its dates are written in (en = "en_GB").
    "locales": {},
}
_FALLBACKS = ("source",)
_PAGE_SIZES = ("A4", "Letter")
_EXACT = ("translated", "fuzzy")
_JA_SPACE = ("flag", "katakana", "off")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class Config:
    """Settings of one publishing project."""

    root: Path
    """The project folder (holding ``content/`` and ``locales/``)."""
    title: str = ""
    """Site title, translated through the catalogs like any text."""
    source_language: str = "en"
    """Language of reports that do not say ``lang:`` in their front matter."""
    languages: tuple[str, ...] = ("en", "ja", "ko")
    """Every language the project publishes in."""
    threshold: float = 80
    """Percent of source words that must be translated for an edition to be published."""
    wrap_width: int = 79
    """Line width of written catalogs, as GNU gettext's ``--width``; 0 for no wrapping."""
    fields: tuple[str, ...] = DEFAULT_FIELDS
    """Front-matter fields whose text is translated."""
    base_url: str = ""
    """Public address of the site; makes ``hreflang`` links and the sitemap absolute."""
    page_size: str = "A4"
    """Paper size of PDF editions: ``A4`` or ``Letter``."""
    tm: bool = True
    """Fill new entries from translations of the same text elsewhere in the project."""
    tm_threshold: float = 80
    """Similarity (percent) from which another translation is offered as a fuzzy one."""
    tm_exact: str = "translated"
    """An exact match from the memory counts as ``translated``, or only as ``fuzzy``."""
    ja_space: str = "flag"
    """Spaces between Japanese characters: ``flag`` them, allow them between katakana
    words (``katakana``, a house style) or ``off``."""
    locales: tuple[tuple[str, str], ...] = ()
    """Language -> the locale its dates are written in, where it is not the language's own."""

    def locale(self, language: str) -> str:
        """The locale to write ``language``'s dates in (``en_GB`` for ``en``, say)."""
        return dict(self.locales).get(language, language)


def check_language(code: str, path: Path | None = None, line: int | None = None) -> str:
    """Return ``code`` if Babel knows the language, else raise :class:`ConfigError`."""
    if not isinstance(code, str) or not _LANGUAGE_CODE.match(code):
        raise ConfigError(
            f"'{code}' is not a language code",
            path,
            line,
            hint="use an ISO 639 code such as en, ja or ko",
        )
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise ConfigError(
            f"unknown language '{code}'",
            path,
            line,
            hint="use an ISO 639 code such as en, ja or ko",
        ) from None
    return code


def _line_of(text: str, key: str, section: str | None = None) -> int | None:
    """The line where ``key`` is assigned (in ``section`` when it is given), to point the
    user at it; dotted keys and inline tables are found too."""
    start, end = 0, len(text)
    header = _section_line(text, section) if section else None
    if header is not None:
        start = sum(len(line) for line in text.splitlines(keepends=True)[:header])
        following = re.compile(r"^[ \t]*\[", re.MULTILINE).search(text, start)
        end = following.start() if following else len(text)
    pattern = re.compile(rf"^[ \t]*\"?{re.escape(key)}\"?[ \t]*=", re.MULTILINE)
    match = (
        pattern.search(text, start, end)
        or pattern.search(text)
        or re.search(rf"(?<![\w-])\"?{re.escape(key)}\"?[ \t]*=", text)
    )
    return text.count("\n", 0, match.start()) + 1 if match else None


def _section_line(text: str, name: str) -> int | None:
    match = re.search(rf"^[ \t]*\[[ \t]*\"?{re.escape(name)}\"?[ \t]*\]", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _section(data: dict[str, Any], name: str, text: str, path: Path) -> dict[str, Any]:
    section = data.get(name, {})
    if not isinstance(section, dict):
        raise ConfigError(
            f"[{name}] must be a table", path, _line_of(text, name) or _section_line(text, name)
        )
    values = {}
    for key, value in section.items():
        if key not in _SCHEMA[name]:
            known = ", ".join(_SCHEMA[name])
            raise ConfigError(
                f"unknown key '{key}' in [{name}]",
                path,
                _line_of(text, key, name),
                hint=f"the keys of [{name}] are: {known}",
            )
        expected, _ = _SCHEMA[name][key]
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            kind = {
                list: "a list",
                str: "a string",
                int: "a whole number",
                bool: "true or false",
            }.get(expected if isinstance(expected, type) else int, "a number")
            raise ConfigError(f"[{name}] {key} must be {kind}", path, _line_of(text, key, name))
        values[key] = value
    return {key: values.get(key, default) for key, (_, default) in _SCHEMA[name].items()}


def load_config(root: Path) -> Config:
    """Read ``root/publisher.toml`` (absent means all defaults) and validate it."""
    path = root / CONFIG_NAME
    text = ""
    if path.is_symlink() and not path.exists():
        raise ConfigError(
            "the settings file is a symbolic link to a file that does not exist",
            path,
            hint="point the link at the real publisher.toml, or replace it with the file itself",
        )
    if path.is_file():
        try:
            text = path.read_bytes().decode("utf-8-sig")
            data = tomllib.loads(text)
        except RecursionError:
            raise ConfigError(
                "not valid TOML: arrays or tables nested too deeply",
                path,
                hint="the settings need no nesting: see the README",
            ) from None
        except UnicodeDecodeError as err:
            line = path.read_bytes().count(b"\n", 0, err.start) + 1
            raise ConfigError(
                "the file is not valid UTF-8", path, line, hint="save it as UTF-8"
            ) from None
        except tomllib.TOMLDecodeError as err:
            match = re.search(r"\(at line (\d+)", str(err))
            raise ConfigError(
                f"not valid TOML: {str(err).split(' (at')[0]}",
                path,
                int(match.group(1)) if match else None,
            ) from None
    else:
        data = {}
    locales = _locales(data.get("locales", {}), text, path)
    for name in data:
        if name not in _SCHEMA:
            raise ConfigError(
                f"unknown section [{name}]",
                path,
                _section_line(text, name),
                hint="the sections are: " + ", ".join(_SCHEMA),
            )
    project, build, extract, pdf, tm, check = (
        _section(data, name, text, path) for name in _SCHEMA if name != "locales"
    )
    languages = project["languages"]
    if not languages or not all(isinstance(code, str) for code in languages):
        raise ConfigError(
            "[project] languages must be a non-empty list of language codes",
            path,
            _line_of(text, "languages", "project"),
        )
    for code in languages:
        check_language(code, path, _line_of(text, "languages", "project"))
    check_language(project["source_language"], path, _line_of(text, "source_language", "project"))
    if len(set(languages)) != len(languages):
        raise ConfigError(
            "[project] languages lists a language twice",
            path,
            _line_of(text, "languages", "project"),
        )
    if project["source_language"] not in languages:
        raise ConfigError(
            f"source_language '{project['source_language']}' is not one of the languages",
            path,
            _line_of(text, "source_language", "project"),
        )
    if not 0 <= build["threshold"] <= 100:
        raise ConfigError(
            "[build] threshold must be between 0 and 100",
            path,
            _line_of(text, "threshold", "build"),
        )
    if build["fallback"] not in _FALLBACKS:
        raise ConfigError(
            f"[build] fallback must be one of: {', '.join(_FALLBACKS)}",
            path,
            _line_of(text, "fallback", "build"),
        )
    if build["wrap_width"] < 0:
        raise ConfigError(
            "[build] wrap_width must be 0 (no wrapping) or a positive width",
            path,
            _line_of(text, "wrap_width", "build"),
        )
    if not all(isinstance(name, str) for name in extract["fields"]):
        raise ConfigError(
            "[extract] fields must be a list of field names",
            path,
            _line_of(text, "fields", "extract"),
        )
    _choice(pdf, "page_size", _PAGE_SIZES, "pdf", text, path)
    _choice(tm, "exact", _EXACT, "tm", text, path)
    _choice(check, "ja_space", _JA_SPACE, "check", text, path)
    if not 0 <= tm["threshold"] <= 100:
        raise ConfigError(
            "[tm] threshold must be between 0 and 100", path, _line_of(text, "threshold", "tm")
        )
    for language, _ in locales:
        if language not in languages:
            raise ConfigError(
                f"[locales] names '{language}', which is not one of the languages",
                path,
                _line_of(text, language, "locales"),
            )
    return Config(
        root=root,
        title=project["title"],
        source_language=project["source_language"],
        languages=tuple(languages),
        threshold=float(build["threshold"]),
        wrap_width=build["wrap_width"],
        fields=tuple(extract["fields"]),
        base_url=build["base_url"],
        page_size=pdf["page_size"],
        tm=tm["enabled"],
        tm_threshold=float(tm["threshold"]),
        tm_exact=tm["exact"],
        ja_space=check["ja_space"],
        locales=locales,
    )


def _choice(
    section: dict[str, Any], key: str, allowed: tuple[str, ...], name: str, text: str, path: Path
) -> None:
    if section[key] not in allowed:
        raise ConfigError(
            f"[{name}] {key} must be one of: {', '.join(allowed)}", path, _line_of(text, key, name)
        )


def _locales(section: object, text: str, path: Path) -> tuple[tuple[str, str], ...]:
    """``[locales]``: each language's locale for dates, a locale of that language."""
    if not isinstance(section, dict):
        raise ConfigError(
            '[locales] must be a table of language = "locale"', path, _section_line(text, "locales")
        )
    found = []
    for language, locale in sorted(section.items()):
        line = _line_of(text, language, "locales")
        if not isinstance(locale, str):
            raise ConfigError(f'[locales] {language} must be a locale such as "en_GB"', path, line)
        try:
            parsed = Locale.parse(locale.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            raise ConfigError(
                f"unknown locale '{locale}' for {language}",
                path,
                line,
                hint="use a locale such as en_GB, en_US, ja_JP or ko_KR",
            ) from None
        if parsed.language != language.split("-")[0].split("_")[0]:
            raise ConfigError(f"'{locale}' is not a locale of '{language}'", path, line)
        found.append((language, locale))
    return tuple(found)
