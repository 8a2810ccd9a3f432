"""Spans never read as numbers: URLs and e-mail addresses, UN symbols and other slash
tokens, job numbers, TeX markup from OCR, footnote markers glued to the text before them
and, when asked, the paragraph number or footnote marker that opens a line.
"""

from __future__ import annotations

import re

# The lookbehinds make each match start at a token start, which keeps these linear.
_URL_RE = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'«»)\]]+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
                     re.IGNORECASE)
_TOKEN_CHARACTER = r"[^\s()\[\]{}«»\"“”'‘’،,;؛]"
_SLASH_TOKEN_RE = re.compile(rf"(?<!{_TOKEN_CHARACTER}){_TOKEN_CHARACTER}*[/\\]{_TOKEN_CHARACTER}*")
_JOB_NUMBER_RE = re.compile(r"(?<![0-9])[0-9]{2}-[0-9]{5}(?![0-9])")
_TEX_RE = re.compile(r"\$[^$\n]{1,80}\$|[_^]\s*\{[^}\n]{0,20}\}|\^\s*\(\s*[0-9*]{1,3}\s*\)|\^\s*[0-9]{1,3}")
_GLUED_MARKER_RE = re.compile(r"(?<=[^\s(\[])[(⁽][0-9]{1,3}[)⁾]|⁽[0-9]{1,3}[)⁾]|[(⁽][0-9]{1,3}⁾")
# A paragraph number or footnote marker at a line start, OCR look-alikes included
# ("12.", "١٢ -", "• ١ -", "1V -", "- 0", "(١)").
_LEADING_NUMBER_RE = re.compile(
    r"^[ \t•·]*(?:[-–—]\s*[0-9]{1,3}(?=\s)|[0-9][0-9VvA\\^oOlI| ]{0,4}?\s*(?:[-–—]|\.(?=\s))"
    r"|[(⁽][0-9]{1,3}[)⁾])",
    re.MULTILINE,
)
# Two paragraphs run together: "... end of one. ٧٤ - Start of the next".
_INLINE_PARAGRAPH_NUMBER_RE = re.compile(r"(?<=[.:؛!?])\s+(?P<n>[0-9]{1,3}\s*[-–—])(?=\s)")
# Arabic paragraph numbers whose dash was lost: a bare number opening a line ("٢٠ وأفادت").
_AR_BARE_LEADING_NUMBER_RE = re.compile(r"^[ \t•·]*[0-9]{1,3}(?=[ \t]+[^\W\d_])", re.MULTILINE)


def blocked_spans(view: str, arabic: bool, skip_leading: bool) -> list[tuple[int, int]]:
    """View spans no reader may take."""
    spans = [m.span() for m in _URL_RE.finditer(view)]
    spans += [m.span() for m in _SLASH_TOKEN_RE.finditer(view) if re.search(r"[0-9]", m.group(0))]
    spans += [m.span() for m in _JOB_NUMBER_RE.finditer(view)]
    spans += [m.span() for m in _TEX_RE.finditer(view)]
    spans += [m.span() for m in _GLUED_MARKER_RE.finditer(view)]
    if skip_leading:
        spans += [m.span() for m in _LEADING_NUMBER_RE.finditer(view)]
        spans += [m.span("n") for m in _INLINE_PARAGRAPH_NUMBER_RE.finditer(view)]
        if arabic:
            spans += [m.span() for m in _AR_BARE_LEADING_NUMBER_RE.finditer(view)]
    return spans
