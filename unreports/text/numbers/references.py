"""Resolution numbers ("symbol") and references to a part of a text ("reference"), with
the lists that follow their word: "resolutions 1325 (2000) and 2467 (2019)", "articles 3,
5 and 7", "المادتين ٣ و٥". A resolution's year in brackets is taken, not returned.
"""

from __future__ import annotations

import re
from decimal import Decimal

from unreports.text.numbers.board import Board, Candidate
from unreports.text.numbers.context import counted_noun
from unreports.text.numbers.spelling import fold

_RESOLUTION_NUMBER_RE = re.compile(r"(?<![0-9])([0-9]{1,4})(?![0-9/])")
_REFERENCE_NUMBER_RE = re.compile(r"(?<![0-9])([0-9]{1,4}(?:[.\-–][0-9]{1,3})*(?:\s?\([a-z]\))?)(?![0-9/])")
_EN_LIST_LINK_RE = re.compile(r"\s*(?:,|and|or|to|&|-|–)\s*")
_AR_LIST_LINK_RE = re.compile(fold(r"\s*(?:،|,|و|أو|إلى|-|–)\s*"))
_LIST_END_RE = re.compile(fold(r"(?=\s*(?:[,،;؛.:)\]]|and\b|or\b|to\b|و|أو|إلى|\(|$))"))
_EN_RESOLUTION_RE = re.compile(r"\bresolutions?\s+(?:No\.?\s*)?(?=[0-9])", re.IGNORECASE)
_AR_RESOLUTION_RE = re.compile(fold(
    r"(?<!\w)[وفبل]{0,2}(?:ال)?قرار(?:ات|ي|ين|ا)?\s+(?:(?:مجلس\s+الأمن|الجمعية\s+العامة|مجلس\s+حقوق\s+الإنسان"
    r"|المجلس|الجمعية)\s+)?(?:رقم\s+)?(?=[0-9])"
    r"|(?<!\w)[وفبل]{0,2}مجلس\s+الأمن\s+(?=[0-9]{4}(?![0-9]))"
))
_RESOLUTION_YEAR_RE = re.compile(r"\s*\(\s*(?:19|20)[0-9]{2}\s*\)")
_BARE_RESOLUTION_RE = re.compile(r"(?<![0-9.,/])[0-9]{3,4}(?=\s*\(\s*(?:19|20)[0-9]{2}\s*\))")
_EN_REFERENCE_RE = re.compile(
    r"\b(?:articles?|paragraphs?|paras?\.|subparagraphs?|sections?|chapters?|annex(?:es)?|goals?|targets?|"
    r"rules?|principles?|indicators?|agenda\s+items?|items?|footnotes?|pages?|pp?\.|No\.)\s+(?=[0-9])",
    re.IGNORECASE,
)
_AR_REFERENCE_RE = re.compile(fold(
    r"(?<!\w)(?:[وفب]?(?:ال|لل)|[وفبل])?(?:مادة|مادتين|مواد|فقرة|فقرتين|فقرات|هدف|غاية|فصل|مرفق|بند|قاعدة"
    r"|مبدأ|مؤشر|حاشية|صفحة)\s+(?:رقم\s+)?(?=[0-9])"
))


def read_references(board: Board) -> None:
    """Add the resolution numbers and references, and take the years of resolutions."""
    view = board.view
    link = _AR_LIST_LINK_RE if board.arabic else _EN_LIST_LINK_RE
    for pattern, kind, number in ((_EN_RESOLUTION_RE, "symbol", _RESOLUTION_NUMBER_RE),
                                  (_AR_RESOLUTION_RE, "symbol", _RESOLUTION_NUMBER_RE),
                                  (_EN_REFERENCE_RE, "reference", _REFERENCE_NUMBER_RE),
                                  (_AR_REFERENCE_RE, "reference", _REFERENCE_NUMBER_RE)):
        for match in pattern.finditer(view):
            cursor = match.end()
            first = True
            while True:
                found = number.match(view, cursor)
                if not found:
                    break
                end = found.end()
                year = _RESOLUTION_YEAR_RE.match(view, end) if kind == "symbol" else None
                if not first and not year and not _LIST_END_RE.match(view, end) and \
                        counted_noun(board, end)[0] is not None:
                    break  # "paragraph 12, 15 States": the 15 is a count
                if board.free(found.start(), found.end()):
                    board.add(Candidate(found.start(), found.end(), _reference_value(found.group(1)), kind))
                if year:
                    board.occupy(end, year.end())
                    end = year.end()
                following = link.match(view, end)
                if not following or not re.match(r"[0-9]", view[following.end():following.end() + 1]):
                    break
                cursor = following.end()
                first = False
    for match in _BARE_RESOLUTION_RE.finditer(view):
        year = _RESOLUTION_YEAR_RE.match(view, match.end())
        if year and board.free(*match.span()):
            board.add(Candidate(match.start(), match.end(), Decimal(match.group(0)), "symbol"))
            board.occupy(match.end(), year.end())


def _reference_value(printed: str) -> Decimal:
    head = re.match(r"[0-9]+(?:\.[0-9]+)?", printed)
    return Decimal(head.group(0)) if head else Decimal(0)
