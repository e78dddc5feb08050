"""What a procedure is, in plain words: papers, fee, processing time, expected result date."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from forms.fees import format_vnd
from kiosk.screens.base import Screen, label
from kiosk.screens.forms.parts import nav_bar, scroll_area
from kiosk.screens.forms.style import FORMS_QSS

WEEKDAYS_VI = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _left(text: str = "", role: str = "body"):
    w = label(text, role)
    w.setAlignment(Qt.AlignmentFlag.AlignLeft)
    w.setTextFormat(Qt.TextFormat.RichText)
    return w


class ProcedureScreen(Screen):
    name = "forms_procedure"

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        self.setStyleSheet(FORMS_QSS)
        self.title = label(role="title")
        self.summary = _left()
        self.papers = _left()
        self.papers.setObjectName("procedure_papers")
        self.fees = _left()
        self.fees.setObjectName("procedure_fees")
        self.timing = _left()
        self.timing.setObjectName("procedure_timing")
        body = QWidget()
        b = QVBoxLayout(body)
        b.setSpacing(18)
        for w in (self.summary, self.papers, self.fees, self.timing):
            b.addWidget(w)
        b.addStretch(1)
        nav, self.back_button, self.start_button = nav_bar("procedure_back", flow.back,
                                                          "start_declaration", flow.start)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(64, 24, 64, 24)
        lay.addWidget(self.title)
        lay.addWidget(scroll_area(body), 1)
        lay.addWidget(nav)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Back"))
        self.start_button.setText(self.tr("Start the declaration"))
        if self.flow.journey.state.procedure is not None:
            self.on_enter()

    def on_enter(self) -> None:
        j, lang = self.flow.journey, self.lang
        p = j.procedure
        words = {"received": self.tr("Received by"), "some": self.tr("in some cases"),
                 "papers": self.tr("Papers to bring"), "no_fee": self.tr("No fee"), "fee": self.tr("Fee"),
                 "estimated": self.tr("estimated"), "time": self.tr("Processing time"),
                 "expected": self.tr("Expected result date if you submit now")}
        self.title.setText(p.name.get(lang))
        self.summary.setText(f"{p.summary.get(lang)}<br/><span style='font-size:26px'>"
                             f"{words['received']}: {p.agency.get(lang)}</span>")
        kinds = {"original": self.tr("original"), "copy": self.tr("copy"),
                 "certified_copy": self.tr("certified copy"), "original_or_copy": self.tr("original or copy")}
        items = []
        for paper in p.papers:
            extra = f" <i>({words['some']})</i>" if isinstance(paper.required, str) else ""
            note = f"<br/><span style='font-size:24px'>{paper.note.get(lang)}</span>" if paper.note else ""
            items.append(f"<li>{paper.name.get(lang)} — {paper.count} {kinds[paper.original]}{extra}{note}</li>")
        self.papers.setText(f"<b>{words['papers']}</b><ul>{''.join(items)}</ul>")
        fee_text = "<br/>".join(f"{f.label_vi if lang == 'vi' else f.label_en}: <b>{format_vnd(f.amount)}</b>"
                                for f in j.fees()) or f"<b>{words['no_fee']}</b>"
        if p.fee_note:
            fee_text += f"<br/><span style='font-size:24px'>{p.fee_note.get(lang)}</span>"
        self.fees.setText(f"<b>{words['fee']}</b><br/>{fee_text}")
        expected = j.expected_date()
        days = WEEKDAYS_VI if lang == "vi" else WEEKDAYS_EN
        when = f"{days[expected.date.weekday()]}, {expected.date.strftime('%d/%m/%Y')}"
        guess = "" if expected.verified else f" <i>({words['estimated']})</i>"
        note = p.processing.note.get(lang) if p.processing.note else ""
        self.timing.setText(f"<b>{words['time']}</b><br/>{note}<br/>{words['expected']}: <b>{when}</b>{guess}")
