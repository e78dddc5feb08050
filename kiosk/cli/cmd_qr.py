"""``kiosk qr decode IMAGE…``: decode the QR codes in pictures, as JSON (no Qt).

For technicians checking a camera or a card: which payloads were found, by which decoder,
in how many milliseconds, and whether each is an ID card QR.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    qr = sub.add_parser("qr", help="decode QR codes in pictures")
    actions = qr.add_subparsers(dest="qr_command", metavar="ACTION")
    decode = actions.add_parser("decode", help="decode the QR codes in one or more images")
    decode.add_argument("images", type=Path, nargs="+")
    decode.add_argument("--decoder", choices=("layered", "zxing", "pyzbar"), default="layered")
    decode.set_defaults(handler=cmd_decode)
    qr.set_defaults(handler=lambda args: (qr.print_help(), 2)[1])


def cmd_decode(args: argparse.Namespace) -> int:
    from devices.camera.qr_decoders import decode_file, make_decoder
    from devices.idcard.errors import QrFormatError
    from devices.idcard.qr import parse_qr_payload

    decoder = make_decoder(args.decoder)
    results, found = [], 0
    for path in args.images:
        start = time.perf_counter()
        try:
            texts = decode_file(str(path), decoder)
        except ValueError as exc:
            results.append({"image": str(path), "error": str(exc)})
            continue
        elapsed = round((time.perf_counter() - start) * 1000, 1)
        codes = []
        for text in texts:
            try:
                parse_qr_payload(text)
                kind = "id_card"
            except QrFormatError:
                kind = "other"
            codes.append({"payload": text, "kind": kind})
        found += bool(codes)
        results.append({"image": str(path), "decoder": decoder.name, "ms": elapsed, "codes": codes})
    json.dump(results, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0 if found == len(args.images) else 1
