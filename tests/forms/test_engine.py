"""Engine semantics: prefill, locking, relevance, constraints, calculations, repeats."""
import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from forms.answers import answers_json, display, load_answers
from forms.engine import FormSession, LockedFieldError
from forms.fees import compute_fees, fee_for
from forms.schema import Fee, FeeTier
from forms.loader import load_catalog

TODAY = dt.date(2026, 11, 27)
CATALOG = load_catalog()


def session(catalog, code, identity=None):
    return FormSession(catalog.get(code), identity, option_lists=catalog.index.option_lists, today=TODAY)


def test_prefill_from_identity_is_marked_and_locked(catalog, identity):
    s = session(catalog, "1.004222", identity)
    assert s.get("full_name") == "Nguyễn Văn An"
    assert s.get("date_of_birth") == dt.date(1990, 3, 15)
    assert s.get("sex") == "Nam"
    assert {"full_name", "date_of_birth", "sex", "id_number"} <= s.prefilled
    assert s.is_locked("full_name")
    with pytest.raises(LockedFieldError) as exc:
        s.set_input("full_name", "Someone Else")
    assert "căn cước" in exc.value.vi
    assert s.get("full_name") == "Nguyễn Văn An"


def test_prefilled_but_editable_address_is_matched_to_units(catalog, identity):
    s = session(catalog, "1.001193", identity)
    addr = s.get("requester_residence")
    assert addr == {"province": "01", "commune": "00004", "street": "Số 12 ngõ 5 Hoàng Diệu"}
    assert not s.is_locked("requester_residence")
    assert s.set_value("requester_residence", {**addr, "street": "Số 3"}) is None
    assert display(s, "requester_residence") == "Số 3, Phường Ba Đình, Thành phố Hà Nội"


def test_without_identity_nothing_is_prefilled(catalog):
    s = session(catalog, "1.004222")
    assert s.prefilled == set()
    assert not s.is_locked("full_name")
    assert s.set_input("full_name", "Trần Thị Bích") is None


def test_required_and_input_errors_in_both_languages(catalog, identity):
    s = session(catalog, "1.004222", identity)
    errors = {e.path: e for e in s.errors(s.form.pages[0])}
    assert set(errors) == {"phone"}
    assert errors["phone"].vi == "Thông tin này bắt buộc."
    err = s.set_input("phone", "12345")
    assert err and "10 chữ số" in err.vi and "10 digits" in err.en
    assert s.set_input("phone", "+84 912 345 678") is None
    assert s.get("phone") == "0912345678"
    assert s.set_input("email", "an@example") is not None
    assert s.set_input("email", "") is None          # optional: empty is fine
    assert s.errors(s.form.pages[0]) == []


def test_relevance_hides_and_skips_validation(catalog, identity):
    s = session(catalog, "1.004222", identity)
    s.set_input("join_household", "không")
    page = s.form.pages[1]
    assert [f.id for f in s.visible_fields(page)] == ["join_household", "request_content", "new_address"]
    assert "head_name" not in {e.path for e in s.errors()}
    s.set_input("join_household", "có")
    assert "head_name" in {f.id for f in s.visible_fields(page)}
    assert "head_name" in {e.path for e in s.errors()}


def test_constraint_with_message_and_cross_field(catalog, identity):
    s = session(catalog, "1.004222", identity)
    s.set_input("join_household", "có")
    s.set_input("head_id_number", identity["id_number"])
    err = next(e for e in s.errors() if e.path == "head_id_number")
    assert err.vi == "Số của chủ hộ phải khác số của bạn."
    s.set_input("head_id_number", "001060000001")
    assert "head_id_number" not in {e.path for e in s.errors()}


def test_repeat_rows_required_by_expression_and_calculated_count(catalog, identity):
    s = session(catalog, "1.004222", identity)
    assert s.get("member_count") == 0
    child = s.add_row("members")
    adult = s.add_row("members")
    assert s.get("member_count") == 2
    for i, (name, dob) in enumerate([("Nguyễn Thị Bình", "01/02/2015"), ("Lê Thị Cúc", "02/03/1992")]):
        s.set_input(f"members[{i}].full_name", name)
        s.set_input(f"members[{i}].date_of_birth", dob)
        s.set_value(f"members[{i}].sex", "Nữ")
        s.set_value(f"members[{i}].relationship", "Con" if i == 0 else "Vợ")
    paths = {e.path for e in s.errors()}
    assert f"members[{child}].id_number" not in paths       # under 14: not required
    assert f"members[{adult}].id_number" in paths           # adult: required
    s.remove_row("members", child)
    assert s.get("member_count") == 1
    assert s.get("members[0].full_name") == "Lê Thị Cúc"


def test_future_birth_date_in_a_row_is_refused(catalog, identity):
    s = session(catalog, "1.004222", identity)
    s.add_row("members")
    s.set_input("members[0].date_of_birth", "01/01/2030")
    err = next(e for e in s.errors() if e.path == "members[0].date_of_birth")
    assert "tương lai" in err.vi


def test_calculated_date_in_words_and_late_flag(catalog, identity):
    s = session(catalog, "1.001193", identity)
    s.set_input("child_dob", "05/11/2026")
    assert s.get("child_dob_words") == "Ngày mồng năm tháng mười một năm hai nghìn không trăm hai mươi sáu"
    assert s.get("late") is False
    s.set_input("child_dob", "01/01/2026")
    assert s.get("late") is True
    assert s.is_locked("child_dob_words")


def test_commune_follows_province(catalog, identity):
    s = session(catalog, "1.004222", identity)
    s.set_value("new_address", {"province": "01", "commune": "00004", "street": "Số 1"})
    assert s.errors(s.form.pages[1])[0].path != "new_address"
    s2 = session(catalog, "3.000333", identity)
    assert s2.set_value("birth_place", "79") is None
    assert s2.set_value("birth_place", "99") is not None    # not a province code


def test_page_level_errors_list_in_reading_order(catalog, identity):
    s = session(catalog, "1.004873", identity)
    first = s.form.pages[0]
    assert [e.path for e in s.errors(first)] == []           # all prefilled
    status = s.form.pages[1]
    assert [e.path for e in s.errors(status)] == ["status"]
    s.set_value("status", "divorced")
    assert [e.path for e in s.errors(status)] == ["former_spouse"]


def test_answers_round_trip_through_json(catalog, identity):
    s = session(catalog, "1.004873", identity)
    s.set_value("status", "single")
    s.set_value("purpose", "marriage")
    s.set_input("partner_name", "Trần Thị Hoa")
    s.set_input("copies", "2")
    s.set_value("not_married_confirm", True)
    data = answers_json(s)
    assert data["answers"]["date_of_birth"] == "1990-03-15"
    assert "other_purpose" not in data["answers"]            # not relevant: not exported
    fresh = session(catalog, "1.004873", identity)
    assert load_answers(fresh, data) == []
    assert answers_json(fresh)["answers"] == data["answers"]
    assert fresh.is_complete()


def test_load_answers_reports_what_it_refused(catalog, identity):
    s = session(catalog, "1.004873", identity)
    refused = load_answers(s, {"answers": {"full_name": "Khác Người", "copies": "x", "nope": 1}})
    assert set(refused) == {"full_name", "copies", "nope"}


@pytest.mark.parametrize("pages,copies,expected", [
    (1, 1, 2000), (2, 1, 4000), (3, 1, 5000), (10, 2, 24000), (500, 1, 200000), (300, 3, 600000),
])
def test_certified_copy_fee_tiers_and_cap(pages, copies, expected):
    fee = Fee(label={"vi": "x", "en": "x"}, per="page", amount=2000,
              tiers=[FeeTier(from_unit=3, amount=1000)], cap_per_copy=200000)
    assert fee_for(fee, pages, copies) == expected


def test_fees_follow_answers(catalog, identity):
    s = session(catalog, "3.000333", identity)
    s.set_value("reduced_fee", False)
    s.set_input("copies", "4")
    assert [l.amount for l in compute_fees(s)] == [200000, 10000]
    s.set_value("reduced_fee", True)
    assert [l.amount for l in compute_fees(s)] == [100000, 10000]
    ct01 = session(catalog, "1.004222", identity)
    assert [l.amount for l in compute_fees(ct01, "online")] == [10000]


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 600), st.integers(1, 20))
def test_page_fee_never_exceeds_cap_and_grows_with_pages(pages, copies):
    fee = Fee(label={"vi": "x", "en": "x"}, per="page", amount=2000,
              tiers=[FeeTier(from_unit=3, amount=1000)], cap_per_copy=200000)
    total = fee_for(fee, pages, copies)
    assert total <= 200000 * copies
    assert fee_for(fee, pages + 1, copies) >= total


@settings(max_examples=150, deadline=None)
@given(st.dates(dt.date(1900, 1, 1), dt.date(2026, 11, 27)))
def test_age_rule_for_member_id_matches_calendar_age(dob):
    """A member's ID is required exactly from the 14th birthday on."""
    T = TODAY
    s = FormSession(CATALOG.get("1.004222"), option_lists=CATALOG.index.option_lists, today=T)
    s.add_row("members")
    s.set_value("members[0].date_of_birth", dob)
    age = T.year - dob.year - ((T.month, T.day) < (dob.month, dob.day))
    required = "members[0].id_number" in {e.path for e in s.errors()}
    assert required == (age >= 14)


def test_address_commune_must_belong_to_province(catalog, identity):
    s = session(catalog, "1.004222", identity)
    assert s.set_value("new_address", {"province": "79", "commune": "00004", "street": "Số 1"}) is not None
    assert s.set_value("new_address", {"province": "01", "commune": "00004", "street": "Số 1"}) is None
