"""Issue 9 item 6: ``kiosk provision`` against a real central on loopback."""
from __future__ import annotations

import stat

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk import config as config_mod
from kiosk.cli import main
from sync.central.models import EnrollmentToken, Kiosk
from sync.client import CentralClient
from sync.credentials import load_credentials
from tests.sync.conftest import AGENCY, issue_token



def run(tmp_path, monkeypatch, central_url, token, *extra) -> int:
    monkeypatch.setenv("KIOSK__KIOSK__KEY_FILE", str(tmp_path / "keys" / "store.key"))
    monkeypatch.setenv("KIOSK__KIOSK__DATA_DIR", str(tmp_path / "data"))
    return main(["provision", "--central", central_url, "--enroll-token", token,
                 "--kiosk-id", "kiosk-07", "--agency", AGENCY,
                 "--config", str(tmp_path / "kiosk.toml"), *extra])


def test_provision_writes_the_config_registers_and_keeps_no_token(central, tmp_path,
                                                                   monkeypatch, capsys):
    token = issue_token(central, "kiosk-07")
    assert run(tmp_path, monkeypatch, central.url, token, "--dev-insecure-http") == 0
    assert "kiosk-07 registered" in capsys.readouterr().out
    text = (tmp_path / "kiosk.toml").read_text()
    assert token not in text and "enrollment_token" not in text
    config = config_mod.load(tmp_path / "kiosk.toml")
    assert (config.kiosk.id, config.sync.central_url, config.sync.dev_insecure_http) == (
        "kiosk-07", central.url, True)
    cred_path = tmp_path / "keys" / "sync-credentials.json"
    assert stat.S_IMODE(cred_path.stat().st_mode) == 0o600
    assert token not in cred_path.read_text()
    creds = load_credentials(cred_path)
    kiosk = CentralClient(central.url, "kiosk-07", creds.secret, allow_http=True)
    kiosk.heartbeat(queue_depth=0)  # the central knows the kiosk by these credentials
    with Session(central.engine) as s:
        assert s.get(Kiosk, "kiosk-07").agency_id == AGENCY
    # idempotent: run again (even with the spent token) and nothing changes
    assert run(tmp_path, monkeypatch, central.url, token, "--dev-insecure-http") == 0
    assert "already registered" in capsys.readouterr().out
    assert load_credentials(cred_path) == creds
    assert (tmp_path / "kiosk.toml").read_text() == text


def test_every_token_the_central_issues_is_taken_by_the_kiosks_command_line(central):
    # a base64url token starting with "-" was taken for an option: "--enroll-token: expected
    # one argument" (one token in 64; found by a clean-clone run)
    from kiosk.cli import build_parser

    parser = build_parser()
    for _ in range(400):  # the old tokens: ~99.8% chance that one of 400 starts with "-"
        token = issue_token(central, "kiosk-07")
        args = parser.parse_args(["provision", "--central", central.url, "--enroll-token", token,
                                  "--kiosk-id", "kiosk-07", "--agency", AGENCY])
        assert args.enroll_token == token


def test_provision_removes_an_old_token_from_an_existing_config(central, tmp_path, monkeypatch):
    from kiosk.provisioning import set_keys

    # a configuration of the time when the kiosk kept a reusable token
    old = set_keys(config_mod.EXAMPLE.read_text(), "sync", {"enrollment_token": "an-old-reusable-token"})
    (tmp_path / "kiosk.toml").write_text(old)
    token = issue_token(central, "kiosk-07")
    assert run(tmp_path, monkeypatch, central.url, token, "--dev-insecure-http") == 0
    text = (tmp_path / "kiosk.toml").read_text()
    assert "an-old-reusable-token" not in text and "enrollment_token" not in text
    assert "# the central one-stop system; empty = work offline" in text  # comments stay
    assert 'id = "kiosk-07"' in text


def test_provision_refuses_plain_http_without_the_development_flag(central, tmp_path,
                                                                    monkeypatch, capsys):
    token = issue_token(central, "kiosk-07")
    assert run(tmp_path, monkeypatch, central.url, token) == 1
    assert "https" in capsys.readouterr().err
    assert not (tmp_path / "kiosk.toml").exists()
    assert not (tmp_path / "keys" / "sync-credentials.json").exists()
    with Session(central.engine) as s:  # nothing was sent: the token is still unspent
        assert s.scalars(select(EnrollmentToken.used_at)).one() is None


def test_a_refused_token_leaves_nothing_behind(central, tmp_path, monkeypatch, capsys):
    assert run(tmp_path, monkeypatch, central.url, "not-a-token", "--dev-insecure-http") == 1
    assert "not provisioned" in capsys.readouterr().err
    assert not (tmp_path / "kiosk.toml").exists()
    assert not (tmp_path / "keys" / "sync-credentials.json").exists()
