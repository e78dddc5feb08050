"""Screenshot states of the forms screens (``kiosk screenshot``)."""
from __future__ import annotations

from devices.idcard.identity import Identity
from devices.sim.citizen import SyntheticCitizen


def _identity() -> dict:
    return Identity.from_qr(SyntheticCitizen().qr_identity()).to_dict()


def _catalog(app) -> None:
    app.dossier.forms_flow.begin(_identity())


def _procedure(app) -> None:
    flow = app.dossier.forms_flow
    flow.begin(_identity())
    flow.choose("1.004222")


def _first_page(app) -> None:
    _procedure(app)
    app.dossier.forms_flow.start()


def _errors(app) -> None:
    """"Tiếp tục" tapped with the phone number still empty: the errors at the field."""
    _first_page(app)
    app.window.screen("forms_page").go_next()


def _keyboard(app) -> None:
    """The citizen touched the phone number: the number pad opens under the page."""
    _first_page(app)
    page = app.window.screen("forms_page")
    editor = page.editors["phone"]
    page.on_focus(editor.input, "numeric")


def _review(app) -> None:
    """Every answer given (a certified copy request: few questions), on the review page."""
    flow = app.dossier.forms_flow
    flow.begin(_identity())
    flow.choose("2.000815")
    flow.start()
    session = flow.journey.session
    for path, text in (("phone", "0912345678"), ("document_name", "Bằng tốt nghiệp THPT"),
                       ("pages", "2"), ("copies", "3")):
        session.set_input(path, text)
    while flow.journey.step.value == "page" and not flow.next():
        pass


SHOTS = [("catalog", _catalog), ("procedure_ct01", _procedure), ("ct01_first_page", _first_page),
         ("ct01_missing_answers", _errors), ("ct01_keyboard", _keyboard), ("review", _review)]
