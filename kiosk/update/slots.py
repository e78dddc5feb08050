"""Versions side by side, an atomic ``current`` switch, and the rollback guard.

Layout under the install root (``/opt/motcua-kiosk`` on a kiosk)::

    versions/<version>/kiosk   one unpacked bundle per version
    current -> versions/<v>    what systemd starts (ExecStart=<root>/current/kiosk run)
    good    -> versions/<v>    the last version that reached the home screen; the guard
                               runs from here, so a broken new version cannot break it
    state.json                 the version before current, the pending switch, failed versions

A switch makes a new symlink beside the old one and renames it over ``current``: rename(2)
replaces the link atomically, so after a power cut ``current`` is the old or the new
version, never missing. The new version is *pending* until the boot-ok marker written by
the kiosk on reaching home names it (``kiosk/shell/watchdog.py``); the guard (``check``),
run before every start and by a timer, returns to the previous version after
``max_starts`` starts or ``boot_timeout_s`` seconds without it.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import DEFAULT_BOOT_OK, DEFAULT_DATA, DEFAULT_ROOT, store_backup
from .bundle import UpdateError, fsync_dir, load_public_key, read_manifest, unpack_verified

log = logging.getLogger(__name__)

KEEP_VERSIONS = 3


@dataclass
class Installation:
    root: Path = DEFAULT_ROOT
    boot_ok: Path = DEFAULT_BOOT_OK
    data_dir: Path = DEFAULT_DATA

    @property
    def versions(self) -> Path:
        return self.root / "versions"

    def link(self, name: str) -> str | None:
        """The version a link (``current``, ``good``) points to, or None."""
        try:
            return Path(os.readlink(self.root / name)).name
        except OSError:
            return None

    def state(self) -> dict:
        try:
            return json.loads((self.root / "state.json").read_text())
        except FileNotFoundError:
            return {"previous": None, "pending": None, "failed": []}

    def _save(self, state: dict) -> None:
        tmp = self.root / "state.json.tmp"
        with open(tmp, "w") as out:
            json.dump(state, out, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, self.root / "state.json")
        fsync_dir(self.root)

    def _point(self, name: str, version: str) -> None:
        tmp = self.root / f".{name}.tmp"
        tmp.unlink(missing_ok=True)
        os.symlink(Path("versions") / version, tmp)
        os.replace(tmp, self.root / name)
        fsync_dir(self.root)

    def _clear_marker(self) -> None:
        try:
            self.boot_ok.unlink(missing_ok=True)
        except OSError as exc:  # a marker we cannot remove would confirm the wrong version
            raise UpdateError(f"cannot remove the boot-ok marker {self.boot_ok}: {exc}") from exc

    def _marker_names(self, version: str) -> bool:
        try:
            program = Path(self.boot_ok.read_text().strip()).resolve()
        except OSError:
            return False
        return program.is_relative_to((self.versions / version).resolve())

    def apply(self, archive: Path, pubkey: Path, max_starts: int = 3, boot_timeout_s: int = 180,
              force: bool = False) -> str:
        """Verify and unpack ``archive``, then switch to it (pending until it reaches home)."""
        key = load_public_key(pubkey)
        state = self.state()
        if not force:
            with tarfile.open(archive, "r|*") as tar:
                version = read_manifest(tar, key)["version"]
            if version in state["failed"]:
                raise UpdateError(f"version {version} failed to start before; --force to retry")
        version, _folder = unpack_verified(archive, key, self.versions)
        previous = self.link("current")
        if previous == version:
            return f"version {version} is already current"
        self._clear_marker()
        backup = store_backup.back_up(self.data_dir, version) if previous else None
        state.update(previous=previous, pending={
            "version": version, "previous": previous, "switched_at": time.time(), "starts": 0,
            "max_starts": max_starts, "boot_timeout_s": boot_timeout_s,
            "store_backup": str(backup) if backup else None})
        self._save(state)
        self._point("current", version)
        if self.link("good") is None:
            self._point("good", version)
        log.info("switched to %s (was %s), pending its first home screen", version, previous)
        return f"switched to {version} (was {previous}); restart the kiosk to start it"

    def check(self, starting: bool = False, now: float | None = None) -> str:
        """The guard: confirm a pending version that reached home, or roll it back.

        ``starting``: run just before the kiosk starts (systemd ExecStartPre), when nothing
        has the store open: a start is counted, and a store backup due is put back."""
        outcome = self._judge(starting, now)
        state = self.state()
        if starting and state.get("restore_store"):
            restore = state.pop("restore_store")
            store_backup.restore(self.data_dir, Path(restore["backup"]), restore["failed"])
            self._save(state)
        return outcome

    def _judge(self, starting: bool, now: float | None) -> str:
        state = self.state()
        pending = state["pending"]
        if not pending:
            return f"version {self.link('current')} is confirmed"
        version = pending["version"]
        if self._marker_names(version):
            state["pending"] = None
            self._save(state)
            if pending.get("store_backup"):
                Path(pending["store_backup"]).unlink(missing_ok=True)
            self._point("good", version)
            self._prune(state)
            return f"version {version} reached the home screen: confirmed"
        if starting:
            pending["starts"] += 1
            self._save(state)
        elapsed = (time.time() if now is None else now) - pending["switched_at"]
        if pending["starts"] > pending["max_starts"] or elapsed > pending["boot_timeout_s"]:
            why = (f"{pending['starts'] - 1} starts" if pending["starts"] > pending["max_starts"]
                   else f"{int(elapsed)} s")
            return self.rollback(reason=f"version {version} did not reach the home screen in {why}")
        return f"version {version} pending ({pending['starts']} starts, {int(elapsed)} s)"

    def rollback(self, reason: str = "asked by the technician") -> str:
        """Return to the version before the current one (a failed pending one is remembered)."""
        state = self.state()
        pending = state["pending"]
        current = self.link("current")
        target = pending["previous"] if pending else state["previous"]
        if not target or not (self.versions / target).is_dir():
            raise UpdateError(f"no earlier version to return to ({reason})")
        if pending:
            state["failed"] = sorted(set(state["failed"]) | {pending["version"]})
            if pending.get("store_backup"):  # put back at the next start, when the store is closed
                state["restore_store"] = {"backup": pending["store_backup"], "failed": pending["version"]}
        state.update(previous=None if pending else current, pending=None)
        self._clear_marker()
        self._save(state)
        self._point("current", target)
        self._point("good", target)
        log.warning("rolled back from %s to %s: %s", current, target, reason)
        return f"rolled back from {current} to {target}: {reason}"

    def _prune(self, state: dict) -> None:
        """Keep current, good, the previous and at most KEEP_VERSIONS folders."""
        keep = {self.link("current"), self.link("good"), state["previous"]}
        others = sorted((p for p in self.versions.iterdir()
                         if p.is_dir() and p.name not in keep and not p.name.startswith(".")),
                        key=lambda p: p.stat().st_mtime)
        for old in others[:max(0, len(others) + len(keep - {None}) - KEEP_VERSIONS)]:
            shutil.rmtree(old, ignore_errors=True)

