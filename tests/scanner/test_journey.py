"""The papers journey driven as the screens drive it, with the simulator and the real store."""
from __future__ import annotations

import hashlib
import io

import pikepdf
import pytest

from devices.scanner.capture import SimulatedCamera
from devices.scanner.errors import NoPageFound
from devices.scanner.imageio import load_image
from devices.scanner.settings import ScannerSettings
from kiosk.journeys.papers import (PapersJourney, Status, Step, papers_from_config,
                                   papers_from_procedure)
from sync.store import open_store
from devices.ocr.cer import cer
from tests.scanner.conftest import picture, truth

PAPERS = [{"vi": "Giấy chứng sinh", "en": "Birth certificate from the hospital"},
          {"vi": "Giấy tờ chứng minh nơi cư trú", "en": "Proof of residence", "required": False}]


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data" / "kiosk.db", tmp_path / "keys" / "kiosk.key")


@pytest.fixture(scope="module")
def prepared():
    """Stills already flattened (the worker's part), shared to keep OCR work small."""
    return {name: PapersJourney.prepare_still(load_image(picture(name)))
            for name in ("cam_angle", "cam_skew", "cam_straight")}


def _steady_until_capture(journey: PapersJourney, camera: SimulatedCamera) -> int:
    for frame_number in range(60):
        view = journey.preview(camera.preview(), frame_number / 25)
        if view.capture_now:
            return frame_number
    raise AssertionError("auto-capture never fired")


def test_checklist_to_searchable_encrypted_pdf(store, prepared):
    settings = ScannerSettings(steady_seconds=0.3)
    journey = PapersJourney(papers_from_config(PAPERS), files=store.files, settings=settings)
    assert journey.step is Step.CHECKLIST and not journey.complete
    journey.open(0)
    assert journey.step is Step.CAPTURE
    camera = SimulatedCamera([picture("cam_angle")], settle_frames=5)
    camera.open()
    view = journey.preview(camera.preview(), 0.0)
    assert view.detection is not None and not view.capture_now  # "Giữ yên giấy…"
    assert _steady_until_capture(journey, camera) > 5
    journey.add_page(prepared["cam_angle"])
    assert journey.step is Step.REVIEW and journey.item.status is Status.REVIEW

    job = journey.accept()
    assert journey.step is Step.CHECKLIST and journey.items[0].status is Status.PROCESSING
    progress = []
    result = job(progress=progress.append)  # what run_task does in a worker
    journey.digitized(0, result)
    assert progress == [(0, 1, 1)]
    assert journey.complete  # the optional paper may stay unscanned
    [kept] = journey.results()
    pdf = store.files.get(kept.file)  # encrypted at rest, decrypted here
    assert hashlib.sha256(pdf).hexdigest() == kept.metadata["sha256"]
    assert kept.metadata["page_count"] == 1 and kept.metadata["searchable"]
    assert cer(kept.text, truth("cam_angle")) <= 0.05
    raw = next((store.files.root).glob("*/*.bin")).read_bytes()
    assert b"%PDF" not in raw  # nothing readable on disk
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.open_metadata()["dc:title"] == "Giấy chứng sinh"


def test_review_retake_delete_reorder_and_add_page(store, prepared):
    journey = PapersJourney(papers_from_config(PAPERS), files=store.files)
    journey.open(1)
    journey.add_page(prepared["cam_angle"])
    journey.add_another_page()
    assert journey.step is Step.CAPTURE
    journey.add_page(prepared["cam_skew"])
    assert journey.item.pages == [prepared["cam_angle"], prepared["cam_skew"]]
    journey.move_page(1, 0)
    assert journey.item.pages == [prepared["cam_skew"], prepared["cam_angle"]]
    journey.retake(1)
    journey.add_page(prepared["cam_straight"])  # replaces page 2, not appended
    assert journey.item.pages == [prepared["cam_skew"], prepared["cam_straight"]]
    journey.delete_page(0)
    journey.delete_page(0)
    assert journey.step is Step.CAPTURE and journey.item.status is Status.TODO


def test_a_still_with_no_page_keeps_the_citizen_on_the_live_view(store):
    journey = PapersJourney(papers_from_config(PAPERS), files=store.files)
    journey.open(0)
    with pytest.raises(NoPageFound) as caught:
        PapersJourney.prepare_still(load_image(picture("no_page")))
    journey.capture_failed(caught.value)
    assert journey.step is Step.CAPTURE
    assert "Không thấy trang giấy" in journey.item.problem[0]


def test_required_papers_cannot_be_skipped_and_block_completion(store):
    journey = PapersJourney(papers_from_config(PAPERS), files=store.files)
    with pytest.raises(ValueError):
        journey.skip(0)
    journey.skip(1)
    assert journey.items[1].status is Status.SKIPPED and not journey.complete
    with pytest.raises(RuntimeError):
        journey.results()


def test_without_tesseract_the_paper_is_kept_as_pictures_and_says_so(store, prepared):
    settings = ScannerSettings(tesseract_command="no-such-tesseract")
    journey = PapersJourney(papers_from_config(PAPERS[:1]), files=store.files, settings=settings)
    journey.open(0)
    journey.add_page(prepared["cam_straight"])
    journey.digitized(0, journey.accept()())
    [kept] = journey.results()
    assert kept.metadata["searchable"] is False and kept.text == ""
    assert "ảnh các trang vẫn được giữ lại" in journey.items[0].problem[0]
    assert store.files.get(kept.file).startswith(b"%PDF")


def test_a_store_failure_keeps_the_pages_for_a_retry(prepared):
    class FullDisk:
        def put(self, data: bytes):
            raise OSError(28, "No space left on device")

    journey = PapersJourney(papers_from_config(PAPERS[:1]), files=FullDisk(),
                            settings=ScannerSettings(tesseract_command="no-such-tesseract"))
    journey.open(0)
    journey.add_page(prepared["cam_straight"])
    job = journey.accept()
    with pytest.raises(OSError) as caught:
        job()
    journey.digitize_failed(0, caught.value)
    assert journey.items[0].status is Status.REVIEW and journey.items[0].pages
    assert journey.items[0].problem[0]  # generic words, no errno text for the citizen


def test_papers_come_from_the_catalog_when_it_has_them():
    from forms.schema import Paper, Text

    class Procedure:  # only the field the journey reads
        papers = [Paper(name=Text(vi="Tờ khai", en="Declaration"), scannable=False),
                  Paper(name=Text(vi="Bản sao giấy khai sinh", en="Copy of the birth certificate")),
                  Paper(name=Text(vi="Giấy ủy quyền", en="Authorisation"), required="by_proxy")]

    papers = papers_from_procedure(Procedure())
    assert [(p.name_vi, p.required) for p in papers] == [
        ("Bản sao giấy khai sinh", True), ("Giấy ủy quyền", False)]


def test_live_view_says_too_dark_rather_than_no_page(store):
    journey = PapersJourney(papers_from_config(PAPERS), files=store.files)
    journey.open(0)
    dark = journey.preview(load_image(picture("bad_dark")), 0.0)
    empty = journey.preview(load_image(picture("no_page")), 0.1)
    assert dark.hint.code == "dark" and "tối" in dark.hint.vi and not dark.capture_now
    assert empty.hint.code == "no_page" and not empty.capture_now


def test_looking_again_at_a_done_paper_loses_nothing_and_a_rescan_replaces_it(store, prepared):
    journey = PapersJourney(papers_from_config(PAPERS[:1]), files=store.files,
                            settings=ScannerSettings(tesseract_command="no-such-tesseract"))
    journey.open(0)
    journey.add_page(prepared["cam_straight"])
    journey.digitized(0, journey.accept()())
    kept = journey.items[0].result
    assert journey.items[0].pages == []  # pictures let go once the PDF is stored
    journey.open(0)  # "Quét lại"…
    assert journey.step is Step.CAPTURE
    journey.cancel_capture()  # …changed their mind
    assert journey.items[0].status is Status.DONE and journey.items[0].result is kept
    assert journey.superseded == [] and journey.complete
    journey.open(0)
    journey.add_page(prepared["cam_skew"])  # a new picture: the old PDF is to be deleted
    assert journey.superseded == [kept.file] and journey.items[0].result is None
    assert not journey.complete
