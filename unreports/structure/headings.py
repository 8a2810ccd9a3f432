"""Headings: chapters (Roman numerals / Arabic ordinal words) and lettered sections."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Arabic chapter labels are ordinal adverbs, with or without tanween.
ARABIC_CHAPTERS = ("أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا",
                   "تاسعا", "عاشرا", "حادي عشر", "ثاني عشر", "ثالث عشر", "رابع عشر", "خامس عشر")
# UN Arabic letters sections by the names of the letters in abjad order.
ARABIC_SECTIONS = ("ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء",
                   "كاف", "لام", "ميم", "نون", "سين", "عين", "فاء", "صاد", "قاف", "راء",
                   "شين", "تاء", "ثاء", "خاء", "ذال", "ضاد", "ظاء", "غين")
MAX_HEADING_CHARACTERS = 220  # headings are one or two lines; body paragraphs are longer
_DASH = r"\s*[-–—]\s*"

_AR_CHAPTER_RE = re.compile(
    r"^(?P<label>" + "|".join(ARABIC_CHAPTERS) + r")ً?" + _DASH + r"(?P<title>\S.*)$"
)
_AR_SECTION_RE = re.compile(r"^(?P<label>" + "|".join(ARABIC_SECTIONS) + r")" + _DASH + r"(?P<title>\S.*)$")
_EN_CHAPTER_RE = re.compile(r"^(?P<label>[IVXL]{1,6})\.\s+(?P<title>[A-Z\u2018\u201c'\"].*)$")
_EN_SECTION_RE = re.compile(r"^(?P<label>[A-Z])\.\s+(?P<title>[A-Z\u2018\u201c'\"].*)$")
_ANNEX_RE = re.compile(
    r"^(?:Annex|ANNEX|Appendix|APPENDIX|المرفق|مرفق)(?:\s+[IVX]+)?(?:\s*$|\s+[-–]?\s*[A-Z\u0621-\u064A])"
)
_SUMMARY_RE = re.compile(r"^(?:Summary|موجز)\s*$")


@dataclass(frozen=True)
class HeadingLine:
    level: int  # 1 chapter, 2 section, 0 annex or summary marker
    label: str | None
    title: str
    part: str  # "front" | "body" | "annex"


def read_heading(text: str, language: str | None) -> HeadingLine | None:
    stripped = " ".join(text.split())
    if len(stripped) > MAX_HEADING_CHARACTERS:
        return None
    if _ANNEX_RE.match(stripped):
        return HeadingLine(0, None, stripped, "annex")
    if _SUMMARY_RE.match(stripped):
        return HeadingLine(0, None, stripped, "front")
    patterns: tuple[tuple[re.Pattern[str], int], ...] = ((_AR_CHAPTER_RE, 1), (_AR_SECTION_RE, 2))
    if language != "ar":
        patterns = ((_EN_CHAPTER_RE, 1), (_EN_SECTION_RE, 2)) + patterns
    for pattern, level in patterns:
        match = pattern.match(stripped)
        if match and not _looks_like_sentence(match.group("title")):
            label = match.group("label")
            # "I." could be a chapter or the 9th section: chapters use I, V, X; a lone
            # "I"/"V"/"X" is read as a chapter, as UN reports rarely reach section I.
            return HeadingLine(level, label, match.group("title").strip(), "body")
    return None


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
         "XVI", "XVII", "XVIII", "XIX", "XX")


def label_index(label: str | None, level: int) -> int | None:
    """Position of a heading label in its sequence (I=0, II=1 / A=0, B=1 / أولا=0 / ألف=0)."""
    if label is None:
        return None
    if level == 1:
        for sequence in (ROMAN, ARABIC_CHAPTERS):
            if label in sequence:
                return sequence.index(label)
        return None
    if label in ARABIC_SECTIONS:
        return ARABIC_SECTIONS.index(label)
    if len(label) == 1 and "A" <= label <= "Z":
        return ord(label) - ord("A")
    return None


def _looks_like_sentence(title: str) -> bool:
    """Body text that happens to start like a heading ends like a sentence and is long."""
    return len(title) > 160 and title.rstrip().endswith((".", "؛"))
