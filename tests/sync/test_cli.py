"""``kiosk sync status|run|retry`` and ``kiosk central serve`` as staff use them."""
from __future__ import annotations

import json

from kiosk.cli import main
from sync.store.models_dossier import Dossier
from tests.sync.conftest import ROOT, kiosk_settings, provision, queue_dossier


def configure(monkeypatch, tmp_path, url: str) -> str:
    """The shipped example configuration, pointed at this test's store and central."""
    for key, value in {"KIOSK__DATA_DIR": tmp_path / "kiosk",
                       "KIOSK__KEY_FILE": tmp_path / "keys" / "store.key",
                       "SYNC__CENTRAL_URL": url, "SYNC__DEV_INSECURE_HTTP": "true",
                       "SYNC__CREDENTIALS_PATH": tmp_path / "cred.json"}.items():
        monkeypatch.setenv("KIOSK__" + key, str(value))
    return str(ROOT / "kiosk" / "config.example.toml")


def test_status_run_and_retry_over_the_command_line(central, kiosk_store, tmp_path, capsys,
                                                     monkeypatch):
    config = configure(monkeypatch, tmp_path, central.url)
    settings = provision(central, kiosk_settings(tmp_path, central.url,
                                                 credentials_path=str(tmp_path / "cred.json")))
    good = queue_dossier(kiosk_store, settings)
    bad = queue_dossier(kiosk_store, settings)
    with kiosk_store.session() as s:
        s.get(Dossier, bad.dossier_id).procedure_code = "bad"
    assert main(["sync", "--config", config, "status"]) == 0
    assert "pending:      2" in capsys.readouterr().out
    assert main(["sync", "--config", config, "run"]) == 1  # one was refused
    capsys.readouterr()
    assert main(["sync", "--config", config, "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert (status["delivered"], status["failed"], status["pending"]) == (1, 1, 0)
    assert status["failing_items"][0]["dossier_code"] == bad.code
    assert status["last_success_at"]
    with kiosk_store.session() as s:
        s.get(Dossier, bad.dossier_id).procedure_code = "1.004222"
    assert main(["sync", "--config", config, "retry", bad.code]) == 0
    assert main(["sync", "--config", config, "run", "--until-empty", "--timeout", "20"]) == 0
    assert "pending now: 0" in capsys.readouterr().out
    assert main(["sync", "--config", config, "retry", "no-such-code"]) == 1
    assert good.code != bad.code
