"""Configuration of the link to the central one-stop system (section ``[sync]``).

Every key is documented in ``docs/sync.md``; numbering keys in ``docs/numbering.md``.
"""
from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct

_AGENCY_ID = Meta(pattern=r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[0-9A-Z]{3}\Z")


class SyncSettings(Struct, kw_only=True, forbid_unknown_fields=True):
    """Where the central system is, who this kiosk is, and how hard to try."""

    #: e.g. "https://motcua.example.gov.vn" or "http://127.0.0.1:8080" for the demo;
    #: empty = no central: dossiers wait in the outbox, numbering stays local
    central_url: str = ""
    # \Z, not $: $ also matches before a final newline, and "kiosk-01\n" is not an id
    kiosk_id: Annotated[str, Meta(pattern=r"^[A-Za-z0-9._-]{1,64}\Z")] = "kiosk-01"
    #: the receiving agency (QCVN 102:2016 identifier) whose dossier codes this kiosk issues
    agency_id: Annotated[str, _AGENCY_ID] = "000.00.00.H30"
    #: JSON file with this kiosk's HMAC secret (mode 0600); written by ``kiosk provision``
    credentials_path: str = "sync-credentials.json"
    #: development only: allow a plain ``http://`` central on a loopback address (the demo
    #: and the tests); a real kiosk talks to its central over verified https only
    dev_insecure_http: bool = False
    #: PEM bundle of the CA that signed the central's certificate; empty = system CAs
    ca_bundle: str = ""
    connect_timeout_s: Annotated[float, Meta(gt=0, le=60)] = 3.05
    read_timeout_s: Annotated[float, Meta(gt=0, le=600)] = 20.0
    #: how often the worker looks at the outbox when nothing wakes it
    poll_interval_s: Annotated[float, Meta(gt=0, le=3600)] = 5.0
    backoff_base_s: Annotated[float, Meta(gt=0, le=3600)] = 2.0
    backoff_max_s: Annotated[float, Meta(gt=0, le=86400)] = 300.0
    #: consecutive transient failures that open the circuit breaker, and how long it stays open
    breaker_threshold: Annotated[int, Meta(ge=1, le=1000)] = 5
    breaker_cooldown_s: Annotated[float, Meta(gt=0, le=86400)] = 60.0
    #: dossiers delivered at once (each on its own connection); 1 = strictly one by one
    parallel_deliveries: Annotated[int, Meta(ge=1, le=16)] = 4
    #: a dossier whose attachments add up to at most this goes in one request (0 = never);
    #: larger ones, and the rest of an interrupted one, go in resumable chunks
    bundle_max_bytes: Annotated[int, Meta(ge=0, le=16 << 20)] = 4 << 20
    #: first attempts of up to this many dossiers share one request when their attachments
    #: add up to bundle_max_bytes (per-request costs paid once); 1 = one dossier per request
    batch_dossiers: Annotated[int, Meta(ge=1, le=16)] = 4
    chunk_size_bytes: Annotated[int, Meta(ge=4096, le=8 << 20)] = 1 << 20
    heartbeat_interval_s: Annotated[float, Meta(gt=0, le=86400)] = 60.0
    #: personal data and attachments are purged this long after the central acknowledged them
    retention_hours: Annotated[float, Meta(ge=0, le=24 * 365)] = 168.0

    #: "local": the foundation's per-kiosk counter (a centre with one kiosk);
    #: "leased": blocks leased from the central with a kiosk-scoped fallback (docs/numbering.md)
    numbering: Literal["local", "leased"] = "local"
    lease_block: Annotated[int, Meta(ge=1, le=1000)] = 50
    lease_low_water: Annotated[int, Meta(ge=0, le=1000)] = 20
    #: the highest number the central hands out (must equal the central's limit)
    lease_limit: Annotated[int, Meta(ge=1, le=9999)] = 8999
    #: this kiosk's reserved offline range: fallback_base + slot*fallback_size + (0..size-1)
    kiosk_slot: Annotated[int, Meta(ge=0, le=99)] = 0
    fallback_base: Annotated[int, Meta(ge=1, le=9999)] = 9000
    fallback_size: Annotated[int, Meta(ge=1, le=9999)] = 100
    #: ticket series (service codes) to keep leased ahead, besides those already in use
    ticket_series: list[str] = msgspec.field(default_factory=list)

    def to_json(self) -> str:
        """The settings for another process (a kiosk started by a test or a benchmark,
        ``sync/testing/kiosk_proc.py``), read back by ``from_json``."""
        return msgspec.json.encode(self).decode()

    @classmethod
    def from_json(cls, text: str | bytes) -> SyncSettings:
        """Settings written by ``to_json``, checked as the configuration file is."""
        return msgspec.json.decode(text, type=cls)
