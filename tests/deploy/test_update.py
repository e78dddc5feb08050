"""Updates that cannot brick a kiosk, with small fake bundles (a ``kiosk`` script that
reaches "home" by writing the boot-ok marker, or crashes before it) instead of the
PyInstaller bundle. systemd's part is played by ``start()``: the guard before each start
(ExecStartPre), then the program."""
from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from kiosk.update.bundle import UpdateError, generate_keypair, sign_bundle
from kiosk.update.slots import Installation

REACHES_HOME = '#!/bin/sh\nreadlink -f "$0" > "$KIOSK_BOOT_OK_FILE"\n'
CRASHES = "#!/bin/sh\necho 'Fatal Python error: Segmentation fault' >&2\nexit 139\n"


@pytest.fixture
def keys(tmp_path):
    generate_keypair(tmp_path / "keys" / "release.pem", tmp_path / "keys" / "release.pub")
    generate_keypair(tmp_path / "keys" / "other.pem", tmp_path / "keys" / "other.pub")
    return tmp_path / "keys"


@pytest.fixture
def inst(tmp_path):
    root = tmp_path / "opt"
    root.mkdir()
    (tmp_path / "var").mkdir()
    return Installation(root, tmp_path / "var" / "boot-ok", tmp_path / "var")


def fake_bundle(tmp_path: Path, version: str, script: str, key: Path) -> Path:
    folder = tmp_path / "build" / version
    (folder / "_internal" / "lib").mkdir(parents=True)
    (folder / "kiosk").write_text(script)
    (folder / "kiosk").chmod(0o755)
    (folder / "_internal" / "lib" / "libdemo.so.1").write_bytes(os.urandom(2000))
    (folder / "_internal" / "libdemo.so").symlink_to("lib/libdemo.so.1")
    (folder / "_internal" / "VERSION").write_text(version)
    return sign_bundle(folder, version, key, tmp_path / f"motcua-kiosk-{version}.tar.gz")


def start(inst: Installation) -> int:
    """What systemd does on each (re)start of the kiosk unit."""
    inst.check(starting=True)
    env = dict(os.environ, KIOSK_BOOT_OK_FILE=str(inst.boot_ok))
    inst.boot_ok.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.run([str(inst.root / "current" / "kiosk")], env=env, capture_output=True).returncode


def running_version(inst: Installation) -> str:
    return (inst.root / "current" / "_internal" / "VERSION").read_text()


def kiosk_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", "update", *map(str, args)],
                          capture_output=True, text=True, timeout=60)


def test_good_update_is_switched_and_confirmed_once_home_shows(tmp_path, keys, inst):
    v1 = fake_bundle(tmp_path, "1.0.0", REACHES_HOME, keys / "release.pem")
    v2 = fake_bundle(tmp_path, "1.1.0", REACHES_HOME, keys / "release.pem")
    inst.apply(v1, keys / "release.pub")
    assert start(inst) == 0
    assert "confirmed" in inst.check()

    done = kiosk_cli("apply", v2, "--pubkey", keys / "release.pub", "--root", inst.root,
                     "--boot-ok", inst.boot_ok, "--data-dir", inst.data_dir)
    assert done.returncode == 0, done.stderr
    assert running_version(inst) == "1.1.0"
    assert inst.link("good") == "1.0.0"  # not yet proven
    assert start(inst) == 0
    assert "confirmed" in inst.check()
    assert inst.link("good") == "1.1.0" and inst.state()["pending"] is None
    assert (inst.root / "current" / "_internal" / "libdemo.so").resolve().name == "libdemo.so.1"
    assert os.access(inst.root / "current" / "kiosk", os.X_OK)

    back = kiosk_cli("rollback", "--root", inst.root, "--boot-ok", inst.boot_ok, "--data-dir", inst.data_dir)
    assert back.returncode == 0, back.stderr
    assert running_version(inst) == "1.0.0"


def test_bad_signature_is_refused_and_current_unchanged(tmp_path, keys, inst):
    inst.apply(fake_bundle(tmp_path, "1.0.0", REACHES_HOME, keys / "release.pem"), keys / "release.pub")
    forged = fake_bundle(tmp_path, "6.6.6", REACHES_HOME, keys / "other.pem")
    done = kiosk_cli("apply", forged, "--pubkey", keys / "release.pub", "--root", inst.root,
                     "--boot-ok", inst.boot_ok, "--data-dir", inst.data_dir)
    assert done.returncode == 2
    assert "bad signature" in done.stderr and "Chữ ký của bản cập nhật không đúng" in done.stderr
    assert running_version(inst) == "1.0.0"
    assert sorted(p.name for p in inst.versions.iterdir()) == ["1.0.0"]  # nothing unpacked


def test_a_tampered_file_is_refused_even_with_a_genuine_manifest(tmp_path, keys, inst):
    genuine = fake_bundle(tmp_path, "1.2.0", REACHES_HOME, keys / "release.pem")
    tampered = tmp_path / "tampered.tar"
    with tarfile.open(genuine) as src, tarfile.open(tampered, "w") as out:
        for member in src.getmembers():
            data = src.extractfile(member).read() if member.isfile() else None
            if member.name == "payload/kiosk":
                data = data.replace(b"readlink", b"curl evil;")[:member.size].ljust(member.size, b" ")
            out.addfile(member, io.BytesIO(data) if data is not None else None)
    with pytest.raises(UpdateError, match="does not match its signed hash"):
        inst.apply(tampered, keys / "release.pub")
    assert inst.link("current") is None
    assert not [p for p in inst.versions.iterdir()]  # the staging folder is gone too


def test_update_that_crashes_at_start_is_rolled_back(tmp_path, keys, inst):
    inst.apply(fake_bundle(tmp_path, "1.0.0", REACHES_HOME, keys / "release.pem"), keys / "release.pub")
    start(inst)
    inst.check()
    inst.apply(fake_bundle(tmp_path, "2.0.0", CRASHES, keys / "release.pem"), keys / "release.pub",
               max_starts=3)
    assert [start(inst) for _ in range(3)] == [139, 139, 139]  # Restart=always
    assert running_version(inst) == "2.0.0"
    assert start(inst) == 0  # the fourth start: the guard has gone back to 1.0.0
    assert running_version(inst) == "1.0.0"
    assert inst.state()["failed"] == ["2.0.0"]
    assert "confirmed" in inst.check()
    with pytest.raises(UpdateError, match="failed to start before"):
        inst.apply(tmp_path / "motcua-kiosk-2.0.0.tar.gz", keys / "release.pub")


def test_update_that_never_reaches_home_in_time_is_rolled_back(tmp_path, keys, inst):
    """Starts, does not crash, never shows home (e.g. stuck on "Máy tạm ngừng phục vụ"):
    the guard's timer rolls it back once the boot timeout has passed."""
    inst.apply(fake_bundle(tmp_path, "1.0.0", REACHES_HOME, keys / "release.pem"), keys / "release.pub")
    start(inst)
    inst.check()
    inst.apply(fake_bundle(tmp_path, "3.0.0", "#!/bin/sh\nexit 0\n", keys / "release.pem"),
               keys / "release.pub", boot_timeout_s=120)
    start(inst)
    switched = inst.state()["pending"]["switched_at"]
    assert "pending" in inst.check(now=switched + 60)
    assert "did not reach the home screen in 150 s" in inst.check(now=switched + 150)
    assert running_version(inst) == "1.0.0" and inst.link("good") == "1.0.0"


def test_first_install_without_a_previous_version_cannot_roll_back(tmp_path, keys, inst):
    inst.apply(fake_bundle(tmp_path, "1.0.0", CRASHES, keys / "release.pem"), keys / "release.pub")
    for _ in range(3):
        start(inst)
    with pytest.raises(UpdateError, match="no earlier version"):
        inst.check(starting=True)


def store_revision(inst: Installation) -> str:
    with sqlite3.connect(inst.data_dir / "kiosk.db") as db:
        return db.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_rollback_gives_the_older_version_its_store_back_and_keeps_the_migrated_one(tmp_path, keys, inst):
    """The new version migrates the store before failing; the older one could not open a
    store at a revision it does not know. The store from before the switch is put back on
    the next start; the migrated one is kept beside it, with a dossier it may hold."""
    inst.apply(fake_bundle(tmp_path, "1.0.0", REACHES_HOME, keys / "release.pem"), keys / "release.pub")
    start(inst)
    inst.check()
    with sqlite3.connect(inst.data_dir / "kiosk.db") as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE alembic_version (version_num TEXT)")
        db.execute("INSERT INTO alembic_version VALUES ('0001')")
    inst.apply(fake_bundle(tmp_path, "2.0.0", CRASHES, keys / "release.pem"), keys / "release.pub",
               max_starts=1)
    with sqlite3.connect(inst.data_dir / "kiosk.db") as db:  # what 2.0.0's migration does
        db.execute("UPDATE alembic_version SET version_num = 'x002'")
        db.execute("CREATE TABLE dossiers (code TEXT)")
        db.execute("INSERT INTO dossiers VALUES ('HS-0001')")
    start(inst)
    assert "rolled back" in inst.check(now=time.time() + 3600)  # the guard's timer
    assert store_revision(inst) == "x002"  # untouched while the kiosk may hold it open
    start(inst)  # the restart: put back before the kiosk opens it
    assert running_version(inst) == "1.0.0" and store_revision(inst) == "0001"
    with sqlite3.connect(inst.data_dir / "kiosk.db.from-2.0.0") as kept:
        assert kept.execute("SELECT code FROM dossiers").fetchall() == [("HS-0001",)]


def test_rollback_before_a_start_restores_the_store_at_once(tmp_path, keys, inst):
    inst.apply(fake_bundle(tmp_path, "1.0.0", REACHES_HOME, keys / "release.pem"), keys / "release.pub")
    start(inst)
    inst.check()
    with sqlite3.connect(inst.data_dir / "kiosk.db") as db:
        db.execute("CREATE TABLE alembic_version (version_num TEXT)")
        db.execute("INSERT INTO alembic_version VALUES ('0001')")
    inst.apply(fake_bundle(tmp_path, "2.0.0", CRASHES, keys / "release.pem"), keys / "release.pub",
               max_starts=1)
    with sqlite3.connect(inst.data_dir / "kiosk.db") as db:
        db.execute("UPDATE alembic_version SET version_num = 'x002'")
    start(inst)
    assert "rolled back" in inst.check(starting=True)  # ExecStartPre: the old version starts next
    assert store_revision(inst) == "0001"
