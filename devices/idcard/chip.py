"""Reading the eMRTD application of the chip: access control, then files in large chunks.

Transport-agnostic (a ``transmit(apdu) -> (data, sw)`` callable). Order of operations on a
CCCD (domain notes §7): EF.CardAccess is selected directly (selecting the master file
answers 6D00 on some cards), PACE runs at card level, then the application
A0000002471001 is selected under secure messaging; BAC selects the application first.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Callable

from . import tlv
from .apdu import Command
from .crypto import bac as bac_mod
from .crypto import pace as pace_mod
from .crypto.sm import SecureMessaging
from .errors import (AccessDeniedError, ChipError, IdCardError, LdsError,
                     SecureMessagingError, TlvError)
from .lds import FID

log = logging.getLogger(__name__)

EMRTD_AID = bytes.fromhex("A0000002471001")
Transmit = Callable[[bytes], tuple[bytes, int]]
Progress = Callable[[int, int], None]

# Read sizes tried in turn: one extended APDU for a whole small file, then sizes that
# every reader carries. 223 bytes keeps an AES-protected answer within 256 bytes.
EXTENDED_CHUNKS = (4096, 1024)
SHORT_CHUNK = 0xDF
MAX_FILE = 64 * 1024
_LENGTH_SWS = {0x6700, 0x6F00} | {0x6C00 | i for i in range(256)}


@dataclass
class ChipStats:
    apdus: int = 0
    access: str = ""  # "PACE" or "BAC"
    chunk: int = 0  # the read size that worked
    timings_ms: dict[str, float] = field(default_factory=dict)


class ChipSession:
    def __init__(self, transmit: Transmit, *, extended: bool = True, max_chunk: int = 0):
        self._transmit_raw = transmit
        self.sm: SecureMessaging | None = None
        self.stats = ChipStats()
        chunks = list(EXTENDED_CHUNKS if extended else ()) + [SHORT_CHUNK]
        if max_chunk:
            chunks = [c for c in chunks if c <= max_chunk] or [min(max_chunk, SHORT_CHUNK)]
        self._chunks = chunks

    # --- APDU exchange --------------------------------------------------------------
    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        self.stats.apdus += 1
        return self._transmit_raw(apdu)

    def send(self, cmd: Command) -> tuple[bytes, int]:
        if self.sm is None:
            return self.transmit(cmd.encode())
        raw, sw = self.transmit(self.sm.protect(cmd))
        if not raw and sw in _LENGTH_SWS:
            # Refused in clear before reaching the secure channel (reader or driver
            # length limit): the chip did not count it, so neither do we.
            self.sm.ssc -= 1  # undo protect(); unprotect() was not called
            return b"", sw
        return self.sm.unprotect(raw, sw)

    # --- access control --------------------------------------------------------------
    def _read_card_access(self) -> bytes | None:
        _, sw = self.transmit(Command(0x00, 0xA4, 0x02, 0x0C, FID["CardAccess"].to_bytes(2, "big")).encode())
        if sw != 0x9000:
            return None
        data, sw = self.transmit(Command(0x00, 0xB0, 0x00, 0x00, le=256).encode())
        return data if sw == 0x9000 and data else None

    def _select_application(self) -> None:
        _, sw = self.send(Command(0x00, 0xA4, 0x04, 0x0C, EMRTD_AID))
        if sw != 0x9000:
            raise ChipError(f"eMRTD application not selectable {sw:04X}",
                            vi="Thẻ này không phải thẻ căn cước gắn chip.",
                            en="This card is not a chip ID card.")

    def establish(self, can: str | None = None, mrz_information: bytes | None = None) -> str:
        """PACE (CAN, else MRZ) when the chip offers it, BAC as the fallback."""
        if not can and not mrz_information:
            raise AccessDeniedError("no access key (CAN or MRZ) given")
        start = time.perf_counter()
        infos = []
        card_access = self._read_card_access()
        if card_access:
            try:
                infos = pace_mod.supported_pace_infos(card_access)
            except (TlvError, LdsError):
                log.warning("EF.CardAccess unreadable; trying BAC")
        pace_error: IdCardError | None = None
        if infos:
            password, ref = ((can.encode("latin-1"), pace_mod.PASSWORD_CAN) if can
                             else (mrz_information, pace_mod.PASSWORD_MRZ))
            try:
                self.sm = pace_mod.pace_authenticate(self.transmit, password, ref, infos[0])
                self._select_application()
                self.stats.access = "PACE"
            except (AccessDeniedError, ChipError, SecureMessagingError) as exc:
                self.sm = None
                pace_error = exc
                log.info("PACE failed (%s); BAC next if possible", type(exc).__name__)
        if not self.stats.access:
            if not mrz_information:
                raise pace_error or AccessDeniedError("chip offers no PACE and no MRZ key given")
            self._select_application()
            self.sm = bac_mod.bac_authenticate(self.transmit, mrz_information)
            self.stats.access = "BAC"
        self.stats.timings_ms["access"] = (time.perf_counter() - start) * 1000
        return self.stats.access

    # --- files -------------------------------------------------------------------------
    def _read_binary(self, offset: int, length: int) -> bytes:
        while True:
            size = min(length, self._chunks[0])
            data, sw = self.send(Command(0x00, 0xB0, offset >> 8, offset & 0xFF, le=size))
            if sw == 0x9000 or (sw == 0x6282 and data):
                if not data:
                    raise ChipError("READ BINARY returned nothing")
                self.stats.chunk = max(self.stats.chunk, size)
                return data
            if sw in _LENGTH_SWS and len(self._chunks) > 1:
                log.info("read size %d refused (%04X); trying smaller", size, sw)
                self._chunks.pop(0)
                continue
            raise ChipError(f"READ BINARY failed {sw:04X}")

    def read_file(self, name: str, progress: Progress | None = None) -> bytes:
        start = time.perf_counter()
        _, sw = self.send(Command(0x00, 0xA4, 0x02, 0x0C, FID[name].to_bytes(2, "big")))
        if sw == 0x6A82:
            raise FileNotFoundError(name)
        if sw != 0x9000:
            raise ChipError(f"SELECT {name} failed {sw:04X}")
        head = self._read_binary(0, 8)
        try:
            total = tlv.total_length(head)
        except TlvError:
            raise LdsError(f"{name} does not start with a TLV header") from None
        if total > MAX_FILE:
            raise LdsError(f"{name} claims {total} bytes")
        data = bytearray(head[:total])
        while len(data) < total:
            data += self._read_binary(len(data), total - len(data))
            if progress:
                progress(len(data), total)
        self.stats.timings_ms[name] = (time.perf_counter() - start) * 1000
        return bytes(data[:total])
