"""The papers journey: the checklist of a procedure's papers, each scanned, checked, digitized.

Plain Python (no Qt): the screens in ``kiosk/screens/papers`` render ``PapersJourney`` and
call its events; every rule runs in a unit test. Heavy work is handed out as plain callables
(``prepare_still``, ``digitize_job``) for the screen to run through ``kiosk.tasks.run_task``:
the journey itself never blocks, and OCR of one paper runs while the citizen scans the next.

Use::

    journey = PapersJourney(papers_from_procedure(procedure), files=store.files)
    journey.open(0)                               # checklist → capture
    view = journey.preview(frame, now)            # each preview frame; view.capture_now
    page = PapersJourney.prepare_still(still)     # in a worker
    journey.add_page(page)                        # → review
    journey.retake(0) / delete_page(0) / move_page(0, 1) / add_another_page()
    job = journey.accept()                        # review → checklist; run job in a worker
    journey.digitized(index, job())               # or journey.digitize_failed(index, exc)
    journey.results()                             # [PaperResult] once complete
"""
from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from devices.ocr.digitize import DigitizedPaper, OcrOptions, digitize
from devices.scanner.autocapture import CaptureState, SteadyCapture
from devices.scanner.detect import PageDetection, detect_page
from devices.scanner.pipeline import PreparedPage, Source, prepare_page
from devices.scanner.quality import MIN_PREVIEW_BRIGHTNESS, QualityIssue, assess, issue
from devices.scanner.settings import ScannerSettings
from kiosk.messages import user_text


class FileSink(Protocol):
    """Where finished PDFs go: ``sync.store``'s encrypted ``store.files`` in the kiosk."""

    def put(self, data: bytes) -> Any: ...
    def delete(self, ref: Any) -> None: ...


@dataclass(frozen=True)
class RequiredPaper:
    code: str  # stable within the procedure: "p1", or the catalog's paper code
    name_vi: str
    name_en: str
    required: bool = True
    note_vi: str = ""
    note_en: str = ""

    def name(self, lang: str) -> str:
        return self.name_vi if lang == "vi" else self.name_en


def papers_from_procedure(procedure: Any) -> list[RequiredPaper]:
    """The scannable papers of a ``forms.schema.Procedure`` (conditional ones count as
    optional: the declaration decides them, the citizen may still bring them)."""
    papers = []
    for index, paper in enumerate(getattr(procedure, "papers", []) or []):
        if not getattr(paper, "scannable", True):
            continue
        note = getattr(paper, "note", None)
        papers.append(RequiredPaper(
            code=f"p{index + 1}", name_vi=paper.name.vi, name_en=paper.name.en,
            required=paper.required is True,
            note_vi=note.vi if note else "", note_en=note.en if note else ""))
    return papers


def papers_from_config(items: Iterable[dict]) -> list[RequiredPaper]:
    """A configured list (until the catalog names the papers): dicts with ``vi``, ``en``,
    optional ``code`` and ``required``."""
    return [RequiredPaper(code=str(item.get("code") or f"p{index + 1}"), name_vi=item["vi"],
                          name_en=item["en"], required=bool(item.get("required", True)))
            for index, item in enumerate(items)]


class Step(enum.Enum):
    CHECKLIST = "checklist"
    CAPTURE = "capture"
    REVIEW = "review"


class Status(enum.Enum):
    TODO = "todo"
    REVIEW = "review"  # pages taken, not yet accepted
    PROCESSING = "processing"  # OCR and PDF in the background
    DONE = "done"
    SKIPPED = "skipped"  # an optional paper the citizen does not have


@dataclass
class PaperResult:
    """What the dossier keeps of one paper: the encrypted PDF's reference and its record."""

    code: str
    name_vi: str
    name_en: str
    file: Any  # the FileSink's reference (sync.store FileRef)
    metadata: dict  # sha256, page_count, dpi, size, searchable, pages[]
    text: str  # OCR text for search (personal data: store it encrypted, never log it)
    ocr_problem: tuple[str, str] | None = None  # (vi, en) when the PDF holds pictures only


@dataclass
class PaperItem:
    paper: RequiredPaper
    status: Status = Status.TODO
    pages: list[PreparedPage] = field(default_factory=list)
    progress: tuple[int, int] = (0, 0)  # pages read / pages, while processing
    result: PaperResult | None = None
    problem: tuple[str, str] | None = None  # last error to show (vi, en)


@dataclass(frozen=True)
class PreviewView:
    """What the live view shows for one frame."""

    detection: PageDetection | None
    state: CaptureState
    hold_progress: float  # 0–1 while "Giữ yên giấy…"
    hint: QualityIssue | None  # the first thing to fix, if any
    capture_now: bool  # auto-capture fired: take the still


class PapersJourney:
    def __init__(self, papers: list[RequiredPaper], *, files: FileSink,
                 settings: ScannerSettings | None = None, source: Source = "camera",
                 title_prefix: str = "") -> None:
        """``title_prefix`` (e.g. the procedure's name) heads each PDF's title:
        "<prefix> — <paper name>"."""
        self.settings = settings or ScannerSettings()
        self.items = [PaperItem(paper) for paper in papers]
        self.files = files
        self.source = source
        self.title_prefix = title_prefix
        self.step = Step.CHECKLIST
        self.current: int | None = None
        self.retaking: int | None = None  # page index being replaced
        self.superseded: list[Any] = []  # stored PDFs replaced by a rescan: to delete
        self.steady = SteadyCapture(self.settings.steady_tolerance, self.settings.steady_seconds)

    # ---- checklist -------------------------------------------------------------------
    @property
    def item(self) -> PaperItem:
        if self.current is None:
            raise RuntimeError("no paper is open")
        return self.items[self.current]

    def open(self, index: int) -> None:
        """Tap on a paper: review the pages taken so far, or capture (again). A paper already
        done keeps its PDF until its pages actually change: backing out loses nothing."""
        item = self.items[index]
        if item.status is Status.PROCESSING:
            return  # its PDF is being made; it opens again when done
        self.current, self.retaking = index, None
        if item.status is Status.SKIPPED:
            item.status = Status.TODO
        self._go(Step.REVIEW if item.pages else Step.CAPTURE)

    def _pages_changed(self, item: PaperItem) -> None:
        """The pages no longer match the kept PDF: it will be replaced, so let it go."""
        if item.result is not None:
            self.superseded.append(item.result.file)
            item.result = None
        item.status, item.problem = (Status.REVIEW if item.pages else Status.TODO), None

    def skip(self, index: int) -> None:
        if self.items[index].paper.required:
            raise ValueError("a required paper cannot be skipped")
        self.items[index].status = Status.SKIPPED

    def back_to_checklist(self) -> None:
        if self.current is not None:
            item = self.item
            if item.result is not None:
                item.status = Status.DONE  # looked at, not changed
            elif item.pages and item.status is Status.TODO:
                item.status = Status.REVIEW
        self.current, self.retaking = None, None
        self.step = Step.CHECKLIST

    @property
    def complete(self) -> bool:
        return all(item.status is Status.DONE or (item.status is Status.SKIPPED)
                   or (not item.paper.required and item.status is Status.TODO)
                   for item in self.items)

    def stored_files(self) -> list[Any]:
        """Every PDF this journey put in the store and still holds (to delete on a wipe)."""
        return [item.result.file for item in self.items if item.result is not None]

    def results(self) -> list[PaperResult]:
        if not self.complete:
            raise RuntimeError("papers still to scan or being processed")
        return [item.result for item in self.items if item.result is not None]

    # ---- capture -----------------------------------------------------------------------
    def _go(self, step: Step) -> None:
        self.step = step
        if step is Step.CAPTURE:
            self.steady.reset()

    def preview(self, frame: np.ndarray, now: float) -> PreviewView:
        """One live frame: outline, steadiness, and whether to take the still now."""
        detection = detect_page(frame)
        state = self.steady.update(detection, now)
        hint = None
        if detection is None:
            hint = assess(frame, None)[0]  # "too dark" when it is, else "no page"
        elif detection.touches_border:
            hint = issue("cut_off")
        elif detection.brightness < MIN_PREVIEW_BRIGHTNESS:
            hint = issue("dark", detection.brightness)
        elif state is CaptureState.SEARCHING:
            hint = issue("too_small", detection.area_fraction)
        return PreviewView(detection, state, self.steady.progress, hint,
                           capture_now=state is CaptureState.CAPTURE)

    @staticmethod
    def prepare_still(still: np.ndarray, source: Source = "camera", scan_dpi: float = 300.0,
                      settings: ScannerSettings | None = None) -> PreparedPage:
        """Heavy (~0.3 s): flatten, straighten and judge a still. Run it in a worker.
        ``scan_dpi``: the flatbed's resolution; a camera page is drawn at its paper size and
        ``settings.page_dpi``, its shape found with ``settings.camera_focal_35mm`` when set."""
        settings = settings or ScannerSettings()
        return prepare_page(still, source, scan_dpi=scan_dpi, page_dpi=settings.page_dpi,
                            focal_35mm=settings.camera_focal_35mm or None)

    def add_page(self, page: PreparedPage) -> None:
        """A prepared still arrives: it replaces the page being retaken or is appended."""
        item = self.item
        if self.retaking is not None and self.retaking < len(item.pages):
            item.pages[self.retaking] = page
        else:
            item.pages.append(page)
        self.retaking = None
        self._pages_changed(item)
        self._go(Step.REVIEW)

    def capture_failed(self, exc: BaseException) -> None:
        """No page in the still, a camera fault…: stay on the live view with the words."""
        self.item.problem = (user_text(exc, "vi"), user_text(exc, "en"))
        self._go(Step.CAPTURE)

    def cancel_capture(self) -> None:
        """"Quay lại" on the live view: back to the pages already taken, else the checklist."""
        self.retaking = None
        if self.item.pages:
            self.step = Step.REVIEW
        else:
            self.back_to_checklist()

    # ---- review ------------------------------------------------------------------------
    def retake(self, page_index: int) -> None:
        self.retaking = page_index
        self._go(Step.CAPTURE)

    def add_another_page(self) -> None:
        self.retaking = None
        self._go(Step.CAPTURE)

    def delete_page(self, page_index: int) -> None:
        del self.item.pages[page_index]
        self._pages_changed(self.item)
        if not self.item.pages:
            self._go(Step.CAPTURE)

    def move_page(self, page_index: int, new_index: int) -> None:
        pages = self.item.pages
        new_index = max(0, min(new_index, len(pages) - 1))
        if new_index != page_index:
            pages.insert(new_index, pages.pop(page_index))
            self._pages_changed(self.item)

    def accept(self) -> Callable[..., PaperResult]:
        """The citizen confirms the pages: back to the checklist; returns the job that makes
        the PDF/A (run it in a worker, then call ``digitized`` or ``digitize_failed``)."""
        index, item = self.current, self.item
        if not item.pages:
            raise ValueError("no page to keep")
        self._pages_changed(item)  # accepted again: the new PDF replaces the old one
        item.status, item.progress = Status.PROCESSING, (0, len(item.pages))
        job = self.digitize_job(index)
        self.back_to_checklist()
        return job

    def digitize_job(self, index: int) -> Callable[..., PaperResult]:
        item, settings, files = self.items[index], self.settings, self.files
        pages, paper = list(item.pages), item.paper
        title = f"{self.title_prefix} — {paper.name_vi}" if self.title_prefix else paper.name_vi
        options = OcrOptions(langs=settings.ocr_languages, psm=settings.ocr_psm,
                             timeout_s=settings.ocr_timeout_s, command=settings.tesseract_command)

        def job(progress: Callable[[Any], None] | None = None) -> PaperResult:
            done: DigitizedPaper = digitize(
                pages, title, ocr=options, mode=settings.colour_mode,
                budget_bytes=settings.page_budget_kb * 1000,
                on_progress=(lambda n, total: progress((index, n, total))) if progress else None)
            ref = files.put(done.pdf)
            problem = ((done.ocr_error.vi, done.ocr_error.en) if done.ocr_error else None)
            return PaperResult(paper.code, paper.name_vi, paper.name_en, ref, done.metadata(),
                               done.text, problem)
        return job

    def progress(self, index: int, done: int, total: int) -> None:
        self.items[index].progress = (done, total)

    def digitized(self, index: int, result: PaperResult) -> None:
        """The PDF is stored: the page pictures are let go (memory, and personal data held
        once, encrypted). "Quét lại" starts a fresh capture; the PDF stays until replaced."""
        item = self.items[index]
        item.result, item.status, item.problem = result, Status.DONE, result.ocr_problem
        item.pages = []

    def digitize_failed(self, index: int, exc: BaseException) -> None:
        """The PDF could not be made (disk full, store error): pages are kept for a retry."""
        item = self.items[index]
        item.status = Status.REVIEW
        item.problem = (user_text(exc, "vi"), user_text(exc, "en"))
