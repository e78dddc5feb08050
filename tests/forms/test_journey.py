"""The declaration journey without Qt: steps, back/next, validation, edit links, submit."""
import datetime as dt
import subprocess

import pytest

from forms.answers import load_answers
from forms_samples import SAMPLES
from kiosk.journeys.declaration import DeclarationJourney, IncompleteDeclaration, Step

NOW = dt.datetime(2026, 11, 27, 14, 0)


@pytest.fixture
def journey(catalog, identity):
    return DeclarationJourney(catalog, identity, clock=lambda: NOW)


def test_catalog_to_procedure_and_back(journey):
    groups = journey.search("dang ky thuong tru")
    assert [p.code for _, ps in groups for p in ps] == ["1.004222"]
    journey.choose("1.004222")
    assert journey.step is Step.PROCEDURE
    assert journey.expected_date().date == dt.date(2026, 12, 8)    # 7 working days
    assert [f.amount for f in journey.fees()] == [20000]
    journey.back()
    assert journey.step is Step.CATALOG


def test_next_refuses_an_incomplete_page_and_keeps_the_errors(journey):
    journey.choose("1.004222")
    journey.start()
    assert journey.page.id == "declarant" and journey.progress() == (1, 4)
    errors = journey.next()
    assert [e.path for e in errors] == ["phone"] and journey.page.id == "declarant"
    journey.session.set_input("phone", "0912345678")
    assert journey.next() == []
    assert journey.page.id == "new_residence" and journey.progress() == (2, 4)
    journey.back()
    assert journey.page.id == "declarant"
    journey.back()
    assert journey.step is Step.PROCEDURE


def test_full_run_with_edit_link_and_submit(journey, tmp_path):
    journey.choose("1.004873")
    journey.start()
    s = journey.session
    load_answers(s, {"answers": SAMPLES["1.004873"]})
    while journey.step is Step.PAGE:
        assert journey.next() == []
    assert journey.step is Step.REVIEW
    items = {i.path: i for i in journey.review_items()}
    assert items["full_name"].prefilled and items["full_name"].locked
    assert items["status"].text == "Đã ly hôn"
    journey.edit("former_spouse")
    assert journey.step is Step.PAGE and journey.page.id == "status_page"
    s.set_input("former_spouse", "Đỗ Thị Mai")
    assert journey.next() == []
    assert journey.step is Step.REVIEW                    # straight back to the review
    result = journey.submit(dossier_code="000.00.01.H22-261127-0003")
    assert journey.step is Step.DONE
    assert result.answers["answers"]["former_spouse"] == "Đỗ Thị Mai"
    assert result.answers["dossier_code"] == "000.00.01.H22-261127-0003"
    assert result.expected.date == dt.date(2026, 12, 2)   # 3 working days from Friday
    (tmp_path / "r.pdf").write_bytes(result.pdf)
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Đỗ Thị Mai" in text


def test_relevance_changes_the_page_list(journey):
    journey.choose("1.001193")
    journey.start()
    s = journey.session
    assert [p.id for p in journey.pages()] == ["requester", "child", "mother", "father", "copies_page"]
    s.set_value("father_known", False)                # the father's questions disappear
    journey.state.page_id = "father"
    assert journey.next() == []
    assert journey.page.id == "copies_page" and journey.progress() == (5, 6)


def test_submit_refuses_an_incomplete_declaration(journey):
    journey.choose("2.000815")
    journey.start()
    with pytest.raises(IncompleteDeclaration) as exc:
        journey.submit()
    assert "thiếu" in exc.value.vi
    assert journey.review() and journey.step is Step.PAGE and journey.page.id == "document"


def test_same_day_procedure_after_cutoff(catalog, identity):
    late = DeclarationJourney(catalog, identity, clock=lambda: dt.datetime(2026, 11, 27, 15, 30))
    late.choose("2.000815")
    assert late.expected_date().date == dt.date(2026, 11, 30)
    early = DeclarationJourney(catalog, identity, clock=lambda: dt.datetime(2026, 11, 27, 9, 0))
    early.choose("2.000815")
    assert early.expected_date().date == dt.date(2026, 11, 27)


def test_reset_forgets_the_citizen(journey):
    journey.choose("1.004222")
    journey.start()
    journey.reset()
    assert journey.step is Step.CATALOG and journey.state.session is None and journey.identity is None


def test_a_page_whose_rule_is_false_is_skipped(tmp_path, identity):
    import shutil
    from forms.loader import BUILTIN_DIR, load_catalog
    target = tmp_path / "cat"
    shutil.copytree(BUILTIN_DIR, target)
    f = target / "xac_nhan_hon_nhan.yaml"
    text = f.read_text(encoding="utf-8").replace(
        "    - id: purpose_page\n", "    - id: purpose_page\n      relevant: \"status != 'married'\"\n")
    f.write_text(text, encoding="utf-8")
    journey = DeclarationJourney(load_catalog(target), identity, clock=lambda: NOW)
    journey.choose("1.004873")
    journey.start()
    assert journey.next() == []
    journey.session.set_value("status", "married")
    assert [p.id for p in journey.pages()] == ["requester", "status_page"]
    assert journey.next() == [] and journey.step is Step.REVIEW
    assert journey.progress() == (3, 3)
