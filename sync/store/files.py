"""Encrypted file storage for scanned papers, declaration PDFs and photos.

Files live beside the database, never inside it, so a dossier of many megabytes does not
bloat the SQLite file. Each write is atomic (temp file, fsync, rename, fsync of the folder):
after a power cut a file is either whole or absent, never half-written.
"""
from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from sync.store.crypto import KeyRing
from sync.store.errors import DecryptionError

_PURPOSE = b"file"


@dataclass(frozen=True)
class FileRef:
    """What a table keeps about a stored file: its name, size and plaintext digest."""

    file_id: str
    sha256: str
    size: int


class EncryptedFileStore:
    def __init__(self, root: Path, ring: KeyRing) -> None:
        self.root = Path(root)
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.root, 0o700)
        self._ring = ring

    def _path(self, file_id: str) -> Path:
        if not file_id or any(c not in "0123456789abcdef" for c in file_id):
            raise ValueError("bad file id")
        return self.root / file_id[:2] / f"{file_id}.bin"

    def put(self, data: bytes) -> FileRef:
        file_id = uuid.uuid4().hex
        ref = FileRef(file_id, hashlib.sha256(data).hexdigest(), len(data))
        self._write(self._path(file_id), self._ring.seal(data, _PURPOSE + file_id.encode()))
        return ref

    def get(self, ref: FileRef | str) -> bytes:
        file_id = ref.file_id if isinstance(ref, FileRef) else ref
        blob = self._path(file_id).read_bytes()
        data = self._ring.open(blob, _PURPOSE + file_id.encode())
        if isinstance(ref, FileRef) and hashlib.sha256(data).hexdigest() != ref.sha256:
            raise DecryptionError(f"file {file_id} does not match its digest")
        return data

    def delete(self, ref: FileRef | str) -> None:
        file_id = ref.file_id if isinstance(ref, FileRef) else ref
        self._path(file_id).unlink(missing_ok=True)

    def exists(self, ref: FileRef | str) -> bool:
        file_id = ref.file_id if isinstance(ref, FileRef) else ref
        return self._path(file_id).exists()

    def paths(self) -> list[Path]:
        """Every stored file, for ``kiosk store check``."""
        return sorted(self.root.glob("*/*.bin"))

    def check(self, path: Path) -> None:
        """Raise ``DecryptionError`` unless the stored file at ``path`` opens."""
        self._ring.open(path.read_bytes(), _PURPOSE + path.stem.encode())

    def reseal_all(self) -> int:
        """Re-encrypt every file not sealed with the active key (key rotation)."""
        count = 0
        for path in self.root.glob("*/*.bin"):
            blob = path.read_bytes()
            if self._ring.sealed_with_active(blob):
                continue
            purpose = _PURPOSE + path.stem.encode()
            self._write(path, self._ring.seal(self._ring.open(blob, purpose), purpose))
            count += 1
        return count

    @staticmethod
    def _write(path: Path, blob: bytes) -> None:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        # 0600 from the first byte whatever the umask (os.open's mode is only ever narrowed)
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as fh:
            fh.write(blob)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
