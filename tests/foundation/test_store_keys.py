"""The store's key and files: a lost or wrong key stops the kiosk instead of being replaced,
key ids never collide, the technician can prove everything decrypts, and the data folder is
private whatever the umask."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile

from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, select

from sync.store import DecryptionError, KeyFileError, StoreError, open_store
from sync.store.base import Base
from sync.store.crypto import EncryptedJSON, KeyRing


class Secret(Base):  # a throwaway table with an encrypted column, as dossiers have
    __tablename__ = "probe_keys_secret"
    id = Column(Integer, primary_key=True)
    identity = Column(EncryptedJSON("probe.identity"))


Base.metadata.remove(Secret.__table__)   # listed only while a test uses it (fixture `filled`)


@pytest.fixture
def filled(tmp_path):
    """A store holding one encrypted record and one encrypted file, closed."""
    db, key = tmp_path / "data" / "kiosk.db", tmp_path / "keys" / "store.key"
    store = open_store(db, key)
    listed = Secret.__table__.to_metadata(Base.metadata)   # as every area's tables are
    Secret.__table__.create(store.engine)
    with store.session() as s:
        s.add(Secret(identity={"name": "Lê Thị Hoa"}))
    ref = store.files.put(b"scanned paper")
    store.close()
    yield db, key, ref
    Base.metadata.remove(listed)


def test_a_deleted_key_is_never_silently_replaced(filled):
    db, key, _ = filled
    key.unlink()
    with pytest.raises(KeyFileError) as err:
        open_store(db, key)
    assert not key.exists()                          # no new key was made
    assert "tạm ngừng" in err.value.vi.lower() or "khóa" in err.value.vi
    assert "key" in err.value.en.lower()


def test_a_damaged_key_is_refused_and_left_as_it_is(filled):
    db, key, _ = filled
    key.write_text("{not json")
    with pytest.raises(KeyFileError, match="corrupt") as err:
        open_store(db, key)
    assert key.read_text() == "{not json"                # kept for the technician to inspect
    assert "khóa" in err.value.vi and "key" in err.value.en


def test_a_different_key_is_refused_at_start(filled):
    db, key, _ = filled
    key.unlink()
    KeyRing.load_or_create(key)                       # someone "fixes" it with a fresh key
    with pytest.raises(KeyFileError, match="does not open"):
        open_store(db, key)


def test_key_ids_are_random_and_unique(tmp_path):
    ids = {KeyRing.load_or_create(tmp_path / f"k{i}.key").active for i in range(5)}
    assert len(ids) == 5 and 1 not in ids
    ring = KeyRing.load_or_create(tmp_path / "k0.key")
    first = ring.active
    second = ring.add_key()
    assert second != first and set(ring.keys) == {first, second}


def test_store_check_proves_every_record_and_file_decrypts(filled):
    from sync.store.check import check_store
    db, key, ref = filled
    store = open_store(db, key)
    report = check_store(store)
    assert (report.records, report.files, report.failures) == (1, 1, [])
    blob = bytearray(store.files._path(ref.file_id).read_bytes())
    blob[-1] ^= 1
    store.files._path(ref.file_id).write_bytes(bytes(blob))
    report = check_store(store)
    assert report.files == 1 and len(report.failures) == 1 and ref.file_id in report.failures[0]
    store.close()


def _cli(*args, tmp_path, db, key):
    env = {**os.environ, "KIOSK__KIOSK__DATA_DIR": str(db.parent), "KIOSK__KIOSK__KEY_FILE": str(key)}
    from kiosk.config import EXAMPLE
    return subprocess.run([sys.executable, "-m", "kiosk", *args[:1], "--config", str(EXAMPLE), *args[1:]],
                          capture_output=True, text=True, timeout=120, env=env)


def test_store_check_and_sync_commands_explain_a_lost_key(tmp_path):
    db, key = tmp_path / "data" / "kiosk.db", tmp_path / "store.key"
    open_store(db, key).close()
    ok = _cli("store", "check", tmp_path=tmp_path, db=db, key=key)
    assert ok.returncode == 0 and "decrypt" in ok.stdout, ok.stderr
    key.unlink()
    for args in (("store", "check"), ("sync", "status")):
        out = _cli(*args, tmp_path=tmp_path, db=db, key=key)
        assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
        assert "key" in out.stderr.lower()
    assert not key.exists()


@pytest.fixture
def process_temp(monkeypatch):
    """adopt_temp_folder changes the process's temporary folder: put it back afterwards."""
    monkeypatch.setattr(tempfile, "tempdir", tempfile.tempdir)
    monkeypatch.setenv("TMPDIR", os.environ.get("TMPDIR", "/tmp"))


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_data_folder_and_files_are_private_whatever_the_umask(tmp_path, umask, process_temp):
    old = os.umask(umask)
    try:
        data = tmp_path / "data"
        store = open_store(data / "kiosk.db", tmp_path / "k.key")
        store.files.put(b"a paper")
        from sync.store.models import DeviceFault
        from datetime import datetime, timezone
        with store.session() as s:
            s.add(DeviceFault(at=datetime.now(timezone.utc), device="printer", kind="x", detail=""))
        store.adopt_temp_folder()
        (store.tmp_dir / "ocr-page").write_bytes(b"x")   # what a library leaves there
        store.close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for path in data.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        if path.is_dir():
            assert mode == 0o700, path
        elif path.name != "ocr-page":
            assert mode == 0o600, path


def test_the_private_temporary_folder_is_emptied_at_start(tmp_path, process_temp):
    store = open_store(tmp_path / "kiosk.db", tmp_path / "k.key")
    store.adopt_temp_folder()
    with tempfile.TemporaryDirectory(prefix="ocr-") as ocr:  # as devices/ocr/tesseract.py does
        assert Path(ocr).parent == store.tmp_dir
    left = store.tmp_dir / "ocr-abc" / "out.tsv"        # kill -9 during OCR leaves this
    left.parent.mkdir()
    left.write_text("Nguyễn Văn A")
    store.close()
    store = open_store(tmp_path / "kiosk.db", tmp_path / "k.key")
    store.adopt_temp_folder()
    assert store.tmp_dir.is_dir() and not any(store.tmp_dir.iterdir())
    assert stat.S_IMODE(store.tmp_dir.stat().st_mode) == 0o700
    assert os.environ["TMPDIR"] == str(store.tmp_dir)    # for tesseract itself
    store.close()


def test_a_ring_loaded_after_rotation_still_reads_everything(filled):
    db, key, ref = filled
    store = open_store(db, key)
    store.rotate_key()
    store.close()
    store = open_store(db, key)
    with store.session() as s:
        assert s.scalars(select(Secret)).one().identity == {"name": "Lê Thị Hoa"}
    assert store.files.get(ref) == b"scanned paper"
    assert len(json.loads(key.read_text())["keys"]) == 1
    store.close()


def test_decryption_error_is_a_store_error():
    assert issubclass(DecryptionError, StoreError) and issubclass(KeyFileError, StoreError)


def test_the_kiosk_with_a_lost_key_is_out_of_service_and_makes_no_new_key(tmp_path):
    import signal
    import socket

    from kiosk.config import EXAMPLE
    db, key = tmp_path / "data" / "kiosk.db", tmp_path / "store.key"
    open_store(db, key).close()
    key.unlink()
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(str(tmp_path / "notify"))  # as systemd would: READY once the screen is shown
    notify.settimeout(120)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run", "--config", str(EXAMPLE)], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "NOTIFY_SOCKET": str(tmp_path / "notify"),
             "KIOSK__KIOSK__DATA_DIR": str(db.parent), "KIOSK__KIOSK__KEY_FILE": str(key)})
    try:
        messages = [notify.recv(4096).decode()]  # READY once home shows, then the store refuses
        while "out of service" not in messages[-1]:
            messages.append(notify.recv(4096).decode())
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:  # a failed wait must not leave a kiosk running
        notify.close()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 2 and "key file" in err and "Traceback" not in err
    assert not key.exists()
