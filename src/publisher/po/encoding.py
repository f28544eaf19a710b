"""How a catalog file's bytes become text: the charset its header declares, legacy Japanese
and Korean encodings with their Windows supersets, line ends, and advice when a file is not in
the encoding it claims."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from publisher.errors import CatalogError

__all__ = ["check_conflict_markers", "declared_charset", "header_charset", "codec_name", "decode"]

_CONFLICT_RE = re.compile(rb"(?m)^(<{7}|={7}|>{7}|\|{7})(?=[ \t\r\n]|$)")
_MARKERS = (b"<" * 7, b"=" * 7, b">" * 7, b"|" * 7)
# The header entry as it normally stands at the top of a file; its charset decides how
# the rest is decoded, so it is found in the raw bytes first.
_HEADER_RE = re.compile(
    rb'(?m)^msgid[ \t]*""[ \t]*\r?\n(?:[ \t]*""[ \t]*\r?\n)*'
    rb'msgstr[ \t]*((?:"[^"\\\r\n]*(?:\\.[^"\\\r\n]*)*"[ \t]*(?:\r?\n|\Z)[ \t]*)+)'
)
_CHARSET_RE = re.compile(rb'charset=([^ \t\r\n"\\]+)')


def check_conflict_markers(data: bytes, path: Path | str) -> None:
    """Refuse a file that still holds git merge conflict markers."""
    # The markers are rare: looked for as plain bytes first (at C speed), as a pattern
    # only where one of them occurs.
    if not any(marker in data for marker in _MARKERS):
        return
    match = _CONFLICT_RE.search(data)
    if match:
        line = data.count(b"\n", 0, match.start()) + 1
        marker = match.group(1).decode("ascii")
        raise CatalogError(
            f"unresolved merge conflict: the line starts with the git conflict marker '{marker}'",
            path,
            line,
            "two branches changed this catalog. Between '<<<<<<<' and '>>>>>>>', keep the "
            "version of each entry you want (or combine them), delete the three marker lines "
            "('<<<<<<<', '=======', '>>>>>>>'), save, then check the file with "
            "'msgfmt --check'.",
        )


def declared_charset(data: bytes) -> tuple[str | None, int]:
    """The charset named by the header at the top of the file, and the line naming it."""
    header = _HEADER_RE.search(data)
    if not header:
        return None, 0
    match = _CHARSET_RE.search(data, header.start(1), header.end(1))
    if not match:
        return None, 0
    charset = match.group(1).decode("ascii", "replace")
    return (None if charset == "CHARSET" else charset), data.count(b"\n", 0, match.start()) + 1


def header_charset(header: str) -> str | None:
    """The charset a header msgstr declares, as GNU finds it; None for none or CHARSET."""
    start = header.find("charset=")
    if start < 0:
        return None
    value = re.split(r"[ \t\n]", header[start + len("charset=") :], maxsplit=1)[0]
    return None if value in ("CHARSET", "") else value


# What Japanese and Korean Windows tools write under these labels: NEC and IBM symbols in
# "Shift_JIS", Unified Hangul in "EUC-KR" and "ks_c_5601-1987". A file that is not valid in
# the strict encoding is read with its Windows superset (same text for every valid byte).
_SUPERSETS = {"shift_jis": "cp932", "euc_kr": "cp949"}
# Names glibc (and so GNU gettext) accepts that Python's codecs lack.
_GLIBC_NAMES = {
    "eucjpms": "euc_jp",
    "eucjpwin": "euc_jp",
    "eucjpopen": "euc_jp",
    "windows31j": "cp932",
    "windows932": "cp932",
    "uhc": "cp949",
    "ibm943": "cp932",
    "ibm932": "cp932",
}


def codec_name(charset: str) -> str | None:
    """Python's name for a charset, or None when Python does not know it."""
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return _GLIBC_NAMES.get(re.sub(r"[^a-z0-9]", "", charset.lower()))


# Legacy encodings a Japanese or Korean catalog was most likely saved in, to advise on.
_LIKELY = (
    ("cp932", "SHIFT_JIS", "Japanese"),
    ("euc_jp", "EUC-JP", "Japanese"),
    ("iso2022_jp", "ISO-2022-JP", "Japanese"),
    ("cp949", "CP949", "Korean"),
)


def _script_share(text: str, language: str) -> float:
    """How much of the non-ASCII text is kana (Japanese) or Hangul (Korean): the reading
    in the right encoding is the one that makes sense in its language."""
    wide = [char for char in text if char > "\x7f"]
    if language == "Korean":
        fitting = sum("\uac00" <= char <= "\ud7a3" for char in wide)
    else:
        fitting = sum("\u3040" <= char <= "\u30ff" for char in wide)
    return fitting / len(wide) if wide else 0.0


def _advice(data: bytes, name: str) -> str:
    """What to do about a file that is not in the charset it declares."""
    fix = "correct the charset in the header's Content-Type line"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return f"the file is valid UTF-8: {fix} to 'charset=UTF-8'."
    readings = []
    for codec, label, language in _LIKELY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        readings.append((_script_share(text, language), label, language))
    if readings:
        _, label, language = max(readings, key=lambda reading: reading[0])
        return (
            f"the whole file reads as {label} ({language}): convert it with "
            f"'iconv -f {label} -t UTF-8' and write 'charset=UTF-8' in the header, or "
            f"{fix} to 'charset={label}'."
        )
    return (
        f"the file was probably saved in another encoding: convert it to UTF-8 (for "
        f"example 'iconv -f SHIFT_JIS -t UTF-8' for Japanese, 'iconv -f CP949 -t "
        f"UTF-8' for Korean) and write 'charset=UTF-8' in the header, or {fix}."
    )


def _decoded(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        if codec not in _SUPERSETS:
            raise
        return data.decode(_SUPERSETS[codec])


def decode(data: bytes, charset: str | None, charset_line: int, path: Path | str) -> str:
    """The file's text, decoded with its declared charset, with LF line ends."""
    name = charset or "UTF-8"
    codec = codec_name(name)
    if codec is None:
        raise CatalogError(
            f"the header declares charset={name}, which is not a character encoding "
            f"this tool knows",
            path,
            charset_line or None,
            "save the file as UTF-8 and write 'charset=UTF-8' in the header's Content-Type line.",
        )
    try:
        text = _decoded(data, codec)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        declared = ("declares charset=" + charset) if charset else "declares no charset"
        raise CatalogError(
            f"this line is not valid {name} (byte 0x{data[error.start]:02x}), but the file "
            f"{declared}",
            path,
            line,
            _advice(data, name),
        ) from None
    if "\r" in text:  # Windows (CR LF) and old Mac OS (CR alone) line ends
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
