"""PC/SC transport through pyscard: reader discovery, card presence, APDU exchange.

Only this module knows pyscard; the eMRTD protocol (:mod:`.chip`) sees a ``transmit``
callable. Every failure becomes an :class:`IdCardError` with words for the citizen.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from .errors import CardRemovedError, NoCardError, ReaderError

log = logging.getLogger(__name__)
MAX_GET_RESPONSE = 300  # 300 × 256 bytes is more than any eMRTD file


def list_readers() -> list[str]:
    from smartcard.System import readers
    from smartcard.Exceptions import ListReadersException

    try:
        return [str(r) for r in readers()]
    except ListReadersException as exc:
        raise ReaderError(f"PC/SC not available: {exc}") from None
    except Exception as exc:  # pyscard raises bare errors when pcscd is absent  # noqa: BLE001
        raise ReaderError(f"PC/SC not available: {type(exc).__name__}") from None


def find_reader(name: str = "") -> str:
    """The first reader whose name contains ``name`` (empty: the first reader at all)."""
    names = list_readers()
    for n in names:
        if name in n:
            return n
    raise ReaderError("no matching PC/SC reader" if names else "no PC/SC reader present")


class _StatusContext:
    """One PC/SC context for a whole wait: ``SCardGetStatusChange`` blocks inside pcscd until
    the reader's state changes (PC/SC part 5, §3.1.3), in slices so a cancel is seen."""

    SLICE_MS = 250

    def __init__(self, reader: str) -> None:
        from smartcard import scard

        self.scard, self.reader = scard, reader
        rv, self.ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if rv != scard.SCARD_S_SUCCESS:
            raise ReaderError("PC/SC not available")
        self.known = scard.SCARD_STATE_UNAWARE
        self.atr = b""

    def present(self, timeout_ms: int = 0) -> bool | None:
        """Whether a card is on the reader once its state changes or ``timeout_ms`` passes
        (None: nothing changed). The first call answers at once."""
        scard = self.scard
        rv, states = scard.SCardGetStatusChange(self.ctx, timeout_ms, [(self.reader, self.known)])
        if rv == scard.SCARD_E_TIMEOUT:
            return None
        if rv != scard.SCARD_S_SUCCESS:
            raise ReaderError("reader status unavailable")
        self.known = states[0][1] & ~scard.SCARD_STATE_CHANGED
        present = bool(states[0][1] & scard.SCARD_STATE_PRESENT)
        self.atr = bytes(states[0][2]) if present else b""
        return present

    def close(self) -> None:
        self.scard.SCardReleaseContext(self.ctx)


def card_present(reader: str) -> bool:
    """Whether pcscd currently sees a card on ``reader`` (SCardGetStatusChange, no wait)."""
    return card_state(reader)[0]


def card_state(reader: str) -> tuple[bool, bytes]:
    """(card present, its answer to reset) as pcscd last saw them, without connecting: a
    connection's end unpowers the card, which would break a read another thread has in
    progress (the technician's test read while the panel refreshes its facts)."""
    ctx = _StatusContext(reader)
    try:
        return bool(ctx.present()), ctx.atr
    finally:
        ctx.close()


def wait_card_state(reader: str, present: bool, timeout: float = 10.0,
                    cancel: threading.Event | None = None) -> bool:
    """Wait until a card is (or is no longer) on the reader; False on timeout or cancel.

    pcscd wakes us when the state changes: no new context and no poll every 50 ms.
    """
    deadline = time.monotonic() + timeout
    ctx = _StatusContext(reader)
    try:
        now = ctx.present()
        while now is None or now != present:
            if (cancel is not None and cancel.is_set()) or time.monotonic() > deadline:
                return False
            left_ms = int((deadline - time.monotonic()) * 1000)
            now = ctx.present(max(1, min(_StatusContext.SLICE_MS, left_ms)))
        return True
    finally:
        ctx.close()


def _release(conn) -> None:
    inner = getattr(conn, "component", conn)
    try:
        inner.release()
    except Exception:  # pcscd gone: nothing left to release  # noqa: BLE001
        pass
    if hasattr(inner, "hcontext"):
        inner.hcontext = None  # or pyscard's __del__ retries and raises at exit


class PcscTransport:
    """One card connection; counts APDUs; follows 61xx/6Cxx as ISO 7816-4 says."""

    def __init__(self, reader: str):
        self.reader = reader
        self.apdu_count = 0
        self._conn = None

    def connect(self, timeout: float = 10.0) -> "PcscTransport":
        """Wait for a card on the reader (the reader is listed before the card appears)."""
        from smartcard.System import readers
        from smartcard.Exceptions import CardConnectionException, NoCardException

        matches = [r for r in readers() if str(r) == self.reader]
        if not matches:
            raise ReaderError("reader disappeared")
        deadline = time.monotonic() + timeout
        # One connection object (one PC/SC context) for all attempts, released on failure:
        # leaked contexts exhaust pcscd and surface later as "no card".
        conn = matches[0].createConnection()
        while True:
            try:
                conn.connect()
                self._conn = conn
                return self
            except (NoCardException, CardConnectionException):
                if time.monotonic() > deadline:
                    _release(conn)
                    raise NoCardError("no card on the reader") from None
                time.sleep(0.05)

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.disconnect()
            except Exception:  # already gone with the card  # noqa: BLE001
                pass
            _release(conn)

    def __enter__(self) -> "PcscTransport":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def atr(self) -> bytes:
        """The card's answer to reset (its chip type; nothing about its holder)."""
        if self._conn is None:
            raise ReaderError("not connected")
        return bytes(self._conn.getATR())

    def reader_max_response(self) -> int | None:
        """The largest response the reader and its driver carry, when PC/SC says so.

        PC/SC v2 Part 10 FEATURE_GET_TLV_PROPERTIES → dwMaxAPDUDataSize (0 = short APDUs
        only; the CCID driver fills it from dwMaxCCIDMessageLength), else pcsc-lite's
        SCARD_ATTR_MAXINPUT. None when the driver tells nothing (vpcd, many others): the
        chip session then searches down from the card's own limit.
        """
        if self._conn is None:
            return None
        try:
            from smartcard.pcsc.PCSCPart10 import getTlvProperties

            size = getTlvProperties(self._conn).get("PCSCv2_PART10_PROPERTY_dwMaxAPDUDataSize")
            if size is not None:
                return int(size) or 256
        except Exception:  # no Part 10 support in this driver  # noqa: BLE001
            pass
        try:
            from smartcard import scard

            raw = self._conn.getAttrib(scard.SCARD_ATTR_MAXINPUT)
            size = int.from_bytes(bytes(raw[:4]), "little") if raw else 0
            return size or None
        except Exception:  # attribute not supported  # noqa: BLE001
            return None

    def _raw(self, apdu: bytes) -> tuple[bytes, int]:
        from smartcard.Exceptions import CardConnectionException

        if self._conn is None:
            raise NoCardError("not connected")
        self.apdu_count += 1
        try:
            data, sw1, sw2 = self._conn.transmit(list(apdu))
        except CardConnectionException as exc:
            raise CardRemovedError(f"card connection lost: {type(exc).__name__}") from None
        return bytes(data), (sw1 << 8) | sw2

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        data, sw = self._raw(apdu)
        if sw >> 8 == 0x6C and len(apdu) == 5:  # wrong Le (case 2): repeat with the exact one
            data, sw = self._raw(apdu[:4] + bytes([sw & 0xFF]))
        for _ in range(MAX_GET_RESPONSE):  # more data available: GET RESPONSE, bounded
            if sw >> 8 != 0x61:
                break
            more, sw = self._raw(bytes([0x00, 0xC0, 0x00, 0x00, sw & 0xFF]))
            data += more
        else:
            raise ReaderError("card keeps announcing more data (61xx)")
        return data, sw


class CardPresenceWatcher:
    """Calls ``on_change(present: bool)`` when a card arrives on or leaves the reader.

    A thread of our own on one PC/SC context, woken by ``SCardGetStatusChange`` (pyscard's
    CardMonitor is a process-wide singleton whose thread outlives its observers and fails
    noisily when pcscd stops).
    """

    def __init__(self, reader: str, on_change: Callable[[bool], None], interval: float = 0.1):
        self.reader, self.on_change, self.interval = reader, on_change, interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> "CardPresenceWatcher":
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="card-presence", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        last: bool | None = None
        ctx: _StatusContext | None = None
        while not self._stop.is_set():
            try:
                ctx = ctx or _StatusContext(self.reader)
                present = ctx.present(_StatusContext.SLICE_MS if last is not None else 0)
            except ReaderError:  # pcscd gone or the reader unplugged: try again shortly
                if ctx is not None:
                    ctx.close()
                ctx, present = None, False
                self._stop.wait(self.interval)
            if present is not None and present != last:
                if last is not None or present:
                    self.on_change(present)
                last = present
        if ctx is not None:
            ctx.close()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        self._thread = None
