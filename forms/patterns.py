"""Regular expressions a definition may use in ``matches(text, 'pattern')``: a safe subset.

Why a subset and not another engine: Python's ``re`` backtracks, so a pattern such as
``(a+)+$`` takes exponential time on a few dozen characters and would freeze the kiosk
while a citizen types (ReDoS). A linear-time engine (RE2) would be a compiled dependency in
the bundle for one rarely used function; instead every pattern is checked when the catalog
loads, and the text is bounded (docs/dependencies.md, "Regular expressions"). What the subset
refuses is what makes backtracking blow up:

* a repeated group (``*``, ``+``, ``{m,}``, ``{m,n}`` with n > 1) that holds a variable
  quantifier or an alternation: ``(a+)+``, ``(a|aa)*`` (exponential);
* more than ``MAX_VARIABLE`` variable quantifiers in all (``a*a*a*a*b`` is polynomial of the
  degree of their count), more than ``MAX_BRANCHES`` combined alternatives;
* backreferences, look-arounds, inline flags, conditionals (``(?...)`` other than ``(?:``);
  escapes other than ``\\d \\D \\w \\W \\s \\S \\b \\B`` and escaped punctuation.

With at most 3 variable quantifiers, 16 combined alternatives and ``MAX_MATCH_TEXT``
characters, the worst case stays within a few million steps of the C matcher
(bench: tests/forms/test_expr_robust.py checks the refusals; the worst accepted pattern is
measured in docs/forms.md).
"""
from __future__ import annotations

import functools
import re

MAX_PATTERN = 200
MAX_MATCH_TEXT = 200
MAX_VARIABLE = 3
MAX_BRANCHES = 16
_SAFE_ESCAPES = set("dDwWsSbB")
_QUANT = re.compile(r"\*|\+|\?|\{(\d*)(?:(,)(\d*))?\}")


class PatternError(ValueError):
    """A pattern is broken or outside the safe subset; the message says why."""


def _skip_class(p: str, i: int) -> int:
    """Index just after the character class that opens at ``p[i] == '['``."""
    j = i + 1
    if j < len(p) and p[j] == "^":
        j += 1
    if j < len(p) and p[j] == "]":
        j += 1
    while j < len(p) and p[j] != "]":
        if p[j] == "\\":
            _check_escape(p, j)
            j += 1
        j += 1
    return j + 1


def _check_escape(p: str, i: int) -> None:
    nxt = p[i + 1] if i + 1 < len(p) else ""
    if nxt.isalnum() and nxt not in _SAFE_ESCAPES:
        raise PatternError(f"escape \\{nxt} is not allowed (backreferences and the like)")


class _Scan:
    def __init__(self, p: str):
        self.p = p
        self.groups = [{"var": False, "alts": 0}]
        self.variable = 0
        self.branches = 1
        self.last: dict | None = None     # the atom a quantifier would apply to

    def run(self) -> None:
        p, i = self.p, 0
        while i < len(p):
            c = p[i]
            if c == "\\":
                _check_escape(p, i)
                i, self.last = i + 2, {"var": False, "alts": 0}
            elif c == "[":
                i, self.last = _skip_class(p, i), {"var": False, "alts": 0}
            elif c == "(":
                if p.startswith("(?", i) and not p.startswith("(?:", i):
                    raise PatternError("only plain groups '(...)' and '(?:...)' are allowed")
                i += 3 if p.startswith("(?:", i) else 1
                self.groups.append({"var": False, "alts": 0})
                self.last = None
            elif c == ")":
                self.last = self._close()
                i += 1
            elif c == "|":
                self.groups[-1]["alts"] += 1
                self.last, i = None, i + 1
            elif (m := _QUANT.match(p, i)) and (c != "{" or m.group(1) or m.group(3)):
                self._quantifier(m)
                i = m.end()
                if i < len(p) and p[i] in "?+":   # lazy or possessive: same shape
                    i += 1
            else:
                self.last, i = {"var": False, "alts": 0}, i + 1
        if len(self.groups) != 1:
            raise PatternError("unbalanced parentheses")
        self._count(self.groups[0])

    def _close(self) -> dict:
        if len(self.groups) == 1:
            raise PatternError("unbalanced parentheses")
        g = self.groups.pop()
        self._count(g)
        self.groups[-1]["var"] |= g["var"] or g["alts"] > 0
        return g

    def _count(self, g: dict) -> None:
        self.branches *= g["alts"] + 1
        if self.branches > MAX_BRANCHES:
            raise PatternError(f"more than {MAX_BRANCHES} combined alternatives")

    def _quantifier(self, m: re.Match) -> None:
        text = m.group()
        if text in "*+?":
            lo, hi = (0 if text != "+" else 1), (1 if text == "?" else None)
        else:
            lo = int(m.group(1) or 0)
            hi = (None if not m.group(3) else int(m.group(3))) if m.group(2) else lo
        if max(lo, hi or 0) > MAX_MATCH_TEXT:
            raise PatternError(f"a repeat count above {MAX_MATCH_TEXT}")
        if self.last is None:
            raise PatternError("a quantifier with nothing to repeat")
        if (hi is None or hi > 1) and (self.last["var"] or self.last["alts"]):
            raise PatternError("a repeated group holds a repetition or alternatives (nested repetition)")
        if lo != hi:
            self.variable += 1
            self.groups[-1]["var"] = True
            if self.variable > MAX_VARIABLE:
                raise PatternError(f"more than {MAX_VARIABLE} variable repetitions")
        self.last = None


@functools.lru_cache(maxsize=256)
def check_pattern(pattern: str) -> re.Pattern:
    """The compiled pattern, or ``PatternError`` saying why it is refused."""
    if not isinstance(pattern, str):
        raise PatternError("a pattern must be a text")
    if len(pattern) > MAX_PATTERN:
        raise PatternError(f"pattern longer than {MAX_PATTERN} characters")
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise PatternError(f"pattern does not compile: {exc}") from None
    _Scan(pattern).run()
    return compiled
