"""Digit scripts and Arabic normalisation that keep or explain character offsets.

Three levels, from safest to most aggressive:

- `to_ascii_digits` maps one character to one character, so offsets stay valid.
- `normalise_arabic` and `strip_diacritics` change the length of a string; use them on
  text you store or compare, not on text whose offsets you report.
- `fold_for_matching` builds a *matching view* of a text (digits ASCII, presentation forms
  folded, tatweel and harakat gone, alef variants unified, kashida digits dropped)
  together with a map from every view position back to the original string, so that a
  regular expression can run on the view and report offsets into the original.
"""

from __future__ import annotations

import re
import unicodedata

_TO_ASCII = {0x066C: ",", 0x066B: "."}
for _base in (0x0660, 0x06F0):  # Arabic-Indic, Extended Arabic-Indic
    for _digit in range(10):
        _TO_ASCII[_base + _digit] = str(_digit)
TATWEEL = "\u0640"
HARAKAT = {chr(c) for c in range(0x064B, 0x0653)} | {"\u0670"}

# Digits of the three scripts we read (not superscripts: those are footnote markers).
DIGIT_CHARACTERS = frozenset("0123456789" + "".join(chr(0x0660 + d) for d in range(10))
                             + "".join(chr(0x06F0 + d) for d in range(10)))

# Invisible formatting characters that sit between digits or letters in extracted text:
# bidi marks and embeddings, zero-width (non-)joiners and spaces, the BOM.
INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
                      "\u2066\u2067\u2068\u2069\ufeff")

# Matching-only letter folds (one character to one): hamza-carrying and wasla alefs to a
# bare alef, alef maqsura to ya, Persian ya and kaf to their Arabic forms, Arabic percent.
_MATCH_FOLDS = {
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
    "\u0649": "\u064a", "\u06cc": "\u064a", "\u06a9": "\u0643", "\u066a": "%",
}


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic and Extended Arabic-Indic digits (and ٬ ٫) to ASCII; length unchanged."""
    return text.translate(_TO_ASCII)


def _is_presentation_form(character: str) -> bool:
    code = ord(character)
    return 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF


def is_arabic_letter(character: str) -> bool:
    """A base Arabic letter (not a digit, mark, tatweel or punctuation)."""
    code = ord(character)
    return (0x0621 <= code <= 0x063A or 0x0641 <= code <= 0x064A or 0x066E <= code <= 0x066F
            or 0x0671 <= code <= 0x06D3 or 0x06FA <= code <= 0x06FC
            or 0xFB50 <= code <= 0xFDFB or 0xFE80 <= code <= 0xFEFC)


def normalise_arabic(text: str) -> str:
    """Fold presentation forms to base letters (NFKC; lam-alef becomes two letters) and drop
    tatweel. Diacritics are kept.

    Changes the length where a ligature unfolds or a tatweel goes: do not use offsets
    computed on the result against the input (see `fold_for_matching` for a map).
    """
    return "".join(
        unicodedata.normalize("NFKC", c) if _is_presentation_form(c) else c
        for c in text if c != TATWEEL
    )


def strip_diacritics(text: str) -> str:
    """Remove harakat (U+064B–U+0652, U+0670), for matching only. Changes the length."""
    return "".join(c for c in text if c not in HARAKAT)


def _skippable(character: str) -> bool:
    return character == TATWEEL or character in HARAKAT or character in INVISIBLE


def kashida_digit_runs(text: str) -> list[tuple[int, int]]:
    """Runs of digits glued between two Arabic letters with no space (`ك11انون`).

    Justified Arabic is stretched with glyphs that some producers map to the digit 1; a
    digit run with an Arabic letter directly on both sides (tatweel, harakat and invisible
    marks between do not count as a gap) is such stretching, never a number.
    """
    runs = []
    i, n = 0, len(text)
    while i < n:
        if text[i] not in DIGIT_CHARACTERS:
            i += 1
            continue
        j = i
        while j < n and text[j] in DIGIT_CHARACTERS:
            j += 1
        before = i - 1
        while before >= 0 and _skippable(text[before]):
            before -= 1
        after = j
        while after < n and _skippable(text[after]):
            after += 1
        if before >= 0 and after < n and is_arabic_letter(text[before]) and is_arabic_letter(text[after]):
            runs.append((i, j))
        i = j
    return runs


# Unicode space separators other than U+0020 (category Zs; tests/text compares the list with
# unicodedata's).
SPACE_SEPARATORS = ("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                    "\u202f\u205f\u3000")
# Every character fold_for_matching may drop or change: the Arabic block (digits, percent,
# alef variants, tatweel, harakat, kashida runs need Arabic letters), presentation forms,
# invisible marks and space separators. A text with none of them is its own view.
_NEEDS_FOLDING = re.compile(
    "[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff"
    + "".join(sorted(INVISIBLE)) + "".join(sorted(_MATCH_FOLDS)) + SPACE_SEPARATORS + "]"
)


def fold_for_matching(text: str) -> tuple[str, tuple[int, ...]]:
    """A matching view of `text` and, for each view character, its index in `text`.

    The view: ASCII digits and separators (`to_ascii_digits`), Arabic percent as `%`,
    presentation forms folded (NFKC), tatweel, harakat and invisible marks removed, alef
    variants as bare alef and alef maqsura as ya, every Unicode space separator as a
    plain space, and kashida digit runs (`kashida_digit_runs`) removed. The map has one
    extra entry, `len(text)`, so a view span `[a, b)` maps to `[index[a], index[b - 1] + 1)`
    (see `original_span`).
    """
    if not _NEEDS_FOLDING.search(text):  # most English text: the view is the text itself
        return text, tuple(range(len(text) + 1))
    return _fold(text)


def _fold(text: str) -> tuple[str, tuple[int, ...]]:
    """fold_for_matching, character by character."""
    dropped: set[int] = set()
    for start, end in kashida_digit_runs(text):
        dropped.update(range(start, end))
    out: list[str] = []
    index: list[int] = []
    for position, character in enumerate(text):
        if position in dropped or _skippable(character):
            continue
        pieces = unicodedata.normalize("NFKC", character) if _is_presentation_form(character) else character
        for piece in pieces:
            if _skippable(piece):
                continue
            piece = _TO_ASCII.get(ord(piece), piece)
            piece = _MATCH_FOLDS.get(piece, piece)
            if piece != " " and unicodedata.category(piece) == "Zs":
                piece = " "
            out.append(piece)
            index.append(position)
    index.append(len(text))
    return "".join(out), tuple(index)


def original_span(index: tuple[int, ...], start: int, end: int) -> tuple[int, int]:
    """Map a view span `[start, end)` from `fold_for_matching` to the original string."""
    if end <= start:
        return index[start], index[start]
    return index[start], index[end - 1] + 1
