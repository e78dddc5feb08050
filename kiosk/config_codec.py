"""Settings from the values a person wrote, and back: the checks and the error messages of
the configuration file, for the whole ``kiosk.config.Config`` or one section of it.

The settings are msgspec Structs (not pydantic models: importing pydantic and building the
models cost a third of the kiosk's cold start, issue 9; figures in docs/dependencies.md).
A Struct is checked (types, ``Meta`` ranges and patterns, unknown keys) when values are
converted into it, by ``validated``; made in code with ``Section(**values)`` it is not, only
its ``__post_init__`` runs. A ``__post_init__`` check raises ValueError starting with the key
it is about (``"services: duplicate service prefix: A"``), so ``describe`` can name it.
"""
from __future__ import annotations

import copy
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import msgspec

T = TypeVar("T")

#: msgspec's "<what is wrong> - at `$.queue.services[1].prefix`"
_AT = re.compile(r"^(?P<msg>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)
_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
#: messages naming a key of the object at the path: the key belongs in the path
_NAMED_KEY = [(re.compile(r"^Object contains unknown field `(?P<key>[^`]+)`$"), "Unknown key"),
              (re.compile(r"^Object missing required field `(?P<key>[^`]+)`$"), "Missing required key")]
#: msgspec shows a pattern as a Python literal, each backslash doubled; a technician reads it
_REGEX = re.compile(r"matching regex '((?:[^'\\]|\\.)*)'")
_MISSING = object()


def _decode(kind: type, value: Any) -> Any:
    """The types msgspec does not know: paths, written as strings in the file."""
    if kind is Path and isinstance(value, (str, os.PathLike)):
        return Path(value)
    raise TypeError(f"Expected `str` (a path), got `{type(value).__name__}`")


def validated(kind: type[T], data: Mapping[str, Any]) -> T:
    """``data`` checked as the configuration file is and made into ``kind`` (a section or
    the whole configuration); raises msgspec.ValidationError, a ValueError, at the first bad
    key. Lenient as the file always was: ``"12"`` is read as 12 where a number is expected."""
    return msgspec.convert(data, kind, strict=False, dec_hook=_decode)


def as_document(settings: msgspec.Struct) -> dict[str, Any]:
    """Settings as plain values (paths as strings), which ``validated`` reads back."""
    return msgspec.to_builtins(settings, enc_hook=str)


def describe(exc: msgspec.ValidationError, doc: Mapping[str, Any]) -> str:
    """``kiosk.idle_timeout_s: Expected `int` >= 10 (given: 5)``: the dotted key, what is
    wrong and, for a single value, the value ``doc`` (what was validated) gave."""
    return _problem(exc, doc)[1]


def every_problem(kind: type, exc: msgspec.ValidationError, doc: Mapping[str, Any],
                  limit: int = 20) -> list[str]:
    """Each bad key of ``doc``, described, starting with ``exc`` (the first one msgspec met).

    msgspec stops at the first bad key; a technician who fixes one key at a time on a kiosk
    would restart it once per mistake. So the bad key is taken out of a copy (its default
    then applies) and the copy checked again, until it passes, ``limit`` is reached or a key
    cannot be taken out (a missing required key, a list item): what is reported is only what
    the file itself gets wrong, never a consequence of a key taken out here."""
    work = copy.deepcopy(dict(doc))
    problems: list[str] = []
    taken: set[tuple[str | int, ...]] = set()
    while len(problems) < limit:
        keys, text = _problem(exc, doc)
        if tuple(keys) in taken:
            break
        problems.append(text)
        parent: Any = work
        for key in keys[:-1]:
            parent = _child(parent, key)
        if not keys or not isinstance(parent, dict) or keys[-1] not in parent:
            break
        del parent[keys[-1]]
        taken.add(tuple(keys))
        try:
            validated(kind, work)
        except msgspec.ValidationError as again:
            exc = again
        else:
            break
    return problems


def _problem(exc: msgspec.ValidationError, doc: Mapping[str, Any]) -> tuple[list[str | int], str]:
    """The keys leading to what ``exc`` is about, and its description (see ``describe``)."""
    m = _AT.match(str(exc))
    msg, keys = m["msg"], [int(i) if i else k for k, i in _STEP.findall(m["path"] or "")]
    node: Any = doc
    for key in keys:
        node = _child(node, key)
    for pattern, text in _NAMED_KEY:
        if named := pattern.match(msg):
            keys, msg = [*keys, named["key"]], text
            break
    else:  # a __post_init__ check names its key first
        key, sep, rest = msg.partition(": ")
        if sep and isinstance(node, Mapping) and key in node:
            keys, msg = [*keys, key], rest
    msg = _REGEX.sub(lambda p: "matching the pattern " + p[1].replace("\\\\", "\\"), msg)
    given: Any = doc
    for key in keys:
        given = _child(given, key)
    shown = "" if given is _MISSING or isinstance(given, (dict, list)) else f" (given: {given!r})"
    return keys, f"{'.'.join(map(str, keys))}: {msg}{shown}"


def _child(node: Any, key: str | int) -> Any:
    if isinstance(key, int):
        return node[key] if isinstance(node, list) and key < len(node) else _MISSING
    return node.get(key, _MISSING) if isinstance(node, Mapping) else _MISSING
