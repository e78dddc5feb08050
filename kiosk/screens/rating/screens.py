"""The rating screens: level, reasons (required for "not satisfied"), thanks."""
from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout

from kiosk.journeys.rating import Step
from kiosk.screens.base import Screen, big_button, label, set_role

ROLES = {"very_satisfied": "rate_very", "satisfied": "rate_ok", "unsatisfied": "rate_bad"}


class RatingScreen(Screen):
    name = "rating"

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        self.title = label(role="title")
        self.hint = label(role="subtitle")
        self.buttons = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(48, 24, 48, 24)
        lay.setSpacing(16)  # the two-line subtitle with larger text (A+) fits 1280×800
        lay.addWidget(self.title)
        lay.addWidget(self.hint)
        for level in ("very_satisfied", "satisfied", "unsatisfied"):
            button = big_button(role=ROLES[level])
            button.setObjectName(f"rating_{level}")
            button.setMinimumHeight(110)
            button.clicked.connect(lambda _=False, lv=level: self.flow.choose_level(lv))
            self.buttons[level] = button
            lay.addWidget(button)
        self.home_button = big_button(role="secondary")
        self.home_button.setObjectName("rating_home")
        self.home_button.clicked.connect(flow.finish)
        nav = QHBoxLayout()
        nav.addWidget(self.home_button)
        nav.addStretch(2)
        lay.addStretch(1)
        lay.addLayout(nav)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Are you satisfied?"))
        self.hint.setText(self.tr("With how you were served today. Your answer is anonymous."))
        self.buttons["very_satisfied"].setText(self.tr("Very satisfied"))
        self.buttons["satisfied"].setText(self.tr("Satisfied"))
        self.buttons["unsatisfied"].setText(self.tr("Not satisfied"))
        self.home_button.setText(self.tr("Home"))


class ReasonsScreen(Screen):
    name = "rating_reasons"

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        flow.changed.connect(self.refresh)
        self.title = label(role="title")
        self.hint = label(role="hint")
        self.buttons = {}
        grid = QGridLayout()
        grid.setSpacing(16)
        for i, reason in enumerate(ctx.config.rating.reasons):
            button = big_button(role="secondary")
            button.setObjectName(f"reason_{reason.code}")
            button.setCheckable(True)
            button.setMinimumHeight(90)
            button.clicked.connect(lambda _=False, c=reason.code: self.flow.toggle_reason(c))
            self.buttons[reason.code] = button
            grid.addWidget(button, i // 2, i % 2)
        self.back_button = big_button(role="secondary")
        self.back_button.setObjectName("reasons_back")
        self.back_button.clicked.connect(flow.back)
        self.send_button = big_button(role="primary")
        self.send_button.setObjectName("reasons_send")
        self.send_button.clicked.connect(flow.send)
        nav = QHBoxLayout()
        nav.setSpacing(32)
        nav.addWidget(self.back_button, 1)
        nav.addWidget(self.send_button, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(48, 24, 48, 24)
        lay.setSpacing(16)
        lay.addWidget(self.title)
        lay.addWidget(self.hint)
        lay.addLayout(grid, 1)
        lay.addLayout(nav)

    def retranslate(self) -> None:
        self.title.setText(self.tr("What was not good?"))
        self.hint.setText(self.tr("Touch one or more reasons, then send."))
        self.back_button.setText(self.tr("Back"))
        self.send_button.setText(self.tr("Send"))
        self.refresh()

    def refresh(self) -> None:
        chosen = self.flow.journey.reasons
        for reason in self.ctx.config.rating.reasons:
            button = self.buttons[reason.code]
            button.setChecked(reason.code in chosen)
            mark = "✓ " if reason.code in chosen else ""
            button.setText(mark + self.ctx.text(reason.name_vi, reason.name_en))
            set_role(button, "primary" if reason.code in chosen else "secondary")
        self.send_button.setEnabled(self.flow.journey.can_send)


class ThanksScreen(Screen):
    name = "rating_thanks"

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        self.title = label(role="title")
        self.title.setObjectName("rating_thanks_title")
        self.body = label(role="subtitle")
        self.done_button = big_button(role="secondary")
        self.done_button.setObjectName("rating_done")
        self.done_button.clicked.connect(flow.finish)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(48, 24, 48, 24)
        lay.addStretch(1)
        lay.addWidget(self.title)
        lay.addWidget(self.body)
        lay.addStretch(1)
        lay.addWidget(self.done_button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Thank you!"))
        self.body.setText(self.tr("Your rating helps the centre serve citizens better."))
        self.done_button.setText(self.tr("Back to the home screen"))

    def on_enter(self) -> None:
        self.retranslate()


def install(ctx, window):
    from kiosk.screens.rating.flow import RatingFlow

    flow = RatingFlow(ctx)
    for cls in (RatingScreen, ReasonsScreen, ThanksScreen):
        window.add_screen(cls(ctx, flow))
    return flow
