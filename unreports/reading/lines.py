"""Geometry: glyphs -> visual lines (by baseline), then text in reading order.

Tuning constants are named and measured on UN-like PDFs (../shared/notes).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from operator import attrgetter

from unreports.reading.ordering import (
    CACHED_TEXT_LENGTH,
    STRONG_R,
    glyph_class,
    line_direction,
    reading_order_confidence,
    visual_to_logical,
)
from unreports.reading.pdf import Glyph

BASELINE_TOLERANCE = 0.45  # x the larger font size: same line when baselines are this close
SIZE_RATIO_OTHER_LINE = 1.8  # superscripts are about 0.65 x body size; headings 2 x
SAME_BASELINE = 1.0  # points
WORD_GAP = 0.2  # x font size: a gap wider than this is a space
COLUMN_GAP = 3.5  # x font size: a gap wider than this splits a line into separate pieces
DUPLICATE_DISTANCE = 0.6  # points: the same glyph painted twice (fake bold)
SUPERSCRIPT_SIZE = 0.8  # x body size: smaller and raised glyphs are superscripts
SUPERSCRIPT_RAISE = 0.2  # x body size
KASHIDA_TOUCH = 0.05  # x font size: a digit glued to letters on both sides is stretching
RTL_TAIL_PUNCTUATION = (".", "،", ",", ":", "؛", ")", "]")
SUPERSCRIPTS = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")


@dataclass(frozen=True)
class VisualLine:
    text: str
    x0: float
    x1: float
    baseline: float
    size: float  # dominant font size of the line
    bold: bool
    direction: str  # "rtl" | "ltr"
    confidence: float


_STREAM_ORDER = attrgetter("order")
_VISUAL_ORDER = attrgetter("x0", "order")  # left to right; stream order breaks ties


def _marks_only(text: str) -> bool:
    return bool(text) and all(unicodedata.combining(c) for c in text)


_cached_marks_only = lru_cache(maxsize=4096)(_marks_only)


def _is_mark_text(text: str) -> bool:
    """Cached per glyph text (short ones: a hostile font can map one glyph to pages of text)."""
    return _cached_marks_only(text) if len(text) <= CACHED_TEXT_LENGTH else _marks_only(text)


def _is_mark(glyph: Glyph) -> bool:
    return _is_mark_text(glyph.text)


def _stream_runs_right_to_left(glyphs: list[Glyph]) -> bool:
    """True when the content stream lists this line's glyphs right to left (logical
    storage of Arabic); visual storage lists them left to right."""
    bases = [g for g in sorted(glyphs, key=_STREAM_ORDER) if g.text.strip() and not _is_mark(g)]
    steps = [b.x0 - a.x0 for a, b in pairwise(bases)]
    return sum(1 for step in steps if step < 0) > len(steps) / 2


def _attach_marks(glyphs: list[Glyph]) -> list[Glyph]:
    """Zero-width combining marks join their base glyph, found by stream order.

    Position is unreliable (a mark often sits inside the neighbouring space); stream
    order is not: HarfBuzz-style visual storage writes a mark just before its base, and
    logical storage just after it.
    """
    in_stream = sorted(glyphs, key=_STREAM_ORDER)
    if not any(_is_mark_text(g.text) for g in in_stream):
        return in_stream
    if _stream_runs_right_to_left(in_stream):
        in_stream.reverse()  # now every mark again precedes its base
    result: list[Glyph] = []
    pending = ""
    for glyph in in_stream:
        if _is_mark(glyph):
            pending += glyph.text
            continue
        if pending and glyph.text.strip():
            glyph = Glyph(glyph.text[:1] + pending + glyph.text[1:], glyph.x0, glyph.x1, glyph.baseline,
                          glyph.size, glyph.bold, glyph.order, glyph.unmapped)
            pending = ""
        result.append(glyph)
    return result


def _drop_duplicates(glyphs: list[Glyph]) -> list[Glyph]:
    seen: dict[tuple[str, int, int], Glyph] = {}
    kept = []
    for glyph in glyphs:
        key = (glyph.text, round(glyph.x0 / DUPLICATE_DISTANCE), round(glyph.baseline / DUPLICATE_DISTANCE))
        if key in seen:
            continue
        seen[key] = glyph
        kept.append(glyph)
    return kept


def group_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Cluster glyphs by baseline, top of the page first, then split at column gaps."""
    visible = [g for g in glyphs if g.text.strip() or g.unmapped or g.text == " "]
    visible.sort(key=lambda g: -g.baseline)
    lines: list[list[Glyph]] = []
    for cluster in _baseline_clusters(visible):
        cluster.sort(key=_VISUAL_ORDER)
        lines.extend(_split_at_column_gaps(cluster))
    return lines


def _baseline_clusters(visible: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs (top of the page first) clustered into lines by baseline."""
    clusters: list[list[Glyph]] = []
    reference: list[float] = []  # baseline of each line's largest glyphs
    largest: list[float] = []
    for glyph in visible:
        size, baseline = glyph.size, glyph.baseline
        joins = False
        if clusters:
            line_size = largest[-1]
            distance = abs(reference[-1] - baseline)
            if size > SIZE_RATIO_OTHER_LINE * line_size or (
                line_size > SIZE_RATIO_OTHER_LINE * size and glyph.text.strip()
            ):
                # Much larger or smaller type close by is another line (a masthead beside a
                # date), unless it shares the baseline exactly.
                joins = distance <= SAME_BASELINE
            else:
                joins = distance <= BASELINE_TOLERANCE * max(size, line_size)
        if joins:
            clusters[-1].append(glyph)
            # Superscripts sit higher: the line's baseline is that of its largest glyphs.
            if size >= largest[-1] and glyph.text.strip():
                largest[-1] = size
                reference[-1] = min(reference[-1], baseline)
        else:
            clusters.append([glyph])
            reference.append(baseline)
            largest.append(size)
    return clusters


def _split_at_column_gaps(cluster: list[Glyph]) -> list[list[Glyph]]:
    """One baseline cluster (in visual order) as lines split at column gaps; a piece of
    spaces only is no line."""
    lines: list[list[Glyph]] = []
    piece: list[Glyph] = []
    last_visible: Glyph | None = None  # the piece's last glyph with visible text
    for glyph in cluster:
        shown = glyph.text.strip()
        if piece and shown:
            # The gap is measured from the piece's last visible glyph (or its last one).
            left = last_visible if last_visible is not None else piece[-1]
            if glyph.x0 - left.x1 > COLUMN_GAP * glyph.size:
                if last_visible is not None:  # a piece of spaces only is no line
                    lines.append(piece)
                piece = []
                last_visible = None
        piece.append(glyph)
        if shown:
            last_visible = glyph
    if piece and last_visible is not None:
        lines.append(piece)
    return lines


def _drop_kashida_digits(glyphs: list[Glyph]) -> list[Glyph]:
    """Justified Arabic stretched with glyphs whose Unicode is the digit 1 ("ك11انون")."""
    kept = []
    for i, glyph in enumerate(glyphs):
        if glyph.text in ("1", "ـ") and 0 < i < len(glyphs) - 1:
            left, right = glyphs[i - 1], glyphs[i + 1]
            touching = (glyph.x0 - left.x1 <= KASHIDA_TOUCH * glyph.size
                        and right.x0 - glyph.x1 <= KASHIDA_TOUCH * glyph.size)
            between_letters = glyph_class(left.text) == STRONG_R and glyph_class(right.text) == STRONG_R
            if touching and (between_letters or (glyph.text == "1" and _in_kashida_run(glyphs, i))):
                continue
        kept.append(glyph)
    return kept


def _in_kashida_run(glyphs: list[Glyph], i: int) -> bool:
    """A run of touching '1' glyphs with Arabic letters at both ends."""
    j = i
    while j > 0 and glyphs[j].text == "1":
        j -= 1
    k = i
    while k < len(glyphs) - 1 and glyphs[k].text == "1":
        k += 1
    return glyph_class(glyphs[j].text) == STRONG_R and glyph_class(glyphs[k].text) == STRONG_R


def _starts_like_rtl_tail(texts: list[str]) -> bool:
    visible = [t for t in texts if t.strip()]
    return bool(visible) and visible[0] in RTL_TAIL_PUNCTUATION


def build_line(glyphs: list[Glyph], body_size: float, *, mirror_brackets: bool = False,
               document_rtl: bool = False) -> VisualLine:
    """Text of one visual line in reading order, with spaces from gaps."""
    glyphs = _drop_kashida_digits(_drop_duplicates(_attach_marks(glyphs)))
    glyphs.sort(key=_VISUAL_ORDER)
    shown = [g for g in glyphs if g.text.strip()]
    rounded = [round(g.size, 1) for g in glyphs]
    sizes = Counter([r for g, r in zip(glyphs, rounded, strict=True) if g.text.strip()])
    size = sizes.most_common(1)[0][0] if sizes else body_size
    baseline = Counter(
        [round(g.baseline) for g, r in zip(glyphs, rounded, strict=True) if r == size]
    ).most_common(1)[0][0]
    # Tokens in visual order: glyph texts, with a space wherever the gap is wide.
    tokens: list[str] = []
    previous: Glyph | None = None
    superscript_size = SUPERSCRIPT_SIZE * size
    superscript_raise = SUPERSCRIPT_RAISE * size
    for glyph in glyphs:
        # An unmapped glyph keeps its spacing; its junk text is dropped.
        text = " " if glyph.unmapped else glyph.text
        if glyph.size < superscript_size and glyph.baseline - baseline > superscript_raise:
            text = text.translate(SUPERSCRIPTS)
        visible = text.strip()
        if (previous is not None and visible and tokens and tokens[-1] != " "
                and glyph.x0 - previous.x1 > WORD_GAP * max(glyph.size, previous.size)):
            tokens.append(" ")
        if text == " " and tokens and tokens[-1] == " ":
            continue
        tokens.append(text)
        if visible:
            previous = glyph
    texts = tokens
    base = line_direction(texts)
    if base != STRONG_R and document_rtl and _starts_like_rtl_tail(texts):
        # A Latin-only continuation of an Arabic paragraph, "(S/2030/77)." drawn as
        # ".)S/2030/77(": closing punctuation at its left edge shows a right-to-left line.
        base = STRONG_R
    order = visual_to_logical(texts, base)
    text = "".join(texts[i] for i in order)
    if base == STRONG_R and mirror_brackets:
        text = text.translate(str.maketrans("()[]{}", ")(][}{"))
    text = " ".join(text.split())
    direction = "rtl" if base == STRONG_R else "ltr"
    confidence = reading_order_confidence(text) if direction == "rtl" else 1.0
    return VisualLine(
        text=text,
        x0=min(g.x0 for g in glyphs),
        x1=max(g.x1 for g in glyphs),
        baseline=float(baseline),
        size=float(size),
        bold=sum(g.bold for g in shown) > 0.6 * max(1, len(shown)),
        direction=direction,
        confidence=confidence,
    )
