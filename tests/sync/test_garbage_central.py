"""A central (or something in its place) that answers garbage: clear errors, nothing lost."""
from __future__ import annotations

import json

import pytest

from sync.errors import TransientError
from sync.state import sync_status
from sync.testing.fake_central import FakeCentral
from sync.worker import SyncWorker
from tests.sync.conftest import kiosk_settings, queue_dossier

ANSWERS = {
    "html": (200, "text/html", b"<html><body>Captive portal</body></html>"),
    "wrong_types": (201, "application/json",
                    json.dumps({"dossier_id": 7, "code": None, "status": "ok",
                                "committed": "yes", "attachments": {}}).encode()),
    "empty": (200, "application/json", b""),
    "proxy_404": (404, "text/html", b"<h1>Not Found</h1>"),
}


@pytest.fixture
def garbage_server():
    mode = {"answer": "html"}

    def answer(path, headers, body):
        status, ctype, payload = ANSWERS[mode["answer"]]
        return status, {"Content-Type": ctype}, payload

    server = FakeCentral(answer)
    yield server.url, mode
    server.close()


@pytest.mark.parametrize("answer", list(ANSWERS))
def test_garbage_answers_keep_the_dossier_queued_with_a_clear_reason(garbage_server, kiosk_store,
                                                                     tmp_path, answer):
    url, mode = garbage_server
    mode["answer"] = answer
    settings = kiosk_settings(tmp_path, url, backoff_base_s=60, backoff_max_s=60)
    (tmp_path / "cred-kiosk-01.json").write_text('{"kiosk_id": "kiosk-01", "secret": "0011"}')
    queue_dossier(kiosk_store, settings, [b"scan"])
    worker = SyncWorker(kiosk_store, settings)
    with pytest.raises(TransientError) as err:
        worker.client.secret = b"\x00\x11"
        worker.client.submit("a" * 32, b"{}")
    assert "contract" in str(err.value) or "no error code" in str(err.value)
    result = worker.run_once()
    assert (result["delivered"], result["failed"], result["retry"]) == (0, 0, 1)
    status = sync_status(kiosk_store)
    assert status.pending == 1 and status.retrying == 1
    assert "contract" in status.last_error or "no error code" in status.last_error
