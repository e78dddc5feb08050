"""Retention: personal data leaves the kiosk only after the central has it, then is purged.

Law 91/2025/QH15 and Decree 356/2025/NĐ-CP (domain.md §8): a kiosk keeps personal data only
until the central system has it.  A dossier is purged ``retention_hours`` after the central's
acknowledgement (the commit answer), never before: identity, answers and summary are cleared,
attachment files deleted; the code, procedure and dates stay for receipts and statistics.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sync.store.models_dossier import Dossier


def purge_acknowledged(store, retention_hours: float, now: datetime | None = None) -> int:
    """Purge dossiers acknowledged more than ``retention_hours`` ago; returns how many."""
    now = now or datetime.now(timezone.utc)
    cutoff = (now - timedelta(hours=retention_hours)).replace(tzinfo=None)
    purged = 0
    with store.session() as session:
        dossiers = session.scalars(
            select(Dossier).options(selectinload(Dossier.attachments))
            .where(Dossier.status == "acked", Dossier.acked_at.is_not(None),
                   Dossier.acked_at <= cutoff)).all()
        files = []
        for dossier in dossiers:
            dossier.applicant = dossier.answers = dossier.summary = None
            dossier.status, dossier.purged_at = "purged", now
            for att in dossier.attachments:
                if att.file_id:
                    files.append(att.file_id)
                att.file_id = None
            purged += 1
    # files go after the commit: a crash in between leaves encrypted orphans, never a
    # dossier row pointing to a deleted file
    for file_id in files:
        store.files.delete(file_id)
    return purged

