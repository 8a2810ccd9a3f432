"""Small Markdown previews for asset metadata."""

from collections.abc import Sequence

from unreports.records import Line, Paragraph, Statistic

PREVIEW_ROWS = 8
PREVIEW_CHARACTERS = 120


def _cell(text: str) -> str:
    text = " ".join(str(text).split())
    text = text if len(text) <= PREVIEW_CHARACTERS else text[:PREVIEW_CHARACTERS] + "…"
    return text.replace("|", "\\|")


def lines_preview(lines: Sequence[Line]) -> str:
    rows = ["| page | kind | text |", "|---|---|---|"]
    rows += [f"| {line.page} | {line.kind} | {_cell(line.text)} |" for line in lines[:PREVIEW_ROWS]]
    return "\n".join(rows)


def paragraphs_preview(paragraphs: Sequence[Paragraph]) -> str:
    rows = ["| no. | source | chapter | text |", "|---|---|---|---|"]
    rows += [f"| {p.number} | {p.number_source} | {p.chapter or ''} | {_cell(p.text)} |"
             for p in paragraphs[:PREVIEW_ROWS]]
    return "\n".join(rows)


def statistics_preview(statistics: Sequence[Statistic]) -> str:
    rows = ["| indicator | value | qualifier | subject | para. | quote |", "|---|---|---|---|---|---|"]
    rows += [f"| {s.indicator} | {s.value} | {s.qualifier} | {s.subject or ''} | {s.paragraph_number} | "
             f"{_cell(s.quote)} |" for s in statistics[:PREVIEW_ROWS]]
    return "\n".join(rows)
