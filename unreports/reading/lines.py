"""Geometry: glyphs -> visual lines (by baseline), then text in reading order.

Tuning constants are named and measured on UN-like PDFs (../shared/notes).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

from unreports.reading.ordering import (
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


def _is_mark(glyph: Glyph) -> bool:
    return bool(glyph.text) and all(unicodedata.combining(c) for c in glyph.text)


def _stream_runs_right_to_left(glyphs: list[Glyph]) -> bool:
    """True when the content stream lists this line's glyphs right to left (logical
    storage of Arabic); visual storage lists them left to right."""
    bases = [g for g in sorted(glyphs, key=lambda g: g.order) if g.text.strip() and not _is_mark(g)]
    steps = [b.x0 - a.x0 for a, b in zip(bases, bases[1:])]
    return sum(1 for step in steps if step < 0) > len(steps) / 2


def _attach_marks(glyphs: list[Glyph]) -> list[Glyph]:
    """Zero-width combining marks join their base glyph, found by stream order.

    Position is unreliable (a mark often sits inside the neighbouring space); stream
    order is not: HarfBuzz-style visual storage writes a mark just before its base, and
    logical storage just after it.
    """
    in_stream = sorted(glyphs, key=lambda g: g.order)
    if not any(_is_mark(g) for g in in_stream):
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
    clusters: list[list[Glyph]] = []
    reference: list[float] = []  # baseline of each line's largest glyphs
    largest: list[float] = []
    for glyph in visible:
        distance = abs(reference[-1] - glyph.baseline) if clusters else 0.0
        if clusters and glyph.size > SIZE_RATIO_OTHER_LINE * largest[-1] or (
            clusters and largest[-1] > SIZE_RATIO_OTHER_LINE * glyph.size and glyph.text.strip()
        ):
            # Much larger or smaller type close by is another line (a masthead beside a
            # date), unless it shares the baseline exactly.
            joins = distance <= SAME_BASELINE
        else:
            joins = bool(clusters) and distance <= BASELINE_TOLERANCE * max(glyph.size, largest[-1])
        if joins:
            clusters[-1].append(glyph)
            # Superscripts sit higher: the line's baseline is that of its largest glyphs.
            if glyph.size >= largest[-1] and glyph.text.strip():
                largest[-1] = glyph.size
                reference[-1] = min(reference[-1], glyph.baseline)
        else:
            clusters.append([glyph])
            reference.append(glyph.baseline)
            largest.append(glyph.size)
    lines: list[list[Glyph]] = []
    for cluster in clusters:
        cluster.sort(key=lambda g: (g.x0, g.order))
        piece: list[Glyph] = []
        for glyph in cluster:
            if piece and glyph.text.strip() and _gap(piece, glyph) > COLUMN_GAP * glyph.size:
                lines.append(piece)
                piece = []
            piece.append(glyph)
        if piece:
            lines.append(piece)
    return [line for line in lines if any(g.text.strip() for g in line)]


def _gap(piece: list[Glyph], glyph: Glyph) -> float:
    last_visible = next((g for g in reversed(piece) if g.text.strip()), piece[-1])
    return glyph.x0 - last_visible.x1


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
    glyphs.sort(key=lambda g: (g.x0, g.order))
    sizes = Counter(round(g.size, 1) for g in glyphs if g.text.strip())
    size = sizes.most_common(1)[0][0] if sizes else body_size
    baseline = Counter(round(g.baseline) for g in glyphs if round(g.size, 1) == size).most_common(1)[0][0]
    # Tokens in visual order: glyph texts, with a space wherever the gap is wide.
    tokens: list[str] = []
    previous: Glyph | None = None
    for glyph in glyphs:
        if glyph.unmapped:
            text = " "  # keep the spacing of an unmapped glyph, drop its junk
        else:
            text = glyph.text
        if glyph.size < SUPERSCRIPT_SIZE * size and glyph.baseline - baseline > SUPERSCRIPT_RAISE * size:
            text = text.translate(SUPERSCRIPTS)
        if previous is not None and text.strip() and tokens and tokens[-1] != " ":
            if glyph.x0 - previous.x1 > WORD_GAP * max(glyph.size, previous.size):
                tokens.append(" ")
        if text == " " and tokens and tokens[-1] == " ":
            continue
        tokens.append(text)
        if text.strip():
            previous = glyph
    texts = [t for t in tokens]
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
        bold=sum(g.bold for g in glyphs if g.text.strip()) > 0.6 * max(1, sum(1 for g in glyphs if g.text.strip())),
        direction=direction,
        confidence=confidence,
    )
