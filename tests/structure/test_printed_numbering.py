"""Born-digital PDFs: paragraph numbers as printed, continuation lines whole, nothing dropped."""

from __future__ import annotations

import pytest

from tests.conftest import PRINTED_PARAGRAPHS
from tests.structure.layout_docs import (
    Planned,
    Rendered,
    only_heading_separators,
    render_with_line_starts,
    unaccounted,
)
from unreports.records import DocumentMetadata, Line, ReadDocument, SourceDocument
from unreports.structure.build import StructuredDocument, build_structure


@pytest.fixture(scope="module")
def corpus(english_structured: dict) -> dict[str, tuple[ReadDocument, StructuredDocument]]:
    return english_structured


def test_corpus_numbers_run_as_printed(corpus) -> None:
    assert set(PRINTED_PARAGRAPHS) <= set(corpus)
    for name, expected in PRINTED_PARAGRAPHS.items():
        read, structured = corpus[name]
        assert read.metadata.text_source == "text_layer", name
        assert [p.number for p in structured.paragraphs] == list(range(1, expected + 1)), name
        assert all(p.number_source == "printed" for p in structured.paragraphs), name
        assert all(p.number_as_printed == f"{p.number}." for p in structured.paragraphs), name


def test_corpus_no_body_line_lost(corpus) -> None:
    for name, (read, structured) in corpus.items():
        lost, invented = unaccounted(read, structured)
        assert only_heading_separators(lost, structured), (name, lost)
        assert not invented, (name, invented)


def test_annex_table_and_notes_are_kept(corpus) -> None:
    _, structured = corpus["S_2013_220-EN.pdf"]
    annex = structured.annex
    assert annex and all(u.number_source == "annex" and u.chapter == "Annex" for u in annex)
    # Keys stay unique next to the body numbers.
    numbers = [p.number for p in (*structured.paragraphs, *annex)]
    assert len(numbers) == len(set(numbers))
    rows = [u for u in annex if "table_row" in u.flags]
    notes = [u for u in annex if "annex_note" in u.flags]
    # A header row, one row per contributing country and a total; three notes a, b, c.
    assert len(rows) >= 30
    assert all(" | " in u.text for u in rows)
    assert [u.text[:1] for u in notes] == ["a", "b", "c"]
    assert any(w.startswith("annex content kept") for w in structured.warnings)
    annex_headings = [h for h in structured.headings if h.part == "annex"]
    assert annex_headings[0].level == 0 and annex_headings[0].before_paragraph == annex[0].number
    # The annex notes are not mistaken for the body's footnotes.
    assert not any("Authorized strength" in f.text for f in structured.footnotes)


def test_several_annexes_each_have_a_range(corpus) -> None:
    _, structured = corpus["S_1996_112-EN.pdf"]
    chapters = list(dict.fromkeys(u.chapter for u in structured.annex))
    assert chapters == ["Annex I", "Annex II", "Annex III"]
    for chapter in chapters:
        numbers = [u.number for u in structured.annex if u.chapter == chapter]
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        assert numbers[0] % 1000 == 1


# --------------------------------------------------------------------------------------
# Generated PDFs: continuation lines that begin with dates and amounts

ENGLISH_FILLER = ["the", "mission", "continued", "its", "regular", "monitoring", "of", "the", "ceasefire",
                  "and", "reported", "on", "developments", "in", "the", "area", "of", "operations"]
ARABIC_FILLER = ["وواصلت", "البعثة", "رصد", "وقف", "إطلاق", "النار", "بانتظام", "وأبلغت", "عن",
                 "التطورات", "في", "منطقة", "عملياتها"]
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


LAST = 14
LONG_EN = " ".join(["The mission continued to work with both parties on the measures agreed earlier."] * 4)
LONG_AR = " ".join(["وواصلت البعثة العمل مع الطرفين بشأن التدابير المتفق عليها من قبل."] * 4)


def _english_plan() -> list[Planned]:
    phrases = {
        2: "10 April 2011 when the office in the north closed",
        4: "25 per cent of the observers were redeployed",
        6: "2,050 hostages were released in the course of the year",
        8: "15 May 2012.",  # a date ending a sentence at a line start
        11: "3 of the 12 team sites reported no incident",
        LAST: "10 April 2011 after a long period of service.",  # the last paragraph's continuation
    }
    return [Planned(f"{n}.", "In the period under review", phrases.get(n), LONG_EN if n != LAST else "")
            for n in range(1, LAST + 1)]


def _arabic_plan() -> list[Planned]:
    phrases = {
        2: "١٠ نيسان/أبريل ٢٠١١ عندما أغلق المكتب",
        4: "٢٥ في المائة من المراقبين",
        5: "١٠ - ١٢ حزيران/يونيه عقدت اجتماعات",  # a range with a dash at the start position
        6: "٢٬٠٥٠ رهينة خلال العام",
        11: "3 من أصل 12 موقعا للأفرقة",  # Western digits in an Arabic line
        LAST: "١٠ نيسان/أبريل ٢٠١١ بعد فترة خدمة طويلة.",
    }
    return [Planned(f"{str(n).translate(ARABIC_DIGITS)} -", "وخلال الفترة المشمولة بالتقرير", phrases.get(n),
                    LONG_AR if n != LAST else "")
            for n in range(1, LAST + 1)]


@pytest.fixture(scope="module", params=["en", "ar"])
def generated(request, tmp_path_factory) -> Rendered:
    folder = tmp_path_factory.mktemp("line-starts")
    if request.param == "en":
        return render_with_line_starts(folder, "en", "Report on the mission", "I. Introduction",
                                       _english_plan(), ENGLISH_FILLER)
    return render_with_line_starts(
        folder, "ar", "تقرير عن البعثة", "أولا - مقدمة", _arabic_plan(), ARABIC_FILLER
    )


def test_generated_numbers_are_the_printed_ones(generated: Rendered) -> None:
    paragraphs = generated.structured.paragraphs
    assert [p.number for p in paragraphs] == list(range(1, LAST + 1))
    assert all(p.number_source == "printed" and not p.flags for p in paragraphs)


def test_generated_continuations_keep_their_figures(generated: Rendered) -> None:
    for planned, paragraph in zip(generated.paragraphs, generated.structured.paragraphs, strict=True):
        if planned.phrase:
            # The phrase did start a printed line, and it is in its own paragraph, digits and all.
            assert any(text.startswith(planned.phrase) for _, text in generated.info.lines)
            assert planned.phrase in paragraph.text, (paragraph.number, paragraph.text[-120:])


def test_generated_no_body_line_lost(generated: Rendered) -> None:
    lost, invented = unaccounted(generated.read, generated.structured)
    assert only_heading_separators(lost, generated.structured), lost
    assert not invented, invented


def test_a_dashed_range_at_the_start_position_is_flagged_not_numbered(generated: Rendered) -> None:
    # Only the Arabic plan prints "١٠ - ١٢ ..." at a line start (inside paragraph 5).
    flagged = [w for w in generated.structured.warnings if w.startswith("numbers at the paragraph position")]
    if generated.read.metadata.language == "ar":
        assert len(flagged) == 1 and "'١٠ -'" in flagged[0]
        assert "١٠ - ١٢ حزيران/يونيه" in generated.structured.paragraphs[4].text
    else:
        assert not flagged


def test_generated_report_runs_over_pages(generated: Rendered) -> None:
    # Page breaks inside paragraphs are part of what is tested.
    assert generated.info.page_count >= 2
    assert any(p.page_start != p.page_end for p in generated.structured.paragraphs)


# --------------------------------------------------------------------------------------
# Synthetic page lines: the rules one at a time

LEFT, RIGHT, SIZE = 120.0, 490.0, 10.0


def _line(text: str, y: float, *, x0: float = LEFT, x1: float = RIGHT, page: int = 1) -> Line:
    return Line(page=page, text=text, x0=x0, y0=y, x1=x1, y1=y + SIZE, font_size=SIZE)


def _build(lines: list[Line], text_source: str = "text_layer") -> StructuredDocument:
    source = SourceDocument("synthetic", "synthetic.pdf", "synthetic.pdf", "0" * 64, 0, "application/pdf")
    return build_structure(ReadDocument(source, DocumentMetadata(language="en", text_source=text_source),
                                        tuple(lines)))


def _report(numbers: list[int], extra: dict[int, Line] | None = None) -> list[Line]:
    """Paragraphs with two lines each (the second ends short); `extra` lines go after paragraph n."""
    lines, y = [], 700.0
    for n in numbers:
        lines.append(_line(f"{n}. The committee met and agreed on the next steps of its", y))
        lines.append(_line("work programme.", y - 12, x1=LEFT + 80))
        y -= 30
        if extra and n in extra:
            lines.append(extra[n])
            y -= 12
    return lines


def test_a_printed_gap_is_kept_and_flagged() -> None:
    structured = _build(_report([1, 2, 3, 5, 6]))
    assert [p.number for p in structured.paragraphs] == [1, 2, 3, 5, 6]
    assert "previous_paragraph_missing" in structured.paragraphs[3].flags
    assert any("[4]" in w for w in structured.warnings)


def test_a_number_off_the_start_position_is_text() -> None:
    indented = _line("4. An item of a list set in from the margin.", 300, x0=LEFT + 36)
    structured = _build(_report([1, 2, 3], {3: indented}))
    assert [p.number for p in structured.paragraphs] == [1, 2, 3]
    assert structured.paragraphs[-1].text.endswith("4. An item of a list set in from the margin.")


def test_a_decimal_or_a_date_at_the_margin_is_text() -> None:
    decimal = _line("5.4 per cent in the second half of the year.", 300)
    structured = _build(_report([1, 2, 3, 4], {2: decimal}))
    assert [p.number for p in structured.paragraphs] == [1, 2, 3, 4]
    assert "5.4 per cent" in structured.paragraphs[1].text
    assert not any("do not fit" in w for w in structured.warnings)


def test_a_well_formed_number_out_of_sequence_stays_in_its_paragraph() -> None:
    stray = _line("2. The figure above refers to the second quarter of the year.", 300)
    structured = _build(_report([1, 2, 3, 4], {3: stray}))
    assert [p.number for p in structured.paragraphs] == [1, 2, 3, 4]
    assert "2. The figure above" in structured.paragraphs[2].text
    assert any("do not fit" in w and "'2.'" in w for w in structured.warnings)


def test_the_old_decoder_would_have_invented_a_paragraph() -> None:
    """Why the text layer needs its own path: the OCR decoder reads "10 April" as a number."""
    date_line = _line("10 April 2011 after a long tenure.", 300)
    lines = _report([1, 2, 3, 4, 5, 6, 7, 8, 9], {9: date_line})
    assert [p.number for p in _build(lines).paragraphs] == list(range(1, 10))
    assert _build(lines).paragraphs[-1].text.endswith("10 April 2011 after a long tenure.")
    assert [p.number for p in _build(lines, "ocr").paragraphs] == list(range(1, 11))
