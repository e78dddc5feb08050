"""One page of the declaration: a short group of questions, big inputs, errors at the field,
a progress bar, back/next, and the on-screen keyboard under the page."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget

from kiosk.journeys.declaration import Step
from kiosk.screens.base import Screen, label
from kiosk.screens.forms.composite import RepeatEditor
from kiosk.screens.forms.fields import CalculatedEditor, FieldEditor, make_editor
from kiosk.screens.forms.parts import clear_layout, nav_bar, scroll_area
from kiosk.screens.forms.style import FORMS_QSS
from kiosk.widgets.keyboard import VietKeyboard


def journey_step(j) -> tuple[int, int]:
    """The step among the whole "Nộp hồ sơ" journey: identify → procedure → form pages →
    review → papers (when the procedure asks for some) → done."""
    from kiosk.journeys.papers import papers_from_procedure
    pos, total = j.progress()  # form pages, then the review
    papers = 1 if papers_from_procedure(j.session.procedure) else 0
    return pos + 2, total + 2 + papers + 1


class FormPageScreen(Screen):
    name = "forms_page"

    def __init__(self, ctx, flow) -> None:
        super().__init__(ctx)
        self.flow = flow
        self.setStyleSheet(FORMS_QSS)
        self.title = label(role="title")
        self.title.setObjectName("page_title")
        self.progress = QProgressBar()
        self.progress.setObjectName("form_progress")
        # the step is told by a label beside the bar: text drawn over the bar's two colours
        # cannot reach 4.5:1 on both (it was 2.7:1 on the green)
        self.progress.setTextVisible(False)
        self.step_label = label(role="hint")
        self.step_label.setObjectName("form_step")
        self.summary = label(role="error")
        self.summary.setObjectName("page_errors")
        self.summary.hide()
        self.content = QWidget()
        self.content_lay = QVBoxLayout(self.content)
        self.content_lay.setSpacing(10)
        self.scroll = scroll_area(self.content)
        self.keyboard = VietKeyboard(ctx.config.forms.input_method, ctx.config.forms.tone_style)
        self.keyboard.enterPressed.connect(self.hide_keyboard)
        self.keyboard.hide()
        self.nav, self.back_button, self.next_button = nav_bar("form_back", flow.back, "form_next", self.go_next)
        # while the keyboard is up, its "Done" key replaces back/next (room for the fields)
        self.keyboard.visibilityChanged.connect(lambda up: self.nav.setVisible(not up))
        # on a short screen the page title also gives way while typing
        self.keyboard.visibilityChanged.connect(
            lambda up: self.title.setVisible(not (up and self.window().height() < 1000)))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(48, 16, 48, 12)
        lay.setSpacing(10)
        lay.addWidget(self.title)
        lay.addWidget(self.step_label)
        lay.addWidget(self.progress)
        lay.addWidget(self.summary)
        lay.addWidget(self.scroll, 1)
        lay.addWidget(self.nav)
        lay.addWidget(self.keyboard)
        self.editors: dict[str, FieldEditor] = {}
        self.page_id: str | None = None

    # -- building --------------------------------------------------------------------------
    def rebuild(self) -> None:
        j = self.flow.journey
        page = j.page
        clear_layout(self.content_lay)
        self.editors = {}
        for f in page.fields:
            editor = make_editor(j.session, f.id, self.lang)
            editor.focused.connect(self.on_focus)
            editor.changed.connect(self.on_changed)
            self.editors[f.id] = editor
            self.content_lay.addWidget(editor)
        self.content_lay.addStretch(1)
        self.page_id = page.id
        self.keyboard.attach(None)
        self.hide_keyboard()
        self.update_view()

    def all_editors(self) -> dict[str, FieldEditor]:
        out = dict(self.editors)
        for editor in self.editors.values():
            if isinstance(editor, RepeatEditor):
                out.update(editor.children)
        return out

    def update_view(self) -> None:
        """After any answer changed: relevance, calculated values, progress, labels."""
        j = self.flow.journey
        session = j.session
        for path, editor in self.all_editors().items():
            editor.setVisible(session.is_relevant(path))
            if isinstance(editor, CalculatedEditor):
                editor.refresh()
        pos, total = journey_step(j)
        self.progress.setRange(0, total)
        self.progress.setValue(pos)
        self.step_label.setText(self.tr("Step %1 of %2").replace("%1", str(pos)).replace("%2", str(total)))
        self.title.setText(j.page.title.get(self.lang))
        last = [p.id for p in j.pages()][-1] == j.page.id
        self.next_button.setText(self.tr("Review") if last or j.state.editing else self.tr("Next"))

    # -- events ----------------------------------------------------------------------------
    def on_focus(self, widget, mode: str) -> None:
        self.keyboard.attach(widget, mode)
        self.keyboard.set_compact(self.window().height() < 1000)
        self.keyboard.show()
        editor = next((e for e in self.all_editors().values() if e.isAncestorOf(widget)), None)
        if editor is not None:
            QTimer.singleShot(0, lambda: self.scroll.scroll_to(editor))

    def hide_keyboard(self) -> None:
        self.keyboard.hide()

    def on_changed(self, path: str) -> None:
        self.update_view()

    def go_next(self) -> None:
        errors = self.flow.next()
        if not errors:
            return
        editors = self.all_editors()
        by_path = {e.path: e for e in errors}
        for path, editor in editors.items():
            editor.show_error(by_path.get(path))
        self.summary.setText(self.tr("Please check the marked answers."))
        self.summary.show()
        self.scroll_to(errors[0].path)

    def scroll_to(self, path: str) -> None:
        """Bring the field at ``path`` into view, clear of the "see more" button."""
        editor = self.all_editors().get(path)
        if editor is not None:
            self.scroll.scroll_to(editor)

    def scroll_to_first_pending(self) -> None:
        """A page whose first fields are prefilled from the card opens at the first one the
        citizen still has to answer (CT01: the phone number, below five locked fields)."""
        j = self.flow.journey
        if j.state.session is None or j.step is not Step.PAGE:
            return
        pending = j.session.errors(j.page)
        if pending:
            self.scroll_to(pending[0].path)

    def resizeEvent(self, event):  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.keyboard.set_compact(self.window().height() < 1000)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Back"))
        self.keyboard.retranslate()
        if self.flow.journey.state.session is not None and self.isVisible():
            for editor in self.all_editors().values():
                editor.retranslate(self.lang)
            self.update_view()

    def on_enter(self) -> None:
        self.summary.clear()
        self.summary.hide()
        self.rebuild()
        errors = self.flow.journey.state.errors
        if errors:
            editors = self.all_editors()
            for e in errors:
                if e.path in editors:
                    editors[e.path].show_error(e)
        # once the layout has its sizes (the next turn of the event loop)
        QTimer.singleShot(0, self.scroll_to_first_pending)
