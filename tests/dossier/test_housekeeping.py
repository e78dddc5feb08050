"""Leftover encrypted files (a power cut between writing a scan and filing) are removed at
start; the files of filed dossiers are kept."""
from __future__ import annotations

from datetime import datetime, timezone

from kiosk.dossier.housekeeping import sweep_orphan_files
from sync.dossiers import NewAttachment, submit_dossier
from sync.numbering_leased import dossier_code_source
from sync.settings import SyncSettings
from sync.store import open_store


def test_only_files_no_dossier_refers_to_are_swept(tmp_path):
    store = open_store(tmp_path / "kiosk.db", tmp_path / "k.key")
    leftover = store.files.put(b"scan of a paper from a session cut by a power failure")
    filed = submit_dossier(
        store, dossier_code_source(SyncSettings()), agency_id="000.00.00.H30",
        procedure_code="2.000815", procedure_name="Chứng thực bản sao từ bản chính",
        applicant={"full_name": "Trần Văn Bình", "id_number": "001090012345"}, answers={},
        attachments=[NewAttachment(data=b"%PDF-1.7 declaration", paper_name="Tờ khai", file_name="to-khai.pdf")],
        received_at=datetime(2026, 11, 28, 2, tzinfo=timezone.utc))
    assert sweep_orphan_files(store) == 1
    assert not store.files.exists(leftover)
    kept = list(store.files.root.glob("*/*.bin"))
    assert len(kept) == 1 and filed.code.endswith("-0001")
    assert sweep_orphan_files(store) == 0
