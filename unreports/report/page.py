"""The evidence report as one self-contained HTML page: inline CSS and SVG, no script, no
network (a Content-Security-Policy forbids any fetch). Every text from the warehouse comes
from untrusted documents and is escaped; Arabic evidence is right-to-left with its own
digits, as printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from html import escape

from unreports.report.data import ReportData, Value
from unreports.report.plot import indicator_svg, series_label

RTL_LANGUAGES = {"ar", "fa", "he", "ur", "ps", "yi"}
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
_NOT_ID = re.compile(r"[^A-Za-z0-9_-]+")
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
body { font-family: "DejaVu Sans", "Noto Sans", "Noto Naskh Arabic", Arial, sans-serif; margin: 1.5rem auto;
       max-width: 76rem; padding: 0 1rem; color: #1d1d1f; line-height: 1.45; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem;
     border-bottom: 2px solid #d0d7de; padding-bottom: .2rem; } h3 { font-size: 1.05rem; }
.meta { color: #57606a; font-size: .9rem; }
table { border-collapse: collapse; font-size: .85rem; margin: .6rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: .25rem .45rem; vertical-align: top; text-align: start; }
th { background: #f6f8fa; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: .5rem 0; } figure svg { width: 100%; max-width: 58rem; height: auto; }
figcaption { font-size: .8rem; color: #57606a; }
.evidence { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .8rem; margin: .8rem 0; }
.evidence:target { border-color: #bf8700; box-shadow: 0 0 0 3px #fff8c5; }
.evidence h3 { margin: 0 0 .3rem; font-size: .95rem; }
.paragraph { margin: .3rem 0; font-size: 1rem; }
.paragraph[dir=rtl] { font-size: 1.1rem; }
.quote { background: #f1f8ff; } mark.value { background: #ffd33d; padding: 0 .1rem; font-weight: bold; }
.source { font-size: .85rem; color: #3a3f45; margin: .3rem 0 0; }
.footnote { font-size: .9rem; color: #3a3f45; margin: .1rem 1.2rem; }
.flag { display: inline-block; background: #fff1e5; border: 1px solid #e8a86b; border-radius: 3px;
        padding: 0 .25rem; margin: 0 .15rem .1rem 0; font-size: .75rem; }
.problem { color: #a40e26; }
nav ul { columns: 2; }
"""


def language_code(language: str | None) -> str | None:
    """A lang attribute value, or None for anything that is not a plain ISO 639 code."""
    return language if language and _LANGUAGE_CODE.fullmatch(language) and language != "und" else None


def text_attributes(language: str | None) -> str:
    """lang and dir for a block of document text: rtl for Arabic and other RTL scripts."""
    code = language_code(language)
    if code is None:
        return ' dir="auto"'
    return f' lang="{code}" dir="{"rtl" if code in RTL_LANGUAGES else "ltr"}"'


def evidence_anchor(document_id: str, statistic_key: str) -> str:
    """The id of a statistic's evidence in the page (document_id is file-safe already)."""
    return "ev-" + _NOT_ID.sub("-", f"{document_id}-{statistic_key}")


def anchor_id(value: Value) -> str:
    return evidence_anchor(value.document_id, value.statistic_key)


def indicator_id(indicator: str | None) -> str:
    return "ind-" + _NOT_ID.sub("-", indicator or "none")


def number_text(value: Decimal | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return f"{value:g}"


def _e(value: object) -> str:
    """Escaped text of any cell value (dates ISO 8601, NULL as empty)."""
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return escape(value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat())
    return escape(str(value))


def _bdi(value: object) -> str:
    """Untrusted text inside a table cell: isolated so its direction cannot reorder the row."""
    text = _e(value)
    return f"<bdi>{text}</bdi>" if text else ""


def when_text(value: Value) -> str:
    """As-at date or period, as the table shows it."""
    if value.as_of is not None:
        return f"as at {value.as_of.isoformat()}"
    if value.as_of_as_printed:
        return f"as at “{value.as_of_as_printed}” (impossible date)"
    if value.period_start and value.period_end:
        return f"{value.period_start.isoformat()} – {value.period_end.isoformat()}"
    if value.period_start:
        return f"since {value.period_start.isoformat()}"
    if value.period_end:
        return f"until {value.period_end.isoformat()}"
    return ""


def flags_html(flags: Iterable[str]) -> str:
    return "".join(f'<span class="flag">{_e(flag)}</span>' for flag in flags)


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{cell}</td>' if i in numeric else f"<td>{cell}</td>"
                         for i, cell in enumerate(row)) + "</tr>\n"
        for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"


VALUE_HEADERS = ("value", "as printed", "qualifier", "measure", "subject", "instrument", "as at / period",
                 "document", "paragraph", "flags", "confidence")


def _value_row(value: Value) -> list[str]:
    printed = value.printed
    document = f"{_bdi(value.symbol or value.document_id)} ({_e(value.document_language)})"
    return [
        f'<a href="#{anchor_id(value)}">{_e(number_text(value.value))}</a>',
        f"<bdi{text_attributes(value.language)}>{_e(printed)}</bdi>" if printed else "",
        _e(value.qualifier), _e(value.measure), _bdi(value.subject), _bdi(value.instrument),
        _e(when_text(value)),
        document, _e(value.paragraph_number), flags_html(value.flags),
        _e(f"{value.confidence:.3f}" if value.confidence is not None else None),
    ]


def paragraph_html(value: Value) -> str:
    """The paragraph text, the quote shaded and the value's characters in <mark>."""
    text = value.paragraph_text
    if text is None:
        return '<p class="problem">paragraph not published</p>'
    attributes = text_attributes(value.language)
    span = value.span
    if span is None:
        return (f'<p class="paragraph"{attributes}>{_e(text)}</p>'
                f'<p class="problem">offsets {_e(value.char_start)}–{_e(value.char_end)} are outside the '
                f"paragraph text: nothing highlighted</p>")
    _, start, end = span
    marked = f'<mark class="value">{_e(text[start:end])}</mark>'
    quote = value.quote
    quote_start = text.find(quote) if quote else -1
    if quote and quote_start >= 0 and quote_start <= start and end <= quote_start + len(quote):
        quote_end = quote_start + len(quote)
        inner = (f'{_e(text[:quote_start])}<span class="quote">{_e(text[quote_start:start])}{marked}'
                 f"{_e(text[end:quote_end])}</span>{_e(text[quote_end:])}")
    else:
        inner = f"{_e(text[:start])}{marked}{_e(text[end:])}"
    return f'<p class="paragraph"{attributes}>{inner}</p>'


def evidence_html(value: Value) -> str:
    title = (f"{_bdi(value.symbol or value.document_id)} ({_e(value.document_language)}), paragraph "
             f"{_e(value.paragraph_number)}: {_e(value.indicator)} = {_e(number_text(value.value))}")
    parts = [f'<section class="evidence" id="{anchor_id(value)}">', f"<h3>{title}</h3>",
             paragraph_html(value)]
    if value.cited_source:
        parts.append(f'<p class="source">Cited source: {_bdi(value.cited_source)}</p>')
    if value.footnote_marker is not None:
        if value.footnote_text is not None:
            parts.append(
                f'<p class="source">Footnote {_bdi(value.footnote_marker)}:</p>'
                f'<p class="footnote"{text_attributes(value.document_language)}>{_e(value.footnote_text)}</p>'
            )
        else:
            parts.append(f'<p class="source problem">Footnote {_bdi(value.footnote_marker)} is not among the '
                         "published footnotes</p>")
    if value.flags:
        parts.append(f'<p class="source">Flags: {flags_html(value.flags)}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def indicator_html(indicator: str | None, values: list[Value]) -> str:
    ident = indicator_id(indicator)
    svg = indicator_svg(values, anchor_id, ident)
    series = sorted({series_label(v) for v in values})
    return "\n".join([
        f'<section class="indicator" id="{ident}">',
        f"<h2>{_e(indicator or '(no indicator)')}</h2>",
        (f'<p class="meta">{len(values)} values in {len({v.document_id for v in values})} documents; '
        f"series: {', '.join(_bdi(s) for s in series)}</p>"),
        (f'<figure class="plot">{svg}<figcaption>Each series is a subject and instrument. '
        "Date: as-at date for levels and named members, else the period’s end (or start), "
        "else the document’s date. Hollow markers: not exact (at least, more than, about, "
        "up to, fewer than). Points link to their evidence."
        "</figcaption></figure>"),
        _table(VALUE_HEADERS, (_value_row(v) for v in values), numeric=(0, 10)),
        "<h3>Evidence</h3>",
        *(evidence_html(v) for v in values),
        "</section>",
    ])


def problems_html(data: ReportData) -> str:
    parts = ['<section id="problems">', "<h2>Rejected files and document warnings</h2>",
             f"<h3>Rejected files ({len(data.rejections)})</h3>"]
    if data.rejections:
        parts.append(_table(("file", "reason", "detail", "rejected at", "sha256"), (
            [_bdi(r.source_name), _e(r.reason), _bdi(r.detail), _e(r.rejected_at),
             f"<code>{_e((r.source_sha256 or '')[:16])}</code>"] for r in data.rejections)))
    else:
        parts.append("<p>None.</p>")
    parts.append(f"<h3>Document warnings ({sum(len(w.warnings) for w in data.warnings)} in "
                 f"{len(data.warnings)} documents)</h3>")
    if data.warnings:
        for warned in data.warnings:
            parts.append(f"<p><b>{_bdi(warned.symbol or warned.document_id)}</b> ({_e(warned.language)}, "
                         f"{_bdi(warned.source_name)})</p>")
            parts.append("<ul>" + "".join(f"<li><bdi>{_e(w)}</bdi></li>" for w in warned.warnings) + "</ul>")
    else:
        parts.append("<p>None.</p>")
    parts.append("</section>")
    return "\n".join(parts)


def documents_html(data: ReportData) -> str:
    rows = ([_bdi(d.symbol), _e(d.language), f"<span{text_attributes(d.language)}>{_e(d.title)}</span>",
             _e(d.published_on), _e(d.text_source), _e(d.paragraphs), _e(d.statistics)]
            for d in data.documents)
    return ('<section id="documents"><h2>Documents</h2>\n'
            + _table(("symbol", "language", "title", "published", "text source", "paragraphs", "statistics"),
                     rows, numeric=(5, 6)) + "</section>")


def render_page(data: ReportData) -> str:
    indicators = data.indicators()
    snapshot = data.snapshot
    nav = "".join(f'<li><a href="#{indicator_id(name)}">{_e(name)}</a> ({len(values)})</li>'
                  for name, values in indicators.items())
    nav += (f'<li><a href="#problems">Rejected files ({len(data.rejections)}) and document warnings '
            f"({sum(len(w.warnings) for w in data.warnings)})</a></li>")
    body = [indicator_html(name, values) for name, values in indicators.items()] or [
        "<p>No statistics published.</p>"]
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en" dir="ltr">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>unreports evidence report {_e(snapshot.snapshot_id)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header><h1>Indicator values and their evidence</h1>",
        (f'<p class="meta">Snapshot {_e(snapshot.snapshot_id)}, built {_e(snapshot.created_at)} UTC by '
        f"{_e(snapshot.code_version)}; {len(data.documents)} documents, {len(data.values)} values, "
        f"{len(data.rejections)} rejected files.</p></header>"),
        f"<nav><ul>{nav}</ul></nav>",
        documents_html(data),
        *body,
        problems_html(data),
        "</body>",
        "</html>",
        "",
    ])
