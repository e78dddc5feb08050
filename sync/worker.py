"""The background sync worker: drains the outbox to the central, keeps number leases full.

Plain ``threading`` (Qt-free): the kiosk starts it once and never calls the network from the
UI thread.  Each pass: refill number leases, deliver due dossiers oldest first, send a
heartbeat now and then, purge what the central acknowledged long enough ago.  A transient
failure (network, 5xx, garbage answer) reschedules the item with backoff and counts toward the
circuit breaker; a permanent one (4xx) parks it as ``failed`` for a person to look at.
"""
from __future__ import annotations

import logging
import random
import threading
import time
from collections import deque
from concurrent import futures
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

from sqlalchemy import bindparam, func, select, update

from sync.backoff import CircuitBreaker, backoff_delay
from sync.client import CentralClient
from sync.credentials import ensure_credentials
from sync.delivery import deliver_batch, deliver_dossier
from sync.errors import NotConfigured, PermanentError, Stopping, SyncError, TransientError
from sync import ratings
from sync.numbering_leased import refill
from sync.retention import purge_acknowledged
from sync.settings import SyncSettings
from sync.state import record_outcome
from sync.store import StoreError
from sync.store.models_dossier import Dossier
from sync.store.models_sync import OutboxItem

log = logging.getLogger(__name__)


def make_client(settings: SyncSettings, read_timeout: float | None = None) -> CentralClient:
    """A client for the configured central (https only, unless the development flag lets a
    loopback http central through: ``NotConfigured`` otherwise)."""
    return CentralClient(settings.central_url, settings.kiosk_id, None,
                         ca_bundle=settings.ca_bundle or None,
                         connect_timeout=settings.connect_timeout_s,
                         read_timeout=read_timeout or settings.read_timeout_s,
                         allow_http=settings.dev_insecure_http)


class SyncWorker:
    def __init__(self, store, settings: SyncSettings, client: CentralClient | None = None,
                 devices_health=lambda: {}, app_version: str = "",
                 technician_report=lambda: ({}, []), technician_sent=lambda ids: None,
                 catalog_version=lambda: "", catalog_keeper=None) -> None:
        """``technician_report()`` -> (check results, unsent audit entries) for the heartbeat;
        ``technician_sent(ids)`` marks the entries the central accepted;
        ``catalog_version()`` names the catalog the kiosk runs (the dashboard shows it);
        ``catalog_keeper`` (``kiosk.catalog_update``): fetches the central's catalog with the
        heartbeat, and then names the version and reports a refused one."""
        self.store = store
        self.settings = settings
        #: a central URL the kiosk must not talk to (plain http) stops sync, not the kiosk
        self._config_error: NotConfigured | None = None
        try:
            self.client = client or make_client(settings)
        except NotConfigured as exc:
            self.client, self._config_error = None, exc
        self.breaker = CircuitBreaker(settings.breaker_threshold, settings.breaker_cooldown_s)
        self.devices_health = devices_health
        self.app_version = app_version
        self.technician_report, self.technician_sent = technician_report, technician_sent
        self.catalog_version = catalog_version
        self.catalog_keeper = catalog_keeper
        self._wake = threading.Event()
        self._refill_wanted = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_heartbeat = 0.0
        self._rng = random.Random()
        self._credentials_ok = False
        self._executor: ThreadPoolExecutor | None = None
        self._local = threading.local()
        self._clients: list[CentralClient] = []
        self._clients_lock = threading.Lock()

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> "SyncWorker":
        self._thread = threading.Thread(target=self._loop, name="sync-worker", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
        for client in [self.client, *self._clients]:
            if client is not None:
                client.close()

    def wake(self) -> None:
        """Ask for a pass now (a dossier was just queued)."""
        self._wake.set()

    def request_refill(self) -> None:
        """A number series runs low: lease more before the next delivery (``on_low`` hook)."""
        self._refill_wanted.set()
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:  # the worker must outlive any surprise; the item stays queued
                log.exception("sync pass failed")
            self._wake.wait(self._next_wait())
            self._wake.clear()

    def _next_wait(self) -> float:
        wait = self.settings.poll_interval_s
        if not self.breaker.allow():
            return max(0.05, min(wait, self.breaker.seconds_until_retry()))
        with self.store.session() as session:
            due = session.scalar(select(func.min(OutboxItem.next_attempt_at))
                                 .where(OutboxItem.state == "pending"))
        if due is not None:
            due = due.replace(tzinfo=timezone.utc) if due.tzinfo is None else due
            wait = min(wait, max(0.05, (due - datetime.now(timezone.utc)).total_seconds()))
        return wait

    # ------------------------------------------------------------------ one pass
    def run_once(self, max_items: int = 50) -> dict[str, int]:
        """One pass; returns counts (delivered, retry, failed, leased, purged)."""
        result = {"delivered": 0, "retry": 0, "failed": 0, "leased": 0, "purged": 0}
        result["purged"] = purge_acknowledged(self.store, self.settings.retention_hours)
        if not self.settings.central_url or not self.breaker.allow():
            return result
        if self._config_error is not None:
            record_outcome(self.store, success=False, error=str(self._config_error))
            return result
        try:
            if not self._credentials_ok:
                ensure_credentials(self.settings, self.client)
                self._credentials_ok = True
            result["leased"] = self._refill()
        except TransientError as exc:
            self._transient(str(exc))
            return result
        except SyncError as exc:  # not registered, a refused lease: say so, keep delivering
            record_outcome(self.store, success=False, error=str(exc))
            if isinstance(exc, NotConfigured) or not self._credentials_ok:
                return result
        self._deliver_due(max_items, result)
        self._heartbeat()
        return result

    def _deliver_due(self, page_size: int, result: dict[str, int]) -> None:
        """Deliver everything due, oldest first, ``parallel_deliveries`` in flight at once.

        A sliding window, not batches: a new delivery starts as soon as one ends, so a slow
        dossier does not leave the other slots idle.  Due items are read a page at a time
        until none is left; a transient failure stops new deliveries (the central is unwell:
        the rest waits for the next pass).  Successes are acknowledged locally in groups (one
        SQLite commit each); a crash before that commit only means the central is asked
        again and answers from what it already holds."""
        step = max(1, self.settings.parallel_deliveries)
        page: deque[tuple[int, str, int]] = deque(self._due(page_size))
        last_id = page[-1][0] if page else 0
        in_flight: set[Future] = set()
        acks: list[tuple[int, str, datetime]] = []
        unwell = False
        while True:
            while not unwell and not self._stop.is_set() and len(in_flight) < step:
                if not page:
                    page.extend(self._due(page_size, after_id=last_id))
                    if not page:
                        break
                    last_id = page[-1][0]
                if self._refill_wanted.is_set():
                    try:
                        result["leased"] += self._refill()
                    except SyncError as exc:
                        log.info("lease refill failed: %s", exc)
                group = [page.popleft()]
                while (group[0][2] == 0 and page and page[0][2] == 0
                       and len(group) < self.settings.batch_dossiers):
                    group.append(page.popleft())  # first attempts may share a request
                if step == 1 or not (in_flight or page):  # the last work: in this thread
                    in_flight.add(_done_future(self._deliver_group(self.client, group)))
                else:
                    in_flight.add(self._pool().submit(
                        lambda g: self._deliver_group(self._client(), g), group))
            if not in_flight:
                break
            done, in_flight = futures.wait(in_flight, return_when=futures.FIRST_COMPLETED)
            for outcome in (o for future in done for o in future.result()):
                if isinstance(outcome, tuple):
                    acks.append(outcome[1:])
                    outcome = outcome[0]
                result[outcome] += 1
                unwell = unwell or outcome == "retry"
            if len(acks) >= 4 * step or not in_flight:
                self._acknowledge(acks)
                acks = []
        self._acknowledge(acks)

    def _pool(self) -> ThreadPoolExecutor:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self.settings.parallel_deliveries,
                                                thread_name_prefix="sync-delivery")
        return self._executor

    def _client(self) -> CentralClient:
        """One HTTP session per delivery thread (requests sessions are not shared safely)."""
        client = getattr(self._local, "client", None)
        if client is None:
            client = self._local.client = make_client(self.settings)
            with self._clients_lock:
                self._clients.append(client)
        client.secret = self.client.secret
        return client

    def _refill(self) -> int:
        self._refill_wanted.clear()
        if self.settings.numbering != "leased":
            return 0
        return refill(self.store, self.client, self.settings)

    def _due(self, limit: int, after_id: int = 0) -> list[tuple[int, str, int]]:
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        with self.store.session() as session:
            return [tuple(row) for row in session.execute(
                select(OutboxItem.id, OutboxItem.ref_id, OutboxItem.attempts)
                .where(OutboxItem.state == "pending", OutboxItem.kind == "dossier",
                       OutboxItem.next_attempt_at <= now, OutboxItem.id > after_id)
                .order_by(OutboxItem.id).limit(limit)).all()]

    def _deliver_group(self, client: CentralClient, group: list[tuple[int, str, int]]) -> list:
        """Several first attempts in one request when they fit (``deliver_batch``), the rest
        one by one; a refused or unreadable batch is sent one by one, so the bad dossier is
        parked with its own reason and the others arrive."""
        if len(group) == 1 or self.settings.bundle_max_bytes == 0 or self._stop.is_set():
            return [self._deliver(client, *item) for item in group]
        started = datetime.now(timezone.utc)
        try:
            rest = set(deliver_batch(self.store, client, [d for _, d, _ in group],
                                     self.settings.bundle_max_bytes))
        except TransientError as exc:
            self._transient(str(exc))
            for outbox_id, _, _ in group:
                self._mark(outbox_id, started, error=str(exc), permanent=False)
            return ["retry"] * len(group)
        except (PermanentError, StoreError, ValueError) as exc:
            log.info("batch refused, delivering one by one: %s", exc)
            rest = {d for _, d, _ in group}
        if len(rest) < len(group):
            self.breaker.success()
        return [("delivered", outbox_id, dossier_id, started)
                for outbox_id, dossier_id, _ in group if dossier_id not in rest] + [
                self._deliver(client, *item) for item in group if item[1] in rest]

    def _deliver(self, client: CentralClient, outbox_id: int, dossier_id: str,
                 attempts: int = 0) -> str | tuple[str, int, str, datetime]:
        """Deliver one dossier; "retry"/"failed" are recorded here, a success is returned
        for ``_acknowledge``."""
        started = datetime.now(timezone.utc)
        # after a failed attempt go by resumable chunks: a bundle would start from zero again
        bundle = self.settings.bundle_max_bytes if attempts == 0 else 0
        try:
            deliver_dossier(self.store, client, dossier_id, self.settings.chunk_size_bytes,
                            self._stop.is_set, bundle)
        except Stopping:
            return "retry"  # shutting down: no attempt counted, nothing to report
        except TransientError as exc:
            self._transient(str(exc))
            self._mark(outbox_id, started, error=str(exc), permanent=False)
            return "retry"
        except (PermanentError, StoreError, ValueError) as exc:
            log.warning("dossier refused or unreadable (outbox %s): %s", outbox_id, exc)
            record_outcome(self.store, success=False, error=str(exc))
            self._mark(outbox_id, started, error=str(exc), permanent=True)
            return "failed"
        self.breaker.success()
        return ("delivered", outbox_id, dossier_id, started)

    def _acknowledge(self, delivered: list[tuple[int, str, datetime]]) -> None:
        """Mark acknowledged dossiers done, a whole batch in one transaction (one fsync).

        A crash before this commit only means the next pass delivers them again, which the
        central answers from what it already has."""
        if not delivered:
            return
        now = datetime.now(timezone.utc)
        done = [{"outbox_id": o, "dossier_id": d, "started": s, "now": now}
                for o, d, s in delivered]
        with self.store.session() as session:
            conn = session.connection()
            conn.execute(_OUTBOX_DONE, done)  # executemany of statements built once
            # Core, not the ORM: loading the dossier would decrypt its personal data for nothing
            conn.execute(_DOSSIER_ACKED, done)
            record_outcome(session, success=True)

    def _mark(self, outbox_id: int, started: datetime, *, error: str, permanent: bool) -> None:
        # write first (UPDATE .. RETURNING): a read-then-write transaction in SQLite's WAL
        # mode fails at once, without waiting, when another connection wrote in between
        with self.store.session() as session:
            attempts = session.execute(
                update(OutboxItem).where(OutboxItem.id == outbox_id)
                .values(attempts=OutboxItem.attempts + 1, last_attempt_at=started,
                        last_error=error[:500])
                .returning(OutboxItem.attempts)).scalar_one()
            if permanent:
                values = {"state": "failed"}
            else:
                delay = backoff_delay(attempts, self.settings.backoff_base_s,
                                      self.settings.backoff_max_s, self._rng)
                values = {"next_attempt_at": datetime.now(timezone.utc) + timedelta(seconds=delay)}
            session.execute(update(OutboxItem).where(OutboxItem.id == outbox_id).values(**values))

    def _transient(self, error: str) -> None:
        self.breaker.failure()
        open_until = None
        if not self.breaker.allow():
            open_until = datetime.now(timezone.utc) + timedelta(
                seconds=self.breaker.seconds_until_retry())
            log.warning("central unreachable, pausing sync for %.0f s: %s",
                        self.breaker.seconds_until_retry(), error)
        record_outcome(self.store, success=False, error=error, breaker_open_until=open_until)

    def _heartbeat(self) -> None:
        if time.monotonic() - self._last_heartbeat < self.settings.heartbeat_interval_s:
            return
        try:
            with self.store.session() as session:
                depth = session.scalar(select(func.count()).select_from(OutboxItem)
                                       .where(OutboxItem.state == "pending")) or 0
                failing = session.scalar(select(func.count()).select_from(OutboxItem)
                                         .where(OutboxItem.state == "failed")) or 0
            checks, audit = self.technician_report()
            version = self.catalog_version()
            if self.catalog_keeper is not None:
                self._refresh_catalog()
                checks, version = {**checks, **self.catalog_keeper.check_report()}, \
                    self.catalog_keeper.version
            self.client.heartbeat(depth, failing, self.devices_health(), self.app_version,
                                  checks=checks, audit=audit,
                                  catalog_version=version)
            self._last_heartbeat = time.monotonic()
            self.technician_sent([entry["id"] for entry in audit])
            ratings.send(self.store, self.client)  # the dashboard's satisfaction share
        except SyncError as exc:
            log.info("heartbeat not sent: %s", exc)

    def _refresh_catalog(self) -> None:
        try:
            self.catalog_keeper.refresh(self.client)
        except (SyncError, OSError) as exc:  # the last good catalog stays; the next heartbeat retries
            log.info("catalog not fetched: %s", exc)


_OUTBOX_DONE = (update(OutboxItem.__table__)
                .where(OutboxItem.__table__.c.id == bindparam("outbox_id"))
                .values(state="done", done_at=bindparam("now"),
                        last_attempt_at=bindparam("started"), last_error=None,
                        attempts=OutboxItem.__table__.c.attempts + 1))
_DOSSIER_ACKED = (update(Dossier.__table__)
                  .where(Dossier.__table__.c.id == bindparam("dossier_id"),
                         Dossier.__table__.c.status == "queued")
                  .values(status="acked", acked_at=bindparam("now")))


def _done_future(value) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future
