"""Forms benchmarks: catalog load, commune search per keystroke, page-to-page navigation,
PDF rendering.

    .venv/bin/python bench/bench_forms.py [--runs 20]

Targets (issue 4): commune search ≤ 20 ms per keystroke; page-to-page navigation ≤ 50 ms
(measured on the real screens, offscreen Qt: "Next" tap → the new page built). Prints
medians, p95 and max as a Markdown table.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "forms"))

IDENTITY = {"full_name": "Nguyễn Văn An", "date_of_birth": "15/03/1990", "sex": "Nam",
            "id_number": "001090012345", "ethnicity": "Kinh", "nationality": "Việt Nam",
            "residence": "Số 12 ngõ 5, Phường Ba Đình, Thành phố Hà Nội", "issue_date": "10/08/2021"}
QUERIES = ["phuong hoa binh", "xa an khanh", "Bến Thành", "dac khu phu quoc", "tan"]


def ms(values: list[float]) -> tuple[float, float, float]:
    values = sorted(v * 1000 for v in values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return statistics.median(values), p95, values[-1]


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def bench_catalog(runs: int):
    from forms.adminunits import DEFAULT_PATH, AdminUnits
    from forms.loader import load_catalog
    from forms.workdays import DEFAULT_PATH as HOLIDAYS, HolidayTable
    import yaml
    rows = [("catalog load (5 procedures, YAML + schema + checks)", timed(load_catalog, runs), None)]
    rows.append(("admin units load (34 provinces, 3,321 communes, folded index)",
                 timed(lambda: AdminUnits(json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))), runs), None))
    rows.append(("holiday table load", timed(lambda: HolidayTable(yaml.safe_load(HOLIDAYS.read_text())), runs), None))
    return rows


def bench_search():
    from forms.adminunits import AdminUnits
    units = AdminUnits.load()
    everywhere, in_province = [], []
    for q in QUERIES:
        for n in range(1, len(q) + 1):
            everywhere += timed(lambda: units.search_communes(q[:n]), 1)
            in_province += timed(lambda: units.search_communes(q[:n], "79"), 1)
    return [("commune search per keystroke, whole country", everywhere, 20),
            ("commune search per keystroke, within one province", in_province, 20)]


def bench_gui_navigation(runs: int):
    from PySide6.QtWidgets import QApplication

    from forms.answers import load_answers
    from forms_samples import SAMPLES
    from kiosk.app import build
    from kiosk.launch import demo_config
    from kiosk.screens.forms import install_forms
    app = build(demo_config(Path(tempfile.mkdtemp())))
    flow = install_forms(app.ctx, app.window)
    app.window.resize(1920, 1080)
    app.window.show()
    forward, backward = [], []
    for _ in range(runs):
        for code in ("1.004222", "1.001193"):
            flow.begin(IDENTITY)
            flow.choose(code)
            flow.start()
            load_answers(flow.journey.session, {"answers": SAMPLES[code]})
            page = app.window.screen("forms_page")
            QApplication.processEvents()
            while flow.journey.step.value == "page":
                before = flow.journey.page.id
                t = time.perf_counter()
                page.next_button.click()
                QApplication.processEvents()
                elapsed = time.perf_counter() - t
                if flow.journey.step.value == "page":
                    assert flow.journey.page.id != before
                forward.append(elapsed)
            t = time.perf_counter()
            app.window.screen("forms_review").back_button.click()
            QApplication.processEvents()
            backward.append(time.perf_counter() - t)
    app.window.allow_close = True
    app.window.close()
    return [("page → next page (tap \"Tiếp tục\" → page built, offscreen Qt)", forward, 50),
            ("review → last page (tap \"Quay lại\")", backward, 50)]


def bench_pdf(runs: int):
    import datetime as dt

    from forms.answers import load_answers
    from forms.engine import FormSession
    from forms.loader import load_catalog
    from forms.pdf import render_declaration
    from forms_samples import SAMPLES
    catalog = load_catalog()
    rows = []
    for code in ("1.004222", "3.000333"):
        s = FormSession(catalog.get(code), IDENTITY, option_lists=catalog.index.option_lists,
                        today=dt.date(2026, 11, 27))
        load_answers(s, {"answers": SAMPLES[code]})
        render_declaration(s, dossier_code="000.00.01.H22-261127-0001")   # fonts registered once
        times = timed(lambda: render_declaration(s, dossier_code="000.00.01.H22-261127-0001"), runs)
        rows.append((f"PDF render {code} ({catalog.get(code).form.id}, with QR, fonts embedded)", times, None))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    rows = bench_catalog(args.runs) + bench_search() + bench_gui_navigation(max(3, args.runs // 4)) \
        + bench_pdf(args.runs)
    print("| measure | n | median | p95 | max | target |")
    print("|---|---|---|---|---|---|")
    for name, values, target in rows:
        med, p95, worst = ms(values)
        goal = f"≤ {target} ms" if target else "—"
        print(f"| {name} | {len(values)} | {med:.2f} ms | {p95:.2f} ms | {worst:.2f} ms | {goal} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
