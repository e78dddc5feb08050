"""The declaration journey: catalog → procedure → form pages → review → done.

Plain Python (no Qt) so every rule of the journey runs in a unit test; the screens in
``kiosk/screens/forms`` only render ``DeclarationJourney`` and call its events.

Use::

    journey = DeclarationJourney(catalog, identity={"full_name": …, "id_number": …})
    journey.choose("1.004222"); journey.start()
    … journey.session.set_input(path, text); journey.next() …
    result = journey.submit(dossier_code="000.00.01.H22-261127-0001")
    result.answers  # dict for the dossier (JSON-able)
    result.pdf      # bytes of the filled declaration
"""
from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Callable

from forms.adminunits import AdminUnits
from forms.answers import answers_json, display
from forms.engine import FieldError, FormSession
from forms.fees import FeeLine, compute_fees
from forms.loader import Catalog
from forms.pdf import render_declaration
from forms.schema import FieldType, Page, Procedure
from forms.settings import FormsSettings
from forms.clock import centre_now
from forms.hours import OpeningHours
from forms.workdays import ExpectedDate, HolidayTable, parse_cutoff


class Step(enum.Enum):
    CATALOG = "catalog"
    PROCEDURE = "procedure"
    PAGE = "page"
    REVIEW = "review"
    DONE = "done"


@dataclass(frozen=True)
class ReviewItem:
    page_id: str
    page_title: str
    path: str
    label: str
    text: str
    prefilled: bool
    locked: bool


@dataclass(frozen=True)
class DeclarationResult:
    procedure_code: str
    answers: dict
    pdf: bytes
    fees: list[FeeLine]
    expected: ExpectedDate
    dossier_code: str | None


@dataclass
class JourneyState:
    step: Step = Step.CATALOG
    query: str = ""
    procedure: Procedure | None = None
    session: FormSession | None = None
    page_id: str | None = None
    editing: bool = False            # came from the review page through a "Sửa" link
    errors: list[FieldError] = field(default_factory=list)
    result: DeclarationResult | None = None


class DeclarationJourney:
    def __init__(self, catalog: Catalog, identity: dict | None = None, *,
                 settings: FormsSettings | None = None, units: AdminUnits | None = None,
                 holidays: HolidayTable | None = None, hours: OpeningHours | None = None,
                 clock: Callable[[], dt.datetime] | None = None):
        """``hours``: the counters' opening hours; a dossier filed after the last period of
        the day (or on a closed day) counts as received on the next working day."""
        self.catalog = catalog
        self.identity = identity
        self.settings = settings or FormsSettings()
        self.units = units or AdminUnits.load(self.settings.admin_units_path)
        self.holidays = holidays or HolidayTable.load(self.settings.holidays_path)
        self.hours = hours
        self.clock = clock or centre_now
        self.state = JourneyState()

    # -- state ---------------------------------------------------------------------------
    @property
    def step(self) -> Step:
        return self.state.step

    @property
    def session(self) -> FormSession:
        assert self.state.session is not None, "no form started"
        return self.state.session

    def reset(self, identity: dict | None = None) -> None:
        """Forget the citizen (session end) and go back to the catalog."""
        self.identity = identity
        self.state = JourneyState()

    # -- catalog and procedure -------------------------------------------------------------
    def search(self, query: str):
        self.state.query = query
        return self.catalog.grouped(query)

    def choose(self, code: str) -> None:
        self.state.procedure = self.catalog.get(code)
        self.state.session = None
        self.state.step = Step.PROCEDURE

    @property
    def procedure(self) -> Procedure:
        assert self.state.procedure is not None, "no procedure chosen"
        return self.state.procedure

    def expected_date(self) -> ExpectedDate:
        p = self.procedure.processing
        now = self.clock().replace(tzinfo=None)
        cutoff = parse_cutoff(p.cutoff)
        if self.hours is not None:
            closing = self.hours.closes_for_the_day()
            cutoff = min(cutoff, closing) if cutoff is not None else closing
        return self.holidays.expected_date(now, p.working_days, cutoff)

    def received_later(self) -> dt.date | None:
        """The working day the dossier will count as received on, when that is not today
        (filed out of hours); None when it is received today."""
        expected = self.expected_date()
        return expected.received_counted if expected.received_counted != self.clock().date() else None

    def fees(self) -> list[FeeLine]:
        session = self.state.session or self._new_session()
        return compute_fees(session, self.settings.channel)

    def start(self) -> None:
        """Open the declaration at its first page (prefilled from the identity)."""
        self.state.session = self._new_session()
        self.state.page_id = self.session.pages()[0].id
        self.state.errors = []
        self.state.step = Step.PAGE

    def _new_session(self) -> FormSession:
        return FormSession(self.procedure, self.identity, option_lists=self.catalog.index.option_lists,
                           units=self.units, today=self.clock().date())

    # -- pages ----------------------------------------------------------------------------
    def pages(self) -> list[Page]:
        return self.session.pages()

    @property
    def page(self) -> Page:
        pages = self.pages()
        for p in pages:
            if p.id == self.state.page_id:
                return p
        # the page became irrelevant after an answer changed: nearest earlier one
        order = [p.id for p in self.session.form.pages]
        index = order.index(self.state.page_id)
        return next((p for p in reversed(pages) if order.index(p.id) < index), pages[0])

    def progress(self) -> tuple[int, int]:
        """(position, total) counting the review page as the last step."""
        pages = self.pages()
        total = len(pages) + 1
        if self.step is Step.REVIEW or self.step is Step.DONE:
            return total, total
        return [p.id for p in pages].index(self.page.id) + 1, total

    def next(self) -> list[FieldError]:
        """Check the page; move on only when it has no error (returned for the screen)."""
        errors = self.session.errors(self.page)
        self.state.errors = errors
        if errors:
            return errors
        pages = self.pages()
        index = [p.id for p in pages].index(self.page.id)
        if self.state.editing or index == len(pages) - 1:
            self.state.editing = False
            self.state.step = Step.REVIEW
        else:
            self.state.page_id = pages[index + 1].id
        return []

    def back(self) -> None:
        self.state.errors = []
        if self.step is Step.PROCEDURE:
            self.state.step = Step.CATALOG
        elif self.step is Step.PAGE:
            pages = self.pages()
            index = [p.id for p in pages].index(self.page.id)
            if self.state.editing:
                self.state.editing = False
                self.state.step = Step.REVIEW
            elif index == 0:
                self.state.step = Step.PROCEDURE
            else:
                self.state.page_id = pages[index - 1].id
        elif self.step is Step.REVIEW:
            self.state.page_id = self.pages()[-1].id
            self.state.step = Step.PAGE

    def edit(self, path: str) -> None:
        """A "Sửa" link on the review page: show the page of ``path``, then come back."""
        self.state.page_id = self.session.page_of(path).id
        self.state.editing = True
        self.state.errors = []
        self.state.step = Step.PAGE

    # -- review and submit -------------------------------------------------------------------
    def review_items(self, lang: str = "vi") -> list[ReviewItem]:
        s = self.session
        items = []
        for page in self.pages():
            title = page.title.get(lang)
            for f in s.visible_fields(page):
                if f.type is FieldType.NOTE:
                    continue
                if f.type is FieldType.REPEAT:
                    rows = s.rows(f.id)
                    lines = ["; ".join(t for t in (display(s, f"{f.id}[{i}].{c.id}", lang) for c in f.fields) if t)
                             for i in range(len(rows))]
                    text = "\n".join(f"{i + 1}. {line}" for i, line in enumerate(lines))
                else:
                    text = display(s, f.id, lang)
                items.append(ReviewItem(page.id, title, f.id, f.label.get(lang), text,
                                        f.id in s.prefilled, s.is_locked(f.id)))
        return items

    def review(self) -> list[FieldError]:
        """Go to the review page if the whole declaration is complete."""
        errors = self.session.errors()
        self.state.errors = errors
        if errors:
            self.state.page_id = self.session.page_of(errors[0].path).id
            self.state.step = Step.PAGE
        else:
            self.state.step = Step.REVIEW
        return errors

    def submit(self, dossier_code: str | None = None) -> DeclarationResult:
        """Freeze the answers, render the PDF, compute fees and the expected date."""
        errors = self.session.errors()
        if errors:
            self.state.errors = errors
            raise IncompleteDeclaration(errors)
        now = self.clock()
        answers = answers_json(self.session, created=now)
        if dossier_code:
            answers["dossier_code"] = dossier_code
        pdf = render_declaration(self.session, dossier_code=dossier_code, place=self.settings.place_name,
                                 when=now, font_dir=self.settings.font_dir)
        result = DeclarationResult(self.procedure.code, answers, pdf, self.fees(),
                                   self.expected_date(), dossier_code)
        self.state.result = result
        self.state.step = Step.DONE
        return result


class IncompleteDeclaration(Exception):
    def __init__(self, errors: list[FieldError]):
        super().__init__(f"{len(errors)} answer(s) missing or invalid: {[e.path for e in errors]}")
        self.errors = errors
        self.vi = "Tờ khai còn thiếu thông tin. Xin kiểm tra các mục được đánh dấu."
        self.en = "The declaration is incomplete. Please check the marked items."
