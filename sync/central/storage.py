"""Where the central keeps attachment bytes: a folder (local or shared) or an S3 bucket.

Intake decides *what* is complete (in the database, in the request's transaction); a store
only keeps bytes durably before that transaction commits, so nothing is acknowledged that
the store does not hold.  Whole attachments (bundles, batches) are put in one go; chunked
uploads are staged chunk by chunk and published by ``finish`` once the last byte is in and
the whole file's SHA-256 matches.  A store that cannot be reached raises a 503 ApiError: the
request's transaction rolls back and the kiosk retries later.
"""
from __future__ import annotations

import base64
import hashlib
import logging
import os
import tempfile
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from sync.central.errors import ApiError

log = logging.getLogger(__name__)


class AttachmentStore(Protocol):
    def put(self, attachment_id: str, data) -> None:
        """Keep ``data`` (already verified) durably under the attachment's id."""

    def put_chunk(self, attachment_id: str, offset: int, data: bytes) -> None:
        """Stage a verified chunk at ``offset`` (the database holds ``offset`` received)."""

    def finish(self, attachment_id: str, size: int, sha256: str) -> bool:
        """Publish the staged ``size`` bytes if their SHA-256 is ``sha256``; otherwise drop
        them and answer False (the upload starts again from zero)."""


def attachment_path(files_dir: Path, attachment_id: str) -> Path:
    return files_dir / attachment_id[:2] / attachment_id


def _ensure_dir(folder: Path) -> None:
    # a stat is much cheaper than mkdir(exist_ok=True) failing on an existing folder
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)


class FolderStorage:
    """Files under ``root`` (``--files-dir``; shared by several centrals on NFS or similar).

    Chunks are appended to ``<id>.part`` at their offset; ``finish`` fsyncs and renames it."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def put(self, attachment_id: str, data) -> None:
        """Straight to the final name, no temp file and rename: the file means something only
        once the transaction that records it complete commits, after this fsync (a crash
        before leaves a file no committed row trusts, rewritten by the retry), and a rename
        after the fsync would itself need a directory fsync to be durable.  On a journalling
        file system the file's fsync also commits its directory entry, made earlier."""
        path = attachment_path(self.root, attachment_id)
        _ensure_dir(path.parent)
        with open(path, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())

    def put_chunk(self, attachment_id: str, offset: int, data: bytes) -> None:
        part = attachment_path(self.root, attachment_id).with_suffix(".part")
        _ensure_dir(part.parent)
        with open(part, "r+b" if part.exists() else "wb") as fh:
            fh.seek(offset)
            fh.write(data)
            fh.truncate()

    def finish(self, attachment_id: str, size: int, sha256: str) -> bool:
        path = attachment_path(self.root, attachment_id)
        part = path.with_suffix(".part")
        digest = hashlib.sha256()
        with open(part, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != sha256:
            part.unlink()
            return False
        with open(part, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(part, path)
        return True


class S3Storage:
    """Objects ``<prefix>/<id>`` in an S3-compatible bucket (``--files s3://bucket/prefix``).

    S3 cannot append, so each chunk of a resumable upload is its own staging object
    ``<prefix>/.staging/<id>/<offset>``: any central behind the load balancer can take the
    next chunk (a local staging folder could not), and the database needs no new table.
    ``finish`` reads the chain of chunks from offset 0 (each chunk names the next offset, so
    a chunk left by a rolled-back request at another offset is never used) through a spooled
    temporary file while hashing it, puts the whole object, then deletes the chunks.  Every
    put carries its SHA-256 (``ChecksumSHA256``), so the store itself refuses bytes damaged
    on the way.  Credentials: the standard AWS variables (``AWS_ACCESS_KEY_ID``, …)."""

    def __init__(self, url: str, endpoint_url: str = "", client=None) -> None:
        parts = urlsplit(url)
        if parts.scheme != "s3" or not parts.netloc:
            raise ValueError(f"not an s3://bucket/prefix URL: {url!r}")
        self.bucket = parts.netloc
        self.prefix = parts.path.strip("/")
        self._client = client or _make_client(endpoint_url)

    def key(self, attachment_id: str) -> str:
        return f"{self.prefix}/{attachment_id}" if self.prefix else attachment_id

    def _staging(self, attachment_id: str) -> str:
        return self.key(f".staging/{attachment_id}/")

    def check(self) -> str:
        """Why the bucket cannot be used ("" when it can): said once at start, so a wrong
        name or endpoint shows in the log before the first kiosk is answered 503."""
        try:
            with _unavailable_as_503("check"):
                self._client.head_bucket(Bucket=self.bucket)
        except ApiError:
            return f"the attachment store s3://{self.bucket} cannot be reached or lacks its bucket"
        return ""

    def put(self, attachment_id: str, data) -> None:
        data = bytes(data)
        with _unavailable_as_503("put"):
            self._client.put_object(Bucket=self.bucket, Key=self.key(attachment_id), Body=data,
                                    ChecksumSHA256=_b64_sha256(data))

    def put_chunk(self, attachment_id: str, offset: int, data: bytes) -> None:
        with _unavailable_as_503("put_chunk"):
            self._client.put_object(Bucket=self.bucket, Body=data,
                                    Key=f"{self._staging(attachment_id)}{offset:012d}",
                                    ChecksumSHA256=_b64_sha256(data))

    def finish(self, attachment_id: str, size: int, sha256: str) -> bool:
        staging = self._staging(attachment_id)
        with _unavailable_as_503("finish"), tempfile.SpooledTemporaryFile(8 << 20) as whole:
            digest, offset = hashlib.sha256(), 0
            while offset < size:
                chunk = self._client.get_object(Bucket=self.bucket,
                                                Key=f"{staging}{offset:012d}")["Body"].read()
                if not chunk:
                    break
                digest.update(chunk)
                whole.write(chunk)
                offset += len(chunk)
            good = offset == size and digest.hexdigest() == sha256
            if good:
                whole.seek(0)
                self._client.put_object(Bucket=self.bucket, Key=self.key(attachment_id),
                                        Body=whole, ContentLength=size,
                                        ChecksumSHA256=base64.b64encode(
                                            bytes.fromhex(sha256)).decode())
            listed = self._client.list_objects_v2(Bucket=self.bucket, Prefix=staging)
            keys = [{"Key": o["Key"]} for o in listed.get("Contents", [])]
            if keys:
                self._client.delete_objects(Bucket=self.bucket, Delete={"Objects": keys})
        return good


def make_store(files: str, files_dir: Path, s3_endpoint: str = "") -> AttachmentStore:
    """``--files s3://bucket/prefix`` (with ``--s3-endpoint`` for a non-AWS store) or the
    folder ``--files-dir``."""
    return S3Storage(files, s3_endpoint) if files else FolderStorage(files_dir)


def _make_client(endpoint_url: str):
    import boto3
    from botocore.config import Config

    # short timeouts and one retry: a kiosk request waits on this, and a 503 is retried anyway
    config = Config(connect_timeout=3, read_timeout=20, retries={"max_attempts": 2,
                                                                  "mode": "standard"})
    return boto3.session.Session().client("s3", endpoint_url=endpoint_url or None, config=config)


def _b64_sha256(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


class _unavailable_as_503:
    """A store that is down, refuses our credentials or lacks its bucket is the central's
    problem, not the kiosk's: 503, nothing acknowledged, the kiosk keeps its copy and retries."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> bool:
        from botocore.exceptions import BotoCoreError, ClientError

        if exc is not None and isinstance(exc, (BotoCoreError, ClientError)):
            code = (exc.response.get("Error", {}).get("Code", "")
                    if isinstance(exc, ClientError) else type(exc).__name__)
            log.warning("attachment store %s failed: %s", self.what, code)
            raise ApiError(503, "storage_unavailable",
                           "the attachment store is unavailable; try again later",
                           headers={"Retry-After": "5"}) from None
        return False
