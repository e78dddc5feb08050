"""Printer benchmark: render a queue ticket and print it to the ESC/POS emulator over TCP.

    .venv/bin/python bench/bench_printer.py [--runs 50]

Prints a Markdown table (medians) for docs/benchmarks.md ``## printer``: render time
(layout -> ESC/POS bytes), print time (status before + send + status after), time until the
emulator has the whole job, and bytes per ticket, for 80/58 mm and native/image QR.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devices.printer import PrinterSettings, open_printer, ticket_data, ticket_layout  # noqa: E402
from devices.printer.emulator import PrinterEmulator  # noqa: E402


def _ticket(i: int) -> dict:
    return ticket_data(centre_name="Trung tâm Phục vụ hành chính công phường Ba Đình",
                       number=f"B{i % 1000:03d}", service_name="Hộ tịch", counter_group="Quầy 3, 4, 5",
                       issued_at=dt.datetime(2026, 11, 28, 8, 15), waiting_ahead=i % 20,
                       estimated_wait_min=12, kiosk_id="KIOSK01",
                       priority_category="Người cao tuổi" if i % 2 else "")


def bench(paper: int, native_qr: bool, runs: int, out: Path) -> dict:
    dots = 512 if paper == 80 else 384
    with PrinterEmulator(out / f"{paper}-{native_qr}", paper_dots=dots) as emulator:
        printer = open_printer(PrinterSettings(uri=emulator.uri, paper_width_mm=paper,
                                               native_qr=native_qr))
        layout = ticket_layout(paper)
        printer.print_layout(layout, _ticket(0))  # warm-up: fonts, connection
        emulator.wait_for_jobs(1)
        render, total, landed, sizes = [], [], [], []
        for i in range(1, runs + 1):
            t0 = time.perf_counter()
            job = printer.render(layout, _ticket(i))
            t1 = time.perf_counter()
            outcome = printer.print_bytes(job)
            t2 = time.perf_counter()
            emulator.wait_for_jobs(i + 1)
            t3 = time.perf_counter()
            assert outcome.ok, outcome.error
            render.append(t1 - t0)
            total.append(t2 - t0)
            landed.append(t3 - t0)
            sizes.append(outcome.bytes_sent)
        printer.close()
    ms = lambda xs: f"{statistics.median(xs) * 1000:.1f}"  # noqa: E731
    return {"paper": paper, "qr": "native" if native_qr else "image", "render": ms(render),
            "print": ms(total), "landed": ms(landed), "bytes": int(statistics.median(sizes))}


def status_while_busy(runs: int, out: Path) -> str:
    """Median time of a DLE EOT status asked while ~1.7 s of printing is queued (it is
    answered on arrival, ahead of the job; target 0.3 s; was a suite assertion)."""
    times = []
    with PrinterEmulator(out / "busy") as emu:
        emu.set_mode("slow", delay_s=0.05)
        for i in range(runs):
            printer = open_printer(PrinterSettings(uri=emu.uri, print_timeout_s=0.1))
            try:
                printer.print_layout(ticket_layout(80), _ticket(i))
                started = time.perf_counter()
                printer.status()
                times.append(time.perf_counter() - started)
            finally:
                printer.close()
    return f"{statistics.median(times) * 1000:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = [bench(paper, native, args.runs, Path(tmp))
                for paper in (80, 58) for native in (True, False)]
    print(f"| paper | QR | render ms | render+status+send+status ms | until the emulator has it ms | bytes/ticket |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['paper']} mm | {r['qr']} | {r['render']} | {r['print']} | {r['landed']} | {r['bytes']:,} |")
    print(f"\nmedians of {args.runs} tickets each (half of them priority tickets)")
    with tempfile.TemporaryDirectory() as tmp:
        print(f"status asked while a ticket prints (slow printer): {status_while_busy(5, Path(tmp))} ms median of 5")


if __name__ == "__main__":
    main()
