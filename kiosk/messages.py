"""Picking the citizen-facing words of an error raised by a Qt-free layer."""
from __future__ import annotations

GENERIC = {
    "vi": "Đã có lỗi xảy ra. Vui lòng thử lại hoặc báo cán bộ tại quầy.",
    "en": "Something went wrong. Please try again or ask the staff at the counter.",
}


def user_text(exc: BaseException, lang: str) -> str:
    """The plain-language text of ``exc`` in ``lang``; never its technical detail."""
    text = getattr(exc, lang, None)
    return text if isinstance(text, str) and text else GENERIC.get(lang, GENERIC["vi"])
