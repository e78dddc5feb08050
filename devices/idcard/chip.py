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

# Read sizes, as the longest response APDU (status word included). The card's own limit
# comes from EF.ATR/INFO (tag 7F66), the reader's from PC/SC; when neither says, these are
# tried from the largest down. 258 = one short response (256 bytes + SW): every reader.
SEARCH_LIMITS = (65538, 16384, 4096, 1024)
SHORT_LIMIT = 258
MAX_FILE = 64 * 1024
_LENGTH_SWS = {0x6700, 0x6F00} | {0x6C00 | i for i in range(256)}
_OK = (0x9000, 0x6282)  # 6282: end of file reached before Ne bytes (data still valid)


def card_max_response(atr_info: bytes) -> int | None:
    """The most bytes in a response APDU from EF.ATR/INFO's extended length information
    (ISO/IEC 7816-4, tag 7F66: INTEGER max command bytes, INTEGER max response bytes)."""
    pos = 0
    try:
        while pos < len(atr_info) and atr_info[pos] not in (0x00, 0xFF):  # then padding
            node, pos = tlv.parse_one(atr_info, pos)
            if node.tag == 0x7F66:
                ints = [c.value for c in node.children if c.tag == 0x02]
                if len(ints) >= 2 and 0 < len(ints[1]) <= 3:
                    return int.from_bytes(ints[1], "big") or None
    except TlvError:
        log.info("EF.ATR/INFO unreadable; searching the read size")
    return None


@dataclass
class ChipStats:
    apdus: int = 0
    access: str = ""  # "PACE" or "BAC"
    chunk: int = 0  # the largest plain read that worked
    file_apdus: int = 0  # APDUs spent reading files, after access control
    timings_ms: dict[str, float] = field(default_factory=dict)


class ChipSession:
    """``extended``: extended-length APDUs allowed (setting ``extended_length``);
    ``reader_max``: the reader's longest response from PC/SC, None when it does not say."""

    def __init__(self, transmit: Transmit, *, extended: bool = True, reader_max: int | None = None):
        self._transmit_raw = transmit
        self.sm: SecureMessaging | None = None
        self.stats = ChipStats()
        self._extended, self._reader_max = extended, reader_max
        self._limits = [SHORT_LIMIT]
        self._use_sfi = True  # READ BINARY by short EF identifier: no SELECT per file

    @staticmethod
    def plain_chunk(cipher: str, limit: int) -> int:
        """The most plain bytes one protected answer of ``limit`` bytes carries."""
        block = 8 if cipher == "3DES" else 16
        return SecureMessaging(cipher, bytes(16), bytes(16), bytes(block)).max_plain_response(limit)

    def _plan_sizes(self, card_max: int | None) -> None:
        known = [x for x in (card_max, self._reader_max) if x]
        if not self._extended:
            known.append(SHORT_LIMIT)
        if known:  # believed, but a refusal halves it: a card may advertise more than it serves
            top = max(min(known), SHORT_LIMIT)
            self._limits = [top >> i for i in range(8) if top >> i >= 1024] + [SHORT_LIMIT]
        else:
            self._limits = list(SEARCH_LIMITS) + [SHORT_LIMIT]
        self._limits = sorted(set(self._limits), reverse=True)
        log.info("read sizes to try: %s", self._limits)

    def _chunk(self) -> int:
        assert self.sm is not None
        return self.sm.max_plain_response(self._limits[0])

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
    def _read_public(self, name: str, sfi: bool) -> bytes | None:
        """A file readable before access control (EF.CardAccess, EF.ATR/INFO), in clear.

        By short EF identifier first (one APDU), by SELECT when the chip does not take it."""
        if sfi:
            data, sw = self.transmit(Command(0x00, 0xB0, 0x80 | (FID[name] & 0x1F), 0x00, le=256).encode())
            if sw in _OK and data:
                return data
            if sw == 0x6A82:
                return None
        _, sw = self.transmit(Command(0x00, 0xA4, 0x02, 0x0C, FID[name].to_bytes(2, "big")).encode())
        if sw != 0x9000:
            return None
        data, sw = self.transmit(Command(0x00, 0xB0, 0x00, 0x00, le=256).encode())
        return data if sw in _OK and data else None

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
        card_access = self._read_public("CardAccess", sfi=True)
        # EF.ATR/INFO sits under the master file, whose short identifiers are not the
        # application's: selected by its file identifier 2F01.
        card_max = card_max_response(self._read_public("ATRInfo", sfi=False) or b"") \
            if self._extended else None
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
        self._plan_sizes(card_max)
        self.stats.timings_ms["access"] = (time.perf_counter() - start) * 1000
        return self.stats.access

    # --- files -------------------------------------------------------------------------
    def _refused_size(self, sw: int) -> bool:
        """A length error: drop to the next smaller size (False when none is left)."""
        if sw in _LENGTH_SWS and len(self._limits) > 1:
            log.info("read size %d refused (%04X); trying smaller", self._limits[0], sw)
            self._limits.pop(0)
            return True
        return False

    def _read_binary(self, offset: int, length: int) -> bytes:
        while True:
            size = min(length, self._chunk())
            data, sw = self.send(Command(0x00, 0xB0, offset >> 8, offset & 0xFF, le=size))
            if sw in _OK and data:
                self.stats.chunk = max(self.stats.chunk, len(data))
                return data
            if not self._refused_size(sw):
                raise ChipError(f"READ BINARY failed {sw:04X}")

    def _select(self, name: str) -> None:
        _, sw = self.send(Command(0x00, 0xA4, 0x02, 0x0C, FID[name].to_bytes(2, "big")))
        if sw == 0x6A82:
            raise FileNotFoundError(name)
        if sw != 0x9000:
            raise ChipError(f"SELECT {name} failed {sw:04X}")

    def _first_read(self, name: str) -> bytes:
        """The file's first bytes, as many as one answer carries (often the whole file).

        READ BINARY by short EF identifier selects and reads in one APDU (ICAO 9303-10 gives
        every LDS file one); a chip that refuses it gets SELECT + READ BINARY. An Ne past
        the end of a small file is answered with what there is (ISO/IEC 7816-4: 6282 or
        9000); a chip that calls it a length error instead (6Cxx, or still at the smallest
        size) gets the first 8 bytes, as the earlier reader always asked.
        """
        head_only = False
        while True:
            asked = 8 if head_only else self._chunk()
            via_select = not self._use_sfi
            if self._use_sfi:
                data, sw = self.send(Command(0x00, 0xB0, 0x80 | (FID[name] & 0x1F), 0x00, le=asked))
                if sw not in _OK and sw not in _LENGTH_SWS:
                    via_select = True  # SELECT confirms a missing file (6A82)
                    if sw != 0x6A82:
                        log.info("read by short EF identifier refused (%04X); selecting files", sw)
                        self._use_sfi = False
            if via_select:
                self._select(name)
                data, sw = self.send(Command(0x00, 0xB0, 0x00, 0x00, le=asked))
            if sw in _OK and data:
                self.stats.chunk = max(self.stats.chunk, len(data))
                return data
            if head_only or sw not in _LENGTH_SWS:
                raise ChipError(f"READ BINARY {name} failed {sw:04X}")
            if sw >> 8 == 0x6C or not self._refused_size(sw):
                head_only = True

    @staticmethod
    def _total(name: str, head: bytes) -> int:
        try:
            total = tlv.total_length(head)
        except TlvError:
            raise LdsError(f"{name} does not start with a TLV header") from None
        if total > MAX_FILE:
            raise LdsError(f"{name} claims {total} bytes")
        return total

    def read_file(self, name: str, progress: Progress | None = None) -> bytes:
        start, apdus = time.perf_counter(), self.stats.apdus
        head = self._first_read(name)
        total = self._total(name, head)
        data = bytearray(head[:total])
        while True:
            if progress:
                progress(len(data), total)
            if len(data) >= total:
                break
            data += self._read_binary(len(data), total - len(data))
        self.stats.timings_ms[name] = (time.perf_counter() - start) * 1000
        self.stats.file_apdus += self.stats.apdus - apdus
        return bytes(data[:total])
