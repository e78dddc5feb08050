"""Read the whole identity from the chip: access, files, passive authentication, checks.

This is what ``kiosk card read`` and the Identify journey call. It returns a
:class:`ChipReadResult`; it raises an :class:`IdCardError` the citizen can understand.
"""
from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .chip import ChipSession, Transmit
from .dg13 import parse_dg13
from .errors import CardExpiredError, IdCardError, LdsError, PassiveAuthError
from .identity import Identity, cross_check
from .lds import face_to_png, parse_dg1, parse_dg2, parse_ef_com
from .mrz import Mrz, bac_key_seed_input
from .passive_auth import PaResult, PaStatus, load_master_list, passive_authentication
from .qr import QrIdentity
from .validity import expiry_from_renewal_ages

log = logging.getLogger(__name__)
Progress = Callable[[float, str], None]  # fraction 0..1, step name


@dataclass
class AccessKey:
    """What opens the chip: the CAN and/or the MRZ_information for BAC (and PACE-MRZ)."""

    can: str | None = None
    mrz_information: bytes | None = None

    @classmethod
    def from_qr(cls, qr: QrIdentity) -> "AccessKey":
        """CAN = last six ID digits; the BAC key needs the expiry, derived by renewal ages."""
        expiry = expiry_from_renewal_ages(qr.date_of_birth, qr.issue_date)
        exp = expiry.strftime("%y%m%d") if expiry else "<<<<<<"
        return cls(qr.id_number[-6:], bac_key_seed_input(
            qr.id_number[-9:], qr.date_of_birth.strftime("%y%m%d"), exp))

    @classmethod
    def from_mrz_fields(cls, document_number: str, dob: str, expiry: str) -> "AccessKey":
        return cls(None, bac_key_seed_input(document_number, dob, expiry))


@dataclass
class ChipReadResult:
    identity: Identity
    pa: PaResult
    apdus: int
    access: str
    chunk: int
    file_apdus: int
    timings_ms: dict[str, float] = field(default_factory=dict)


def read_identity(transmit: Transmit, key: AccessKey, *, qr: QrIdentity | None = None,
                  read_photo: bool = True, master_list_dir: Path | None = None,
                  extended: bool = True, reader_max: int | None = None,
                  progress: Progress | None = None,
                  today: dt.date | None = None, reject_expired: bool = True) -> ChipReadResult:
    start = time.perf_counter()
    report = progress or (lambda f, s: None)
    session = ChipSession(transmit, extended=extended, reader_max=reader_max)
    report(0.05, "access")
    session.establish(key.can, key.mrz_information)
    report(0.15, "COM")
    present = set(parse_ef_com(session.read_file("COM")).data_groups)
    for required in (1, 13):
        if required not in present:
            raise LdsError(f"EF.COM does not list DG{required}")
    report(0.2, "DG1")
    files: dict[int, bytes] = {}
    files[1] = session.read_file("DG1")
    mrz: Mrz = parse_dg1(files[1])
    report(0.3, "DG13")
    files[13] = session.read_file("DG13")
    dg13 = parse_dg13(files[13])
    photo = None
    if read_photo and 2 in present:
        files[2] = session.read_file(
            "DG2", lambda done, total: report(0.3 + 0.55 * done / max(total, 1), "DG2"))
        try:
            photo = face_to_png(parse_dg2(files[2]))
        except LdsError:
            log.warning("chip photo unreadable; continuing without it")
    report(0.9, "SOD")
    sod = session.read_file("SOD")
    masters = load_master_list(master_list_dir) if master_list_dir else None
    pa = passive_authentication(sod, files, masters)
    if pa.status is PaStatus.FAILED:
        raise PassiveAuthError("passive authentication failed: " + "; ".join(pa.notes))
    cross_check(qr=qr, mrz=mrz, dg13=dg13)
    identity = Identity.from_chip(dg13, mrz, photo, session.stats.access, pa.status.value)
    if reject_expired and identity.is_expired(today):
        identity.wipe()
        raise CardExpiredError("card past its expiry date")
    report(1.0, "done")
    timings = dict(session.stats.timings_ms)
    timings["total"] = (time.perf_counter() - start) * 1000
    files.clear()
    return ChipReadResult(identity, pa, session.stats.apdus, session.stats.access,
                          session.stats.chunk, session.stats.file_apdus, timings)


__all__ = ["AccessKey", "ChipReadResult", "read_identity", "IdCardError"]
