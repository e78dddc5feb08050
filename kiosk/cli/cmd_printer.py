"""``kiosk print-test``: a test page with Vietnamese, a QR and the status before/after.

For technicians over SSH: no Qt, a plain verdict, exit code 0 only when the printer
confirmed the page.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("print-test", help="print a test page and report the printer status")
    p.add_argument("--printer", metavar="URI",
                   help="tcp://HOST:PORT, usb://VID:PID, serial:///dev/ttyUSB0?baudrate=19200, "
                        "file:///PATH or 'emulator' (default: the [printer] section of the config)")
    p.add_argument("--config", help="configuration file, when --printer is not given")
    p.add_argument("--paper", type=int, choices=(58, 80), help="paper width in mm")
    p.add_argument("--profile", help="python-escpos printer profile, e.g. TM-T88V")
    p.add_argument("--no-native-qr", action="store_true", help="send the QR as an image")
    p.add_argument("--status-timeout", type=float, help="seconds to wait for each status answer")
    p.set_defaults(handler=cmd_print_test)


def _settings(args: argparse.Namespace):
    from devices.printer.settings import PrinterSettings

    if args.printer:
        base = PrinterSettings(uri=args.printer)
    else:
        from pathlib import Path

        from kiosk.config import load

        base = load(Path(args.config) if args.config else None).printer
    changes = {"paper_width_mm": args.paper, "profile": args.profile,
               "status_timeout_s": args.status_timeout,
               "native_qr": False if args.no_native_qr else None}
    from kiosk.config_codec import as_document, validated

    # checked like the file: a --status-timeout out of range is refused here, not at the printer
    return validated(PrinterSettings, {**as_document(base), **{k: v for k, v in changes.items() if v is not None}})


def cmd_print_test(args: argparse.Namespace) -> int:
    from devices.printer import PrinterError, open_printer
    from devices.printer.layouts import test_page_layout

    try:
        settings = _settings(args)
        printer = open_printer(settings)
    except Exception as exc:  # a bad URI/config: say which, do not print a trace
        print(f"Cấu hình máy in không hợp lệ / invalid printer settings: {exc}", file=sys.stderr)
        return 2
    with printer:
        print(f"Máy in / printer: {printer.transport.address.scheme}://{printer.transport.address.target}"
              f"  ({settings.paper_width_mm} mm, {printer.raster_width} dots, "
              f"QR {'native' if printer.native_qr else 'image'})")
        try:
            before = printer.status()
        except PrinterError as exc:
            _print_fault(exc)
            return 1
        print(f"Trạng thái trước / status before: {before.state.value}  {before.replies}")
        data = {
            "uri": settings.uri, "paper_width_mm": settings.paper_width_mm,
            "raster_dots": printer.raster_width,
            "qr_mode": "GS ( k" if printer.native_qr else "ảnh / image",
            "status_before": before.state.value,
            "printed_at": f"{dt.datetime.now():%d/%m/%Y %H:%M:%S}",
            "qr_payload": f"PRINT-TEST|{int(time.time())}",
        }
        outcome = printer.print_layout(test_page_layout(), data)
    print(f"Trạng thái sau / status after: {outcome.status_after.state.value}  "
          f"{outcome.status_after.replies}")
    print(f"Đã gửi / sent: {outcome.bytes_sent} bytes in {outcome.duration_s * 1000:.0f} ms")
    if outcome.ok:
        note = " (sắp hết giấy / paper near end)" if outcome.needs_attention else ""
        print(f"KẾT QUẢ / RESULT: ĐÃ IN / PRINTED{note}")
        if settings.uri == "emulator":
            from devices.printer.emulator import shared_emulator

            job = shared_emulator().wait_for_jobs(1)[-1]
            print(f"Trang in của bộ giả lập / emulator page: {job.png_path}")
        return 0
    print(f"KẾT QUẢ / RESULT: {outcome.result.value.upper()}")
    _print_fault(outcome.error)
    return 1


def _print_fault(exc) -> None:
    print(f"  {exc.vi}\n  {exc.en}\n  chi tiết / detail: {exc}", file=sys.stderr)
