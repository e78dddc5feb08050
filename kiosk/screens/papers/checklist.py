"""The documents checklist: every paper the procedure needs, with scan, review and done."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QSizePolicy,
                               QVBoxLayout, QWidget)

from kiosk.journeys.papers import Status
from kiosk.screens.base import Screen, big_button, label
from kiosk.screens.papers.widgets import back_button, clear
from kiosk.widgets.scrolling import TouchScrollArea

STATUS_COLOURS = {Status.TODO: "#33415c", Status.REVIEW: "#8a5a00",
                  Status.PROCESSING: "#0b3d91", Status.DONE: "#0b6e3d", Status.SKIPPED: "#5a6372"}


class PapersChecklistScreen(Screen):
    name = "papers_checklist"

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        self.title = label(role="title")
        self.hint = label(role="hint")
        rows = QWidget()
        self.rows_box = QVBoxLayout(rows)
        self.rows_box.setContentsMargins(0, 0, 0, 0)
        self.rows_box.setSpacing(16)
        self.rows_box.setAlignment(Qt.AlignmentFlag.AlignTop)
        # a procedure with many papers scrolls (a finger drag, "see more"), never overflows
        scroll = TouchScrollArea(rows)
        self.scroll = scroll
        self.rows: list[dict] = []
        self._built_for = None
        self.back_button = back_button("papers_back", flow.back)
        self.continue_button = big_button(role="primary")
        self.continue_button.setObjectName("papers_continue")
        self.continue_button.clicked.connect(flow.finish)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button, 1)
        nav.addStretch(1)
        nav.addWidget(self.continue_button, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(64, 24, 64, 24)
        lay.setSpacing(16)
        lay.addWidget(self.title)
        lay.addWidget(self.hint)
        lay.addWidget(scroll, 1)
        lay.addLayout(nav)
        flow.changed.connect(self.refresh)

    def _build_rows(self) -> None:
        clear(self.rows_box)
        self.rows = []
        if self.flow.journey is None:
            return
        for index, _item in enumerate(self.flow.journey.items):
            frame = QFrame()
            frame.setStyleSheet("QFrame#paperRow { border: 3px solid #c8ced8; border-radius: 18px; }")
            frame.setObjectName("paperRow")
            name, status = QLabel(), QLabel()
            name.setWordWrap(True)
            name.setStyleSheet("font-size: 32px; font-weight: bold;")
            status.setStyleSheet("font-size: 26px;")
            scan = big_button(role="tile")
            scan.setObjectName(f"paper_scan_{index}")
            scan.setMinimumWidth(260)
            scan.setStyleSheet("min-height: 64px; padding: 4px 20px;")
            scan.clicked.connect(lambda _=False, i=index: self.flow.open_item(i))
            skip = big_button(role="secondary")
            skip.setObjectName(f"paper_skip_{index}")
            skip.setStyleSheet("min-width: 200px; font-size: 28px; min-height: 64px; padding: 4px;")
            skip.clicked.connect(lambda _=False, i=index: self.flow.skip(i))
            text = QVBoxLayout()
            text.addWidget(name)
            text.addWidget(status)
            row = QHBoxLayout(frame)
            row.setContentsMargins(24, 8, 16, 8)
            row.addLayout(text, 1)
            row.addWidget(skip)
            row.addWidget(scan)
            for button in (scan, skip):
                button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            self.rows_box.addWidget(frame)
            self.rows.append({"name": name, "status": status, "scan": scan, "skip": skip})

    def retranslate(self) -> None:
        self.title.setText(self.tr("Papers to hand in"))
        self.hint.setText(self.tr("Scan each paper. Reading the text goes on by itself while "
                                  "you scan the next one."))
        self.back_button.setText(self.tr("Back"))
        self.continue_button.setText(self.tr("Continue"))
        self.refresh()

    def on_enter(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        journey = self.flow.journey
        if journey is None:
            return
        if self._built_for is not journey:  # a new citizen's list: new rows
            self._build_rows()
            self._built_for = journey
        for row, item in zip(self.rows, journey.items):
            paper = item.paper
            name = self.ctx.text(paper.name_vi, paper.name_en)
            if not paper.required:
                name += " " + self.tr("(if you have it)")
            row["name"].setText(name)
            row["status"].setText(self._status_text(item))
            row["status"].setStyleSheet(
                f"font-size: 26px; color: {STATUS_COLOURS[item.status]}; font-weight: bold;")
            row["scan"].setText({Status.TODO: self.tr("Scan"), Status.REVIEW: self.tr("Check"),
                                 Status.PROCESSING: self.tr("Reading…"),
                                 Status.DONE: self.tr("Scan again"),
                                 Status.SKIPPED: self.tr("Scan")}[item.status])
            row["scan"].setEnabled(item.status is not Status.PROCESSING)
            row["skip"].setText(self.tr("I don't have it"))
            row["skip"].setVisible(not paper.required and item.status is Status.TODO)
        self.continue_button.setEnabled(journey.complete)

    def _status_text(self, item) -> str:
        if item.status is Status.PROCESSING:
            done, total = item.progress
            return self.tr("Reading the text… page %1 of %2").replace(
                "%1", str(min(done + 1, total))).replace("%2", str(total))
        if item.status is Status.DONE:
            pages = item.result.metadata["page_count"] if item.result else len(item.pages)
            text = self.tr("Done ✓ (%n page(s))", "", pages)
            if item.problem:
                text += " — " + self.ctx.text(*item.problem)
            return text
        if item.status is Status.REVIEW:
            text = self.tr("Pages taken, not yet confirmed")
            return text + (" — " + self.ctx.text(*item.problem) if item.problem else "")
        if item.status is Status.SKIPPED:
            return self.tr("Not handed in")
        return self.tr("Not scanned yet")

