"""What can go wrong with the voice, in words for the citizen and detail for the log."""
from __future__ import annotations


class SpeechUnavailable(Exception):
    """The speech engine or the sound output cannot be used; the kiosk carries on silently."""

    vi = "Máy chưa phát được âm thanh. Vui lòng đọc hướng dẫn trên màn hình hoặc bấm “Cần hỗ trợ”."
    en = "The kiosk cannot play sound right now. Please read the screen or touch “Need help”."
