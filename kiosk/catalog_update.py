"""The procedure catalog from the central: fetched on the sync cycle, validated, kept.

Qt-free, in ``kiosk`` because it joins two independent wings: the sync worker fetches
(``sync``), the forms schema validates (``forms``).

The central publishes the catalog as one JSON document, ``{"files": {"<name>.yaml": text}}``
(the folder ``forms/procedures`` as it would be on disk), served with an ETag.  Each sync
pass asks with ``If-None-Match``; a new document is written to a fresh folder and loaded
with the forms schema (``forms.loader.load_catalog``, the same checks as the shipped one).
Only a catalog that loads becomes the last good one (folder ``good-<n>``, its ETag beside
it) and is offered to the kiosk through :meth:`CatalogKeeper.take_pending`, which the kiosk
calls between citizens, never during a journey.  A catalog that fails is refused, reported
in the heartbeat's checks and not asked for again until the central publishes another.
"""
from __future__ import annotations

import json
import logging
import re
import shutil
import threading
from pathlib import Path

from forms.loader import INDEX_NAME, CatalogError, load_catalog
from sync.errors import SyncError

log = logging.getLogger(__name__)
NAME = "procedures"
_FILE = re.compile(r"[a-z0-9_.-]{1,80}\.yaml")
MAX_FILES, MAX_FILE_BYTES = 500, 256 << 10


class CatalogKeeper:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._pending = None
        #: ETag of the last catalog that loaded ("" = the shipped one)
        self.version = ""
        #: ETag and first problem of the last refused catalog (for the heartbeat)
        self.refused: tuple[str, str] | None = None
        state = self._read_state()
        if state.get("etag") and (self.folder / state.get("dir", "-")).is_dir():
            self.version = state["etag"]
        self.refused = tuple(state["refused"]) if state.get("refused") else None

    # ------------------------------------------------------------------ kiosk side
    def current_dir(self) -> Path | None:
        """The last good catalog's folder, to load at start (None: use the shipped one)."""
        state = self._read_state()
        path = self.folder / state.get("dir", "-")
        return path if self.version and path.is_dir() else None

    def take_pending(self):
        """The newly validated Catalog, once (None when nothing new): call between citizens."""
        with self._lock:
            catalog, self._pending = self._pending, None
            return catalog

    def check_report(self) -> dict:
        """The heartbeat's ``checks`` entry: a refused catalog is a warning the dashboard shows."""
        if self.refused:
            return {"catalog": {"status": "warning",
                                "reason": f"refused {self.refused[0]}: {self.refused[1]}"[:200]}}
        return {"catalog": {"status": "ok", "reason": self.version or "built-in"}}

    # ------------------------------------------------------------------ sync side
    def refresh(self, client) -> bool:
        """Ask the central; True when a new catalog was validated and kept."""
        known = self.refused[0] if self.refused else self.version
        try:
            etag, doc = client.catalog(NAME, known or None)
        except SyncError as exc:
            if getattr(exc, "status", None) == 404:  # nothing published: the shipped one
                return False
            raise
        if doc is None or not etag:
            return False
        if etag == self.version:  # the good one published again: nothing refused any more
            if self.refused:
                self.refused = None
                self._write_state(refused=None)
            return False
        try:
            folder = self._unpack(etag, doc)
            catalog = load_catalog(folder)
        except (CatalogError, ValueError) as exc:
            problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            log.warning("catalog %s refused: %s", etag, problem)
            self.refused = (etag, problem)
            self._write_state(refused=[etag, problem])
            shutil.rmtree(self.folder / "incoming", ignore_errors=True)
            return False
        old = self._read_state().get("dir")
        good = f"good-{self._read_state().get('serial', 0) + 1}"
        (self.folder / "incoming").rename(self.folder / good)
        self.refused, self.version = None, etag
        self._write_state(etag=etag, dir=good, serial=int(good[5:]), refused=None)
        if old and old != good:
            shutil.rmtree(self.folder / old, ignore_errors=True)
        with self._lock:
            self._pending = catalog
        log.info("catalog %s validated (%d procedures), applied between citizens",
                 etag, len(catalog.procedures))
        return True

    def _unpack(self, etag: str, doc) -> Path:
        if not isinstance(doc, dict) or set(doc) != {"files"} or not isinstance(doc["files"], dict):
            raise ValueError('the catalog must be {"files": {"<name>.yaml": text}}')
        files = doc["files"]
        if INDEX_NAME not in files or len(files) > MAX_FILES:
            raise ValueError(f"the catalog needs {INDEX_NAME} and at most {MAX_FILES} files")
        incoming = self.folder / "incoming"
        shutil.rmtree(incoming, ignore_errors=True)
        incoming.mkdir()
        for name, text in files.items():
            if not (isinstance(name, str) and _FILE.fullmatch(name) and isinstance(text, str)
                    and len(text.encode()) <= MAX_FILE_BYTES):
                raise ValueError(f"bad catalog file {str(name)[:80]!r}")
            (incoming / name).write_text(text, encoding="utf-8")
        return incoming

    def _read_state(self) -> dict:
        try:
            return json.loads((self.folder / "state.json").read_text("utf-8"))
        except (OSError, ValueError):
            return {}

    def _write_state(self, **changes) -> None:
        state = {**self._read_state(), **changes}
        tmp = self.folder / "state.json.tmp"
        tmp.write_text(json.dumps(state), encoding="utf-8")
        tmp.replace(self.folder / "state.json")
