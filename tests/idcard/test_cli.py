"""The ``kiosk card`` and ``kiosk qr`` commands, run as a technician would."""
from __future__ import annotations

import json
from pathlib import Path

from kiosk.cli import main

FRAMES = Path(__file__).resolve().parents[2] / "bench" / "data" / "qr_frames"


def test_parse_qr_prints_the_identity_and_the_can(capsys, citizen):
    assert main(["card", "parse-qr", citizen.qr_payload(trailing_fields=3)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["full_name"] == "Nguyễn Thị Ánh Dương" and out["can"] == "001234"
    assert out["expiry_by_renewal_age"] == "2036-03-14"


def test_parse_qr_refuses_a_non_card_payload_in_both_languages(capsys):
    assert main(["card", "parse-qr", "https://dichvucong.gov.vn"]) == 2
    err = json.loads(capsys.readouterr().err)
    assert err["vi"].startswith("Mã QR") and err["en"]


def test_qr_decode_reports_each_image(capsys):
    truth = json.loads((FRAMES / "truth.json").read_text())
    card, empty = "frame_000.jpg", "frame_039.jpg"
    assert main(["qr", "decode", str(FRAMES / card), str(FRAMES / empty)]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out[0]["codes"] == [{"payload": truth[card], "kind": "id_card"}]
    assert out[1]["codes"] == []


def test_card_read_through_the_emulator(capsys, pcsc_stack, citizen, tmp_path):
    photo = tmp_path / "face.png"
    assert main(["card", "read", "--emulator", "--qr", citizen.qr_payload(),
                 "--photo", str(photo)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["identity"]["id_number"] == citizen.id_number
    assert out["access"] == "PACE" and out["passive_authentication"]["status"] == "verified_csca"
    assert out["apdus"] > 10 and out["timings_ms"]["total"] > 0
    assert photo.read_bytes().startswith(b"\x89PNG")


def test_card_read_with_a_wrong_mrz_key_fails_cleanly(capsys, pcsc_stack):
    assert main(["card", "read", "--emulator", "--mrz-key", "123456789,900101,300101",
                 "--no-photo"]) == 1
    err = json.loads(capsys.readouterr().err)
    assert err["error"] == "AccessDeniedError" and err["vi"]


def test_card_read_on_a_named_reader_with_bac_from_the_mrz(capsys, card_on_reader, citizen,
                                                          master_list_dir):
    from devices.sim.card import Faults

    _, reader = card_on_reader(citizen, Faults(no_pace=True))
    mrz = citizen.mrz.split("\n")
    key = f"{mrz[0][5:14]},{mrz[1][0:6]},{mrz[1][8:14]}"
    assert main(["card", "read", "--reader", reader, "--mrz-key", key, "--no-photo",
                 "--master-list", str(master_list_dir)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["access"] == "BAC" and out["reader"] == reader
    assert out["passive_authentication"]["status"] == "verified_csca"
    assert out["identity"]["has_photo"] is False
