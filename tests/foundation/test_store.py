"""The local store: encrypted at rest, migrated at start, whole after a power cut."""
from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time

import pytest
from sqlalchemy import Column, Integer, String, select

from sync.store import DecryptionError, KeyFileError, StoreError, open_store
from sync.store.crypto import KeyRing


def test_key_file_is_created_private_and_outside_the_database(tmp_path):
    store = open_store(tmp_path / "data" / "kiosk.db", tmp_path / "keys" / "store.key")
    mode = stat.S_IMODE((tmp_path / "keys" / "store.key").stat().st_mode)
    assert mode == 0o600
    store.close()


def test_world_readable_key_file_is_refused(tmp_path):
    KeyRing.load_or_create(tmp_path / "k.key")
    os.chmod(tmp_path / "k.key", 0o644)
    with pytest.raises(KeyFileError, match="0600"):
        open_store(tmp_path / "kiosk.db", tmp_path / "k.key")


def test_files_are_encrypted_at_rest_and_tampering_is_detected(tmp_path):
    store = open_store(tmp_path / "kiosk.db", tmp_path / "k.key")
    secret = "Nguyễn Thị Ánh 079190001234".encode()
    ref = store.files.put(secret)
    raw = b"".join(p.read_bytes() for p in (tmp_path / "files").rglob("*.bin"))
    assert secret not in raw and b"079190001234" not in raw
    assert store.files.get(ref) == secret
    path = next((tmp_path / "files").rglob("*.bin"))
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 1
    path.write_bytes(bytes(blob))
    with pytest.raises(DecryptionError):
        store.files.get(ref)


def test_encrypted_columns_never_hold_plaintext_and_survive_key_rotation(tmp_path):
    from sync.store.base import Base
    from sync.store.crypto import EncryptedJSON

    class Probe(Base):  # a throwaway table with an encrypted column, as dossiers use
        __tablename__ = "probe_personal"
        id = Column(Integer, primary_key=True)
        label = Column(String(10))
        identity = Column(EncryptedJSON("probe.identity"))

    try:
        store = open_store(tmp_path / "kiosk.db", tmp_path / "k.key")
        Probe.__table__.create(store.engine)
        with store.session() as s:
            s.add(Probe(label="a", identity={"name": "Trần Văn Bình", "id": "001090012345"}))
        ref = store.files.put(b"scan of a paper")
        raw = (tmp_path / "kiosk.db").read_bytes() + (tmp_path / "kiosk.db-wal").read_bytes()
        assert "Trần Văn Bình".encode() not in raw and b"001090012345" not in raw

        old_keys = dict(store.keyring.keys)
        new_id = store.rotate_key()
        assert set(store.keyring.keys) == {new_id} and new_id not in old_keys
        with store.session() as s:
            assert s.scalars(select(Probe)).one().identity["name"] == "Trần Văn Bình"
        assert store.files.get(ref) == b"scan of a paper"
        # a ring with only the old key can no longer open anything
        stale = KeyRing(tmp_path / "old.key", min(old_keys), old_keys)
        row = sqlite3.connect(tmp_path / "kiosk.db").execute("select identity from probe_personal").fetchone()[0]
        with pytest.raises(DecryptionError):
            stale.open(row, b"probe.identity")
    finally:
        Base.metadata.remove(Probe.__table__)


def test_unwritable_data_folder_refuses_with_the_reason(tmp_path):
    if os.geteuid() == 0:
        target = "/proc/kiosk-data/kiosk.db"  # not writable even for root
    else:
        locked = tmp_path / "ro"
        locked.mkdir(mode=0o500)
        target = str(locked / "kiosk.db")
    with pytest.raises(StoreError, match="not writable") as err:
        open_store(target, tmp_path / "k.key")
    assert "báo cán bộ" in err.value.vi


def test_corrupt_database_refuses_with_the_reason(tmp_path):
    KeyRing.load_or_create(tmp_path / "k.key")   # without it, the missing key is the reason
    (tmp_path / "kiosk.db").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        open_store(tmp_path / "kiosk.db", tmp_path / "k.key")


def test_locked_database_gives_a_store_error_not_a_hang(tmp_path):
    from datetime import datetime, timezone

    from sync.store.models import DeviceFault
    store = open_store(tmp_path / "kiosk.db", tmp_path / "k.key", busy_timeout_ms=200)
    blocker = sqlite3.connect(tmp_path / "kiosk.db", timeout=0.1)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked"):
            with store.session() as s:
                s.add(DeviceFault(at=datetime.now(timezone.utc), device="printer", kind="x", detail=""))
    finally:
        blocker.rollback()
        blocker.close()


def test_migrations_run_at_start_and_reopen_is_a_no_op(tmp_path):
    open_store(tmp_path / "kiosk.db", tmp_path / "k.key").close()
    conn = sqlite3.connect(tmp_path / "kiosk.db")
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    assert {"ticket", "ticket_counter", "device_fault", "alembic_version"} <= tables
    assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
    from sync.store.migrate import upgrade
    store = open_store(tmp_path / "kiosk.db", tmp_path / "k.key")
    assert upgrade(store.engine) is False


WRITER = textwrap.dedent("""
    import sys
    from datetime import datetime, timezone
    from sync.store import open_store
    from sync.numbering import LocalDailyCounter
    from sync.store.models import Ticket
    store = open_store(sys.argv[1], sys.argv[2])
    numbering = LocalDailyCounter()
    day = datetime(2026, 11, 28).date()
    print("ready", flush=True)
    while True:
        with store.session() as s:
            seq = numbering.allocate(s, "CUTRU", day)
            s.add(Ticket(kiosk_id="k", service_code="CUTRU", day=day.isoformat(), seq=seq,
                         number=f"B{seq:03d}", issued_at=datetime.now(timezone.utc),
                         status="allocated", waiting_ahead=0, estimated_wait_min=0))
        print("wrote", flush=True)
""")


def test_kill_minus_nine_mid_write_leaves_whole_records_and_no_reused_number(tmp_path):
    db, key = tmp_path / "kiosk.db", tmp_path / "k.key"
    open_store(db, key).close()
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(key)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        for _ in range(20):  # killed in the middle of writing, after some records
            assert proc.stdout.readline().strip() == "wrote"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    seqs = [r[0] for r in conn.execute("select seq from ticket order by seq")]
    counter = conn.execute("select last_seq from ticket_counter").fetchone()[0]
    assert len(seqs) > 3
    assert seqs == list(range(1, len(seqs) + 1))  # no gap, no duplicate: each ticket whole
    assert counter == seqs[-1]  # the counter and the tickets were committed together
