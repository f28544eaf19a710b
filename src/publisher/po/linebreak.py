"""Where GNU gettext may break a line of a PO string, and how wide text is in columns.

A port of libunistring 1.0's ``u8_possible_linebreaks`` + ``u8_width_linebreaks`` for the
UTF-8 (non-CJK) encoding, which GNU gettext uses to wrap strings: ambiguous characters (AI)
resolve to AL, SA and XX to AL, CB to ID. Class numbers are libunistring's; ZWJ gets a number
outside the pair table because it never reaches it.
"""

from __future__ import annotations

from bisect import bisect_right
from importlib import resources
from itertools import accumulate

__all__ = ["line_breaks"]

# A port of libunistring 1.0's u8_possible_linebreaks + u8_width_linebreaks for the UTF-8
# (non-CJK) encoding: ambiguous characters (AI) resolve to AL, SA and XX to AL, CB to ID.
# Class numbers are libunistring's; ZWJ gets a number outside the pair table because it
# never reaches it.

(
    _WJ,
    _GL,
    _B2,
    _BA,
    _BB,
    _HY,
    _CL,
    _CP1,
    _CP2,
    _EX,
    _IN,
    _NS,
    _OP1,
    _OP2,
    _QU,
    _IS,
    _NU,
    _PO,
    _PR,
    _SY,
    _AL,
    _H2,
    _H3,
    _ID1,
    _ID2,
    _JL,
    _JV,
    _JT,
    _HL,
    _RI,
    _ZWJ_TABLE,
    _EB,
    _EM,
) = range(33)
_BK, _CR, _LF, _CM, _ZW, _SP = 33, 34, 35, 36, 37, 38
_ZWJ = 40
_HL_BA = 100  # a Hebrew letter followed by a hyphen or break-after character
_TABLE_SIZE = 33

# unilbrk_table of libunistring 1.0 (lbrktables.c): row = class before, column = class
# after; D = direct break, I = break only across spaces, P = prohibited.
_PAIR_TABLE = (
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # WJ
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # GL
    "PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # B2
    "PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # BA
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # BB
    "PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # HY
    "PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDD",  # CL
    "PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD",  # CP1
    "PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDD",  # CP2
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # EX
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # IN
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # NS
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP1
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP2
    "PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII",  # QU
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # IS
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # NU
    "PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD",  # PO
    "PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII",  # PR
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD",  # SY
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # AL
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",  # H2
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",  # H3
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # ID1
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",  # ID2
    "PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD",  # JL
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",  # JV
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",  # JT
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # HL
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # RI
    "PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIII",  # ZWJ (never used: ZWJ is handled like CM)
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",  # EB
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # EM
)


def _pair_tables() -> tuple[bytes, bytes]:
    """Break/no-break per (last class, class), without and with spaces between them."""
    rows = _BK + 1 + (_ZW - _BK)  # room for the BK and ZW rows too
    direct = bytearray(rows * _TABLE_SIZE)
    spaced = bytearray(rows * _TABLE_SIZE)
    for before, row in enumerate(_PAIR_TABLE):
        for after, kind in enumerate(row):
            direct[before * _TABLE_SIZE + after] = kind == "D"
            spaced[before * _TABLE_SIZE + after] = kind != "P"
    # Nothing breaks at the start of a line (after BK); everything after a ZW.
    for after in range(_TABLE_SIZE):
        direct[_ZW * _TABLE_SIZE + after] = spaced[_ZW * _TABLE_SIZE + after] = 1
    return bytes(direct), bytes(spaced)


_DIRECT, _SPACED = _pair_tables()


def line_breaks(
    portion: str, prohibited: frozenset[int] | set[int], width: int, start_column: int
) -> list[int]:
    """Positions where ulc_width_linebreaks starts a new line in ``portion``."""
    length = len(portion)
    if start_column + 2 * length <= width:  # even all-wide text fits: nothing to do
        return []
    if portion.isascii():
        if not portion.isprintable():
            return _line_breaks_exact(portion, prohibited, width, start_column)
        if start_column + length <= width:
            return []
        props = portion.encode("ascii").translate(_ASCII_PROPS)
        columns = None  # every character is one column wide
    else:
        # One C-speed table lookup per character, then byte translations.
        packed = portion.translate(_PACKED_TEXT).encode("latin-1")
        if packed.translate(None, _SIMPLE_PACKED):
            return _line_breaks_exact(portion, prohibited, width, start_column)
        widths = packed.translate(_PACKED_WIDTH)
        if start_column + sum(widths) <= width:
            return []
        columns = list(accumulate(widths, initial=0))
        props = packed.translate(_PACKED_PROP)
    return _line_breaks_simple(portion, props, prohibited, width, start_column, columns)


def _line_breaks_simple(
    portion: str,
    props: bytes,
    prohibited: frozenset[int] | set[int],
    width: int,
    start_column: int,
    columns: list[int] | None,
) -> list[int]:
    """_line_breaks for text whose break opportunities depend on neighbours and spaces only.

    Instead of walking every character, each line jumps to the last position that still
    fits (``columns`` holds the running width, None meaning one column per character) and
    steps back to the nearest break opportunity -- the same result as the greedy walk.
    ``props`` holds the class of each character.
    """
    direct, spaced = _DIRECT, _SPACED

    def opportunity(at: int) -> bool:
        """True when the line may break before ``portion[at]``."""
        prop = props[at]
        if prop == _SP:
            return False
        before = props[at - 1]
        if before == _SP:
            j = at - 2
            while j >= 0 and props[j] == _SP:
                j -= 1
            if j < 0:  # only spaces since the start: no break at the start of a line
                return False
            possible = spaced[props[j] * _TABLE_SIZE + prop]
        else:
            possible = direct[before * _TABLE_SIZE + prop]
        return bool(possible) and at not in prohibited

    length = len(portion)
    breaks: list[int] = []
    start, column = 0, start_column
    while True:
        # The last position whose column still fits on this line.
        if columns is None:
            fits = width - column + start
        else:
            fits = bisect_right(columns, width - column + columns[start]) - 1
        if fits >= length:
            return breaks
        at = max(fits, start)
        while at > start and not opportunity(at):
            at -= 1
        if at == start:  # the first piece alone is too long: it ends the line
            at = max(fits, start) + 1
            while at < length and not opportunity(at):
                at += 1
            if at >= length:
                return breaks
        breaks.append(at)
        start, column = at, 0


def _line_breaks_exact(
    portion: str, prohibited: frozenset[int] | set[int], width: int, start_column: int
) -> list[int]:
    """_line_breaks, character by character as libunistring does it (any text)."""
    widths = _WIDTH
    props, direct, spaced = _PROP, _DIRECT, _SPACED
    breaks: list[int] = []
    last_p = -1  # start of the current piece (a break opportunity), or -1
    last_column = start_column
    piece_width = 0
    prev_prop = last_prop = _BK
    seen_space = False
    ri_count = 0
    i = -1
    possible: bool | int
    for ch in portion:
        i += 1
        code = ord(ch)
        prop = props[code]
        if prop < _TABLE_SIZE:
            if prev_prop == _ZWJ or prev_prop == _HL_BA:
                possible = False
            elif prop == _RI and last_prop == _RI:
                possible = seen_space or not ri_count & 1
            elif seen_space:
                possible = spaced[last_prop * _TABLE_SIZE + prop]
            else:
                possible = direct[last_prop * _TABLE_SIZE + prop]
            if prev_prop == _HL and (prop == _HY or prop == _BA):
                prev_prop = _HL_BA
            else:
                prev_prop = prop
            last_prop = prop
            seen_space = False
            ri_count = ri_count + 1 if prop == _RI else 0
        elif prop == _SP:
            possible = False
            seen_space = True
            prev_prop = prop
            ri_count = 0
        elif prop == _CM or prop == _ZWJ:
            # A combining mark sticks to what precedes it, unless that is a space.
            possible = False
            if last_prop == _BK:
                last_prop = _AL
                seen_space = False
            elif last_prop == _ZW or seen_space:
                possible = True
                last_prop = _AL
                seen_space = False
            prev_prop = prop
            ri_count = 0
        elif prop == _ZW:
            possible = False
            last_prop = prop
            seen_space = False
            prev_prop = prop
            ri_count = 0
        else:
            # BK, CR, LF: a mandatory break; the text after it starts at column 0.
            if last_p >= 0 and last_column + piece_width > width:
                breaks.append(last_p)
            last_p = -1
            last_column = piece_width = 0
            prev_prop = prop
            last_prop = _BK
            seen_space = False
            ri_count = 0
            continue
        if possible and not (prohibited and i in prohibited):
            if last_p >= 0 and last_column + piece_width > width:
                breaks.append(last_p)
                last_column = 0
            last_p = i
            last_column += piece_width
            piece_width = 0
        piece_width += widths[code]
    if last_p >= 0 and last_column + piece_width > width:
        breaks.append(last_p)
    return breaks


# Line break class and column width of every code point, from libunistring 1.0
# (lbrkprop.h and uc_width with the UTF-8 encoding; Unicode 14.0), in ``linebreak.txt``:
# runs of equal (class, width) as "<start - previous start, base 36><class letter><width>",
# the class letter indexing _CLASS_LETTERS (libunistring's numbers after resolving AI, SA,
# XX and CB); "n" marks the Hangul syllables, whose class alternates H2 (every 28th) / H3.
# Generated by reading the tables out of libunistring.so.2 with ctypes; the tests compare
# them with the installed library again.
_CLASS_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn"
_HANGUL_LETTER = "n"


def _build_tables() -> tuple[bytearray, bytearray, bytearray]:
    """Expand _LB_DATA into class, width and packed ``class * 3 + width`` tables."""
    props = bytearray(0x110000)
    widths = bytearray(0x110000)
    packed = bytearray(0x110000)
    runs = []
    start = 0
    for token in (
        resources.files("publisher.po").joinpath("linebreak.txt").read_text("ascii").split()
    ):
        start += int(token[:-2], 36)
        runs.append((start, token[-2], int(token[-1])))
    runs.append((0x110000, "A", 0))
    for (start, letter, width), (end, _, _) in zip(runs, runs[1:]):
        widths[start:end] = bytes((width,)) * (end - start)
        if letter == _HANGUL_LETTER:
            for code in range(start, end):
                props[code] = _H2 if (code - 0xAC00) % 28 == 0 else _H3
                packed[code] = props[code] * 3 + width
            continue
        prop = _CLASS_LETTERS.index(letter)
        if prop == _ZWJ_TABLE:
            prop = _ZWJ
        props[start:end] = bytes((prop,)) * (end - start)
        packed[start:end] = bytes((prop * 3 + width,)) * (end - start)
    return props, widths, packed


# Classes with rules beyond the pair table (combining marks, joiners, regional indicators,
# Hebrew hyphenation, mandatory breaks): text holding one takes the exact path.
_COMPLEX_CLASSES = frozenset((_CM, _ZWJ, _ZW, _RI, _HL, _BK, _CR, _LF))

_PROP, _WIDTH, _PACKED = _build_tables()
# The packed table as text, so that str.translate looks up every character in C.
_PACKED_TEXT = _PACKED.decode("latin-1")
# Byte tables for bytes.translate over packed values: class, width, and the packed values
# of simple classes (deleting them leaves the tricky ones); classes of ASCII bytes.
_PACKED_PROP = bytes(min(v // 3, 255) for v in range(256))
_PACKED_WIDTH = bytes(v % 3 for v in range(256))
_SIMPLE_PACKED = bytes(v for v in range(256) if v // 3 not in _COMPLEX_CLASSES)
_ASCII_PROPS = bytes(_PROP[v] if v < 128 else 0 for v in range(256))
