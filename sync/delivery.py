"""Delivering one queued dossier to the central, resumable from any interruption.

Every step is idempotent at the central: the submission is deduplicated on the dossier id,
chunks are appended at the offset the central says it holds, the commit can be repeated.
So after a crash, a timeout or a lost answer the same sequence is simply run again, and the
dossier arrives exactly once with byte-identical attachments.
"""
from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

from sqlalchemy import bindparam, select

from sync.client import CentralClient, DossierState
from sync.dossiers import submission_body
from sync.errors import PermanentError, Stopping, SyncError, TransientError
from sync.store.files import FileRef
from sync.store.models_dossier import Dossier, DossierAttachment


def deliver_dossier(store, client: CentralClient, dossier_id: str, chunk_size: int,
                    should_stop: Callable[[], bool] = lambda: False,
                    bundle_max_bytes: int = 0) -> DossierState:
    """Submit, upload what the central lacks, commit; returns the acknowledged state.

    A small dossier goes first as one bundle (JSON and attachments in one request); if that
    is refused for its size or interrupted, the chunked path below picks up from what the
    central holds."""
    body, files = _load(store, dossier_id)
    if 0 < sum(size for _, size, _ in files.values()) <= bundle_max_bytes:
        try:
            return client.submit_bundle(dossier_id, body, [
                _read(store, f) for f, _, _ in files.values()])
        except SyncError as exc:
            # the size limit is checked before the signature, so its 413 is not signed:
            # believing it is harmless, it only sends the dossier the chunked way
            if exc.status != 413:
                raise
    state = client.submit(dossier_id, body)
    committed = state.committed
    if not committed:
        for att in state.attachments:
            if att.complete:
                continue
            if att.attachment_id not in files:
                raise PermanentError("central lists an attachment this dossier does not have")
            if should_stop():
                raise Stopping("worker stopping")
            file_id, size, sha = files[att.attachment_id]
            committed = _upload(store, client, dossier_id, att.attachment_id,
                                FileRef(file_id, sha, size), att.received, chunk_size, should_stop)
    if committed:
        return state
    return client.commit(dossier_id)


def deliver_batch(store, client: CentralClient, dossier_ids: list[str],
                  max_bytes: int) -> list[str]:
    """Deliver, in one request, those of the dossiers whose attachments add up to at most
    ``max_bytes`` together (oldest first); returns the ids left for one-by-one delivery.

    All or nothing at the central; a refused batch raises and the caller sends the dossiers
    one by one (the central dedupes any that arrived), so one bad dossier cannot hold up
    the others."""
    picked, rest, total = [], [], 0
    for dossier_id, (body, files) in zip(dossier_ids, _load_many(store, dossier_ids)):
        size = sum(size for _, size, _ in files.values())
        if 0 < size and total + size <= max_bytes:
            picked.append((dossier_id, body, files))
            total += size
        else:
            rest.append(dossier_id)
    if len(picked) < 2:
        return dossier_ids
    client.submit_batch([(dossier_id, body, [_read(store, f) for f, _, _ in files.values()])
                         for dossier_id, body, files in picked])
    return rest


def _read(store, file_id: str) -> bytes:
    """An attachment's bytes for a bundle or batch, hashed once, by the signature.

    The store's own digest check (``FileRef``) is skipped here only: AES-GCM already
    authenticates the file under its id (a file is written once per id), and the central
    checks every attachment's SHA-256 against the manifest before it stores anything, so a
    wrong file is refused as surely and the dossier parked.  Chunked uploads keep the check:
    their reset logic relies on our bytes matching our digest."""
    if file_id is None:
        raise ValueError("attachment already purged")
    return store.files.get(file_id)


_DOSSIER = Dossier.__table__
_ATTACHMENT = DossierAttachment.__table__
#: built once: Core statements on tables (the personal data columns still decrypt on the way
#: out), not ORM objects, for a read that happens once per delivery
_SELECT_DOSSIERS = select(_DOSSIER).where(_DOSSIER.c.id.in_(bindparam("ids", expanding=True)))
_SELECT_ATTACHMENTS = (select(_ATTACHMENT)
                       .where(_ATTACHMENT.c.dossier_id.in_(bindparam("ids", expanding=True)))
                       .order_by(_ATTACHMENT.c.dossier_id, _ATTACHMENT.c.position))


def _load(store, dossier_id: str) -> tuple[bytes, dict[str, tuple[str, int, str]]]:
    """The submission's bytes and ``{attachment id: (file id, size, sha256)}``."""
    return _load_many(store, [dossier_id])[0]


def _load_many(store, dossier_ids: list[str]) -> list[tuple[bytes, dict[str, tuple[str, int, str]]]]:
    """``_load`` for several dossiers in two queries, in the order given."""
    with store.session() as session:  # (a database error becomes a StoreError)
        conn = session.connection()
        rows = {r.id: r for r in conn.execute(_SELECT_DOSSIERS, {"ids": dossier_ids})}
        atts: dict[str, list] = {d: [] for d in dossier_ids}
        for att in conn.execute(_SELECT_ATTACHMENTS, {"ids": dossier_ids}):
            atts[att.dossier_id].append(att)
    loaded = []
    for dossier_id in dossier_ids:
        if dossier_id not in rows:
            raise ValueError("dossier not in the store")
        mine = atts[dossier_id]
        body = submission_body(SimpleNamespace(**rows[dossier_id]._mapping, attachments=mine))
        loaded.append((body, {a.id: (a.file_id, a.size, a.sha256) for a in mine}))
    return loaded


def _upload(store, client: CentralClient, dossier_id: str, attachment_id: str, ref: FileRef,
            offset: int, chunk_size: int, should_stop: Callable[[], bool]) -> bool:
    """Send the missing bytes; True when the central committed the dossier with the last."""
    # One attachment in memory at a time (a few MB at most): memory stays flat however many
    # dossiers wait.  The store checks the plaintext digest on the way out.
    data, size = store.files.get(ref), ref.size
    resets = 0
    while offset < size:
        if should_stop():
            raise Stopping("worker stopping")
        chunk = data[offset:offset + chunk_size]
        try:
            got = client.upload_chunk(dossier_id, attachment_id, offset, chunk)
        except PermanentError as exc:
            if exc.code == "offset_mismatch" and isinstance(exc.body.get("received"), int):
                offset = exc.body["received"]  # the central holds more (or less): resume there
                continue
            if exc.code == "attachment_hash_mismatch" and resets < 2:
                # our bytes match our digest (checked above), so the central's copy went bad
                resets += 1
                offset = 0
                continue
            raise
        if got.received <= offset and not got.complete:
            raise TransientError("central did not advance the upload")
        offset = got.received
        if got.complete:
            return got.committed
    return False

