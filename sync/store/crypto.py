"""Encryption at rest: AES-256-GCM with a key ring kept in a file outside the database.

Why a ring and not one key: rotation. New data is sealed with the *active* key; every
sealed blob names the key that sealed it, so older data stays readable until
``Store.rotate_key()`` has re-sealed it and the old key is retired.

Key ids are random 32-bit numbers, not 1, 2, 3: two rings made independently (a key file
lost and re-created, two kiosks) never share an id, so one ring can hold keys from both and a
blob never names a key that is not the one that sealed it.

Blob layout: ``b"K1" | key id (4 bytes, big-endian) | nonce (12 bytes) | ciphertext+tag``.
The associated data binds a blob to its purpose (e.g. the column name), so a blob copied
into another column does not decrypt.
"""
from __future__ import annotations

import base64
import json
import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import LargeBinary
from sqlalchemy.types import TypeDecorator

from sync.store.errors import DecryptionError, KeyFileError

MAGIC = b"K1"
_HEADER = len(MAGIC) + 4 + 12


@dataclass
class KeyRing:
    """The kiosk's data keys; ``active`` seals, all of ``keys`` open."""

    path: Path
    active: int
    keys: dict[int, bytes] = field(repr=False)

    @classmethod
    def load_or_create(cls, path: Path) -> "KeyRing":
        """Open the key file, creating it (mode 0600) on first start.

        Only for a store without data: ``open_store`` refuses to create a key when
        encrypted data exists (sync/store/__init__.py).
        """
        path = Path(path)
        if not path.exists():
            key_id = _new_key_id(set())
            ring = cls(path=path, active=key_id, keys={key_id: AESGCM.generate_key(bit_length=256)})
            ring.save()
            return ring
        return cls.load(path)

    @classmethod
    def load(cls, path: Path) -> "KeyRing":
        """Open an existing key file.

        A key file readable by others is refused: that would leak every citizen's data.
        """
        path = Path(path)
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise KeyFileError(f"key file {path} has mode {mode:o}; it must be 0600")
        try:
            doc = json.loads(path.read_text("ascii"))
            keys = {int(k): base64.b64decode(v, validate=True) for k, v in doc["keys"].items()}
            active = int(doc["active"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise KeyFileError(f"key file {path} is unreadable or corrupt: {type(exc).__name__}") from exc
        if active not in keys or any(len(k) != 32 for k in keys.values()):
            raise KeyFileError(f"key file {path} has no valid active key")
        return cls(path=path, active=active, keys=keys)

    def save(self) -> None:
        """Write atomically with mode 0600 from the first byte."""
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        doc = {"active": self.active,
               "keys": {str(k): base64.b64encode(v).decode() for k, v in self.keys.items()}}
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            json.dump(doc, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

    def add_key(self) -> int:
        """Create a new active key; older ones stay for reading."""
        new_id = _new_key_id(set(self.keys))
        self.keys[new_id] = AESGCM.generate_key(bit_length=256)
        self.active = new_id
        self.save()
        return new_id

    def retire_all_but_active(self) -> None:
        self.keys = {self.active: self.keys[self.active]}
        self.save()

    def seal(self, plaintext: bytes, purpose: bytes) -> bytes:
        nonce = os.urandom(12)
        key_id = self.active.to_bytes(4, "big")
        ct = AESGCM(self.keys[self.active]).encrypt(nonce, plaintext, purpose)
        return MAGIC + key_id + nonce + ct

    def open(self, blob: bytes, purpose: bytes) -> bytes:
        if len(blob) < _HEADER + 16 or not blob.startswith(MAGIC):
            raise DecryptionError("not a sealed blob")
        key_id = int.from_bytes(blob[2:6], "big")
        key = self.keys.get(key_id)
        if key is None:
            raise DecryptionError(f"sealed with unknown key {key_id}")
        try:
            return AESGCM(key).decrypt(blob[6:_HEADER], blob[_HEADER:], purpose)
        except Exception as exc:  # cryptography raises InvalidTag
            raise DecryptionError("authentication failed (tampered or wrong key)") from exc

    def sealed_with_active(self, blob: bytes) -> bool:
        return int.from_bytes(blob[2:6], "big") == self.active


def _new_key_id(taken: set[int]) -> int:
    """A random id for a new key (never 0, never one already in the ring)."""
    while True:
        key_id = secrets.randbits(32)
        if key_id and key_id not in taken:
            return key_id


def _ring(dialect: Any) -> KeyRing:
    ring = getattr(dialect, "kiosk_keyring", None)
    if ring is None:
        raise KeyFileError("no key ring bound to this database engine")
    return ring


class EncryptedBytes(TypeDecorator):
    """A column holding bytes sealed with the engine's key ring.

    The ring lives on the engine's dialect (``bind_keyring``), so two stores in one process
    keep their own keys.
    """

    impl = LargeBinary
    cache_ok = True

    def __init__(self, purpose: str = "column") -> None:
        super().__init__()
        self.purpose = purpose.encode()

    def _encode(self, value: Any) -> bytes:
        return value

    def _decode(self, raw: bytes) -> Any:
        return raw

    def process_bind_param(self, value: Any, dialect: Any) -> bytes | None:
        if value is None:
            return None
        return _ring(dialect).seal(self._encode(value), self.purpose)

    def process_result_value(self, value: bytes | None, dialect: Any) -> Any:
        if value is None:
            return None
        return self._decode(_ring(dialect).open(bytes(value), self.purpose))


class EncryptedText(EncryptedBytes):
    """Personal data as text (a name, an address)."""

    def _encode(self, value: str) -> bytes:
        return value.encode("utf-8")

    def _decode(self, raw: bytes) -> str:
        return raw.decode("utf-8")


class EncryptedJSON(EncryptedBytes):
    """Personal data as a JSON document (an identity, a declaration's answers)."""

    def _encode(self, value: Any) -> bytes:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def _decode(self, raw: bytes) -> Any:
        return json.loads(raw)


def bind_keyring(engine: Any, ring: KeyRing) -> None:
    engine.dialect.kiosk_keyring = ring
