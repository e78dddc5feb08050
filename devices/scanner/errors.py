"""Errors a citizen may see while digitizing papers: each says, in Vietnamese and English,
what went wrong and what to do next. ``str(exc)`` holds the technical detail for the log and
never personal data (no image bytes, no OCR text)."""
from __future__ import annotations


class PaperError(Exception):
    """Base: ``vi`` and ``en`` are the words on the screen, ``str()`` is for the log."""

    vi = "Không xử lý được giấy tờ. Vui lòng thử lại hoặc nhờ cán bộ hỗ trợ."
    en = "The paper could not be processed. Please try again or ask an officer for help."

    def __init__(self, detail: str = "", *, vi: str | None = None, en: str | None = None):
        super().__init__(detail or self.__class__.__name__)
        if vi:
            self.vi = vi
        if en:
            self.en = en


class ImageUnreadable(PaperError):
    vi = "Ảnh bị hỏng hoặc không đọc được. Vui lòng chụp lại trang này."
    en = "The picture is damaged or unreadable. Please take this page again."


class ImageTooLarge(PaperError):
    vi = "Ảnh quá lớn để xử lý. Vui lòng chụp lại bằng máy của ki-ốt."
    en = "The picture is too large to process. Please take it again with the kiosk camera."


class NoPageFound(PaperError):
    vi = "Không thấy trang giấy. Đặt giấy phẳng, nằm trọn trong khung hình."
    en = "No page found. Lay the paper flat, fully inside the frame."


class CaptureDeviceError(PaperError):
    vi = "Máy chụp giấy tờ đang gặp sự cố. Vui lòng nhờ cán bộ hỗ trợ."
    en = "The document camera or scanner has a fault. Please ask an officer for help."


class OcrUnavailable(PaperError):
    vi = ("Chưa nhận dạng được chữ lúc này; ảnh các trang vẫn được giữ lại. "
          "Cán bộ sẽ xử lý tiếp, bạn có thể tiếp tục.")
    en = ("Text recognition is not available right now; the page pictures are kept. "
          "An officer will finish it, you can go on.")


class OcrFailed(OcrUnavailable):
    """Tesseract ran but failed (crash, timeout, bad output): the pictures are still kept."""
