"""A citizen's input or an operator's definition never crashes a screen: every failure of an
expression is an ExprError (which the engine turns into "invalid" or "show the question"),
patterns are checked when the catalog loads, and `matches` cannot be made to run for ever."""
import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from forms.expr import MAX_MATCH_TEXT, Expression, ExprError, check_pattern

TODAY = dt.date(2026, 11, 28)


def ev(src, **values):
    return Expression(src).evaluate(lambda n: values.get(n), values.get("_self"), TODAY)


@pytest.mark.parametrize("src,values", [
    ("int(x)", {"x": "abc"}),                     # was ValueError
    ("year(x)", {"x": "2020"}),                   # was AttributeError
    ("round(x)", {"x": "x"}),                     # was decimal.InvalidOperation
    ("round(1.5, x)", {"x": "two"}),              # was ValueError
    ("age(x)", {"x": 5}),                         # was AttributeError
    ("words(x)", {"x": "mười"}),                  # was ValueError
    ("words(x)", {"x": 10 ** 30}),                # out of the words' range
    ("len(x)", {"x": 5}),
    ("min(x, 'a')", {"x": 3}),
    ("matches(x, y)", {"x": "a", "y": "("}),      # was re.error
    ("matches(x, y)", {"x": "a", "y": 5}),
    ("selected(x, 1)", {"x": 3}),
    ("int(x)", {"x": 1e400}),                     # infinity: was OverflowError
])
def test_citizen_input_errors_are_expr_errors(src, values):
    with pytest.raises(ExprError):
        ev(src, **values)


@pytest.mark.parametrize("pattern", [
    "(", "(a+)+$", "(a|aa)*", "(a*)*b", r"(\w+\s?)+$", r"(.*){2,}x", r"(a)\1",
    "(?=a)a", "(?<!x)a", "a*a*a*a*b", "(?i)a", "x{1,100000}",
])
def test_unsafe_or_broken_patterns_are_refused(pattern):
    with pytest.raises(ExprError):
        check_pattern(pattern)


@pytest.mark.parametrize("pattern", [
    r"0\d{9,10}", r"[^@\s]+@[^@\s]+\.[^@\s]+", r"\d{2}/\d{2}/\d{4}", "[A-Z]{2}-[0-9]+",
    "(ab|cd)?x", r"(\d{3} )?\d+", "(?:[a-z]+)",
])
def test_ordinary_patterns_pass(pattern):
    check_pattern(pattern)


def test_catalog_refuses_a_bad_pattern_at_load():
    with pytest.raises(ExprError, match="pattern"):
        Expression("matches(., '(a+)+$')")
    with pytest.raises(ExprError, match="literal"):
        Expression("matches(., x)")            # a pattern must be visible at load to be checked


def test_long_text_does_not_match_rather_than_run_for_ever():
    assert ev("matches(., '[a-z ]+')", _self="a" * MAX_MATCH_TEXT) is True
    with pytest.raises(ExprError):
        ev("matches(., '[a-z ]+')", _self="a" * (MAX_MATCH_TEXT + 1))


_NAMES = ["x", "y"]
_ATOMS = st.sampled_from(["x", "y", ".", "1", "0", "2.5", "'abc'", "'('", "''", "null", "true",
                          "[1, 'a']", "today()", "date('2020-02-30')", "'2020-01-01'", "-1"])
_FUNCS = ["len", "age", "year", "date", "if", "coalesce", "min", "max", "round", "int",
          "concat", "upper", "selected", "count", "words"]
_OPS = ["+", "-", "*", "/", "%", "==", "!=", "<", ">=", "in", "and", "or"]


@st.composite
def _expressions(draw, depth=0):
    if depth > 2 or draw(st.booleans()):
        return draw(_ATOMS)
    kind = draw(st.sampled_from(["call", "op", "matches"]))
    if kind == "call":
        args = [draw(_expressions(depth + 1)) for _ in range(draw(st.integers(0, 3)))]
        return f"{draw(st.sampled_from(_FUNCS))}({', '.join(args)})"
    if kind == "matches":
        return f"matches({draw(_expressions(depth + 1))}, '[0-9a-z]+')"
    return f"({draw(_expressions(depth + 1))} {draw(st.sampled_from(_OPS))} {draw(_expressions(depth + 1))})"


_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-10 ** 40, 10 ** 40), st.text(max_size=30),
                    st.floats(allow_nan=True), st.dates(), st.lists(st.integers(), max_size=3),
                    st.decimals(allow_nan=True))


@settings(max_examples=400, deadline=None)
@given(_expressions(), st.fixed_dictionaries({n: _VALUES for n in _NAMES + ["_self"]}))
def test_nothing_but_expr_error_escapes(src, values):
    try:
        expr = Expression(src)
    except ExprError:
        return
    try:
        expr.evaluate(lambda n: values.get(n), values.get("_self"), TODAY)
    except ExprError:
        pass


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab()[]{}|*+?.^$\\,0123456789dws:=<!-", max_size=24),
       st.text(alphabet="ab 1", max_size=40))
def test_any_pattern_is_refused_or_safe_to_run(pattern, text):
    try:
        compiled = check_pattern(pattern)
    except ExprError:
        return
    compiled.fullmatch(text)      # accepted: it compiles and runs on the citizen's text


def test_a_catalog_with_a_dangerous_pattern_does_not_load(tmp_path):
    import shutil

    from forms.loader import BUILTIN_DIR, CatalogError, load_catalog
    target = tmp_path / "catalog"
    shutil.copytree(BUILTIN_DIR, target)
    f = target / "xac_nhan_hon_nhan.yaml"
    text = f.read_text(encoding="utf-8")
    old = "relevant: \"purpose == 'marriage'\""
    assert old in text
    f.write_text(text.replace(old, "relevant: \"matches(purpose, '(m+)+$')\"", 1), encoding="utf-8")
    with pytest.raises(CatalogError) as exc:
        load_catalog(target)
    [problem] = exc.value.problems
    assert problem.location.endswith(".relevant") and "nested repetition" in problem.reason
