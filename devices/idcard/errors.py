"""Errors of ID card identification, each with a Vietnamese and an English message.

The citizen sees ``vi``/``en`` (plain words, what to do next); ``str(exc)`` is the technical
detail for the log and never contains personal data (names, ID numbers, card bytes).
"""
from __future__ import annotations


class IdCardError(Exception):
    """Base of every identification failure a citizen may see."""

    vi = "Không đọc được thẻ căn cước. Vui lòng thử lại."
    en = "The ID card could not be read. Please try again."

    def __init__(self, detail: str = "", *, vi: str | None = None, en: str | None = None):
        super().__init__(detail or type(self).__name__)
        if vi is not None:
            self.vi = vi
        if en is not None:
            self.en = en


class QrFormatError(IdCardError):
    """The QR payload is not that of a Vietnamese ID card."""

    vi = "Mã QR không phải của thẻ căn cước. Vui lòng đặt đúng mặt có mã QR vào khay."
    en = "This QR code is not an ID card code. Please place the side with the QR code in the tray."


class MrzError(IdCardError):
    """The machine-readable zone is malformed or a check digit is wrong."""

    vi = "Dòng mã MRZ trên thẻ không hợp lệ."
    en = "The machine-readable lines of the card are not valid."


class TlvError(IdCardError):
    """Chip data is not well-formed BER-TLV."""

    vi = "Dữ liệu trong chip bị lỗi. Vui lòng đến quầy để được hỗ trợ."
    en = "The chip data is damaged. Please ask at the counter."


class LdsError(TlvError):
    """A data group has an unexpected structure."""


class CardExpiredError(IdCardError):
    vi = "Thẻ căn cước đã hết hạn. Vui lòng dùng giấy tờ còn hạn hoặc đến quầy."
    en = "The ID card has expired. Please use a valid document or ask at the counter."


class ReaderError(IdCardError):
    """The contactless reader is missing or failing (a device fault)."""

    vi = "Đầu đọc thẻ không hoạt động. Vui lòng báo cán bộ hoặc nhập thông tin thủ công."
    en = "The card reader is not working. Please tell staff or enter your details by hand."


class CardRemovedError(IdCardError):
    vi = "Thẻ đã bị nhấc ra khi đang đọc. Vui lòng đặt lại thẻ và giữ yên."
    en = "The card was moved away while reading. Please place it again and keep it still."


class NoCardError(IdCardError):
    vi = "Chưa thấy thẻ trên đầu đọc. Vui lòng đặt thẻ lên đầu đọc."
    en = "No card on the reader. Please place your card on the reader."


class AccessDeniedError(IdCardError):
    """PACE or BAC was refused: wrong CAN/MRZ, or another card than the QR's."""

    vi = "Thẻ trên đầu đọc không khớp với mã QR vừa quét. Vui lòng dùng cùng một thẻ."
    en = "The card on the reader does not match the scanned QR code. Please use the same card."


class SecureMessagingError(IdCardError):
    """A protected response failed its checksum or was malformed."""

    vi = "Giao tiếp với chip bị gián đoạn. Vui lòng giữ yên thẻ và thử lại."
    en = "Communication with the chip was interrupted. Keep the card still and try again."


class ChipError(IdCardError):
    """The chip answered with an error status word."""


class IdentityMismatchError(IdCardError):
    """QR, MRZ and chip disagree: possibly a forged or altered card. Never merged."""

    vi = "Thông tin trên thẻ không thống nhất. Vui lòng đến quầy để được hỗ trợ."
    en = "The information on the card does not agree. Please ask at the counter."

    def __init__(self, fields: list[str]):
        # Only the field names, never their values.
        super().__init__("identity mismatch in: " + ", ".join(fields))
        self.fields = list(fields)


class PassiveAuthError(IdCardError):
    vi = "Không xác thực được dữ liệu chip. Vui lòng đến quầy để được hỗ trợ."
    en = "The chip data could not be authenticated. Please ask at the counter."
