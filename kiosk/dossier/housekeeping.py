"""Start-up housekeeping of the encrypted file store.

Scanned papers are written to the file store before the dossier that uses them is filed,
and the dossier's attachments before its transaction commits. A power cut in between
leaves encrypted files that nothing refers to. At start no citizen session exists, so any
file no dossier attachment refers to is such a leftover: personal data kept longer than
needed, deleted here.
"""
from __future__ import annotations

from sqlalchemy import select

from sync.store.models_dossier import DossierAttachment


def sweep_orphan_files(store) -> int:
    """Delete files that no dossier attachment refers to; returns how many went."""
    with store.session() as s:
        referenced = set(s.scalars(select(DossierAttachment.file_id).where(
            DossierAttachment.file_id.is_not(None))))
    removed = 0
    for path in store.files.root.glob("*/*.bin"):
        if path.stem not in referenced:
            store.files.delete(path.stem)
            removed += 1
    return removed
