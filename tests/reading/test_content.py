"""unreports/reading/content.py against pdfminer, the reader it stands in for.

`page_objects` must give exactly the objects pdfminer's PDFContentParser gives for the same
content streams (the same values and Python types, the same interned names and keywords,
lists and dicts alike), or None where pdfminer's own parser must read them; and
`ContentInterpreter` must draw exactly what pdfminer's PDFPageInterpreter draws.

Compared on content streams generated from a grammar of tokens (and on random bytes), on
each documented fallback, on one-page PDFs whose content is cut into several streams, and
page by page on the real UN PDFs in ../shared (skipped when absent), on generated Arabic and
English reports and on the generated hostile PDFs.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from itertools import pairwise, product
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfminer.pdfinterp import PDFContentParser, PDFPageInterpreter, PDFResourceManager
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import KWD, LIT, PSEOF, PSKeyword, PSLiteral

from tests.conftest import real_un_pdfs
from tests.reading.hostile import FONT, HOSTILE_PDFS, _assemble, _stream
from tests.reading.test_glyph_device import UNBOUNDED, _spec
from unreports.fixtures.render import render_report
from unreports.reading import content, pdf
from unreports.reading.content import ContentInterpreter, page_objects

# --------------------------------------------------------------------------------------
# pdfminer's reading, and the comparison


def pdfminer_objects(streams: Sequence[bytes]) -> list[Any] | Exception:
    """What PDFPageInterpreter.execute gets from pdfminer's parser for these streams (the
    objects without their positions), or the exception the parser raised part-way."""
    wrapped = []
    for number, data in enumerate(streams, start=1):
        stream = PDFStream({}, data)  # no filter: get_data() gives the bytes back
        stream.objid = number  # an indirect object, as the interpreter requires
        wrapped.append(stream)
    try:
        parser = PDFContentParser(wrapped)
    except PSEOF:  # no streams at all: the interpreter's "empty page"
        return []
    objects = []
    while True:
        try:
            _, item = parser.nextobject()
        except PSEOF:
            return objects
        except Exception as error:  # noqa: BLE001 - e.g. an octal escape above 255 (AssertionError)
            return error
        objects.append(item)


def assert_same(got: Any, expected: Any, where: str = "") -> None:
    """The same value and the same type all the way down (1 is not 1.0 nor True, -0.0 is not
    0.0), the very same interned PSLiteral and PSKeyword, dict keys in the same order."""
    assert type(got) is type(expected), (where, got, expected)
    if isinstance(expected, (PSLiteral, PSKeyword)):
        assert got is expected, (where, got, expected)
    elif isinstance(expected, list):
        assert len(got) == len(expected), (where, got, expected)
        for index, (mine, theirs) in enumerate(zip(got, expected, strict=True)):
            assert_same(mine, theirs, f"{where}[{index}]")
    elif isinstance(expected, dict):
        assert [(type(k), k) for k in got] == [(type(k), k) for k in expected], (where, got, expected)
        for key in expected:
            assert_same(got[key], expected[key], f"{where}[{key!r}]")
    elif isinstance(expected, float):
        assert repr(got) == repr(expected), (where, got, expected)
    else:
        assert got == expected, (where, got, expected)


def assert_reads_as_pdfminer(streams: Sequence[bytes]) -> list[Any] | None:
    """page_objects(streams) is None, or exactly pdfminer's objects (then pdfminer must not
    have failed part-way: the fast path would not fail there)."""
    got = page_objects(streams)
    if got is not None:
        expected = pdfminer_objects(streams)
        assert not isinstance(expected, Exception), (streams, got, expected)
        assert_same(got, expected, repr(streams))
    return got


# --------------------------------------------------------------------------------------
# Content streams from a grammar of tokens, anything pdfminer's tokenizer distinguishes


def _join(pieces: list[bytes]) -> bytes:
    return b"".join(pieces)


_DIGITS = st.text("0123456789", max_size=4)


@st.composite
def _spelled_numbers(draw: st.DrawFn) -> bytes:
    """Any sign, digits, point and digits: "-", "+.", "5.", ".5", "-0", "007" ..."""
    sign = draw(st.sampled_from(["", "", "+", "-"]))
    whole = draw(_DIGITS)
    point = draw(st.sampled_from(["", "", "."]))
    fraction = draw(_DIGITS) if point else ""
    return (sign + whole + point + fraction).encode()


_ODD_NUMBERS = st.sampled_from([
    b"+.5", b"5.", b"-0", b"-0.0", b"1.2.3", b"1..2", b"-", b"+", b".", b"..5", b"+-1", b"-.", b"1e5",
    b"4.-2", b"9" * 40, b"1" * 4400,  # more digits than int() converts: pdfminer drops it
])
_NAME_PARTS = st.sampled_from([
    b"F1", b"a", b"Span", b"caf\xc3\xa9", b"\xff", b"\x80x", b"#41", b"#4", b"#", b"#zz", b"a#20b",
    b"\x00", b"-", b".5", b"1", b"*",
])
_NAMES = st.one_of(
    st.lists(_NAME_PARTS, max_size=3).map(lambda parts: b"/" + _join(parts)),
    st.binary(max_size=4).map(lambda raw: b"/" + raw),
)
_KEYWORDS = st.one_of(
    st.sampled_from([
        b"BT", b"ET", b"Tf", b"Tj", b"TJ", b"Td", b"TD", b"Tm", b"T*", b"'", b'"', b"cm", b"q", b"Q",
        b"re", b"f*", b"true", b"false", b"null", b"Do", b"BDC", b"EMC", b"d0", b"a-1.b+", b"k\xff",
        b"trueX", b"x#y", b"BI", b"ID", b"EI",
    ]),
    st.from_regex(rb"\A[A-Za-z][A-Za-z0-9*'\".+\-\x00\x80-\xff]{0,3}\Z"),
)
_STRING_PARTS = st.one_of(
    st.binary(max_size=4).map(lambda raw: raw.translate(None, b"()\\")),
    st.sampled_from([
        b"\\n", b"\\r", b"\\t", b"\\b", b"\\f", b"\\(", b"\\)", b"\\\\", b"\\q", b"\\ ", b"\\\n",
        b"\\\r\n", b"\\\r", b"\\\rx", b"\\0", b"\\12", b"\\123", b"\\1234", b"\\377", b"\\400",
        b"\\777", b"\\08", b"\\9", b"\\", b"(", b")",
    ]),
)


def _nested_strings(parts: st.SearchStrategy[bytes], size: int, leaves: int) -> st.SearchStrategy[bytes]:
    """Literal strings of `parts`, with strings nested inside."""
    return st.recursive(
        st.lists(parts, max_size=size).map(lambda found: b"(" + _join(found) + b")"),
        lambda inner: st.lists(st.one_of(parts, inner), max_size=size - 1).map(
            lambda found: b"(" + _join(found) + b")"),
        max_leaves=leaves,
    )


_STRINGS = _nested_strings(_STRING_PARTS, 5, 6)
_HEX_STRINGS = st.tuples(
    st.text("0123456789abcdefABCDEF \n\r\t\x0c", max_size=8).map(str.encode),
    st.sampled_from([b">", b">", b">", b"", b"x", b">>", b"\x00>"]),
).map(lambda parts: b"<" + parts[0] + parts[1])
_OTHERS = st.sampled_from([
    b"<<", b">>", b">", b"<", b"[", b"]", b"{", b"}", b")", b"#", b"\x00", b"\xff", b"%comment\n",
    b"% c\r", b"%", b"\x00\x00", b"\\",
])
_INLINE_IMAGES = st.tuples(
    st.sampled_from([b"BI /W 1 /H 1 /BPC 8 /CS /G ID ", b"BI /W 2 /H 1 /F /AHx ID ", b"BI ID "]),
    st.binary(max_size=6),
    st.sampled_from([b" EI", b"EI", b"~> EI", b""]),
).map(_join)
_COMMON_TOKENS = st.one_of(_spelled_numbers(), _NAMES, _KEYWORDS, _STRINGS, _HEX_STRINGS)
_RARE_TOKENS = st.one_of(_ODD_NUMBERS, _OTHERS, _INLINE_IMAGES)
# Rare ones less often, so that some streams are readable by the fast path and are compared.
_TOKENS = st.one_of(_COMMON_TOKENS, _COMMON_TOKENS, _COMMON_TOKENS, _RARE_TOKENS)
# Opening and closing brackets, mostly matching, sometimes not or left open.
_BRACKETS = st.sampled_from([
    (b"[", b"]"), (b"[", b"]"), (b"{", b"}"), (b"<<", b">>"), (b"<<", b">>"),
    (b"[", b"}"), (b"<<", b"]"), (b"[", b">>"), (b"[", b""), (b"<<", b""), (b"", b"]"),
])


def _nested(children: st.SearchStrategy[list[bytes]]) -> st.SearchStrategy[list[bytes]]:
    return st.tuples(_BRACKETS, st.lists(children, max_size=4)).map(
        lambda parts: [parts[0][0], *(token for child in parts[1] for token in child), parts[0][1]])


_TOKEN_LISTS = st.lists(
    st.recursive(_TOKENS.map(lambda token: [token]), _nested, max_leaves=12), max_size=10,
).map(lambda lists: [token for tokens in lists for token in tokens])
_SEPARATORS = st.sampled_from([
    b"", b"", b" ", b" ", b"\n", b"\r\n", b"\r", b"\t", b"\x0c", b"\x0b", b"\x00", b" \x00 ", b"%c\n",
])


@st.composite
def _split(draw: st.DrawFn, data: bytes, token_ends: Sequence[int] = ()) -> list[bytes]:
    """`data` as 1 to 3 content streams, cut at any byte or right after a token."""
    cut = st.integers(0, len(data))
    if token_ends:
        cut = st.one_of(cut, st.sampled_from(token_ends))
    cuts = sorted(draw(st.lists(cut, max_size=2)))
    return [data[start:end] for start, end in pairwise([0, *cuts, len(data)])]


@st.composite
def grammar_streams(draw: st.DrawFn) -> list[bytes]:
    data, token_ends = b"", []
    for token in draw(_TOKEN_LISTS):
        data += token
        token_ends.append(len(data))
        data += draw(_SEPARATORS)
    return draw(_split(data, token_ends))


# Random bytes, from all 256 and from the ones the syntax gives a meaning to.
_SYNTAX_BYTES = list(b"()<>[]{}/%#\\ \n\r\t\x00+-.0123456789abefBEIDT*'\"")
random_streams = st.one_of(
    st.binary(max_size=64),
    st.lists(st.sampled_from(_SYNTAX_BYTES), max_size=48).map(bytes),
).flatmap(_split)


@given(streams=st.one_of(grammar_streams(), random_streams))
@settings(max_examples=200, deadline=None)
def test_page_objects_are_pdfminers_or_none(streams: list[bytes]) -> None:
    assert_reads_as_pdfminer(streams)


# Where pdfminer's parser carries a token over: from one content stream into the next (a
# token still being read gets a newline tacked on, or, when nothing of it is collected yet,
# goes on in the next stream), and across the 4096-byte pieces it reads one stream in. Every
# token ending and every token start, in every bracket context, is tried at both boundaries.
_ENDINGS = [
    b"", b" ", b"\r", b"\x00", b"/", b"/a", b"/a#", b"/a#4", b"<41>", b"<>", b"<4", b"<", b">", b"<<",
    b">>", b"(a)", b"(a", b"(a\\", b"(a\\\r", b"(\\1", b"(\\12", b"1", b"1.", b"-", b"+", b".", b"x", b"T",
    b"true", b"%c", b"[", b"]", b"{", b"}", b"#", b"\xff",
]
_STARTS = [
    b"", b">", b">>", b"> ", b"<", b"<41>", b"41>", b"/x", b"x", b"*", b"1", b".5", b"5", b"(b)", b")",
    b"#41", b"%c\n", b"\n", b"\n1", b"[", b"]", b"}", b"\x00", b"#", b"\\n)", b"0)", b"\n)",
]
_CONTEXTS = [(b"", b""), (b"<< /K ", b" >>"), (b"[", b" ]"), (b"<< /K [", b" ] >>"), (b"{", b" }")]
_FILLERS = [b"", b"0 "]  # so that a dictionary is balanced with the ending, or without it


def test_tokens_across_a_stream_boundary() -> None:
    tried = fast = 0
    for (opening, closing), filler, ending, start in product(_CONTEXTS, _FILLERS, _ENDINGS, _STARTS):
        first, second = opening + filler + ending, start + b" 1 2" + closing
        for streams in ([first, second], [first, b"", second]):
            tried += 1
            fast += assert_reads_as_pdfminer(streams) is not None
    assert fast > tried // 4  # not all fallbacks


def test_tokens_across_pdfminers_4096_byte_pieces() -> None:
    tried = fast = 0
    for (opening, closing), ending, start in product(_CONTEXTS[:2], _ENDINGS, _STARTS):
        # pdfminer's piece boundary falls after `ending`, or one byte earlier or later.
        head = opening + ending
        for shift in (-1, 0, 1):
            padding = b" " * (4096 + shift - len(head))
            tried += 1
            fast += assert_reads_as_pdfminer([padding + head + start + b" 1 2" + closing]) is not None
    assert fast > tried // 4


# The regular part of the syntax, where the fast path must be taken: well-formed numbers,
# names without "#", keywords other than BI/ID/EI, balanced strings without a backslash
# before a carriage return or octal escapes above 255, even hex strings, balanced arrays,
# procedures and dictionaries with name keys, comments; whitespace after every token, and
# streams cut only between tokens.

@st.composite
def _clean_numbers(draw: st.DrawFn) -> bytes:
    sign = draw(st.sampled_from(["", "+", "-"]))
    whole = draw(_DIGITS)
    if draw(st.booleans()):
        fraction = draw(_DIGITS)
        if not whole + fraction:
            whole = "0"
        return f"{sign}{whole}.{fraction}".encode()
    return f"{sign}{whole or '7'}".encode()


_WORD_BYTES = bytes(b for b in range(256) if b not in b"#/%[]()<>{}\t\n\x0b\x0c\r ")
_CLEAN_NAMES = st.binary(max_size=6).map(
    lambda raw: b"/" + bytes(_WORD_BYTES[b % len(_WORD_BYTES)] for b in raw))
_CLEAN_KEYWORDS = st.one_of(
    st.sampled_from([b"BT", b"ET", b"Tf", b"Tj", b"TJ", b"T*", b"'", b'"', b"cm", b"re", b"true",
                     b"false", b"null", b"d0", b"\x80", b")"]),
    st.from_regex(rb"\A[A-Za-z][A-Za-z0-9*'\".+\-\x80-\xff]{0,3}\Z"),
).filter(lambda word: word not in (b"BI", b"ID", b"EI"))
_CLEAN_STRING_PARTS = st.one_of(
    st.binary(max_size=5).map(lambda raw: raw.translate(None, b"()\\")),
    st.sampled_from([b"\\n", b"\\r", b"\\t", b"\\b", b"\\f", b"\\(", b"\\)", b"\\\\", b"\\q", b"\\\n",
                     b"\\0", b"\\12", b"\\123", b"\\1234", b"\\377", b"\\08", b"\\9"]),
)
_CLEAN_STRINGS = _nested_strings(_CLEAN_STRING_PARTS, 4, 5)
_CLEAN_HEX = st.lists(
    st.tuples(st.sampled_from("0123456789abcdefABCDEF"), st.sampled_from("0123456789abcdefABCDEF"),
              st.sampled_from(["", "", " ", "\n"])),
    max_size=5,
).map(lambda pairs: b"<" + "".join(a + b + space for a, b, space in pairs).encode() + b">")
_CLEAN_ATOMS = st.one_of(
    _clean_numbers(), _CLEAN_NAMES, _CLEAN_KEYWORDS, _CLEAN_STRINGS, _CLEAN_HEX,
).map(lambda token: [token])


def _clean_nested(children: st.SearchStrategy[list[bytes]]) -> st.SearchStrategy[list[bytes]]:
    array = st.tuples(st.sampled_from([(b"[", b"]"), (b"{", b"}")]), st.lists(children, max_size=4)).map(
        lambda parts: [parts[0][0], *(token for child in parts[1] for token in child), parts[0][1]])
    dictionary = st.lists(st.tuples(_CLEAN_NAMES, children), max_size=3).map(
        lambda pairs: [b"<<", *(token for key, value in pairs for token in [key, *value]), b">>"])
    return st.one_of(array, dictionary)


_CLEAN_SEPARATORS = st.one_of(
    st.sampled_from([b" ", b"\n", b"\r\n", b"\t", b"\x0c", b"  ", b"\n\x00 "]),
    st.binary(max_size=6).map(lambda raw: b" %" + raw.translate(None, b"\r\n") + b"\n"),  # a comment
)


@st.composite
def clean_streams(draw: st.DrawFn) -> list[bytes]:
    objects = draw(st.lists(st.recursive(_CLEAN_ATOMS, _clean_nested, max_leaves=10), max_size=8))
    pieces = [token + draw(_CLEAN_SEPARATORS) for tokens in objects for token in tokens]
    cuts = sorted(draw(st.lists(st.integers(0, len(pieces)), max_size=2)))
    return [_join(pieces[start:end]) for start, end in pairwise([0, *cuts, len(pieces)])]


@given(streams=clean_streams())
@settings(max_examples=80, deadline=None)
def test_the_regular_syntax_takes_the_fast_path(streams: list[bytes]) -> None:
    assert assert_reads_as_pdfminer(streams) is not None, streams


# --------------------------------------------------------------------------------------
# The documented fallbacks, and exact readings


FALLBACKS = {
    "inline image": [b"q 1 0 0 1 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x00 EI Q"],
    "inline image, binary data": [b"BI /W 2 /H 1 ID \xff<) EI"],
    "EI alone": [b"1 EI"],
    "# escape in a name": [b"/A#20B 1 Tf"],
    "# escape ending a name": [b"/A# 1"],
    "odd-length hex string": [b"<abc> Tj"],
    "odd hex string with whitespace": [b"<4 1 4> Tj"],
    "octal escape above 255": [b"(\\400) Tj"],
    "octal escape 777": [b"(a\\777) Tj"],
    "backslash before CR LF": [b"(a\\\r\nb) Tj"],
    "backslash before CR": [b"(a\\\rb) Tj"],
    "backslash ending the stream": [b"(a\\"],
    "unterminated string": [b"(abc Tj"],
    "unbalanced nested string": [b"(a(b) Tj"],
    "unterminated array": [b"[1 2 TJ"],
    "closing bracket alone": [b"1 2] TJ"],
    "mismatched brackets": [b"[1 } TJ"],
    "array closed as a dictionary": [b"[1 2 >> TJ"],
    "unterminated dictionary": [b"/P << /MCID 0 BDC"],
    "dictionary of an odd length": [b"/P << /MCID >> BDC"],
    "dictionary closed as an array": [b"<< /A 1 ] BDC"],
    "unterminated procedure": [b"{ q Q"],
    "name split across streams": [b"BT /", b"F1 12 Tf ET"],
    ">> split across streams": [b"<< /A 1 >", b"> BDC"],
    "string split across streams": [b"(a", b"b) Tj"],
    "hex string ending a stream": [b"<< /A <41>", b"> 1 2 >> BDC"],
    "empty hex string ending a stream": [b"<< /A <>", b"> /B 1 >> BDC"],
    "- alone": [b"- 1 Tc"],
    ". alone": [b". 1 Tc"],
    "+ alone": [b"+ 1 Tc"],
    "+ before -": [b"+-1 Tc"],
    "- before a letter": [b"-x"],
    "dots": [b"1.. Tc"],
    "< not starting a hex string or dictionary": [b"< 1"],
    "hex string ended by another byte": [b"<41 x"],
    "hex string closed by >>": [b"<41>> Tj"],
    "integer with more digits than int() reads": [b"1" * 5000 + b" Tc"],
    "more content than one page's tokens are held for": [b"0 Tc\n" * (content.MAX_STREAM_BYTES // 5 + 1)],
}


@pytest.mark.parametrize("streams", list(FALLBACKS.values()), ids=list(FALLBACKS))
def test_documented_fallbacks(streams: list[bytes]) -> None:
    assert page_objects(streams) is None


# Each reading is also checked against pdfminer's.
EXACT: dict[str, tuple[list[bytes], list[Any]]] = {
    "text object": (
        [b"BT /F1 12 Tf 72 712.5 Td (Hello \\(world\\)) Tj ET"],
        [KWD(b"BT"), LIT("F1"), 12, KWD(b"Tf"), 72, 712.5, KWD(b"Td"), b"Hello (world)", KWD(b"Tj"),
         KWD(b"ET")],
    ),
    "number spellings": (
        [b"+.5 5. -0 1.2.3 -.25 +7 007 -0.0"],
        [0.5, 5.0, 0, 1.2, 0.3, -0.25, 7, 7, -0.0],
    ),
    "arrays, dictionaries, procedures": (
        [b"[1 (a) <41 42> /N] << /K /V /D << /E [true false] >> >> {q Q}"],
        [[1, b"a", b"AB", LIT("N")], {"K": LIT("V"), "D": {"E": [True, False]}}, [KWD(b"q"), KWD(b"Q")]],
    ),
    "names": (
        [b"/caf\xc3\xa9 /\xff/a\x00b /"],
        [LIT("café"), LIT(b"\xff"), LIT("a\x00b"), LIT("")],
    ),
    "string escapes": (
        [b"(\\101\\0618\\n\\q(nest)\\\nend\\\\)"],
        [b"A18\n(nest)end\\"],
    ),
    "keywords and single characters": (
        [b"T* ' \" true false trueX )"],
        [KWD(b"T*"), KWD(b"'"), KWD(b'"'), True, False, KWD(b"trueX"), KWD(b")")],
    ),
    "comments and NUL bytes": (
        [b"1%c\n\x002%end"],
        [1, 2],
    ),
    "tokens ending where streams do": (
        [b"12", b"34 /A", b"B (x)", b"<41>"],
        [12, 34, LIT("A"), KWD(b"B"), b"x", b"A"],
    ),
    "no streams": ([], []),
}


@pytest.mark.parametrize(("streams", "expected"), list(EXACT.values()), ids=list(EXACT))
def test_exact_readings(streams: list[bytes], expected: list[Any]) -> None:
    got = page_objects(streams)
    assert got is not None
    assert_same(got, expected)
    assert_same(got, pdfminer_objects(streams))


# --------------------------------------------------------------------------------------
# ContentInterpreter runs operators as pdfminer does: the operands each takes from the
# stack, operators skipped when the stack holds too few, unknown ones ignored.

_STATE_OPERATORS = [
    b"q", b"Q", b"cm", b"w", b"J", b"j", b"M", b"d", b"ri", b"i", b"m", b"l", b"c", b"v", b"y", b"h",
    b"re", b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n", b"W", b"W*", b"BT", b"ET",
    b"Tc", b"Tw", b"Tz", b"TL", b"Tr", b"Ts", b"Td", b"TD", b"Tm", b"T*", b"g", b"G", b"rg", b"RG",
    b"k", b"K", b"cs", b"CS", b"BMC", b"EMC", b"BX", b"EX", b"MP", b"unknown", b"Tj", b"'", b'"',
]
_OPERANDS = st.one_of(
    st.integers(-50, 600).map(lambda n: str(n).encode()),
    st.sampled_from([b"0.5", b"-1.25", b"[1 2] 0", b"/DeviceRGB", b"/N", b"(s)", b"[]"]),
)
_OPERATIONS = st.lists(
    st.tuples(st.lists(_OPERANDS, max_size=6), st.sampled_from(_STATE_OPERATORS)), max_size=25,
).map(lambda ops: b"\n".join(b" ".join([*operands, operator]) for operands, operator in ops))


def _run(interpreter_class: type[PDFPageInterpreter], data: bytes) -> str:
    manager = PDFResourceManager()
    device = pdf._GlyphDevice(manager)
    interpreter = interpreter_class(manager, device)
    stream = PDFStream({}, data)
    stream.objid = 1
    try:
        interpreter.render_contents({}, [stream], ctm=(1, 0, 0, 1, 0, 0))
        error = ""
    except Exception as raised:  # noqa: BLE001 - the failure itself is compared
        error = f"{type(raised).__name__}: {raised}"
    state = (error, interpreter.argstack, interpreter.ctm, interpreter.gstack, vars(interpreter.textstate),
             vars(interpreter.graphicstate), interpreter.curpath, device.rules)
    return repr(state)


@given(data=_OPERATIONS)
@settings(max_examples=60, deadline=None)
def test_operators_run_as_pdfminer_runs_them(data: bytes) -> None:
    assert page_objects([data]) is not None  # the fast path is what is compared
    assert _run(ContentInterpreter, data) == _run(PDFPageInterpreter, data)


# --------------------------------------------------------------------------------------
# Same glyphs, whole PDFs


def _read(data: bytes, interpreter: Callable[[PDFResourceManager], PDFPageInterpreter] | None) -> str:
    """Pages, failures and census of one PDF (or its rejection), through `interpreter`."""
    original = pdf._interpreter
    if interpreter is not None:
        pdf._interpreter = interpreter
    try:
        pages = pdf.PdfPages(data)
        return repr((list(pages), pages.failures, pages.census))
    except pdf.PdfReadError as error:
        return repr((error.reason, error.detail))
    finally:
        pdf._interpreter = original


def _pdfminers(manager: PDFResourceManager) -> PDFPageInterpreter:
    return PDFPageInterpreter(manager, pdf._GlyphDevice(manager))


class _Paths:
    """How often page_objects took the fast path (a list) and fell back (None)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.fast = self.fallback = 0
        monkeypatch.setattr(content, "page_objects", self._counting)

    def _counting(self, streams: Sequence[bytes]) -> list[Any] | None:
        objects = page_objects(streams)
        if objects is None:
            self.fallback += 1
        else:
            self.fast += 1
        return objects


def assert_same_glyphs(data: bytes, label: str) -> None:
    default = _read(data, None)
    assert default == _read(data, _pdfminers), label


def _one_page(streams: list[bytes]) -> bytes:
    """A one-page PDF in core Helvetica whose /Contents are these streams, in order."""
    contents = b" ".join(b"%d 0 R" % (5 + index) for index in range(len(streams)))
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents [" + contents + b"] "
            b"/Resources << /Font << /F1 4 0 R >> >> >>")
    return _assemble([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      page, FONT, *(_stream(data) for data in streams)])


TEXT_PAGE = (
    b"q 0.5 w 20 20 m 280 20 l S Q 20 30 200 0.8 re f\n"
    b"BT /F1 12 Tf 20 170 Td 14 TL (Hello, world) Tj T* [(Kern) -250 (ed) 120 (text)] TJ\n"
    b"(next line) ' 2 1 (spaced line) \" 0 -14 Td <48657820737472696e67> Tj\n"
    b"/Span << /ActualText (x) >> BDC (marked) Tj EMC 1 0 0 1 40 60 Tm 3 Tr (invisible) Tj ET\n"
)


def test_a_split_hex_string_keeps_its_glyphs() -> None:
    """pdfminer reads the ">" closing a hex string at the end of a stream together with a ">"
    starting the next stream: here ">>", which ends the dictionary, so "Hi" is drawn."""
    streams = [b"BT /F1 12 Tf 20 100 Td /Span << /ActualText <41>", b"> (Hi) Tj >> ET"]
    data = _one_page(streams)
    assert "text='H'" in _read(data, _pdfminers)
    assert_same_glyphs(data, "split hex string")


@given(cuts=st.lists(st.integers(0, len(TEXT_PAGE)), max_size=3))
@settings(max_examples=30, deadline=None)
def test_glyphs_of_a_page_cut_into_streams_anywhere(cuts: list[int]) -> None:
    streams = [TEXT_PAGE[start:end] for start, end in pairwise([0, *sorted(cuts), len(TEXT_PAGE)])]
    assert_same_glyphs(_one_page(streams), repr(streams))


def test_glyphs_of_a_page_with_an_inline_image(monkeypatch: pytest.MonkeyPatch) -> None:
    image = b"q 10 0 0 10 100 100 cm BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\xff\x80( EI Q\n"
    data = _one_page([TEXT_PAGE + image])
    paths = _Paths(monkeypatch)
    assert_same_glyphs(data, "inline image")
    assert paths.fallback == 1 and paths.fast == 0  # the reading under test fell back





@pytest.mark.parametrize("path", real_un_pdfs() or [None], ids=lambda p: p.name if p else "absent")
def test_real_un_pdfs(path: Path | None) -> None:
    if path is None:
        pytest.skip("../shared corpus not present")
    assert_same_glyphs(path.read_bytes(), path.name)


@pytest.mark.parametrize(("language", "font", "storage"), [
    ("ar", "dejavu-sans", "visual"), ("ar", "dejavu-sans", "logical"), ("en", "dejavu-sans", "visual"),
])
def test_generated_reports(language: str, font: str, storage: str, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.pdf"
    info = render_report(_spec(language), path, font=font, storage=storage)
    paths = _Paths(monkeypatch)
    assert_same_glyphs(path.read_bytes(), f"report {language} {font} {storage}")
    # fpdf2 writes nothing outside the regular syntax: every page took the fast path.
    assert (paths.fallback, paths.fast) == (0, info.page_count)


# Besides those that need the sandbox's limits: 3000 empty pages take long and draw nothing.
SKIPPED_HOSTILE = {*UNBOUNDED, "empty-pages.pdf"}


@pytest.mark.parametrize(
    "hostile", [h for h in HOSTILE_PDFS if h.name not in SKIPPED_HOSTILE], ids=lambda h: h.name
)
def test_hostile_pdfs(hostile) -> None:
    assert_same_glyphs(hostile.build(random.Random(f"content-{hostile.name}")), hostile.name)
