"""Every shipped procedure filled through the real screens, typing Vietnamese by tapping
the on-screen keyboard; the finished PDF shows the answers."""
from __future__ import annotations

import subprocess

import pytest
from PySide6.QtWidgets import QPushButton

from forms_samples import EXPECTED_TEXT, SAMPLES
from gui_typing import fill_editor, tap, telex_keys, type_on_keyboard
from kiosk.app import build
from kiosk.journeys.declaration import Step
from kiosk.launch import demo_config
from kiosk.screens.forms import install_forms

DOSSIER = "000.00.01.H22-261127-0009"


@pytest.fixture
def kiosk(qtbot, tmp_path, identity):
    app = build(demo_config(tmp_path / "data"))
    flow = install_forms(app.ctx, app.window, dossier_code=lambda code: DOSSIER)
    app.window.resize(1920, 1080)
    app.window.show()
    flow.begin(identity)
    yield app, flow
    app.window.allow_close = True
    app.window.close()
    app.ctx.store.close()


def button(window, name) -> QPushButton:
    return window.findChild(QPushButton, name)


def choose_procedure(qtbot, window, code, search):
    catalog = window.screen("forms_catalog")
    assert window.current() is catalog
    tap(qtbot, catalog.search)
    assert catalog.keyboard.isVisible()
    catalog.keyboard.type_keys(search)
    assert list(catalog.buttons) == [code], f"search {search!r} shows {list(catalog.buttons)}"
    catalog.keyboard.buttons["key_enter"].click()
    tap(qtbot, button(window, f"procedure_{code}"))
    assert window.current().name == "forms_procedure"
    tap(qtbot, button(window, "start_declaration"))


def fill_all_pages(qtbot, window, flow, answers):
    page = window.screen("forms_page")
    seen = []
    while flow.journey.step is Step.PAGE:
        assert window.current() is page
        seen.append(flow.journey.page.id)
        assert len(seen) < 12, "pages loop"
        for f in flow.journey.page.fields:
            session = flow.journey.session
            if not session.is_relevant(f.id) or session.is_locked(f.id):
                continue
            fill_editor(qtbot, page, page.editors[f.id], answers.get(f.id))
        tap(qtbot, button(window, "form_next"))
        assert not page.summary.text() or flow.journey.step is not Step.PAGE, \
            [(e.path, e.en) for e in flow.journey.state.errors]
    assert window.current().name == "forms_review"
    return seen


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "decl.pdf"
    path.write_bytes(pdf)
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


SEARCHES = {"1.004222": "dang ky thuong tru", "1.001193": "khai sinh", "3.000333": "ly lich",
            "2.000815": "chung thuc", "1.004873": "hon nhan"}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_fill_every_procedure_through_the_screens(qtbot, kiosk, code, tmp_path, identity):
    app, flow = kiosk
    w = app.window
    choose_procedure(qtbot, w, code, SEARCHES[code])
    page = w.screen("forms_page")
    # prefilled answers are marked and, when locked, cannot be typed over
    first = flow.journey.page.fields[0]
    if first.prefill:
        assert page.editors[first.id].badge.isVisible()
        if not first.editable:
            assert page.editors[first.id].input.isReadOnly()
    fill_all_pages(qtbot, w, flow, SAMPLES[code])
    review = w.screen("forms_review")
    texts = [lbl.text() for lbl in review.findChildren(type(review.status))]
    assert any(identity["full_name"] in t for t in texts)
    tap(qtbot, button(w, "submit_declaration"))
    qtbot.waitUntil(lambda: w.current().name == "forms_done", timeout=10000)
    result = flow.journey.state.result
    assert result.dossier_code == DOSSIER and DOSSIER in w.screen("forms_done").details.text()
    text = pdf_text(result.pdf, tmp_path)
    for expected in EXPECTED_TEXT[code]:
        assert " ".join(expected.split()) in text, expected
    assert result.answers["procedure"] == code


def test_errors_at_the_field_then_edit_link_from_review(qtbot, kiosk, tmp_path):
    app, flow = kiosk
    w = app.window
    choose_procedure(qtbot, w, "1.004873", "hon nhan")
    page = w.screen("forms_page")
    tap(qtbot, button(w, "form_next"))                 # page 1 is prefilled: fine
    tap(qtbot, button(w, "form_next"))                 # page 2 empty: refused
    assert flow.journey.page.id == "status_page"
    assert page.editors["status"].error.isVisible()
    assert page.editors["status"].error.text() == "Thông tin này bắt buộc."
    tap(qtbot, button(w, "choice_status_divorced"))
    assert not page.editors["status"].error.isVisible()     # fixed: the error goes away
    assert page.editors["former_spouse"].isVisible()  # relevance follows the answer
    type_on_keyboard(qtbot, page, page.editors["former_spouse"].input, "Đỗ Thị Lan", "text")
    assert flow.journey.session.get("former_spouse") == "Đỗ Thị Lan"
    tap(qtbot, button(w, "form_next"))
    fill_editor(qtbot, page, page.editors["purpose"], "marriage")
    fill_editor(qtbot, page, page.editors["partner_name"], "Vũ Thị Hương")
    fill_editor(qtbot, page, page.editors["copies"], 1)
    fill_editor(qtbot, page, page.editors["not_married_confirm"], True)
    tap(qtbot, button(w, "form_next"))
    assert w.current().name == "forms_review"
    assert button(w, "edit_full_name") is None         # locked, from the ID card: no edit link
    tap(qtbot, button(w, "edit_former_spouse"))
    assert w.current() is page and flow.journey.page.id == "status_page"
    type_on_keyboard(qtbot, page, page.editors["former_spouse"].input, "Đỗ Thị Mai", "text")
    tap(qtbot, button(w, "form_next"))
    assert w.current().name == "forms_review"          # straight back to the review
    assert "Đỗ Thị Mai" in w.findChild(type(w.screen("forms_review").status), "review_former_spouse").text()


def test_keyboard_types_vietnamese_with_tone_keys_and_vni(qtbot, kiosk):
    app, flow = kiosk
    catalog = app.window.screen("forms_catalog")
    kb = catalog.keyboard
    tap(qtbot, catalog.search)
    kb.type_keys("Nguyeenx")
    assert catalog.search.text() == "Nguyễn"
    for _ in range(6):
        kb.buttons["key_backspace"].click()
    kb.type_keys("thuong")
    kb.buttons["key_mark"].click()                     # o → ô … cycle to ơ on the second tap
    kb.buttons["key_mark"].click()
    kb.buttons["key_tone_grave"].click()
    assert catalog.search.text() == "thường"
    assert list(catalog.buttons) == ["1.004222"]       # search with marks finds it too
    kb.buttons["key_method"].click()                   # Telex → VNI
    assert kb.buttons["key_method"].text() == "VNI"
    kb.buttons["key_space"].click()
    kb.type_keys("tru1")
    assert catalog.search.text() == "thường trú"


def test_telex_keys_helper_round_trips():
    from forms.vnkeys import type_keys
    for text in ("Nguyễn Văn An", "Số 1 Hoàng Diệu", "Kỹ sư, Công ty Điện lực", "Đỗ Thị Lan", "thuở"):
        assert type_keys(telex_keys(text)) == text


def test_language_toggle_relabels_the_form_and_wipe_forgets_the_citizen(qtbot, kiosk):
    app, flow = kiosk
    w = app.window
    choose_procedure(qtbot, w, "1.004222", "thuong tru")
    page = w.screen("forms_page")
    assert page.title.text() == "Người kê khai" and page.next_button.text() == "Tiếp tục"
    app.ctx.set_language("en")
    assert page.title.text() == "About you"
    assert "Phone number" in page.editors["phone"].title.text()
    assert page.next_button.text() == "Next" and page.step_label.text() == "Step 3 of 8"  # identify, procedure, then page 1 of 3
    app.ctx.set_language("vi")
    assert "Số điện thoại liên hệ" in page.editors["phone"].title.text()
    assert page.step_label.text() == "Bước 3/8"
    app.ctx.wipe_session()                             # idle timeout or "Trang chủ"
    assert flow.journey.identity is None and flow.journey.state.session is None
