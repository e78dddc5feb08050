"""``kiosk card parse-qr`` and ``kiosk card read``: the ID card from a shell, as JSON.

``read`` opens the chip with PACE (CAN) or BAC (MRZ key, or one derived from the QR), reads
and authenticates it, and prints the identity, the passive-authentication result, the APDU
count and timings. ``--emulator`` reads the synthetic card through a local pcscd + vpcd
(demo, tests). The photo is only written when ``--photo`` names a file. No Qt here.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    card = sub.add_parser("card", help="the citizen ID card: QR payload and chip")
    actions = card.add_subparsers(dest="card_command", metavar="ACTION")

    parse = actions.add_parser("parse-qr", help="check and decode an ID card QR payload")
    parse.add_argument("payload")
    parse.set_defaults(handler=cmd_parse_qr)

    read = actions.add_parser("read", help="read and authenticate the chip")
    read.add_argument("--reader", help="part of the PC/SC reader name (default: [idcard] reader)")
    key = read.add_mutually_exclusive_group(required=True)
    key.add_argument("--can", help="card access number: the last 6 digits of the ID")
    key.add_argument("--mrz-key", metavar="DOCNO,DOB,EXPIRY",
                     help="BAC key: document number, birth and expiry dates as YYMMDD")
    key.add_argument("--qr", metavar="PAYLOAD", help="the card's QR payload (CAN, then BAC)")
    read.add_argument("--no-photo", action="store_true", help="skip DG2 (faster)")
    read.add_argument("--photo", type=Path, help="write the chip photo (PNG) here")
    read.add_argument("--master-list", type=Path, help="folder of CSCA certificates")
    read.add_argument("--short-apdus", action="store_true", help="never use extended length")
    read.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for a card")
    read.add_argument("--emulator", action="store_true",
                      help="read the synthetic card through a local pcscd + vpcd (demo)")
    read.add_argument("--config", type=Path, help="configuration file (for [idcard])")
    read.set_defaults(handler=cmd_read)
    card.set_defaults(handler=lambda args: (card.print_help(), 2)[1])


def _fail(exc: Exception, code: int = 2) -> int:
    print(json.dumps({"error": type(exc).__name__, "vi": getattr(exc, "vi", ""),
                      "en": getattr(exc, "en", ""), "detail": str(exc)}, ensure_ascii=False),
          file=sys.stderr)
    return code


def cmd_parse_qr(args: argparse.Namespace) -> int:
    from devices.idcard.errors import IdCardError
    from devices.idcard.identity import Identity
    from devices.idcard.qr import parse_qr_payload

    try:
        qr = parse_qr_payload(args.payload)
    except IdCardError as exc:
        return _fail(exc)
    from devices.idcard.validity import expiry_from_renewal_ages

    out = Identity.from_qr(qr).to_dict()
    out["can"] = qr.id_number[-6:]
    expiry = expiry_from_renewal_ages(qr.date_of_birth, qr.issue_date)
    out["expiry_by_renewal_age"] = expiry.isoformat() if expiry else None
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


def _access_key(args: argparse.Namespace):
    from devices.idcard.qr import parse_qr_payload
    from devices.idcard.reading import AccessKey

    if args.can:
        if len(args.can) != 6 or not args.can.isdigit():
            raise ValueError("--can must be 6 digits")
        return AccessKey(can=args.can), None
    if args.mrz_key:
        parts = [p.strip() for p in args.mrz_key.split(",")]
        if len(parts) != 3:
            raise ValueError("--mrz-key needs DOCNO,DOB,EXPIRY")
        return AccessKey.from_mrz_fields(*parts), None
    qr = parse_qr_payload(args.qr)
    return AccessKey.from_qr(qr), qr


def cmd_read(args: argparse.Namespace) -> int:
    import contextlib
    import tempfile

    from devices.idcard.errors import IdCardError
    from devices.idcard.pcsc import PcscTransport, find_reader
    from devices.idcard.reading import read_identity

    try:
        key, qr = _access_key(args)
    except (ValueError, IdCardError) as exc:
        return _fail(exc)
    settings = None
    if not args.emulator and (args.reader is None or args.master_list is None):
        from kiosk.config import load

        settings = load(args.config).idcard
    master = args.master_list or (Path(settings.master_list_dir) if settings and settings.master_list_dir else None)
    with contextlib.ExitStack() as stack:
        if args.emulator:
            reader, master = _start_emulator(stack, tempfile.mkdtemp(prefix="kiosk-card-"), master)
        else:
            reader = args.reader if args.reader is not None else settings.reader
        try:
            name = find_reader(reader)
            with PcscTransport(name).connect(timeout=args.timeout) as transport:
                result = read_identity(transport.transmit, key, qr=qr, read_photo=not args.no_photo,
                                       master_list_dir=master, extended=not args.short_apdus,
                                       reader_max=transport.reader_max_response())
        except IdCardError as exc:
            return _fail(exc, 1)
    ident = result.identity
    if args.photo and ident.photo_png:
        args.photo.write_bytes(ident.photo_png)
    out = {"identity": ident.to_dict(), "access": result.access,
           "passive_authentication": {"status": result.pa.status.value,
                                      "data_groups": result.pa.checked_groups,
                                      "notes": result.pa.notes},
           "apdus": result.apdus, "read_size": result.chunk,
           "timings_ms": {k: round(v, 1) for k, v in result.timings_ms.items()},
           "reader": name}
    ident.wipe()
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


def _start_emulator(stack, workdir: str, master: Path | None):
    """pcscd + vpcd + the synthetic card; everything stopped when the command ends."""
    from devices.sim.card import EmulatedIdCard
    from devices.sim.pcsc_stack import start_stack
    from devices.sim.pki import make_test_pki
    from devices.sim.vpcd import VpcdCard

    pcsc = start_stack(Path(workdir))
    stack.callback(pcsc.stop)
    pki = make_test_pki("cli")
    name, port = pcsc.slot(0)
    card = VpcdCard(EmulatedIdCard(pki=pki), port).insert()
    stack.callback(card.remove)
    return name, master or pki.write_master_list(Path(workdir) / "csca")
