"""Small hand-built records for the publish tests: one report in Arabic and English."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest

from unreports.publish import Manifest, publish
from unreports.publish.tables import DocumentTables, document_tables
from unreports.records import (
    AnnexUnit,
    Citation,
    DocumentBundle,
    DocumentMetadata,
    Footnote,
    Heading,
    NumericMention,
    Paragraph,
    Rejection,
    SourceDocument,
    Statistic,
)

Inputs = tuple[list[DocumentBundle], list[tuple[Rejection, datetime]]]
SYMBOL = "S/2017/939"
REJECTED_AT = datetime(2017, 11, 10, 9, 30, tzinfo=UTC)

# (chapter, section, English text) per paragraph; the Arabic version mirrors it.
_PARAGRAPHS = (
    ("I", None, "The present report is submitted pursuant to resolution 2331 (2016)."),
    ("I", "A", "As at 1 June 2017, 173 States had ratified the Convention."),
    ("II", "A", "The United Nations verified 249 children (including 22 girls) recruited in 2017."),
    ("II", "A", "About 1.5 per cent of the 3,000 cases were reported by S/2017/403."),
)
_AR_CHAPTERS = {"I": "أولا", "II": "ثانيا"}
_AR_SECTIONS = {"A": "ألف"}


def _source(document_id: str) -> SourceDocument:
    return SourceDocument(
        document_id=document_id,
        source_name=f"{document_id}.pdf",
        source_path=f"/inbox/{document_id}.pdf",
        source_sha256=(document_id.encode().hex() * 8)[:64],
        size_bytes=123_456,
        media_type="application/pdf",
    )


def _paragraphs(document_id: str, arabic: bool, extra: int) -> tuple[Paragraph, ...]:
    rows = list(_PARAGRAPHS) + [("II", "A", f"Additional paragraph {i}.") for i in range(extra)]
    out, offset = [], 0
    for number, (chapter, section, text) in enumerate(rows, start=1):
        if arabic:
            chapter, section = _AR_CHAPTERS[chapter], _AR_SECTIONS.get(section or "")
            text = f"نص الفقرة {number}: {text}"
        out.append(
            Paragraph(
                document_id=document_id,
                number=number,
                number_source="repaired" if number == 3 else "printed",
                chapter=chapter,
                section=section,
                text=text,
                text_as_read=text.replace("1", "١") if arabic else text,
                page_start=1 + number // 3,
                page_end=1 + number // 3,
                char_start=offset,
                char_end=offset + len(text),
                number_as_printed="8" if number == 3 else None,
                flags=("start_missing",) if number == 4 else (),
            )
        )
        offset += len(text) + 1
    return tuple(out)


def _headings(document_id: str, arabic: bool) -> tuple[Heading, ...]:
    chapters = _AR_CHAPTERS if arabic else {"I": "I", "II": "II"}
    section = "ألف" if arabic else "A"
    titles = (
        ("مقدمة", "التصديقات", "الأطفال", "الانتهاكات")
        if arabic
        else ("Introduction", "Ratifications", "Children", "Violations")
    )
    # Section "A" appears under both chapters: the paragraph_text view must tell them apart.
    return (
        Heading(document_id, 1, chapters["I"], titles[0], order=1, page=1, before_paragraph=1),
        Heading(document_id, 2, section, titles[1], order=2, page=1, before_paragraph=2),
        Heading(document_id, 1, chapters["II"], titles[2], order=3, page=2, before_paragraph=3),
        Heading(document_id, 2, section, titles[3], order=4, page=2, before_paragraph=3),
        Heading(document_id, 0, ANNEX_LABEL[arabic], f"{ANNEX_LABEL[arabic]} {titles[2]}", order=5, page=3,
                before_paragraph=None, part="annex"),
    )


ANNEX_LABEL = {False: "Annex I", True: "المرفق الأول"}


def _annex_units(document_id: str, arabic: bool) -> tuple[AnnexUnit, ...]:
    label = ANNEX_LABEL[arabic]
    texts = (
        ("table_row", "Chad | ٢٢ | ٢٤٩" if arabic else "Chad | 22 | 249"),
        ("note", "a Including 22 girls."),
        ("text", "نص المرفق." if arabic else "Text of the annex."),
    )
    return tuple(AnnexUnit(document_id, label, ordinal, kind, text, text, 3, 3)
                 for ordinal, (kind, text) in enumerate(texts, start=1))


def _statistics(document_id: str, language: str) -> tuple[Statistic, ...]:
    quote = "249 children (including 22 girls)"
    total = Statistic(
        document_id=document_id,
        indicator="children_recruited",
        value=Decimal(249),
        qualifier="exact",
        unit=None,
        subject="children",
        paragraph_number=3,
        quote=quote,
        language=language,
        rule_id="recruitment.v1",
        confidence=0.95,
        period_start=date(2017, 1, 1),
        period_end=date(2017, 12, 31),
        char_start=29,
        char_end=32,
    )
    return (
        Statistic(
            document_id=document_id,
            indicator="ratified_parties",
            value=Decimal(173),
            qualifier="exact",
            unit="States",
            subject="Convention",
            paragraph_number=2,
            quote="173 States had ratified the Convention",
            language=language,
            rule_id="ratification.v1",
            confidence=0.9,
            instrument="Convention",
            as_of=date(2017, 6, 1),
            as_of_as_printed="1 June 2017",
            char_start=19,
            char_end=22,
        ),
        total,
        Statistic(
            document_id=document_id,
            indicator="children_recruited",
            value=Decimal(22),
            qualifier="exact",
            unit=None,
            subject="girls",
            paragraph_number=3,
            quote=quote,
            language=language,
            rule_id="recruitment.v1",
            confidence=0.8,
            breakdown_of=total.statistic_key,
            char_start=52,
            char_end=54,
            flags=("breakdown",),
        ),
        Statistic(
            document_id=document_id,
            indicator="share_reported",
            value=Decimal("1.5"),
            qualifier="about",
            unit="percent",
            subject="cases",
            paragraph_number=4,
            quote="About 1.5 per cent",
            language=language,
            rule_id="share.v1",
            confidence=0.7,
            cited_source="S/2017/403",
            char_start=6,
            char_end=9,
        ),
    )


def _bundle(language: str, extra: int) -> DocumentBundle:
    document_id = f"s-2017-939-{language}"
    arabic = language == "ar"
    return DocumentBundle(
        source=_source(document_id),
        metadata=DocumentMetadata(
            symbol=SYMBOL,
            language=language,
            original_language="en",
            title="تقرير الأمين العام" if arabic else "Report of the Secretary-General",
            published_on=date(2017, 11, 9),
            job_number="17-20223 (A)" if arabic else "17-20223 (E)",
            distribution="General",
            reissue_note="* أعيد إصدارها لأسباب فنية." if arabic else None,
            page_count=3,
        ),
        paragraphs=_paragraphs(document_id, arabic, extra),
        headings=_headings(document_id, arabic),
        annex_units=_annex_units(document_id, arabic),
        footnotes=(
            Footnote(document_id, "1", "S/2017/403.", paragraph_number=4, page=2),
            Footnote(document_id, "2", "A/72/361.", paragraph_number=None, page=2),
        ),
        citations=(
            Citation(
                document_id,
                1,
                "resolution",
                "resolution 2331 (2016)",
                "resolution 2331 (2016)",
                False,
                42,
                64,
            ),
            Citation(document_id, 4, "document", "S/2017/403", "8/2017/403", True, 55, 65),
            # Two footnote citations at the same offset: no natural key, hence citation_index.
            Citation(document_id, None, "document", "S/2017/403", "S/2017/403", False, 0, 10),
            Citation(document_id, None, "document", "A/72/361", "A/72/361", False, 0, 8),
        ),
        statistics=_statistics(document_id, language),
        numeric_mentions=(
            NumericMention(document_id, 2, None, Decimal(173), "173", "count", "States", "exact", 19, 22),
            NumericMention(document_id, 3, None, Decimal(249), "249", "count", "children", "exact", 29, 32),
            NumericMention(
                document_id,
                3,
                None,
                Decimal(22),
                "22",
                "count",
                "girls",
                "exact",
                52,
                54,
                parent_value=Decimal(249),
            ),
            NumericMention(document_id, 4, None, Decimal("1.5"), "1.5", "percent", None, "about", 6, 9),
            NumericMention(document_id, 4, None, Decimal(3000), "3,000", "count", "cases", "exact", 29, 34),
            NumericMention(document_id, None, "2", Decimal(72), "72", "ordinal", None, "exact", 2, 4),
        ),
        warnings=("page 3: low reading confidence",) if arabic else (),
    )


def build_inputs(extra_paragraphs: int = 0) -> Inputs:
    """Two document versions and one rejection; extra paragraphs make runs distinguishable."""
    bundles = [_bundle("ar", extra_paragraphs), _bundle("en", extra_paragraphs)]
    rejection = Rejection("locked.pdf", "f" * 64, "encrypted", "password protected")
    return bundles, [(rejection, REJECTED_AT)]


def renamed_corpus(count: int, changed: int | None = None) -> list[DocumentTables]:
    """`count` documents (copies of build_inputs' two under other ids), document `changed`
    in another version."""
    plain, _ = build_inputs(0)
    other, _ = build_inputs(2)
    docs = []
    for i in range(count):
        base = (other if i == changed else plain)[i % 2]
        tables = document_tables(base)
        document_id = f"d-{i:03d}-{base.source.document_id[-2:]}"
        own = {name: table.set_column(table.schema.get_field_index("document_id"), "document_id",
                                      pa.array([document_id] * table.num_rows, pa.string()))
               for name, table in tables.tables.items()}
        docs.append(DocumentTables(document_id, tables.source_sha256, own))
    return docs


@pytest.fixture
def make_inputs() -> Callable[[int], Inputs]:
    return build_inputs


@pytest.fixture
def inputs() -> Inputs:
    return build_inputs()


@pytest.fixture
def published(tmp_path: Path, inputs: Inputs) -> tuple[Path, Manifest]:
    """A data dir with one published snapshot of `inputs`, and its manifest."""
    data_dir = tmp_path / "data"
    manifest = publish(*inputs, data_dir, code_version="test")
    return data_dir, manifest


# Rejected inputs published next to the samples: (file name, bytes, first rejected at).
REJECTED_INPUTS = (
    ("blank.pdf", b"", datetime(2030, 3, 20, 8, 0, tzinfo=UTC)),
    ("notes.pdf", b"minutes of the meeting, not a PDF", datetime(2030, 3, 20, 9, 0, tzinfo=UTC)),
    ("agenda.pdf", b"<html>an agenda page saved as .pdf</html>", datetime(2030, 3, 21, 9, 0, tzinfo=UTC)),
)


@pytest.fixture(scope="session")
def samples_warehouse(tmp_path_factory) -> Path:
    """The bundled sample reports (unreports/samples/*.txt, Arabic and English), rendered to
    PDF, read through the sandbox like inbox files, and published with three rejected files."""
    from unreports.documents import bundle
    from unreports.reading.sandbox import ReadLimits, read_isolated
    from unreports.samples import render_samples
    from unreports.sources import describe
    from unreports.structure.build import build_structure

    folder = tmp_path_factory.mktemp("samples")
    bundles, rejections = [], []
    for pdf in render_samples(folder / "pdf"):
        read = read_isolated(describe(pdf), ReadLimits())
        assert not isinstance(read, Rejection), read
        bundles.append(bundle(read, build_structure(read)))
    for name, data, when in REJECTED_INPUTS:
        path = folder / name
        path.write_bytes(data)
        rejected = read_isolated(describe(path), ReadLimits())
        assert isinstance(rejected, Rejection), name
        rejections.append((rejected, when))
    data_dir = folder / "data"
    publish(bundles, rejections, data_dir, code_version="samples")
    return data_dir / "warehouse.duckdb"
