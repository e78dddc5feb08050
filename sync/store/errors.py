"""Errors of the local store, with the words a citizen or technician sees."""
from __future__ import annotations


class StoreError(Exception):
    """The store cannot be opened or written. ``vi``/``en`` are for the screen."""

    vi = "Máy đang gặp sự cố lưu trữ. Vui lòng báo cán bộ tại quầy."
    en = "The kiosk has a storage problem. Please ask the staff at the counter."


class KeyFileError(StoreError):
    """The encryption key file is missing, unreadable, too open or corrupt."""


class DecryptionError(StoreError):
    """Stored data does not decrypt with any known key (tampered, or the key was lost)."""
