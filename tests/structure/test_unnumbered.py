"""Documents that print no paragraph numbers (letters, notes verbales): paragraphs by layout,
number_source "unnumbered", never mixed with printed numbers; "N)" list items stay text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.conftest import SCANNED_CORPUS
from unreports.fixtures.render import Block, ReportSpec, render_report
from unreports.reading import ocr
from unreports.reading.ocr_text import read_text
from unreports.reading.pdf_document import read_pdf
from unreports.sources import describe
from unreports.structure.build import build_structure
from unreports.structure.numbering import read_leading_token
from unreports.structure.text import normalise_text

SCANNED = SCANNED_CORPUS
needs_shared = pytest.mark.skipif(not SCANNED.is_dir(), reason="../shared/corpus/scanned absent")
needs_tesseract = pytest.mark.skipif(
    not ocr.installed_languages() >= {"eng"}, reason="tesseract (eng) not installed"
)

ENGLISH = [
    ("I have the honour to refer to the situation along the border and to inform you of the measures that "
    "my Government has taken since its last letter to strengthen the protection of civilians in the area."),
    ("During the month of March, 1,250 families returned to their villages in the northern districts, and "
    "the authorities opened 14 schools and 3 health centres to receive them. The return was voluntary and "
    "took place in safety and dignity, with the support of the humanitarian agencies present on the ground."),
    "The situation remains calm.",
    ("My Government remains committed to the peaceful settlement of the dispute and calls upon the other "
    "party to resume the talks without preconditions at the earliest possible date."),
    ("I should be grateful if you would have the present letter circulated as a document of the "
     "Security Council."),
]
ARABIC = [
    ("أتشرف بأن أشير إلى الحالة على طول الحدود وأن أبلغكم بالتدابير التي اتخذتها حكومتي منذ رسالتها الأخيرة "
    "لتعزيز حماية المدنيين في المنطقة وضمان وصول المساعدات الإنسانية إلى جميع المحتاجين إليها."),
    ("وخلال شهر آذار/مارس، عادت ١٢٥٠ أسرة إلى قراها في المقاطعات الشمالية، وافتتحت السلطات ١٤ مدرسة "
    "و ٣ مراكز صحية لاستقبالها. وكانت العودة طوعية وتمت في أمان وكرامة بدعم من الوكالات الإنسانية الموجودة."),
    "ولا تزال الحالة هادئة.",
    "وأكون ممتنا لو تفضلتم بتعميم هذه الرسالة بوصفها وثيقة من وثائق مجلس الأمن.",
]


def _letter(language: str, paragraphs: list[str]) -> ReportSpec:
    title = ("Letter dated 2 March 2099 from the Permanent Representative of Utopia to the United Nations "
             "addressed to the Secretary-General") if language == "en" else \
        "رسالة مؤرخة ٢ آذار/مارس ٢٠٩٩ موجهة إلى الأمين العام من الممثل الدائم ليوتوبيا لدى الأمم المتحدة"
    return ReportSpec(symbol="S/2099/77", language=language, original_language="English",
                      distribution_date=date(2099, 3, 3), job_number="99-07777 (E)" if language == "en"
                      else "99-07777 (A)", title=title,
                      blocks=tuple(Block("paragraph", text) for text in paragraphs))


@pytest.mark.parametrize("language, paragraphs", [("en", ENGLISH), ("ar", ARABIC)])
def test_generated_letter_paragraphs_by_layout(tmp_path: Path, language: str, paragraphs: list[str]) -> None:
    path = tmp_path / f"S_2099_77-{language.upper()}.pdf"
    render_report(_letter(language, paragraphs), path)
    read = read_pdf(describe(path), path.read_bytes())
    structured = build_structure(read)
    found = structured.paragraphs
    assert [p.number for p in found] == list(range(1, len(paragraphs) + 1))
    assert all(p.number_source == "unnumbered" and p.number_as_printed is None for p in found)
    assert [p.text for p in found] == [normalise_text(text) for text in paragraphs]
    assert structured.title and normalise_text(paragraphs[0]) not in structured.title
    assert any(
        w.startswith(f"paragraphs not numbered in the document: {len(paragraphs)} paragraphs by layout")
        for w in structured.warnings
    )


OCR_LETTER = """Letter dated 2 March 2099 from the Permanent Representative of Utopia
to the United Nations addressed to the Secretary-General

I have the honour to refer to the situation along the border and to
inform you of the measures that my Government has taken since its last
letter to strengthen the protection of civilians in the area.
During the month of March, 1,250 families returned to their villages in
the northern districts, and the authorities opened 14 schools to receive
them. The return was voluntary and took place in safety.
I should be grateful if you would have the present letter circulated as
a document of the Security Council.
"""


def test_ocr_text_letter_paragraphs_by_sentence_end_line_breaks() -> None:
    source = describe_bytes("letter.txt")
    structured = build_structure(read_text(source, OCR_LETTER.encode()))
    texts = [p.text for p in structured.paragraphs]
    assert [p.number_source for p in structured.paragraphs] == ["unnumbered"] * 3
    assert texts[0].startswith("I have the honour") and texts[0].endswith("in the area.")
    assert texts[1].startswith("During the month of March, 1,250 families") and texts[1].endswith(
        "in safety."
    )
    assert texts[2].endswith("of the Security Council.")
    assert "Letter dated 2 March 2099" in (structured.title or "")


def describe_bytes(name: str):
    from unreports.records import SourceDocument
    return SourceDocument(name.split(".")[0], name, name, "0" * 64, 0, "text/plain")


def test_numbered_ocr_text_keeps_its_numbers() -> None:
    text = "Report of the Secretary-General\n1. The first paragraph ends here.\n2. The second one too.\n"
    structured = build_structure(read_text(describe_bytes("numbered.txt"), text.encode()))
    assert [(p.number, p.number_source) for p in structured.paragraphs] == [(1, "printed"), (2, "printed")]


def test_list_items_are_not_paragraph_numbers() -> None:
    assert read_leading_token("12) 29 Dec: a name, a place") is None
    assert read_leading_token("189 ) 19 Feb: a name") is None
    assert read_leading_token("12. Text") is not None


@needs_shared
def test_acrobat_capture_letter_has_no_invented_paragraph_numbers() -> None:
    path = SCANNED / "A_45_189-EN.pdf"
    structured = build_structure(read_pdf(describe(path), path.read_bytes()))
    paragraphs = structured.paragraphs
    assert paragraphs and all(p.number_source == "unnumbered" for p in paragraphs)
    assert [p.number for p in paragraphs] == list(range(1, len(paragraphs) + 1))
    assert paragraphs[0].text.startswith("I have been instructed by my Government")
    assert paragraphs[1].text.startswith("From December 1987 to March 1990, more than 200 Palestinians")
    # The list of victims "1) ... 205)" is text: one paragraph per item, the marker kept.
    assert any(p.text.startswith("1) 29 Dee") for p in paragraphs)
    assert any("205 1 28 Mar" in p.text for p in paragraphs)


@needs_shared
@needs_tesseract
def test_image_only_letter_has_its_body_as_paragraphs() -> None:
    path = SCANNED / "A_47_843-EN.pdf"
    structured = build_structure(read_pdf(describe(path), path.read_bytes()))
    texts = [p.text for p in structured.paragraphs]
    assert all(p.number_source == "unnumbered" for p in structured.paragraphs)
    assert texts[0].startswith("I am instructed by the Executive Committee")
    assert any("ages 22 and 20, were killed" in t for t in texts)
    assert any(t.startswith("I should be grateful") for t in texts)
    assert [f.marker for f in structured.footnotes] == ["1"]
