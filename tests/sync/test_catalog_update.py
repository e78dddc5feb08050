"""Catalog distribution: the central publishes, the kiosk's sync worker fetches with the
heartbeat, validates with the forms schema, keeps the last good one, offers it between
citizens and reports its version; a catalog that fails validation is refused and reported,
never applied."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import requests

from forms.loader import BUILTIN_DIR
from kiosk.catalog_update import CatalogKeeper
from sync.central.models import Kiosk
from sync.central.overview import summary
from sync.central.service import get_catalog
from sync.worker import SyncWorker
from tests.sync.conftest import ADMIN, provisioned


def _publish(central, files: dict) -> str:
    resp = requests.put(central.url + "/v1/catalog/procedures", json={"files": files},
                        headers={"Authorization": f"Bearer {ADMIN}"})
    assert resp.status_code == 200, resp.text
    return resp.json()["etag"]


def _shipped() -> dict:
    return {p.name: p.read_text("utf-8") for p in BUILTIN_DIR.glob("*.yaml")}


def _beat(central, kiosk_id="kiosk-01") -> dict:
    with central.app.Session() as s:
        return json.loads(s.get(Kiosk, kiosk_id).last_heartbeat)


def _pass(worker):
    worker._last_heartbeat = 0.0  # the heartbeat (and the catalog check) is due now
    worker.run_once()


def test_valid_catalog_applied_between_citizens_bad_one_refused(central, kiosk_store, tmp_path):
    settings = provisioned(central, tmp_path)
    keeper = CatalogKeeper(tmp_path / "catalog")
    worker = SyncWorker(kiosk_store, settings, catalog_keeper=keeper)
    _pass(worker)  # nothing published: the shipped catalog, nothing pending
    assert keeper.take_pending() is None and _beat(central)["catalog_version"] == ""

    files = _shipped()
    files["khai_sinh.yaml"] = files["khai_sinh.yaml"].replace("Đăng ký khai sinh",
                                                              "Đăng ký khai sinh (mới)", 1)
    good = _publish(central, files)
    _pass(worker)
    catalog = keeper.take_pending()
    assert catalog is not None and any("(mới)" in p.name.vi for p in catalog.procedures.values())
    assert keeper.take_pending() is None  # offered once
    assert _beat(central)["catalog_version"] == good
    assert _beat(central)["checks"]["catalog"]["status"] == "ok"

    # a catalog the forms schema refuses: reported, never applied, the good one kept
    broken = {**files, "khai_sinh.yaml": files["khai_sinh.yaml"].replace("code:", "kode:", 1)}
    bad = _publish(central, broken)
    _pass(worker)
    assert keeper.take_pending() is None and keeper.version == good
    beat = _beat(central)
    assert beat["catalog_version"] == good
    assert beat["checks"]["catalog"]["status"] == "warning" and bad in beat["checks"]["catalog"]["reason"]
    with central.app.Session() as s:  # the dashboard shows the kiosk's health as a warning
        row = summary(s, "", datetime.now(timezone.utc))["kiosks"][0]
    assert row["health"] == "warning" and row["catalog_version"] == good
    # a restarted kiosk starts from the last good one, still knowing the refusal
    again = CatalogKeeper(tmp_path / "catalog")
    assert again.version == good and again.refused[0] == bad
    assert (again.current_dir() / "khai_sinh.yaml").read_text("utf-8").count("(mới)") == 1
    # the good one published again: the warning goes away
    assert _publish(central, files) == good
    _pass(worker)
    assert _beat(central)["checks"]["catalog"]["status"] == "ok" and keeper.take_pending() is None
    worker.close()


def test_malformed_documents_refused(central, kiosk_store, tmp_path):
    settings = provisioned(central, tmp_path)
    keeper = CatalogKeeper(tmp_path / "catalog")
    worker = SyncWorker(kiosk_store, settings, catalog_keeper=keeper)
    for files in ({"../escape.yaml": "x"}, {"a.yaml": "code: 1"}, {"_catalog.yaml": 5}):
        etag = _publish(central, files)
        _pass(worker)
        assert keeper.refused[0] == etag and keeper.take_pending() is None
        assert keeper.version == "" and not (tmp_path / "escape.yaml").exists()
    worker.close()


def test_kiosk_starts_from_the_kept_catalog_and_switches_between_citizens(central, kiosk_store,
                                                                           tmp_path):
    from types import SimpleNamespace

    from kiosk.app import start_catalog, switch_catalog

    settings = provisioned(central, tmp_path)
    keeper = CatalogKeeper(tmp_path / "catalog")
    config = SimpleNamespace(forms=SimpleNamespace(catalog_dir=None))
    shipped = start_catalog(config, keeper)  # nothing kept yet: the shipped catalog
    assert not any("(mới)" in p.name.vi for p in shipped.procedures.values())
    files = _shipped()
    files["khai_sinh.yaml"] = files["khai_sinh.yaml"].replace("Đăng ký khai sinh",
                                                              "Đăng ký khai sinh (mới)", 1)
    _publish(central, files)
    worker = SyncWorker(kiosk_store, settings, catalog_keeper=keeper)
    _pass(worker)
    worker.close()
    filing, journey = SimpleNamespace(catalog=None), SimpleNamespace(catalog=None)
    switch_catalog(keeper, filing, journey)  # the session wipe between citizens
    assert filing.catalog is journey.catalog is not None
    switch_catalog(keeper, filing, journey)  # nothing new: the running one stays
    assert filing.catalog is journey.catalog is not None
    restarted = start_catalog(config, CatalogKeeper(tmp_path / "catalog"))
    assert any("(mới)" in p.name.vi for p in restarted.procedures.values())


def test_publish_catalog_command_refuses_what_kiosks_would_refuse(central, tmp_path):
    import os
    import shutil
    import subprocess
    import sys

    from tests.sync.conftest import ENV, ROOT

    folder = tmp_path / "procedures"
    shutil.copytree(BUILTIN_DIR, folder)
    env = {**ENV, "CENTRAL_ADMIN_TOKEN": ADMIN, "HOME": os.environ.get("HOME", "/tmp")}
    run = lambda: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "kiosk", "central", "publish-catalog", str(folder),
         "--central", central.url], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    ok = run()
    assert ok.returncode == 0, ok.stderr
    etag = ok.stdout.split()[-1]
    with central.app.Session() as s:
        assert get_catalog(s, "procedures").etag == etag
    (folder / "khai_sinh.yaml").write_text("code: [", encoding="utf-8")
    refused = run()
    assert refused.returncode == 1 and "does not validate" in refused.stderr
    with central.app.Session() as s:
        assert get_catalog(s, "procedures").etag == etag  # the published one stays
