"""Engine properties over generated answers: hidden questions never block nor leak,
repeat groups and calculations stay consistent, typed dates round-trip."""
import datetime as dt

from hypothesis import given, settings, strategies as st

from forms.answers import answers_json
from forms.engine import FormSession
from forms.loader import load_catalog

CATALOG = load_catalog()
TODAY = dt.date(2026, 11, 27)


def ct01():
    return FormSession(CATALOG.get("1.004222"), option_lists=CATALOG.index.option_lists, today=TODAY)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([True, False, None]), st.text(max_size=12), st.sampled_from(["", "001060000001", "12"]))
def test_hidden_questions_never_block_nor_leak(join, head_name, head_id):
    s = ct01()
    if join is not None:
        s.set_value("join_household", join)
    s.set_input("head_name", head_name)
    s.set_input("head_id_number", head_id)
    paths = {e.path for e in s.errors()}
    exported = answers_json(s)["answers"]
    if join:
        assert "head_relationship" in paths                 # shown and unanswered
        assert "head_name" in exported
    else:
        assert not paths & {"head_name", "head_relationship", "head_id_number"}
        assert "head_name" not in exported and "head_id_number" not in exported


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.just("add"), st.integers(0, 9)), max_size=25))
def test_repeat_rows_count_and_export_agree(ops):
    s = ct01()
    for op in ops:
        rows = len(s.rows("members"))
        if op == "add":
            if rows < 10:
                s.add_row("members")
        elif rows:
            s.remove_row("members", op % rows)
    rows = len(s.rows("members"))
    assert s.get("member_count") == rows
    assert len(answers_json(s)["answers"]["members"]) == rows
    assert {e.path.split("]")[0] + "]" for e in s.errors() if e.path.startswith("members[")} == \
        {f"members[{i}]" for i in range(rows)}             # every empty row is flagged, no ghost rows


@settings(max_examples=150, deadline=None)
@given(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
def test_typed_dates_round_trip(d):
    s = ct01()
    s.add_row("members")
    assert s.set_input("members[0].date_of_birth", d.strftime("%d/%m/%Y")) is None
    assert s.get("members[0].date_of_birth") == d
    flagged = "members[0].date_of_birth" in {e.path for e in s.errors()}
    assert flagged == (d > TODAY)                           # only a future birth date is refused


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="0123456789 .-+", max_size=16))
def test_phone_is_kept_only_as_ten_or_eleven_digits_from_zero(text):
    s = ct01()
    err = s.set_input("phone", text)
    value = s.get("phone")
    if err is None and value is not None:
        assert value.isdigit() and value.startswith("0") and len(value) in (10, 11)
    if err is not None:
        assert value is None and "phone" in {e.path for e in s.errors()}
