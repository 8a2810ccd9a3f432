"""Statistics with provenance: indicator rules applied sentence by sentence.

A statistic is a number whose counted noun matches an indicator rule, in a sentence
that carries the rule's trigger words. Context (period, as-at date, instrument, actor,
location, cited source) is read from the same sentence only: we would rather leave a
field empty than borrow it from a neighbouring sentence.

`confidence` is computed from evidence, never set by hand: it starts at 1 and is
multiplied by one factor per reason for doubt (see `CONFIDENCE_FACTORS` and the comment on
statistics.confidence in sql/001_tables.sql, which states the same numbers):

- context: the nearest trigger word's distance from the number, as a share of the trigger
  window on its side (150 characters before, 80 after), costs up to 0.15
  (1 - 0.15 * share); only one of the rule's trigger patterns near the number costs 0.95;
- a named member read from a list after the count (no printed number of its own): 0.9;
- flags: as_of_invalid_date 0.8, conflicting_value 0.85, instrument_uncertain 0.6;
- flag ocr_low_confidence (the OCR engine was unsure of the number's word) 0.7;
- the text source (the least exact of its paragraph's pages, else the document's):
  text_layer 1, ocr_layer 0.85, ocr 0.8. Figures from OCR-grade text carry the flag `ocr`
  (statistics/provenance.py).

The result is rounded to 3 decimals. It orders rows by how much can be held against them;
it is not a calibrated probability.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from unreports.records import Citation, Footnote, Paragraph, Statistic
from unreports.statistics.provenance import OcrEvidence
from unreports.statistics.registry import Indicator, Rule, Vocabulary
from unreports.structure.footnotes import body_markers
from unreports.text.dates import find_dates, find_periods, period_bounds
from unreports.text.numbers import NumberMatch, find_numbers

SENTENCE_END_RE = re.compile(r"(?<=[.!?؛])[\"”»)]?\s+(?=\S)")
COUNT_KINDS = ("count", "word", "decimal")
AS_OF_WINDOW = 24
PERIOD_KINDS = ("range", "since", "during")  # "until" and "as at" name an as-at date instead
TRIGGER_BEFORE = 150  # characters: trigger words this far before a number concern it
TRIGGER_AFTER = 80  # ... or this far after it ("83 children ... suicide attacks")
MAX_MEMBER_NAME = 60  # characters: longer text before a date is a clause, not a name

# Confidence factors (module notes; sql/001_tables.sql states the same numbers).
TRIGGER_DISTANCE_COST = 0.15  # at the far edge of the trigger window; linear from 0 beside the number
SINGLE_TRIGGER = 0.95  # only one of the rule's trigger patterns occurs near the number
MEMBER = 0.9  # a member named in a list: the count is implied (1), not printed
CONFIDENCE_FACTORS = {  # per flag
    "as_of_invalid_date": 0.8,  # the printed date is impossible: its digits, maybe others, misread
    "conflicting_value": 0.85,  # another value for the same level (indicator, subject, instrument, as-at)
    "instrument_uncertain": 0.6,  # the later of two counts for one instrument: one of them is misread
    "ocr_low_confidence": 0.7,  # the OCR engine was unsure of the word holding the number
}
TEXT_SOURCE_FACTORS = {"text_layer": 1.0, "ocr_layer": 0.85, "ocr": 0.8}


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    sentences = []
    start = 0
    for match in SENTENCE_END_RE.finditer(text):
        # "D.C." or "No. 5": a one- or two-letter word before the full stop is an abbreviation.
        before = text[max(0, match.start() - 6):match.start()]
        if re.search(r"(?<![A-Za-z])[A-Za-z]{1,2}\.$", before):
            continue
        sentences.append(Sentence(start, match.start(), text[start:match.start()]))
        start = match.end()
    if start < len(text):
        sentences.append(Sentence(start, len(text), text[start:]))
    return [s for s in sentences if s.text.strip()]


def _noun_matches(pattern: re.Pattern[str], noun: str | None) -> bool:
    if not noun:
        return False
    cleaned = noun.strip("،,.:;()")
    first = cleaned.split()[0] if cleaned.split() else cleaned
    return bool(pattern.match(cleaned) or pattern.match(first))


def _nearest_instrument(vocabulary: Sequence[Vocabulary], text: str, number: NumberMatch,
                        side: str) -> str | None:
    """The instrument named closest to the number on the side the language puts it
    ("parties to the Protocol" after the count in English, "الأطراف في البروتوكول ١٨٢" before
    it in Arabic); when the sentence names none on that side, the nearest on the other side
    ("The Convention had 190 States parties")."""
    return (_nearest_on_side(vocabulary, text, number, side)
            or _nearest_on_side(vocabulary, text, number, "before" if side == "after" else "after"))


def _nearest_on_side(vocabulary: Sequence[Vocabulary], text: str, number: NumberMatch,
                     side: str) -> str | None:
    best: tuple[str | None, int] = (None, 10**9)
    for entry in vocabulary:
        for pattern in entry.patterns:
            for match in pattern.finditer(text):
                if side == "before" and match.end() <= number.start:
                    distance = number.start - match.end()
                elif side == "after" and match.start() >= number.end:
                    distance = match.start() - number.end
                else:
                    continue
                if distance < best[1]:
                    best = (entry.name, distance)
    return best[0]


def _first_in(vocabulary: Sequence[Vocabulary], text: str) -> str | None:
    for entry in vocabulary:
        if any(p.search(text) for p in entry.patterns):
            return entry.name
    return None


def _cited_source(sentence: Sentence, paragraph: Paragraph, citations: Sequence[Citation]) -> str | None:
    markers = body_markers(sentence.text)
    if markers:
        return f"footnote {markers[-1][0]}"
    for citation in citations:
        if citation.paragraph_number == paragraph.number and citation.kind == "document" and (
            sentence.start <= citation.char_start < sentence.end
        ):
            return citation.symbol
    return None


def _as_of(rule: Rule, sentence: Sentence, language: str) -> tuple[date | None, str | None, tuple[str, ...]]:
    if not rule.as_of_words:
        return None, None, ()
    for found in find_dates(sentence.text, language):
        window = sentence.text[max(0, found.start - AS_OF_WINDOW):found.start]
        if any(re.search(rf"(?:^|\s)(?:و)?{re.escape(w)}\s*$", window.rstrip(), re.IGNORECASE)
               for w in rule.as_of_words):
            flags = () if found.valid else ("as_of_invalid_date",)
            return found.value, found.as_printed, flags
    return None, None, ()


def _period(sentence: Sentence, language: str, position: int) -> tuple[date | None, date | None]:
    # "until" reads an as-at date ("وحتى ٢٨ شباط/فبراير"), which is not a period of counting.
    periods = [p for p in find_periods(sentence.text, language) if p.kind in PERIOD_KINDS]
    if not periods:
        return None, None
    # The period nearest to the number, preferring one that follows it.
    chosen = min(periods, key=lambda p: (p.start_offset < position, abs(p.start_offset - position)))
    return period_bounds(chosen)


def _location(rule: Rule, sentence: Sentence) -> str | None:
    for pattern in rule.location_patterns:
        match = pattern.search(sentence.text)
        if match:
            return " ".join(match.group("location").split()).strip(" ،,")
    return None


def _members(sentence: Sentence, language: str, after: int) -> list[tuple[str, date | None, str, int]]:
    """Named members listed with a date after the count: 'namely Fiji, on 19 September 2017'.

    Returns (name as printed, date or None when impossible, date as printed, offset of the
    name in the sentence).
    """
    members = []
    cursor = after
    # A date inside a period ("from January to June 2023", "as at ...") dates the count, not a member.
    spans = [(p.start_offset, p.end_offset) for p in find_periods(sentence.text, language)
             if p.kind in ("range", "since", "until", "as_at")]
    for found in find_dates(sentence.text, language):
        if found.start < after:
            continue
        if any(start <= found.start < end for start, end in spans):
            cursor = max(cursor, found.end)
            continue
        segment = sentence.text[cursor:found.start]
        segment = re.sub(r"[\s،,]*(?:في|on|in)?[\s،,]*$", "", segment)
        pieces = list(re.finditer(r"[^،,:]+", segment))
        if pieces:
            piece = pieces[-1]
            name = re.sub(r"^\s*(?:هما|هي|هم|namely|and)\s+", "", piece.group(0))
            name = re.sub(r"^\s*و(?=\S{2,})", "", name).strip()
            offset = cursor + piece.start() + piece.group(0).find(name)
            if name and len(name) <= MAX_MEMBER_NAME:
                members.append((name, found.value, found.as_printed, max(offset, cursor)))
        cursor = found.end
    return members


def _context_confidence(rule: Rule, sentence: Sentence, number: NumberMatch) -> float:
    """How closely the rule's trigger words sit to the number (see the module notes)."""
    share, patterns = 1.0, 0
    for trigger in rule.triggers:
        near = False
        for match in trigger.finditer(sentence.text):
            if match.end() <= number.start:
                distance, window = number.start - match.end(), TRIGGER_BEFORE
            elif match.start() >= number.end:
                distance, window = match.start() - number.end, TRIGGER_AFTER
            else:
                distance, window = 0, TRIGGER_BEFORE  # the trigger contains the number
            if distance <= window:
                near = True
                share = min(share, distance / window)
        patterns += near
    factor = 1 - TRIGGER_DISTANCE_COST * share
    return factor * (SINGLE_TRIGGER if patterns < 2 else 1.0)


def _statistic(indicator: Indicator, rule: Rule, paragraph: Paragraph, sentence: Sentence,
               number: NumberMatch, subject: str, language: str, **fields) -> Statistic:
    return Statistic(
        document_id=paragraph.document_id,
        indicator=indicator.name,
        value=Decimal(number.value),
        qualifier=number.qualifier,
        unit=indicator.unit,
        subject=subject,
        paragraph_number=paragraph.number,
        quote=sentence.text.strip(),
        language=language,
        rule_id=rule.rule_id,
        confidence=_context_confidence(rule, sentence, number),  # the final pass adds flags and source
        measure=rule.measure,
        char_start=sentence.start + number.start,
        char_end=sentence.start + number.end,
        **fields,
    )


def extract_from_sentence(indicator: Indicator, rule: Rule, paragraph: Paragraph, sentence: Sentence,
                          language: str, citations: Sequence[Citation]) -> list[Statistic]:
    if not any(t.search(sentence.text) for t in rule.triggers):
        return []
    numbers = [n for n in find_numbers(sentence.text, language) if n.kind in COUNT_KINDS]
    subject = next((s.subject for s in rule.subjects if s.pattern.search(sentence.text)), rule.subject)
    as_of, as_of_printed, as_of_flags = _as_of(rule, sentence, language)
    common = {
        "actor": _first_in(indicator.actors, sentence.text),
        "location": _location(rule, sentence),
        "cited_source": _cited_source(sentence, paragraph, citations),
    }
    found: list[Statistic] = []
    totals: list[Statistic] = []
    triggers = [m for t in rule.triggers for m in t.finditer(sentence.text)]
    for number in numbers:
        if not any(
            number.start - TRIGGER_BEFORE <= m.start() <= number.end + TRIGGER_AFTER for m in triggers
        ):
            continue  # the trigger words belong to another clause of the sentence
        if any(number.start - TRIGGER_BEFORE <= m.start() <= number.end + TRIGGER_AFTER
               for e in rule.exclusions for m in e.finditer(sentence.text)):
            continue  # words that make this another rule's number ("became parties")
        if _noun_matches(rule.nouns, number.noun):
            start, end = _period(sentence, language, number.start)
            instrument = _nearest_instrument(
                indicator.instruments, sentence.text, number, rule.instrument_side
            )
            statistic = _statistic(indicator, rule, paragraph, sentence, number, subject, language,
                                   instrument=instrument, period_start=start, period_end=end, as_of=as_of,
                                   as_of_as_printed=as_of_printed, flags=as_of_flags, **common)
            found.append(statistic)
            totals.append(statistic)
            if rule.members:
                for name, when, printed, offset in _members(sentence, language, number.end):
                    found.append(replace(
                        statistic, value=Decimal(1), qualifier="exact", subject=f"{subject}: member",
                        location=name, as_of=when, as_of_as_printed=printed,
                        breakdown_of=statistic.statistic_key, confidence=statistic.confidence * MEMBER,
                        char_start=sentence.start + offset,
                        char_end=sentence.start + offset + len(name),
                        flags=() if when else ("as_of_invalid_date",),
                    ))
            continue
        for breakdown in rule.breakdowns:
            if _noun_matches(breakdown.nouns, number.noun) and totals:
                parent = totals[-1]
                found.append(_statistic(
                    indicator, rule, paragraph, sentence, number, breakdown.subject, language,
                    period_start=parent.period_start, period_end=parent.period_end, as_of=parent.as_of,
                    breakdown_of=parent.statistic_key, **common,
                ))
                break
    return _resolve_conflicts(_drop_repeats(found))


def _drop_repeats(statistics: list[Statistic]) -> list[Statistic]:
    """OCR sometimes repeats a clause: the same value and subject twice in one sentence.

    The later mention is kept (it sits next to the trigger words); breakdowns of a dropped
    total are re-attached to the kept one.
    """
    kept: dict[tuple, Statistic] = {}
    for statistic in statistics:
        kept[(statistic.value, statistic.subject, statistic.breakdown_of is None, statistic.location)] = (
            statistic
        )
    survivors = list(kept.values())
    moved: dict[str, str] = {}
    for statistic in statistics:
        if statistic.breakdown_of is None and statistic not in survivors:
            twin = kept[(statistic.value, statistic.subject, True, statistic.location)]
            moved[statistic.statistic_key] = twin.statistic_key
    result = []
    for statistic in statistics:
        if statistic in survivors and id(statistic) in {id(s) for s in survivors}:
            if statistic.breakdown_of in moved:
                statistic = replace(statistic, breakdown_of=moved[statistic.breakdown_of])
            result.append(statistic)
    return result


def _flagged(statistic: Statistic, flag: str) -> Statistic:
    return statistic if flag in statistic.flags else replace(statistic, flags=statistic.flags + (flag,))


def _resolve_conflicts(statistics: list[Statistic]) -> list[Statistic]:
    """Two different counts for the same instrument in one sentence: one instrument was
    misread. The later one is kept with its instrument marked uncertain, never guessed;
    the earlier one keeps its instrument and is marked conflicting_value."""
    seen: dict[tuple, int] = {}
    resolved: list[Statistic] = []
    for statistic in statistics:
        key = (statistic.subject, statistic.instrument, statistic.as_of_as_printed, statistic.breakdown_of)
        earlier = seen.get(key)
        if statistic.instrument and earlier is not None and resolved[earlier].value != statistic.value:
            resolved[earlier] = _flagged(resolved[earlier], "conflicting_value")
            statistic = replace(statistic, instrument=None, flags=statistic.flags + ("instrument_uncertain",))
        else:
            seen[key] = len(resolved)
        resolved.append(statistic)
    return resolved


def _document_conflicts(statistics: list[Statistic]) -> list[Statistic]:
    """A level holds one value per indicator, subject, instrument and as-at date: different
    values for the same ones anywhere in the document mark each other conflicting_value.
    Changes are not compared (two counts for one period may be two places or actors)."""
    values: dict[tuple, set[Decimal]] = {}

    def key(statistic: Statistic) -> tuple | None:
        if statistic.measure != "level" or statistic.breakdown_of or not statistic.instrument \
                or not statistic.as_of_as_printed:
            return None
        return (statistic.indicator, statistic.subject, statistic.instrument,
                statistic.as_of or " ".join(statistic.as_of_as_printed.split()))

    keys = [key(statistic) for statistic in statistics]
    for statistic, k in zip(statistics, keys, strict=True):
        if k is not None:
            values.setdefault(k, set()).add(statistic.value)
    return [_flagged(s, "conflicting_value") if k is not None and len(values[k]) > 1 else s
            for s, k in zip(statistics, keys, strict=True)]


def _final_confidence(statistic: Statistic, text_source: str) -> Statistic:
    confidence = statistic.confidence * TEXT_SOURCE_FACTORS.get(text_source, TEXT_SOURCE_FACTORS["ocr"])
    for flag in statistic.flags:
        confidence *= CONFIDENCE_FACTORS.get(flag, 1.0)
    return replace(statistic, confidence=round(confidence, 3))


def _with_provenance(statistics: list[Statistic], paragraphs: Sequence[Paragraph],
                     evidence: OcrEvidence) -> list[Statistic]:
    """Flags `ocr` / `ocr_low_confidence` and the text source of each statistic's pages."""
    by_number = {p.number: p for p in paragraphs}
    result = []
    for statistic in statistics:
        number = statistic.paragraph_number
        paragraph = by_number.get(number) if number is not None else None
        start, end = (paragraph.page_start, paragraph.page_end) if paragraph else (None, None)
        printed = paragraph.text[statistic.char_start:statistic.char_end] if paragraph else ""
        for flag in evidence.flags(printed, start, end):
            statistic = _flagged(statistic, flag)
        result.append(_final_confidence(statistic, evidence.source(start, end)))
    return result


def extract_statistics(paragraphs: Sequence[Paragraph], citations: Sequence[Citation],
                       footnotes: Sequence[Footnote], registry: Sequence[Indicator],
                       language: str | None, text_source: str = "text_layer",
                       evidence: OcrEvidence | None = None) -> list[Statistic]:
    """Every statistic of the document. `text_source` is DocumentMetadata.text_source: OCR
    text lowers the confidence of everything read from it (an unknown source counts as OCR)
    and flags it `ocr`; `evidence` says which pages were OCR'd and which words doubtful."""
    if language is None:
        return []
    statistics: list[Statistic] = []
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph.text):
            for indicator in registry:
                for rule in indicator.rules:
                    if rule.language == language:
                        statistics.extend(extract_from_sentence(indicator, rule, paragraph, sentence,
                                                                language, citations))
    evidence = evidence if evidence is not None else OcrEvidence(text_source)
    return _with_provenance(_document_conflicts(_unique_keys(statistics)), paragraphs, evidence)


def _unique_keys(statistics: list[Statistic]) -> list[Statistic]:
    """Two rules of one indicator can read the same number; keep the first reading."""
    seen: set[str] = set()
    unique = []
    for statistic in statistics:
        if statistic.statistic_key in seen:
            continue
        seen.add(statistic.statistic_key)
        unique.append(statistic)
    return unique
