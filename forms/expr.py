"""A small, safe expression language for relevance, constraints and calculated fields.

Why our own: definitions are data that an operator may edit; running them through Python's
``eval`` would let a catalog update execute code on the kiosk. This grammar can only read
answers and call the functions listed in ``FUNCTIONS``.

Grammar (lowest precedence first)::

    or_expr  := and_expr ("or" and_expr)*
    and_expr := not_expr ("and" not_expr)*
    not_expr := "not" not_expr | compare
    compare  := sum (("=="|"!="|"<"|"<="|">"|">="|"in") sum)?
    sum      := product (("+"|"-") product)*
    product  := unary (("*"|"/"|"%") unary)*
    unary    := "-" unary | primary
    primary  := NUMBER | STRING | "true" | "false" | "null" | "." | NAME
              | NAME "(" [or_expr ("," or_expr)*] ")" | "(" or_expr ")"
              | "[" [or_expr ("," or_expr)*] "]"

``matches(text, 'pattern')`` takes a literal pattern only, checked against a safe subset when the
definition loads (forms/patterns.py), so that no catalog and no answer can freeze the kiosk.

Every failure while evaluating, whatever the values an answer brings (text where a number was
expected, an impossible date, a NaN), is an ``ExprError``: the engine turns it into "invalid"
or "show the question" and a screen never crashes on a citizen's input.

``.`` is the value of the field being checked; a NAME is another field's answer (inside a
repeat group, the row's own fields first). An unanswered field is ``null``: arithmetic with
null gives null, ordering with null is false.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Callable

from forms.expr_values import ExprError, _arith, _compare, _num, truthy
from forms.patterns import MAX_MATCH_TEXT, PatternError
from forms.patterns import check_pattern as _check_pattern

MAX_SOURCE = 2000
MAX_DEPTH = 40
__all__ = ["Expression", "ExprError", "FUNCTIONS", "check_pattern", "truthy", "MAX_MATCH_TEXT"]


# What a function or operator of Python may raise on values it did not expect: int("abc"),
# year("x"), round("x"), Decimal("sNaN") == 1, str() of a 5,000-digit number, deep lists.
_VALUE_ERRORS = (TypeError, ValueError, ArithmeticError, AttributeError, LookupError,
                 RecursionError)


def check_pattern(pattern: Any):
    """The compiled pattern of ``matches``, or ``ExprError`` saying why it is refused."""
    try:
        return _check_pattern(pattern)
    except (PatternError, TypeError) as exc:
        raise ExprError(f"pattern {pattern!r}: {exc}") from None


_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<number>\d+(?:\.\d+)?)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|[-+*/%<>(),.\[\]])
""", re.VERBOSE)
KEYWORDS = {"and", "or", "not", "in", "true", "false", "null"}


def tokenize(source: str) -> list[tuple[str, Any, int]]:
    if len(source) > MAX_SOURCE:
        raise ExprError(f"expression longer than {MAX_SOURCE} characters")
    tokens, pos = [], 0
    while pos < len(source):
        m = _TOKEN.match(source, pos)
        if not m:
            raise ExprError(f"unexpected character {source[pos]!r} at column {pos + 1}")
        kind, text = m.lastgroup, m.group()
        if kind == "number":
            tokens.append(("num", Decimal(text) if "." in text else int(text), pos))
        elif kind == "string":
            body = re.sub(r"\\(.)", r"\1", text[1:-1])
            tokens.append(("str", body, pos))
        elif kind == "name":
            tokens.append(("kw" if text in KEYWORDS else "name", text, pos))
        elif kind == "op":
            tokens.append(("op", text, pos))
        pos = m.end()
    tokens.append(("end", None, pos))
    return tokens


class _Parser:
    def __init__(self, source: str):
        self.source = source
        self.tokens = tokenize(source)
        self.i = 0
        self.depth = 0

    def peek(self, kind: str, value: Any = None) -> bool:
        k, v, _ = self.tokens[self.i]
        return k == kind and (value is None or v == value)

    def take(self, kind: str, value: Any = None):
        if not self.peek(kind, value):
            k, v, pos = self.tokens[self.i]
            want = value or kind
            got = "end of expression" if k == "end" else repr(v)
            raise ExprError(f"expected {want!r} but found {got} at column {pos + 1}")
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self):
        node = self.or_expr()
        self.take("end")
        return node

    def _nest(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(f"expression nested deeper than {MAX_DEPTH} levels")

    def or_expr(self):
        self._nest()
        node = self.and_expr()
        while self.peek("kw", "or"):
            self.i += 1
            node = ("or", node, self.and_expr())
        self.depth -= 1
        return node

    def and_expr(self):
        node = self.not_expr()
        while self.peek("kw", "and"):
            self.i += 1
            node = ("and", node, self.not_expr())
        return node

    def not_expr(self):
        if self.peek("kw", "not"):
            self.i += 1
            self._nest()
            node = ("not", self.not_expr())
            self.depth -= 1
            return node
        return self.compare()

    def compare(self):
        node = self.sum()
        for op in ("==", "!=", "<=", ">=", "<", ">"):
            if self.peek("op", op):
                self.i += 1
                return ("cmp", op, node, self.sum())
        if self.peek("kw", "in"):
            self.i += 1
            return ("cmp", "in", node, self.sum())
        return node

    def sum(self):
        node = self.product()
        while self.peek("op", "+") or self.peek("op", "-"):
            op = self.take("op")[1]
            node = ("arith", op, node, self.product())
        return node

    def product(self):
        node = self.unary()
        while self.peek("op", "*") or self.peek("op", "/") or self.peek("op", "%"):
            op = self.take("op")[1]
            node = ("arith", op, node, self.unary())
        return node

    def unary(self):
        if self.peek("op", "-"):
            self.i += 1
            self._nest()
            node = ("neg", self.unary())
            self.depth -= 1
            return node
        return self.primary()

    def _items(self, close: str) -> list:
        items = []
        if not self.peek("op", close):
            items.append(self.or_expr())
            while self.peek("op", ","):
                self.i += 1
                items.append(self.or_expr())
        self.take("op", close)
        return items

    def primary(self):
        kind, value, pos = self.tokens[self.i]
        if kind in ("num", "str"):
            self.i += 1
            return ("lit", value)
        if kind == "kw" and value in ("true", "false", "null"):
            self.i += 1
            return ("lit", {"true": True, "false": False, "null": None}[value])
        if self.peek("op", "."):
            self.i += 1
            return ("self",)
        if kind == "name":
            self.i += 1
            if self.peek("op", "("):
                self.i += 1
                if value not in FUNCTIONS:
                    raise ExprError(f"unknown function {value!r} at column {pos + 1}")
                return ("call", value, self._items(")"))
            return ("ref", value)
        if self.peek("op", "("):
            self.i += 1
            node = self.or_expr()
            self.take("op", ")")
            return node
        if self.peek("op", "["):
            self.i += 1
            return ("list", self._items("]"))
        got = "end of expression" if kind == "end" else repr(value)
        raise ExprError(f"unexpected {got} at column {pos + 1}")


class Expression:
    """A parsed expression; ``refs`` lists the field names it reads."""

    def __init__(self, source: str):
        self.source = source
        self.tree = _Parser(source).parse()
        self.refs = frozenset(_refs(self.tree))
        _check_patterns(self.tree)

    def evaluate(self, resolve: Callable[[str], Any], self_value: Any = None,
                 today: dt.date | None = None) -> Any:
        ctx = _Context(resolve, self_value, today or dt.date.today())
        try:
            return ctx.eval(self.tree)
        except _VALUE_ERRORS as exc:
            raise ExprError(f"{type(exc).__name__}: {exc}") from None

    def __repr__(self) -> str:
        return f"Expression({self.source!r})"


def _refs(node) -> set[str]:
    if node[0] == "ref":
        return {node[1]}
    out: set[str] = set()
    for part in node[1:]:
        if isinstance(part, tuple):
            out |= _refs(part)
        elif isinstance(part, list):
            for item in part:
                out |= _refs(item)
    return out


def _check_patterns(node) -> None:
    """Every ``matches`` pattern is a literal that passes ``check_pattern``, at load."""
    if node[0] == "call" and node[1] == "matches":
        if len(node[2]) != 2 or node[2][1][0] != "lit":
            raise ExprError("matches() takes a text and a literal pattern, e.g. matches(., '0\\d{9}')")
        check_pattern(node[2][1][1])
    for part in node[1:]:
        for child in (part if isinstance(part, list) else [part]):
            if isinstance(child, tuple):
                _check_patterns(child)



class _Context:
    def __init__(self, resolve, self_value, today):
        self.resolve, self.self_value, self.today = resolve, self_value, today

    def eval(self, node):
        tag = node[0]
        if tag == "lit":
            return node[1]
        if tag == "self":
            return self.self_value
        if tag == "ref":
            return self.resolve(node[1])
        if tag == "list":
            return [self.eval(n) for n in node[1]]
        if tag == "or":
            left = self.eval(node[1])
            return True if truthy(left) else truthy(self.eval(node[2]))
        if tag == "and":
            left = self.eval(node[1])
            return False if not truthy(left) else truthy(self.eval(node[2]))
        if tag == "not":
            return not truthy(self.eval(node[1]))
        if tag == "neg":
            value = self.eval(node[1])
            return None if value is None else _arith("-", 0, value)
        if tag == "arith":
            return _arith(node[1], self.eval(node[2]), self.eval(node[3]))
        if tag == "cmp":
            return _compare(node[1], self.eval(node[2]), self.eval(node[3]))
        if tag == "call":
            args = [self.eval(n) for n in node[2]]
            try:
                return FUNCTIONS[node[1]](self, *args)
            except _VALUE_ERRORS as exc:
                raise ExprError(f"{node[1]}(): {exc}") from None
        raise ExprError(f"unknown node {tag}")  # pragma: no cover - parser emits no other



def _age(ctx, born, on=None):
    if born is None:
        return None
    on = on or ctx.today
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _date(ctx, text):
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ExprError(f"date() needs YYYY-MM-DD, got {text!r}") from None


def _matches(ctx, text, pattern):
    if text is None:
        return False
    text = str(text)
    if len(text) > MAX_MATCH_TEXT:
        raise ExprError(f"matches() checks texts of up to {MAX_MATCH_TEXT} characters")
    return check_pattern(pattern).fullmatch(text) is not None


def _bounded(value):
    """A number (or numeric text) small enough to convert without allocating megabytes:
    int(Decimal("1e999999999")) would build a 400 MB integer from one typed answer."""
    number = Decimal(value) if isinstance(value, (str, float)) else _num(value)
    if not abs(Decimal(number)) < Decimal(10) ** 18:
        raise ExprError(f"{value!r} is not a number within range")
    return value


def _words(ctx, value):
    from forms.vnwords import date_in_words, number_in_words
    if value is None:
        return None
    if isinstance(value, dt.date):
        return date_in_words(value)
    return number_in_words(int(value))


FUNCTIONS: dict[str, Callable] = {
    "len": lambda ctx, x: 0 if x is None else len(x),
    "today": lambda ctx: ctx.today,
    "age": _age,
    "year": lambda ctx, d: None if d is None else d.year,
    "date": _date,
    "matches": _matches,
    "if": lambda ctx, c, a, b: a if truthy(c) else b,
    "coalesce": lambda ctx, *xs: next((x for x in xs if x is not None), None),
    "min": lambda ctx, *xs: None if None in xs else min(xs),
    "max": lambda ctx, *xs: None if None in xs else max(xs),
    "round": lambda ctx, x, n=0: None if x is None else round(Decimal(_bounded(x)), int(_bounded(n))),
    "int": lambda ctx, x: None if x is None else int(_bounded(x)),
    "concat": lambda ctx, *xs: "".join("" if x is None else str(x) for x in xs),
    "upper": lambda ctx, s: None if s is None else str(s).upper(),
    "selected": lambda ctx, values, v: v in (values or []),
    "count": lambda ctx, rows: len(rows or []),
    "words": _words,
}
