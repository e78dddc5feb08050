"""Values in the expression language: truth, arithmetic and comparison with null semantics.

Why apart from the parser (forms/expr.py): these rules are what a definition's author must
know ("arithmetic with null is null, ordering with null is false, a date plus days is a
date"), and they raise only ``ExprError`` on values they do not expect.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

class ExprError(Exception):
    """A definition's expression cannot be parsed or evaluated."""


def truthy(value: Any) -> bool:
    return value not in (None, False, "", 0) and value != [] and value != {}


def _num(value):
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, float)):
        raise ExprError(f"{type(value).__name__} is not a number")
    return value


def _arith(op, a, b):
    if a is None or b is None:
        return None
    if op == "+" and isinstance(a, str) and isinstance(b, str):
        return a + b
    if isinstance(a, dt.date) and op in "+-" and isinstance(b, int) and not isinstance(b, bool):
        return a + dt.timedelta(days=b if op == "+" else -b)
    if isinstance(a, dt.date) and isinstance(b, dt.date) and op == "-":
        return (a - b).days
    a, b = _num(a), _num(b)
    if isinstance(a, float) or isinstance(b, float):
        a, b = Decimal(str(a)), Decimal(str(b))
    try:
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if b == 0:
            raise ExprError("division by zero")
        if op == "%":
            return a % b
        if isinstance(a, int) and isinstance(b, int) and a % b == 0:
            return a // b
        return Decimal(a) / Decimal(b)
    except InvalidOperation as exc:
        raise ExprError(f"arithmetic: {exc}") from None


def _compare(op, a, b):
    if op == "in":
        if b is None:
            return False
        if isinstance(b, (list, str)):
            return a in b if not (isinstance(b, str) and not isinstance(a, str)) else False
        raise ExprError("'in' needs a list or a text on the right")
    if op == "==":
        return a == b
    if op == "!=":
        return a != b
    if a is None or b is None:
        return False
    numeric = (int, Decimal, float)
    same = (isinstance(a, numeric) and isinstance(b, numeric)
            or type(a) is type(b) and isinstance(a, (str, dt.date)))
    if not same or isinstance(a, bool) or isinstance(b, bool):
        raise ExprError(f"cannot order {type(a).__name__} and {type(b).__name__}")
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
