"""This kiosk's credentials for the central: its id and HMAC secret, in a 0600 file.

The secret is made by the central at registration (with a one-time enrollment token) and
never leaves the kiosk again; the file is written atomically and readable by its owner only.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from sync.errors import NotConfigured, PermanentError


@dataclass(frozen=True)
class Credentials:
    kiosk_id: str
    secret: bytes


def load_credentials(path: Path) -> Credentials | None:
    path = Path(path)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Credentials(str(data["kiosk_id"]), bytes.fromhex(data["secret"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise NotConfigured(f"credentials file {path} is unreadable: {type(exc).__name__}") from None


def save_credentials(path: Path, creds: Credentials) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"kiosk_id": creds.kiosk_id, "secret": creds.secret.hex()}, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def credentials_beside(settings, key_file: Path):
    """The settings with a relative ``credentials_path`` placed beside the store's key file
    (outside the data folder, like the key: a copy of the data must not carry the secret)."""
    if Path(settings.credentials_path).is_absolute():
        return settings
    path = Path(key_file).parent / settings.credentials_path
    return settings.model_copy(update={"credentials_path": str(path)})


def ensure_credentials(settings, client) -> Credentials:
    """Load the credentials, registering once with the enrollment token if there are none."""
    path = Path(settings.credentials_path)
    creds = load_credentials(path)
    if creds is not None:
        if creds.kiosk_id != settings.kiosk_id:
            raise NotConfigured("credentials belong to another kiosk id")
        client.secret = creds.secret
        return creds
    if not settings.enrollment_token:
        raise NotConfigured("no credentials and no enrollment token to register with")
    try:
        secret = client.register(settings.enrollment_token, settings.agency_id)
    except PermanentError as exc:
        if exc.code != "kiosk_exists":
            raise
        # registered before, but the secret never reached the disk (a crash in between):
        # the enrollment token allows issuing a new secret
        secret = client.register(settings.enrollment_token, settings.agency_id, rotate=True)
    creds = Credentials(settings.kiosk_id, secret)
    save_credentials(path, creds)
    return creds
