"""Reading order of one visual line of glyphs (sorted left to right).

PDF glyph positions are always visual, whatever order the content stream stores them
in, so working from positions handles visually and logically stored PDFs alike. For a
right-to-left line we resolve bidi classes on the visual sequence (the Unicode rules
that matter here: W1-W7 and N1/N2), then reverse the line and keep each left-to-right
run (digits, Latin, symbols such as S/2017/249) in its own order. A glyph's own text is
already logical (a lam-alef glyph is "لا"), so glyphs are moved whole, never split.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

# Bidi classes reduced to what ordering needs.
STRONG_R = "R"
STRONG_L = "L"
EUROPEAN_NUMBER = "EN"
ARABIC_NUMBER = "AN"
NEUTRAL = "ON"
WORD_FINAL_ONLY = "ةى"  # Arabic letters that end words and never start them


CACHED_TEXT_LENGTH = 32  # longer glyph texts (hostile fonts) are not kept in the cache


def glyph_class(text: str) -> str:
    """The bidi class of a glyph, from its first character with a strong or number class.

    Cached: a line asks for each glyph's class twice, and a document has few distinct glyphs."""
    return _cached_glyph_class(text) if len(text) <= CACHED_TEXT_LENGTH else _glyph_class(text)


def _glyph_class(text: str) -> str:
    for character in text:
        bidi = unicodedata.bidirectional(character)
        if bidi in ("R", "AL"):
            return STRONG_R
        if bidi == "L":
            return STRONG_L
        if bidi == "EN":
            return EUROPEAN_NUMBER
        if bidi == "AN":
            return ARABIC_NUMBER
        if bidi in ("ES", "ET", "CS") and len(text) == 1:
            return bidi
        if bidi == "NSM":
            return "NSM"
    return NEUTRAL


_cached_glyph_class = lru_cache(maxsize=4096)(_glyph_class)


def resolve_levels(classes: Sequence[str], base: str) -> list[int]:  # noqa: C901 - UAX #9 rules W1-N2 in order, one pass each
    """Embedding level (1 right-to-left, 2 or 0 left-to-right) of each glyph in visual order."""
    resolved = list(classes)
    count = len(resolved)
    # W1: a mark takes the class of what it is attached to.
    for i, value in enumerate(resolved):
        if value == "NSM":
            resolved[i] = resolved[i - 1] if i else NEUTRAL
    # W4: one separator between two numbers of the same kind joins them (2,000 / 2017/249).
    for i in range(1, count - 1):
        if resolved[i] in ("ES", "CS") and resolved[i - 1] == resolved[i + 1] == EUROPEAN_NUMBER:
            resolved[i] = EUROPEAN_NUMBER
        elif resolved[i] == "CS" and resolved[i - 1] == resolved[i + 1] == ARABIC_NUMBER:
            resolved[i] = ARABIC_NUMBER
    # W5: terminators (%, #) next to European numbers join them.
    for i, value in enumerate(resolved):
        if value == "ET" and (
            (i and resolved[i - 1] == EUROPEAN_NUMBER)
            or (i + 1 < count and resolved[i + 1] == EUROPEAN_NUMBER)
        ):
            resolved[i] = EUROPEAN_NUMBER
    # W6: remaining separators and terminators are neutral.
    resolved = [NEUTRAL if v in ("ES", "ET", "CS") else v for v in resolved]
    # W7: a European number after Latin text is Latin: S/2017/249 stays one Latin run.
    last_strong = base
    for i, value in enumerate(resolved):
        if value in (STRONG_L, STRONG_R):
            last_strong = value
        elif value == EUROPEAN_NUMBER and last_strong == STRONG_L:
            resolved[i] = STRONG_L
    # N1/N2: neutrals between two strong sides of the same direction take it (numbers
    # count as right-to-left); other neutrals take the base direction.
    direction = ["R" if v in (STRONG_R, EUROPEAN_NUMBER, ARABIC_NUMBER) else v for v in resolved]
    i = 0
    while i < count:
        if direction[i] != NEUTRAL:
            i += 1
            continue
        j = i
        while j < count and direction[j] == NEUTRAL:
            j += 1
        before = direction[i - 1] if i else base
        after = direction[j] if j < count else base
        fill = before if before == after else base
        for k in range(i, j):
            direction[k] = fill
            resolved[k] = STRONG_L if fill == STRONG_L else STRONG_R
        i = j
    base_level = 1 if base == STRONG_R else 0
    levels = []
    for value in resolved:
        if base_level == 1:
            levels.append(1 if value == STRONG_R else 2)
        else:
            levels.append(1 if value == STRONG_R else (2 if value in (EUROPEAN_NUMBER, ARABIC_NUMBER) else 0))
    return levels


def visual_to_logical(texts: Sequence[str], base: str) -> list[int]:
    """Indexes of the glyphs in reading order (UBA rule L2 applied to visual order)."""
    classes = [glyph_class(t) if t.strip() else NEUTRAL for t in texts]
    order = list(range(len(texts)))
    if base == STRONG_L and STRONG_R not in classes and ARABIC_NUMBER not in classes:
        # Nothing right-to-left on a left-to-right line: W7 makes every number Latin, so
        # every level is 0 and the visual order is the reading order (the common case).
        return order
    levels = resolve_levels(classes, base)
    if not order:
        return order
    top = max(levels)
    lowest_odd = min((lv for lv in levels if lv % 2 == 1), default=top + 1)
    # Reversing runs from the highest level down to the lowest odd level is its own
    # inverse for these two-level lines, so it maps visual order to logical order.
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


def line_direction(texts: Sequence[str]) -> str:
    """R when Arabic letters outnumber Latin letters in the line."""
    arabic = latin = 0
    for text in texts:
        cls = glyph_class(text)
        if cls == STRONG_R:
            arabic += 1
        elif cls == STRONG_L:
            latin += 1
    return STRONG_R if arabic and arabic >= latin else STRONG_L


def reading_order_confidence(text: str) -> float:
    """Self-check of an Arabic line: taa marbuta (ة) and alef maqsura (ى) end words and never
    start them, so a reversed line shows words starting with them.

    1.0 when there is no evidence either way; otherwise the share of words that end with
    one of these letters among all words that start or end with one.
    """
    forward = backward = 0
    for word in text.split():
        core = word.strip("()[]{}،,.:؛\"'«»⁽⁾")
        if len(core) < 2:
            continue
        if core[-1] in WORD_FINAL_ONLY:
            forward += 1
        elif core[0] in WORD_FINAL_ONLY:
            backward += 1
    total = forward + backward
    return 1.0 if total < 2 else forward / total
