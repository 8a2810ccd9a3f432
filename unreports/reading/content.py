"""Content streams read in one regular-expression pass, for the interpreter to execute.

pdfminer's content parser reads a page a character class at a time through a state
machine (`PSBaseParser`): on real UN PDFs that is most of the reading time (profiled:
about 60 % of a 2-page letter). Most content streams use a small regular part of the
syntax: numbers, names, keywords, strings and hex strings, arrays and dictionaries. This
module reads that part with one compiled pattern and gives the interpreter exactly the
objects pdfminer's parser would give it: the same Python types and values, the same
interned keywords and names, in the same order.

Anything outside that part makes `page_objects` return None and the page is read by
pdfminer's own parser, unchanged: inline images (BI/ID/EI), `#` escapes in names, odd-length
hex strings, octal escapes above 255, a backslash before a carriage return (pdfminer's
result there depends on where its 4096-byte buffer ends), unbalanced or unterminated
arrays, dictionaries and strings, a token split across two content streams (a ">" ending a
stream, the one closing a hex string included, may start a ">>" in the next), and any byte
sequence pdfminer would drop or read differently (`-`, `.` or `+` not starting a number, an
integer of more digits than `int()` converts), and pages whose content streams hold more
than MAX_STREAM_BYTES (this reader holds a page's tokens at once; pdfminer's streams them).
So the fallback is pdfminer itself, and tests compare both readers object by object.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdftypes import PDFStream, stream_value
from pdfminer.psparser import KWD, LIT, PSKeyword, keyword_name, literal_name

# What pdfminer treats as whitespace between tokens (bytes `\s`, and NUL skipped between tokens).
_SPACE = rb"\t\n\x0b\x0c\r "
# Characters that end a name or a keyword (pdfminer: END_LITERAL, END_KEYWORD).
_ENDS_WORD = rb"#/%\[\]()<>{}" + _SPACE
_TOKEN = re.compile(
    rb"[\x00" + _SPACE + rb"]*(?:"
    rb"(?P<number>[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))"
    rb"|/(?P<name>[^" + _ENDS_WORD + rb"]*+)(?!#)"  # possessive: never a shorter name before "#"
    rb"|(?P<keyword>[A-Za-z][^" + _ENDS_WORD + rb"]*)"
    rb"|(?P<string>\()"
    rb"|<(?P<hex>[0-9A-Fa-f" + _SPACE + rb"]*)>(?!>)"
    rb"|(?P<open><<)|(?P<close>>>)"
    rb"|%[^\r\n]*"
    rb"|(?P<lone>>)"
    rb"|(?P<single>[^-+.0-9A-Za-z/(<>%\x00" + _SPACE + rb"])"
    rb"|(?P<end>\Z)"
    rb")"
)
# Above this a page's tokens are not held in one list (pdfminer's parser streams them): a
# UN page's content is 5-50 KB; an operator flood is hundreds of MB.
MAX_STREAM_BYTES = 8 * 2**20
_STRING_STOP = re.compile(rb"[()\\]")
_SPACES = re.compile(rb"[" + _SPACE + rb"]")
_OCTAL = re.compile(rb"[0-7]{1,3}")
_ESCAPED = {ord("b"): 8, ord("t"): 9, ord("n"): 10, ord("f"): 12, ord("r"): 13,
            ord("("): 40, ord(")"): 41, ord("\\"): 92}
_INLINE_IMAGE = (KWD(b"BI"), KWD(b"ID"), KWD(b"EI"))
_ARRAY_BEGIN, _ARRAY_END = KWD(b"["), KWD(b"]")
_PROC_BEGIN, _PROC_END = KWD(b"{"), KWD(b"}")
_DICT_BEGIN, _DICT_END = KWD(b"<<"), KWD(b">>")
_SINGLE = {byte: KWD(bytes((byte,))) for byte in range(256)}
_TRUE, _FALSE = KWD(b"true"), KWD(b"false")


class _Unreadable(Exception):
    """Outside the regular part of the syntax: pdfminer's parser reads this page."""


def _string(data: bytes, start: int) -> tuple[bytes, int]:
    """A literal string whose "(" is at data[start - 1]: its bytes and the index after ")"."""
    depth, out, i = 1, bytearray(), start
    while True:
        stop = _STRING_STOP.search(data, i)
        if stop is None:
            raise _Unreadable("unterminated string")
        j = stop.start()
        out += data[i:j]
        char = data[j]
        if char == 0x28:  # (
            depth += 1
            out.append(char)
            i = j + 1
        elif char == 0x29:  # )
            depth -= 1
            if depth == 0:
                return bytes(out), j + 1
            out.append(char)
            i = j + 1
        else:  # a backslash
            if j + 1 >= len(data) or data[j + 1] == 0x0D:
                raise _Unreadable("backslash at the end or before a carriage return")
            octal = _OCTAL.match(data, j + 1)
            if octal:
                code = int(octal.group(), 8)
                if code > 255:
                    raise _Unreadable("octal escape above 255")
                out.append(code)
                i = octal.end()
            else:
                escaped = _ESCAPED.get(data[j + 1])
                if escaped is not None:
                    out.append(escaped)
                i = j + 2  # any other escaped character is dropped, as pdfminer does


def _keyword(word: bytes) -> Any:
    return True if word == b"true" else False if word == b"false" else KWD(word)


def _number(text: bytes) -> Any:
    if b"." in text:
        return float(text)
    try:
        return int(text)
    except ValueError:  # more digits than sys.get_int_max_str_digits(): pdfminer drops the token
        raise _Unreadable("an integer too long for int()") from None


def _name(raw: bytes) -> Any:
    try:
        return LIT(str(raw, "utf-8"))
    except UnicodeDecodeError:
        return LIT(raw)


def _hex(digits: bytes) -> bytes:
    digits = _SPACES.sub(b"", digits)
    if len(digits) % 2:
        raise _Unreadable("odd-length hex string")
    return bytes.fromhex(digits.decode("ascii"))


# Token kind -> its value from the matched text.
_VALUES = {
    "keyword": _keyword, "number": _number, "name": _name, "hex": _hex,
    "single": lambda char: _SINGLE[char[0]],
    "open": lambda _: _DICT_BEGIN, "close": lambda _: _DICT_END,
}


def _tokens(data: bytes, last_stream: bool) -> list[Any]:
    """One content stream's tokens: numbers, bools, bytes, PSLiteral and PSKeyword."""
    tokens: list[Any] = []
    position, size = 0, len(data)
    while True:
        found = _TOKEN.match(data, position)
        if found is None:
            raise _Unreadable(f"byte {position}")
        kind = found.lastgroup
        position = found.end()
        if kind == "end":
            return tokens
        if kind == "string":
            value, position = _string(data, position)
            tokens.append(value)
        elif kind is not None and kind != "lone":
            tokens.append(_VALUES[kind](found.group(kind)))
        # A token ending exactly where a stream does, whose text pdfminer would still be
        # collecting when the next stream starts ("/" alone, ">" alone, and a hex string: pdfminer
        # reads its closing ">" as a ">" alone, which a ">" starting the next stream makes ">>").
        split = kind in ("lone", "hex") or (kind == "name" and not found.group(kind))
        if split and position == size and not last_stream:
            raise _Unreadable("a token split across content streams")
        # kind None: a comment, nothing


def _objects(tokens: list[Any]) -> list[Any]:
    """Tokens assembled into operands and operators: arrays as lists, dictionaries as dicts."""
    objects: list[Any] = []
    stack: list[tuple[PSKeyword, list[Any]]] = []  # open arrays, dictionaries, procedures
    current = objects
    for token in tokens:
        if token is _ARRAY_BEGIN or token is _DICT_BEGIN or token is _PROC_BEGIN:
            stack.append((token, current))
            current = []
        elif token is _ARRAY_END or token is _PROC_END or token is _DICT_END:
            if not stack:
                raise _Unreadable("a closing bracket without its opening")
            opened, outer = stack.pop()
            if token is _DICT_END:
                if opened is not _DICT_BEGIN or len(current) % 2:
                    raise _Unreadable("an unbalanced dictionary")
                value: Any = {literal_name(current[i]): current[i + 1] for i in range(0, len(current), 2)}
            elif (opened is _ARRAY_BEGIN) != (token is _ARRAY_END) or opened is _DICT_BEGIN:
                raise _Unreadable("mismatched brackets")
            else:
                value = current
            current = outer
            current.append(value)
        elif token.__class__ is PSKeyword and token in _INLINE_IMAGE:
            raise _Unreadable("an inline image")
        else:
            current.append(token)
    if stack:
        raise _Unreadable("an unclosed array or dictionary")
    return objects


def page_objects(streams: Sequence[bytes]) -> list[Any] | None:
    """The operands and operators of a page's content streams, in order, as pdfminer's
    content parser gives them; None when a stream needs pdfminer's own parser."""
    if sum(len(data) for data in streams) > MAX_STREAM_BYTES:
        return None
    try:
        tokens: list[Any] = []
        for index, data in enumerate(streams):
            tokens += _tokens(data, last_stream=index == len(streams) - 1)
        return _objects(tokens)
    except _Unreadable:
        return None


_OPERATOR_NAME = str.maketrans({"*": "_a", '"': "_w", "'": "_q"})


class ContentInterpreter(PDFPageInterpreter):
    """pdfminer's page interpreter reading content streams with `page_objects` when it can,
    with pdfminer's own parser otherwise. Operators run exactly as pdfminer runs them: an
    operator's `do_` method gets its operands from the stack, or is skipped when the
    stack holds fewer; unknown operators are ignored."""

    _methods: dict[PSKeyword, tuple[str, int] | None] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._methods = {}  # a subclass may define operators of its own

    def execute(self, streams: Sequence[object]) -> None:
        kept: list[PDFStream] = []
        self.stream_ids.clear()
        for item in streams:
            stream = stream_value(item)
            # As pdfminer: no inline streams, no stream already being run up the call stack.
            if stream.objid is not None and stream.objid not in self.parent_stream_ids:
                kept.append(stream)
                self.stream_ids.add(stream.objid)
        try:
            objects = page_objects([stream.get_data() for stream in kept])
        except (MemoryError, RecursionError):  # limits: pdfminer's parser would meet them again
            raise
        except Exception:  # noqa: BLE001 - a damaged stream: pdfminer's own path raises it again, where pdfminer would
            objects = None
        if objects is None:
            super().execute(streams)
            return
        for item in objects:
            if item.__class__ is PSKeyword:
                self._run(item)
            else:
                self.argstack.append(item)

    def _run(self, keyword: PSKeyword) -> None:
        methods = type(self)._methods
        if keyword not in methods:
            name = "do_" + str(keyword_name(keyword)).translate(_OPERATOR_NAME)
            method = getattr(self, name, None)
            methods[keyword] = (name, method.__code__.co_argcount - 1) if method is not None else None
        found = methods[keyword]
        if found is None:
            return
        name, count = found
        if not count:
            getattr(self, name)()
            return
        operands = self.argstack[-count:]
        del self.argstack[-count:]
        if len(operands) == count:
            getattr(self, name)(*operands)
