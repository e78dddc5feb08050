"""The "identify the citizen" journey: QR → chip (when a reader is configured) → confirm.

A plain state machine (no Qt, no I/O): the screen shows ``step``/``progress`` and calls the
events; the camera scan and the chip read run elsewhere (a worker) and report back here.
The identity lives for the session only: :meth:`IdentifyJourney.end_session` wipes it.
A disagreement between QR, MRZ and chip is rejected and recorded (field names only,
never values) in ``incidents`` for the technician — never silently merged.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from devices.idcard.errors import (CardExpiredError, IdCardError, IdentityMismatchError,
                                   PassiveAuthError, QrFormatError)
from devices.idcard.identity import Identity
from devices.idcard.idnumber import check_id_number
from devices.idcard.qr import QrIdentity, parse_ddmmyyyy, parse_qr_payload
from devices.idcard.reading import AccessKey, ChipReadResult
from devices.idcard.validity import expiry_from_renewal_ages
from kiosk.journeys import expect


class Step(Enum):
    SCANNING_QR = "scanning_qr"
    WAITING_CARD = "waiting_card"  # place the card on the reader
    READING_CHIP = "reading_chip"
    CONFIRM = "confirm"
    ERROR = "error"
    MANUAL_ENTRY = "manual_entry"
    DONE = "done"


class QrTimeoutError(IdCardError):
    vi = "Không đọc được mã QR. Vui lòng đặt lại thẻ, mặt có mã QR hướng lên, hoặc nhập thủ công."
    en = "The QR code could not be read. Place the card again, QR side up, or enter your details."


class UnverifiedChipError(IdCardError):
    vi = "Không xác thực được chip của thẻ. Vui lòng đến quầy để được hỗ trợ."
    en = "The card's chip could not be verified. Please ask at the counter."


@dataclass
class Incident:
    """A possible forgery or tampering, for the technician's log: what, never whose."""

    kind: str
    fields: list[str]
    at: dt.datetime


@dataclass(repr=False)
class IdentifyJourney:
    has_reader: bool = False
    accept_unverified_chip: bool = True
    today: dt.date | None = None
    step: Step = Step.SCANNING_QR
    qr: QrIdentity | None = None
    key: AccessKey | None = None
    identity: Identity | None = None
    error: Exception | None = None
    progress: float = 0.0
    progress_step: str = ""
    manual_expected: tuple[str, dt.date] | None = None
    incidents: list[Incident] = field(default_factory=list)
    _error_from: Step = Step.SCANNING_QR

    def __repr__(self) -> str:  # never the identity: journeys end up in logs
        return f"IdentifyJourney(step={self.step.value}, has_reader={self.has_reader})"

    # --- QR -------------------------------------------------------------------------------
    def qr_scanned(self, payload: str) -> Step:
        """A QR was decoded. Not an ID card: stay scanning with the reason in ``error``."""
        self._expect(Step.SCANNING_QR)
        try:
            qr = parse_qr_payload(payload)
        except QrFormatError as exc:
            self.error = exc
            return self.step
        expiry = expiry_from_renewal_ages(qr.date_of_birth, qr.issue_date)
        if expiry is not None and expiry < (self.today or dt.date.today()):
            return self._fail(CardExpiredError("card past its renewal age (from the QR)"))
        self.qr, self.error = qr, None
        if self.has_reader:
            self.key = AccessKey.from_qr(qr)
            self.step = Step.WAITING_CARD
        else:
            self.identity = Identity.from_qr(qr)
            self.step = Step.CONFIRM
        return self.step

    def qr_timed_out(self) -> Step:
        self._expect(Step.SCANNING_QR)
        return self._fail(QrTimeoutError("no ID card QR within the time limit"))

    # --- chip -------------------------------------------------------------------------------
    def chip_read_started(self) -> Step:
        self._expect(Step.WAITING_CARD)
        self.progress, self.progress_step, self.step = 0.0, "access", Step.READING_CHIP
        return self.step

    def chip_progress(self, fraction: float, step_name: str) -> None:
        if self.step is Step.READING_CHIP:  # late progress after a failure is ignored
            self.progress = max(self.progress, min(1.0, fraction))
            self.progress_step = step_name

    def chip_read(self, result: ChipReadResult) -> Step:
        self._expect(Step.READING_CHIP)
        ident = result.identity
        if self.manual_expected and (ident.id_number, ident.date_of_birth) != self.manual_expected:
            ident.wipe()
            return self.chip_failed(IdentityMismatchError(["id_number", "date_of_birth"]))
        if not self.accept_unverified_chip and ident.authentication != "verified_csca":
            ident.wipe()
            return self._fail(UnverifiedChipError(f"chip authentication {ident.authentication}"))
        self.identity, self.progress, self.step = ident, 1.0, Step.CONFIRM
        return self.step

    def chip_failed(self, error: Exception) -> Step:
        self._expect(Step.READING_CHIP, Step.WAITING_CARD)
        if isinstance(error, IdentityMismatchError):
            self.incidents.append(Incident("identity_mismatch", error.fields, dt.datetime.now()))
        elif isinstance(error, PassiveAuthError):
            self.incidents.append(Incident("passive_authentication_failed", [], dt.datetime.now()))
        return self._fail(error)

    # --- manual entry ---------------------------------------------------------------------------
    def manual(self) -> Step:
        self._expect(Step.ERROR, Step.SCANNING_QR, Step.WAITING_CARD)
        self._wipe()
        self.error, self.step = None, Step.MANUAL_ENTRY
        return self.step

    def submit_manual(self, id_number: str, dob_ddmmyyyy: str) -> Step:
        """ID number and date of birth typed on the keypad. With a reader the chip is then
        opened with the CAN (last six digits) and must agree; without, they are the identity."""
        self._expect(Step.MANUAL_ENTRY)
        try:
            dob = parse_ddmmyyyy(dob_ddmmyyyy, "date of birth")
            check_id_number(id_number, dob)
        except QrFormatError as exc:
            self.error = exc
            return self.step
        self.error = None
        if self.has_reader:
            self.key = AccessKey(can=id_number[-6:])
            self.manual_expected = (id_number, dob)
            self.step = Step.WAITING_CARD
        else:
            self.identity = Identity(id_number, "", dob, source="manual")
            self.step = Step.CONFIRM
        return self.step

    # --- end -----------------------------------------------------------------------------------
    def confirm(self) -> Identity:
        self._expect(Step.CONFIRM)
        self.step = Step.DONE
        return self.identity

    def retry(self) -> Step:
        """After an error: back to where it failed (the reader, or the QR scan)."""
        self._expect(Step.ERROR, Step.CONFIRM, Step.MANUAL_ENTRY)
        back = self._error_from if self.step is Step.ERROR else Step.SCANNING_QR
        if back in (Step.READING_CHIP, Step.WAITING_CARD) and self.key is not None:
            self.step = Step.WAITING_CARD
        else:
            self._wipe()
            self.step = Step.SCANNING_QR
        self.error, self.progress = None, 0.0
        return self.step

    def end_session(self) -> None:
        """The citizen left or finished: forget everything personal."""
        self._wipe()
        self.step, self.error, self.progress, self.progress_step = Step.SCANNING_QR, None, 0.0, ""

    def _wipe(self) -> None:
        if self.identity is not None:
            self.identity.wipe()
        self.identity = self.qr = self.key = self.manual_expected = None

    def _fail(self, error: Exception) -> Step:
        self._error_from = self.step
        if self.identity is not None and self.step is not Step.CONFIRM:
            self.identity.wipe()
            self.identity = None
        self.error, self.step = error, Step.ERROR
        return self.step

    def _expect(self, *steps: Step) -> None:
        expect(self.step, *steps)
