"""The device pages' tests, Qt-free, on the simulated cameras and the ESC/POS emulator."""
from __future__ import annotations

from kiosk.config import load
from kiosk.diagnostics import DiagEnv
from kiosk.diagnostics.device_tests import capture_test, print_test_page, qr_test, self_test_report


def _env(write_config, printer_emulator) -> DiagEnv:
    return DiagEnv(load(write_config(printer_emulator.uri), environ={}))


def test_capture_gives_the_outline_and_the_quality_verdicts(write_config, printer_emulator):
    outcome = capture_test(_env(write_config, printer_emulator))
    assert outcome.details["page_found"] is True
    assert outcome.ok == (outcome.details["issues"] == [])
    assert outcome.image is not None and outcome.image.shape[1] > 1000


def test_an_id_card_qr_is_named_never_shown(write_config, printer_emulator):
    from devices.sim.citizen import SyntheticCitizen

    env = _env(write_config, printer_emulator)  # the simulated tray: an empty tray, then the card
    outcome = qr_test(env, seconds=30)
    assert outcome.ok and "thẻ căn cước" in outcome.vi
    assert SyntheticCitizen().id_number not in outcome.vi + outcome.en + repr(outcome.details)


def test_a_printer_pulled_out_fails_the_test_print_plainly(write_config, printer_emulator):
    env = _env(write_config, printer_emulator)
    printer_emulator.stop()
    outcome = print_test_page(env.config)
    assert not outcome.ok and outcome.vi.startswith("Không in được trang thử")


def test_the_self_test_report_is_printed(write_config, printer_emulator):
    from kiosk.diagnostics import run_checks

    env = _env(write_config, printer_emulator)
    results = run_checks(env, ["printer", "software"])
    assert self_test_report(env.config, results).ok
    assert len(printer_emulator.wait_for_jobs(1)) == 1


def test_refused_dossiers_are_exported_for_the_counter_without_personal_data(write_config, printer_emulator,
                                                                             open_kiosk_store):
    import csv

    from kiosk.diagnostics.device_tests import export_parked

    from sqlalchemy import update

    from sync.store.models_sync import OutboxItem
    from tests.sync.conftest import kiosk_settings, queue_dossier

    config = load(write_config(printer_emulator.uri), environ={})
    store = open_kiosk_store(config)
    refused = queue_dossier(store, kiosk_settings(config.kiosk.resolved_data_dir(), "http://127.0.0.1:9"))
    queue_dossier(store, kiosk_settings(config.kiosk.resolved_data_dir(), "http://127.0.0.1:9"))  # still waiting
    with store.session() as s:
        s.execute(update(OutboxItem).where(OutboxItem.id == 1)
                  .values(state="failed", attempts=1, last_error="422 procedure_unknown"))
    outcome = export_parked(DiagEnv(config, store))
    with open(outcome.details["file"], encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["ma_ho_so", "thu_tuc", "tiep_nhan", "so_lan_gui", "ly_do"]
    assert [(r[0], r[3], r[4]) for r in rows[1:]] == [(refused.code, "1", "422 procedure_unknown")]
    assert outcome.ok and "Đã xuất 1 hồ sơ" in outcome.vi


def test_the_test_sentence_is_played_or_says_why_not(write_config, printer_emulator):
    """Real espeak-ng and the real player: on a kiosk the technician hears the sentence; on a
    machine without a sound card (CI, this one) the player's own error is on the page."""
    from kiosk.diagnostics.device_checks import sound_cards
    from kiosk.diagnostics.device_tests import sound_test

    config = _env(write_config, printer_emulator).config
    outcome = sound_test(config)
    # the length of the speech espeak-ng rendered (frames / rate), not a time taken: the
    # whole sentence, whatever the machine's speed
    assert 1.5 < outcome.details["seconds"] < 10
    if sound_cards():
        assert outcome.ok, outcome.details
    else:
        assert not outcome.ok and outcome.vi == "Không phát được âm thanh" and outcome.details["error"]
    config.voice.player = "none"
    assert sound_test(config).en == "No sound player installed"
