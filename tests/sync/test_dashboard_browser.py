"""The province dashboard in a real browser (Debian's chromium driven by Playwright): a
centre's staff member logs in and reads what a kiosk just sent through its signed client
(heartbeat, device health, backlog, versions, a dossier, a ticket lease, ratings); the page
refreshes by itself.  One browser for the module."""
from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime, timezone

import pytest
from playwright.sync_api import sync_playwright

from sync.central.service import VN_TZ
from sync.central.staff import add_staff
from sync.store.models_rating import Rating
from sync.worker import SyncWorker
from tests.sync.conftest import AGENCY, CENTRE, ENV, ROOT, provisioned, queue_dossier

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture(scope="module")
def browser():
    assert shutil.which(CHROMIUM), "chromium missing: scripts/setup.sh --test installs it"
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, timeout=60_000)
        yield chromium
        chromium.close()


def _staff(central, username="can-bo-h30", centre=CENTRE):
    with central.app.Session() as session:
        add_staff(session, username, PASSWORD, centre)
        session.commit()


def _log_in(page, central, username="can-bo-h30", password=PASSWORD):
    page.goto(central.url + "/dashboard")
    page.fill("#username", username)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("#login")


def _first_figures(page) -> None:
    """The page has shown the figures once (what it saw is in the message otherwise)."""
    seen = []
    page.on("response", lambda r: seen.append(f"{r.status} {r.url}"))
    page.on("console", lambda m: seen.append(f"console: {m.text}"))
    try:
        page.wait_for_selector("#updated:not(:has-text('—'))", timeout=60_000)
    except Exception as exc:
        raise AssertionError(f"{page.url}: {seen} {page.content()[:1500]}") from exc


def test_staff_read_what_a_kiosk_just_sent(browser, central, kiosk_store, tmp_path):
    settings = provisioned(central, tmp_path, numbering="local")
    _staff(central)
    context = browser.new_context()
    page = context.new_page()
    _log_in(page, central)
    _first_figures(page)
    assert page.locator("#kiosks tbody tr").count() == 1  # registered, no heartbeat yet
    assert page.text_content("#kiosks tr[data-kiosk='kiosk-01'] .heartbeat") == "chưa có"
    cookie = next(c for c in context.cookies() if c["name"] == "motcua_staff")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert page.evaluate("document.cookie") == ""  # the page's scripts cannot read it

    # the kiosk files a dossier, leases ticket numbers, keeps two ratings, beats
    queue_dossier(kiosk_store, settings)
    with kiosk_store.session() as s:
        s.add_all([Rating(at=datetime.now(timezone.utc), kiosk_id="kiosk-01", level=level,
                          reasons=reasons)
                   for level, reasons in (("very_satisfied", []), ("unsatisfied", ["wait_long"]),
                                          ("satisfied", []))])
    worker = SyncWorker(kiosk_store, settings, app_version="2.4.1",
                        devices_health=lambda: {"printer": "fault", "camera": "ok"},
                        catalog_version=lambda: '"c-7f3a"')
    worker.run_once()
    worker.client.allocate("ticket", "A", datetime.now(VN_TZ).date(), 20)
    worker.close()

    # no reload: the page fetches the figures again by itself
    row = page.locator("tr[data-kiosk='kiosk-01']")
    page.wait_for_selector("tr[data-kiosk='kiosk-01'] .app-version:has-text('2.4.1')",
                           timeout=30_000)
    assert row.locator(".health").text_content() == "Lỗi"  # the printer's fault shows
    assert row.locator(".catalog-version").text_content() == '"c-7f3a"'
    assert row.locator(".backlog").text_content() == "0"  # delivered, nothing waiting
    assert row.locator(".heartbeat").text_content().endswith("giây trước")
    assert page.text_content(f"tr[data-agency='{AGENCY}'] .dossiers") == "1"
    assert page.text_content("tr[data-queue='A'] .numbers") == "20"
    assert page.text_content("#ratings-total") == "3"
    assert page.text_content("#satisfied-share") == "67%"
    assert page.text_content("#unsatisfied") == "1"
    context.close()


def test_login_refused_and_other_centres_hidden(browser, central, tmp_path):
    provisioned(central, tmp_path)
    _staff(central, "can-bo-khac", centre="centre-other")
    context = browser.new_context()
    page = context.new_page()
    _log_in(page, central, "can-bo-khac", "sai-mat-khau-roi")
    assert page.locator(".error").is_visible()
    assert not any(c["name"] == "motcua_staff" for c in context.cookies())
    # without a session the figures are refused, the page sends to the login
    resp = page.request.get(central.url + "/dashboard/summary.json")
    assert resp.status == 401
    _log_in(page, central, "can-bo-khac")
    _first_figures(page)
    assert page.locator("#kiosks tbody tr").count() == 0  # kiosk-01 is another centre's
    page.click("text=Đăng xuất")
    page.wait_for_selector("#login")
    assert page.request.get(central.url + "/dashboard/summary.json").status == 401
    context.close()


def test_add_staff_command(tmp_path):
    """``kiosk central add-staff`` reads the password from standard input (never argv)."""
    out = subprocess.run(
        [sys.executable, "-m", "sync.central", "add-staff", "--data-dir", str(tmp_path),
         "--username", "can-bo", "--centre", CENTRE, "--password-stdin"],
        input=PASSWORD + "\n", capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=60)
    assert out.returncode == 0, out.stderr
    short = subprocess.run(
        [sys.executable, "-m", "sync.central", "add-staff", "--data-dir", str(tmp_path),
         "--username", "can-bo", "--password-stdin"],
        input="ngan\n", capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=60)
    assert short.returncode == 1 and "password" in short.stderr
