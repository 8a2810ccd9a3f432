"""Properties of the text stages over arbitrary Unicode (hypothesis).

For any text, in Arabic or not, with digits in three scripts, dashes of every kind and line
breaks anywhere: `read_text` either reads it or rejects it cleanly (TextInputError), and
`build_structure` never crashes. What it builds holds together: paragraph numbers run 1..N
(a skipped number only where the paragraph before is flagged missing), offsets slice the
document text, footnote markers are unique, links point at paragraphs that exist.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from unreports.reading.ocr_text import TextInputError, read_text
from unreports.records import DocumentMetadata, Line, ReadDocument, SourceDocument
from unreports.structure.build import StructuredDocument, build_structure

ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى"
DIGIT_SCRIPTS = ("0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹")
DASHES = "-‐‑‒–—―−ـ"
MARKS = ".,:;؛،()[]*/«»⁽⁾¹²³⁴⁵⁶⁷⁸⁹⁰\u200e\u200f\u061c\ufeff\t "
LATIN = "AIVXSabcdeimnorst"
SPECIAL = ARABIC_LETTERS + "".join(DIGIT_SCRIPTS) + DASHES + MARKS + LATIN + "\n\r"
# Lines a UN report (or its OCR) is made of, to reach deep into the structure stage.
TEMPLATES = (
    "أولا - مقدمة", "ثانيا - الحالة", "ثالثا - التوصيات", "ألف - الخلفية", "باء - الأنشطة",
    "I. Introduction", "II. Findings", "A. Background", "B. Activities", "المرفق", "Annex",
    "المحتويات", "الصفحة", "* أعيد إصدارها لأسباب فنية.", "S/2017/939", "A/72/361",
    "القرار ٢٣٣١ (٢٠١٦)", "resolution 2331 (2016)", "(1) انظر الوثيقة S/2017/403.",
    "1/ See A/72/361.", "⁽١⁾ انظر", "^1^", "17-20223 (A)", "Original: English",
)

characters = st.one_of(st.sampled_from(SPECIAL), st.characters(codec="utf-8"))
free_text = st.text(alphabet=characters, max_size=60)


@st.composite
def numbered_line(draw) -> str:
    """A paragraph start: a number in one of three scripts, a dash or a dot, some text."""
    number = draw(st.integers(min_value=0, max_value=40))
    digits = draw(st.sampled_from(DIGIT_SCRIPTS))
    printed = "".join(digits[int(d)] for d in str(number))
    if draw(st.booleans()):
        printed = printed[::-1]  # OCR reversal
    separator = draw(st.sampled_from([" - ", " – ", " — ", "- ", ". ", " ", "-", " ـ "]))
    return printed + separator + draw(free_text)


line = st.one_of(free_text, numbered_line(), st.sampled_from(TEMPLATES),
                 st.tuples(st.sampled_from(TEMPLATES), free_text).map(" ".join))
report = st.one_of(
    st.lists(line, max_size=40).map("\n".join),
    st.text(alphabet=characters, max_size=400),
)
encoding = st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])


def _source() -> SourceDocument:
    return SourceDocument("prop", "prop.txt", "prop.txt", "0" * 64, 0, "text/plain")


def _structure(text: str, codec: str) -> StructuredDocument | None:
    try:
        read = read_text(_source(), text.encode(codec))
    except TextInputError:
        return None  # a clean rejection (empty text, control characters, a huge line)
    return build_structure(read)


def _check(structured: StructuredDocument) -> None:
    paragraphs = structured.paragraphs
    numbers = [p.number for p in paragraphs]
    assert numbers == sorted(set(numbers)), numbers
    # Each paragraph with the one before it (None for the first): the lists differ by one.
    for previous, paragraph in zip([None, *paragraphs], paragraphs, strict=False):
        expected = 1 if previous is None else previous.number + 1
        if paragraph.number != expected:
            assert previous is not None and paragraph.number == expected + 1, numbers
            assert "previous_paragraph_missing" in paragraph.flags, (numbers, paragraph.flags)
    body = "\n".join(p.text for p in paragraphs)
    offset = 0
    for paragraph in paragraphs:
        assert "\n" not in paragraph.text
        assert (paragraph.char_start, paragraph.char_end) == (offset, offset + len(paragraph.text))
        assert body[paragraph.char_start:paragraph.char_end] == paragraph.text
        assert paragraph.page_start <= paragraph.page_end
        offset = paragraph.char_end + 1
    markers = [f.marker for f in structured.footnotes]
    assert len(markers) == len(set(markers)), markers
    existing = set(numbers)
    assert all(f.paragraph_number is None or f.paragraph_number in existing for f in structured.footnotes)
    # Annex units: their own number range (keys stay unique), offsets after the body text.
    annex = structured.annex
    assert all(u.number_source == "annex" for u in annex)
    assert not existing & {u.number for u in annex}
    assert len({u.number for u in annex}) == len(annex)
    for unit in annex:
        assert unit.char_start == offset and unit.char_end == offset + len(unit.text)
        offset = unit.char_end + 1
    existing |= {u.number for u in annex}
    assert all(h.before_paragraph is None or h.before_paragraph in existing for h in structured.headings)
    by_number = {p.number: p for p in paragraphs}
    for citation in structured.citations:
        text = by_number[citation.paragraph_number].text
        assert 0 <= citation.char_start < citation.char_end <= len(text), citation


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=report, codec=encoding)
@example(text="أولا - مقدمة\n١ - نص.\n٢ - نص آخر.\n", codec="utf-8")
@example(text="1. One.\n3. Three.\n4. Four.", codec="utf-16")
@example(text="١ - ⁽١⁾ نص ⁽١⁾\n⁽١⁾ حاشية\n⁽١⁾ حاشية مكررة", codec="utf-8-sig")
@example(text="\r\n\r\n", codec="utf-8")
def test_text_stages_hold_together(text: str, codec: str) -> None:
    structured = _structure(text, codec)
    if structured is not None:
        _check(structured)


@settings(max_examples=40, deadline=None)
@given(text=report)
def test_structure_is_deterministic(text: str) -> None:
    assert _structure(text, "utf-8") == _structure(text, "utf-8")


page_lines = st.lists(st.tuples(line, st.sampled_from(["body", "body", "footnote", "furniture"]),
                                st.integers(min_value=1, max_value=5)), max_size=60)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=page_lines, language=st.sampled_from(["ar", "en", None]))
def test_structure_of_page_lines_holds_together(
    lines: list[tuple[str, str, int]], language: str | None
) -> None:
    """What the PDF reader hands over: lines already sorted into body, footnotes, furniture."""
    ordered = sorted(lines, key=lambda item: item[2])
    document = ReadDocument(_source(), DocumentMetadata(language=language),
                            tuple(Line(page=page, text=text, kind=kind) for text, kind, page in ordered))
    _check(build_structure(document))
