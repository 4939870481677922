"""Reading JSON input: decoding, bounds, and line/column of a JSON pointer, for every JSON format.

The JSON formats (``core-json``, ``ca-cad``) share this first step. RFC 8259 JSON text is
decoded as UTF-8 (a byte-order mark is accepted) and parsed with the standard library's C
parser. Whatever stops reading becomes one located issue, never an exception:

* bytes that are not UTF-8: ``input_unreadable``, with the line of the first bad byte;
* malformed JSON: ``json_syntax``, with its line and column;
* arrays and objects nested deeper than :data:`MAX_DEPTH` levels (a declaration needs about
  ten): ``json_too_deep``, at the first bracket past the limit;
* integers longer than the interpreter converts (:func:`sys.get_int_max_str_digits`, 4,300
  digits by default): ``json_number_too_long``, at the number.

The line and column of a value are found only when an issue needs them, by walking the path
of its pointer (:meth:`JsonText.at`): each object or array on the way is scanned once, its
members skipped at the C parser's speed, and remembered for the next pointer. Reading stays
linear in the size of the input, with or without issues.
"""

from __future__ import annotations

import bisect
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from harmonized_customs import validation as _validation  # noqa: F401 - json_syntax, input_unreadable
from harmonized_customs.issues import Issue, Severity, SourceLocation, register_code
from harmonized_customs.pointers import escape

__all__ = ["MAX_DEPTH", "JsonInput", "JsonText", "array_elements", "read_json"]

MAX_DEPTH = 64
"""Deepest nesting of arrays and objects read; the core model needs about ten levels."""

register_code(
    "json_too_deep",
    Severity.ERROR,
    "arrays and objects are nested more than {limit} levels deep",
    authority="harmonized_customs",
    example_ctx={"limit": MAX_DEPTH},
    fix="Check the file: no declaration nests that deep. Remove the extra brackets.",
    unreadable=True,
)
register_code(
    "json_number_too_long",
    Severity.ERROR,
    "a number has more than {limit} digits",
    authority="harmonized_customs",
    example_ctx={"limit": 4300},
    fix="Correct the number; no customs value has that many digits.",
    unreadable=True,
)

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
_NEWLINE = re.compile("\n")
_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_STRINGS = re.compile(_STRING)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKET_OR_STRING = re.compile(_STRING + r"|[\[\]{}]")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


@dataclass
class JsonText:
    """Decoded JSON text that finds the line and column of a JSON pointer on demand."""

    text: str
    source_name: str | None = None
    _members: dict[int, dict[str, tuple[int, int]]] = field(default_factory=dict, repr=False)
    _line_ends: list[int] | None = field(default=None, repr=False)

    def location(self, offset: int, pointer: str | None = None) -> SourceLocation:
        """The 1-based line and column of a character offset."""
        if self._line_ends is None:
            self._line_ends = [match.start() for match in _NEWLINE.finditer(self.text)]
        line = bisect.bisect_left(self._line_ends, offset)
        column = offset - (self._line_ends[line - 1] if line else -1)
        return SourceLocation(file=self.source_name, line=line + 1, column=column, field=pointer)

    def offset(self, pointer: str) -> int:
        """Offset of the value at ``pointer``, or of its nearest enclosing value.

        An object member is found at its key, an array element at its first character.
        """
        value = _SPACE.match(self.text, 0).end()  # type: ignore[union-attr]
        found = value
        for token in pointer.split("/")[1:]:
            if self.text[value : value + 1] not in {"{", "["}:
                break
            child = self._children(value).get(token)
            if child is None:
                break
            found, value = child
        return found

    def at(self, pointer: str, *, field: str | None = None) -> SourceLocation:
        """Line and column of ``pointer`` (or its nearest enclosing value), naming ``field``."""
        return self.location(self.offset(pointer), field)

    def elements(self) -> Iterator[str]:
        """The text of each element of a top-level array, in order."""
        root = _SPACE.match(self.text, 0).end()  # type: ignore[union-attr]
        children = self._children(root)
        for _, start in children.values():
            _, end = _DECODER.raw_decode(self.text, start)
            yield self.text[start:end]

    def _children(self, start: int) -> dict[str, tuple[int, int]]:
        """Escaped token -> (reported offset, value offset) of each member of a container."""
        cached = self._members.get(start)
        if cached is None:
            cached = self._scan(start)
            self._members[start] = cached
        return cached

    def _scan(self, start: int) -> dict[str, tuple[int, int]]:
        text, found = self.text, {}
        is_object = text[start] == "{"
        position = _skip(text, start + 1)
        index = 0
        while position < len(text) and text[position] not in "]}":
            reported = position
            if is_object:
                key, position = _DECODER.raw_decode(text, position)
                position = _skip(text, _skip(text, position) + 1)  # past the colon
                token = escape(str(key))
            else:
                token = str(index)
            found[token] = (reported, position)
            _, position = _DECODER.raw_decode(text, position)
            position = _skip(text, position)
            position = (
                _skip(text, position + 1) if text[position : position + 1] == "," else position
            )
            index += 1
        return found


def _skip(text: str, position: int) -> int:
    return _SPACE.match(text, position).end()  # type: ignore[union-attr]


@dataclass(frozen=True)
class JsonInput:
    """What reading gave: the parsed value and its text, or the issue that stopped reading."""

    value: Any = None
    source: JsonText | None = None
    problem: Issue | None = None


def read_json(
    data: bytes, source_name: str | None = None, *, parse_float: Callable[[str], Any] | None = None
) -> JsonInput:
    """Decode and parse ``data``; never raises for any bytes.

    ``parse_float`` turns the text of a number with a fraction or exponent into a value
    (``decimal.Decimal`` keeps it exact); by default it becomes a ``float``.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = SourceLocation(file=source_name, line=data[: exc.start].count(b"\n") + 1)
        detail = f"byte 0x{data[exc.start]:02x} at offset {exc.start} is not UTF-8"
        return JsonInput(problem=Issue.of("input_unreadable", "", source=where, detail=detail))
    source = JsonText(text, source_name)
    too_deep = _too_deep(text)
    if too_deep is not None:
        where = source.location(too_deep)
        return JsonInput(problem=Issue.of("json_too_deep", "", source=where, limit=MAX_DEPTH))
    try:
        value = json.loads(text, parse_float=parse_float)
    except json.JSONDecodeError as exc:
        where = SourceLocation(file=source_name, line=exc.lineno, column=exc.colno)
        return JsonInput(problem=Issue.of("json_syntax", "", source=where, detail=exc.msg))
    except RecursionError:  # not expected below MAX_DEPTH; kept so that no input escapes
        return JsonInput(
            problem=Issue.of("json_too_deep", "", source=source.location(0), limit=MAX_DEPTH)
        )
    except ValueError:  # only an integer beyond the interpreter's conversion limit gets here
        limit = sys.get_int_max_str_digits()
        where = source.location(_long_number(text, limit))
        return JsonInput(problem=Issue.of("json_number_too_long", "", source=where, limit=limit))
    return JsonInput(value, source)


def array_elements(text: str) -> list[tuple[int, int, Any]] | None:
    """``(start, end, kind)`` of each element of a well-formed top-level array, else ``None``.

    The streaming path of multi-document files: one element is parsed at a time (its value
    dropped but for its ``"kind"``), so memory does not grow with the number of elements.
    ``None`` (not an array, a syntax error, an element nested too deep) sends the caller to
    :func:`read_json`, which reports the problem with its line and column.
    """
    position = _skip(text, 0)
    if text[position : position + 1] != "[":
        return None
    found: list[tuple[int, int, Any]] = []
    position = _skip(text, position + 1)
    while text[position : position + 1] != "]":
        try:
            value, end = _DECODER.raw_decode(text, position)
        except (ValueError, RecursionError):
            return None
        if _too_deep(text[position:end]) is not None:
            return None
        found.append((position, end, value.get("kind") if isinstance(value, dict) else None))
        position = _skip(text, end)
        if text[position : position + 1] == ",":
            position = _skip(text, position + 1)
            if text[position : position + 1] == "]":
                return None
        elif text[position : position + 1] != "]":
            return None
    return found if _skip(text, position + 1) == len(text) else None


def _too_deep(text: str) -> int | None:
    """Offset of the first bracket nested deeper than :data:`MAX_DEPTH`, if any."""
    brackets = _NOT_BRACKET.sub("", _STRINGS.sub("", text))
    if not brackets or max(accumulate(map(_STEP.__getitem__, brackets))) <= MAX_DEPTH:
        return None
    depth = 0
    for match in _BRACKET_OR_STRING.finditer(text):
        depth += _STEP.get(match.group(), 0)
        if depth > MAX_DEPTH:
            return match.start()
    return None  # an unterminated string hid the brackets; the parser reports it


def _long_number(text: str, limit: int) -> int:
    """Offset of the first number outside strings with more than ``limit`` digits (else 0)."""
    pattern = re.compile(_STRING + r"|-?[0-9]{" + str(limit + 1) + ",}")
    for match in pattern.finditer(text):
        if not match.group().startswith('"'):
            return match.start()
    return 0
