"""Reading a request at the central without trusting it: numbers, JSON, bodies.

Every function here turns hostile input into an ``ApiError`` (a 4xx with a stable code),
never into a 500: ``str.isdigit()`` accepts '²' and five thousand digits, ``json`` accepts
``NaN``, ``1e400`` (infinity) and a key given twice (the last one silently wins), and a body
read at its declared size is memory an unauthenticated caller chose.
"""
from __future__ import annotations

import hashlib
import json
import re

from pydantic import BaseModel, ValidationError

from sync.central.errors import ApiError

_DIGITS = {n: re.compile(rf"[0-9]{{1,{n}}}\Z") for n in (7, 12, 15)}

#: JSON Schema 2020-12 §6.1.1 (the spec's dialect): "integer" matches any number with a
#: zero fractional part, so ``579.0`` is the integer 579 for the contract, as for a
#: validator reading sync/openapi.yaml.  Beyond 2**53 a float no longer holds every integer.
_EXACT_FLOAT = float(1 << 53)


def header_int(value: str | None, code: str, what: str, digits: int = 15) -> int:
    """A non-negative integer written in 1..``digits`` ASCII digits, or a 400 ``code``."""
    if value is None or not _DIGITS[digits].match(value):
        raise ApiError(400, code, f"{what} must be 1 to {digits} ASCII digits")
    return int(value)


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("a key appears twice in one object")
    return result


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


class _Numbers:
    """``parse_float`` hook: refuses infinity (``1e400``), notes integer-valued floats."""

    def __init__(self) -> None:
        self.integral_floats = False

    def __call__(self, text: str) -> int | float:
        value = float(text)
        if value in (float("inf"), float("-inf")):
            raise ValueError("number out of range")
        if value.is_integer() and abs(value) <= _EXACT_FLOAT:
            self.integral_floats = True
            return int(value)
        return value


def _loads(raw: bytes | bytearray | memoryview) -> tuple[object, bool]:
    numbers = _Numbers()
    try:
        data = json.loads(bytes(raw).decode("utf-8"), object_pairs_hook=_no_duplicates,
                          parse_constant=_no_constant, parse_float=numbers)
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise ApiError(400, "malformed_json",
                       "the body is not strict JSON (UTF-8, no duplicate keys, no NaN)") from None
    return data, numbers.integral_floats


def loads(raw: bytes | bytearray | memoryview) -> object:
    """Strict JSON: UTF-8, no duplicate keys, no NaN/Infinity, no number beyond a double."""
    return _loads(raw)[0]


def parse_model(raw: bytes | bytearray | memoryview, model: type[BaseModel]):
    """Validate strictly (the models are strict: no ``true`` or ``"1"`` for a number, no
    ``1`` for a string); ``579.0`` counts as the integer it is (JSON Schema's rule)."""
    data, integral_floats = _loads(raw)
    if integral_floats:  # rare: validate the same document with those numbers as integers
        raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        errors = exc.errors(include_input=False, include_url=False)
        fields = [{"field": ".".join(str(p) for p in e["loc"]), "problem": e["msg"],
                   "type": e["type"]} for e in errors[:20]]
        raise ApiError(422, "invalid_fields", "the body does not match the contract",
                       fields=fields) from None


def read_body(stream, length: int, expected_sha256: str | None = None) -> bytearray:
    """Read exactly ``length`` bytes in 1 MiB steps into one buffer of the declared size
    (the caller checked it against the limit and authenticated the sender first; a batch is
    megabytes, so no parts to join).  ``expected_sha256`` (hex): the digest the signature
    covers, checked as the body arrives; a body that differs is refused."""
    body = bytearray(length)
    view, got = memoryview(body), 0
    digest = hashlib.sha256() if expected_sha256 else None
    while got < length:
        step = view[got:got + (1 << 20)]
        n = stream.readinto(step) if hasattr(stream, "readinto") else _read_into(stream, step)
        if not n:
            raise ApiError(400, "truncated_body", "the body is shorter than its Content-Length")
        if digest is not None:
            digest.update(step[:n])
        got += n
    if digest is not None and digest.hexdigest() != expected_sha256:
        raise ApiError(400, "digest_mismatch", "the body is not the one the signature covers")
    return body


def _read_into(stream, view: memoryview) -> int:
    block = stream.read(len(view))
    view[:len(block)] = block
    return len(block)
