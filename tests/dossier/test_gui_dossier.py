"""A citizen submits a dossier end to end: card QR → declaration → filed → receipt printed.

The real app, its real screens and flows; the QR camera is the folder simulator, the
printer the ESC/POS emulator over TCP. Each area's own screens are tested in its folder;
this test checks that they are chained, that the dossier is filed once with its outbox row,
encrypted, and that the Mẫu 01 receipt carries the dossier code.
"""
from __future__ import annotations

import sqlite3

import numpy as np
import zxingcpp
from PIL import Image

from kiosk.journeys.identify import Step as IdStep
from kiosk.journeys.submit_dossier import Step

from .conftest import tap


def file_certified_copy_request(qtbot, app, citizen):
    """The citizen's taps from the home screen to the filed dossier."""
    w = app.window
    tap(qtbot, w, "tile_submit_dossier")
    assert w.current().name == "identify"
    identify = app.dossier.identity_flow
    qtbot.waitUntil(lambda: identify.journey.step is IdStep.CONFIRM, timeout=20000)
    identify.confirm()  # the citizen taps "Đúng, tiếp tục" on the confirmation
    qtbot.waitUntil(lambda: w.current().name == "forms_catalog", timeout=5000)
    assert app.dossier.journey.identity["id_number"] == citizen.id_number

    forms = app.dossier.forms_flow
    forms.choose("2.000815")
    forms.start()
    session = forms.journey.session
    assert session.get("full_name") == citizen.full_name  # prefilled from the card
    for path, text in (("phone", "0912345678"), ("document_name", "Bằng tốt nghiệp THPT"),
                       ("pages", "2"), ("copies", "3")):
        assert session.set_input(path, text) is None
    while forms.journey.step.value != "review":
        assert forms.next() == []
    forms.submit()

    qtbot.waitUntil(lambda: app.dossier.journey.step is Step.DONE, timeout=20000)
    assert w.current().name == "dossier_done"
    return app.dossier.journey.filed


def test_certified_copy_request_is_filed_and_the_receipt_printed(qtbot, kiosk):
    app, emu, citizen, config = kiosk
    w = app.window
    filed = file_certified_copy_request(qtbot, app, citizen)
    done = w.screen("dossier_done")
    assert done.code.text() == filed.code and filed.code.startswith(config.sync.agency_id + "-")
    assert filed.receipt_printed

    # the receipt: its QR reads back the dossier code and the check code the lookup asks for
    job = emu.wait_for_jobs(1)[-1]
    image = np.array(Image.open(job.png_path).convert("L"))
    from sync.check_code import check_code

    assert f"{filed.code}|{check_code(filed.dossier_id)}" in [
        r.text for r in zxingcpp.read_barcodes(image)]

    # filed once, queued for the central, personal data encrypted at rest
    db_path = config.kiosk.resolved_data_dir() / "kiosk.db"
    db = sqlite3.connect(db_path)
    assert db.execute("select count(*) from dossier").fetchone()[0] == 1
    assert db.execute("select kind, state from outbox").fetchall() == [("dossier", "pending")]
    raw = db_path.read_bytes() + db_path.with_name("kiosk.db-wal").read_bytes()
    assert citizen.full_name.encode() not in raw and citizen.id_number.encode() not in raw

    tap(qtbot, w, "dossier_finish")
    assert w.current().name == "home"
    assert app.dossier.journey.identity is None  # the session is wiped

