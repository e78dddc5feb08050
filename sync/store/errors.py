"""Errors of the local store, with the words a citizen or technician sees."""
from __future__ import annotations


class StoreError(Exception):
    """The store cannot be opened or written. ``vi``/``en`` are for the screen."""

    vi = "Máy đang gặp sự cố lưu trữ. Vui lòng báo cán bộ tại quầy."
    en = "The kiosk has a storage problem. Please ask the staff at the counter."


class KeyFileError(StoreError):
    """The encryption key file is missing, unreadable, too open or corrupt."""

    vi = "Tệp khóa mã hóa dữ liệu của máy bị hỏng hoặc không an toàn. Vui lòng báo cán bộ kỹ thuật."
    en = "The kiosk's data encryption key file is damaged or unsafe. Please ask a technician."


class DecryptionError(StoreError):
    """Stored data does not decrypt with any known key (tampered, or the key was lost)."""


class KeyMissingError(KeyFileError):
    """The key file is gone (or is another key) while encrypted data exists. A new key would
    make every queued dossier unreadable, so the kiosk stops until the key is restored."""

    vi = ("Không tìm thấy khóa mã hóa dữ liệu của máy, hoặc khóa không khớp với dữ liệu. "
          "Vui lòng báo cán bộ kỹ thuật để khôi phục khóa.")
    en = ("The kiosk's data encryption key is missing or does not match its data. "
          "Please ask a technician to restore the key.")
