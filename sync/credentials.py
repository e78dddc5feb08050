"""This kiosk's credentials for the central: its id and HMAC secret, in a 0600 file.

The secret is made by the central at registration (with a one-time enrollment token, by
``kiosk provision``) and never leaves the kiosk again; the file is written atomically and
readable by its owner only.  The token itself is kept nowhere.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import msgspec

from sync.errors import NotConfigured, TransientError


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
    return msgspec.structs.replace(settings, credentials_path=str(path))


def ensure_credentials(settings, client) -> Credentials:
    """Load this kiosk's credentials into ``client``; a kiosk that has none was not
    provisioned (``kiosk provision``): it keeps everything and says so."""
    creds = load_credentials(Path(settings.credentials_path))
    if creds is None:
        raise NotConfigured("no credentials: provision the kiosk (kiosk provision --central "
                            "URL --enroll-token T --kiosk-id ID)")
    if creds.kiosk_id != settings.kiosk_id:
        raise NotConfigured("credentials belong to another kiosk id")
    client.secret = creds.secret
    return creds


def enroll(settings, client, enrollment_token: str) -> tuple[Credentials, bool]:
    """Register with a one-time enrollment token and keep the secret (0600); returns the
    credentials and whether they are new.

    Idempotent: credentials that exist for this kiosk id and that the central accepts
    (one authenticated heartbeat) are kept, the token left unspent.  Credentials the
    central refuses (the kiosk was re-keyed, or its database reset) are replaced when the
    token registers.  A crash between the central's answer and the file on disk loses the
    secret: the administrator issues a re-keying token (``--rekey``)."""
    path = Path(settings.credentials_path)
    creds = load_credentials(path) if path.exists() else None
    if creds is not None and creds.kiosk_id == settings.kiosk_id:
        client.secret = creds.secret
        try:
            client.heartbeat(queue_depth=0)
            return creds, False
        except TransientError as exc:
            if exc.status != 401:  # the central is down or unwell: do not spend the token
                raise
    secret = client.register(enrollment_token, settings.agency_id)
    creds = Credentials(settings.kiosk_id, secret)
    save_credentials(path, creds)
    return creds, True
