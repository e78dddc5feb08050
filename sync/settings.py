"""Configuration of the link to the central one-stop system (section ``[sync]``).

Every key is documented in ``docs/sync.md``; numbering keys in ``docs/numbering.md``.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class SyncSettings(BaseModel):
    """Where the central system is, who this kiosk is, and how hard to try."""

    model_config = ConfigDict(extra="forbid")

    #: e.g. "https://motcua.example.gov.vn" or "http://127.0.0.1:8080" for the demo;
    #: empty = no central: dossiers wait in the outbox, numbering stays local
    central_url: str = ""
    kiosk_id: str = Field(default="kiosk-01", pattern=r"^[A-Za-z0-9._-]{1,64}$")
    #: the receiving agency (QCVN 102:2016 identifier) whose dossier codes this kiosk issues
    agency_id: str = Field(default="000.00.00.H30",
                           pattern=r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[0-9A-Z]{3}$")
    #: JSON file with this kiosk's HMAC secret (mode 0600); written by ``kiosk provision``
    credentials_path: str = "sync-credentials.json"
    #: development only: allow a plain ``http://`` central on a loopback address (the demo
    #: and the tests); a real kiosk talks to its central over verified https only
    dev_insecure_http: bool = False
    #: PEM bundle of the CA that signed the central's certificate; empty = system CAs
    ca_bundle: str = ""
    connect_timeout_s: float = Field(default=3.05, gt=0, le=60)
    read_timeout_s: float = Field(default=20.0, gt=0, le=600)
    #: how often the worker looks at the outbox when nothing wakes it
    poll_interval_s: float = Field(default=5.0, gt=0, le=3600)
    backoff_base_s: float = Field(default=2.0, gt=0, le=3600)
    backoff_max_s: float = Field(default=300.0, gt=0, le=86400)
    #: consecutive transient failures that open the circuit breaker, and how long it stays open
    breaker_threshold: int = Field(default=5, ge=1, le=1000)
    breaker_cooldown_s: float = Field(default=60.0, gt=0, le=86400)
    #: dossiers delivered at once (each on its own connection); 1 = strictly one by one
    parallel_deliveries: int = Field(default=4, ge=1, le=16)
    #: a dossier whose attachments add up to at most this goes in one request (0 = never);
    #: larger ones, and the rest of an interrupted one, go in resumable chunks
    bundle_max_bytes: int = Field(default=4 << 20, ge=0, le=16 << 20)
    #: first attempts of up to this many dossiers share one request when their attachments
    #: add up to bundle_max_bytes (per-request costs paid once); 1 = one dossier per request
    batch_dossiers: int = Field(default=4, ge=1, le=16)
    chunk_size_bytes: int = Field(default=1 << 20, ge=4096, le=8 << 20)
    heartbeat_interval_s: float = Field(default=60.0, gt=0, le=86400)
    #: personal data and attachments are purged this long after the central acknowledged them
    retention_hours: float = Field(default=168.0, ge=0, le=24 * 365)

    #: "local": the foundation's per-kiosk counter (a centre with one kiosk);
    #: "leased": blocks leased from the central with a kiosk-scoped fallback (docs/numbering.md)
    numbering: Literal["local", "leased"] = "local"
    lease_block: int = Field(default=50, ge=1, le=1000)
    lease_low_water: int = Field(default=20, ge=0, le=1000)
    #: the highest number the central hands out (must equal the central's limit)
    lease_limit: int = Field(default=8999, ge=1, le=9999)
    #: this kiosk's reserved offline range: fallback_base + slot*fallback_size + (0..size-1)
    kiosk_slot: int = Field(default=0, ge=0, le=99)
    fallback_base: int = Field(default=9000, ge=1, le=9999)
    fallback_size: int = Field(default=100, ge=1, le=9999)
    #: ticket series (service codes) to keep leased ahead, besides those already in use
    ticket_series: list[str] = Field(default_factory=list)
