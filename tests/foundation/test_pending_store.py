"""The store opened behind the first frame: a ticket taken before the open finished waits
for it and is recorded; a store that cannot open refuses every use with its reason."""
from __future__ import annotations

import threading

import pytest

from sync.store import StoreError, open_store
from sync.store.pending import PendingStore


def test_a_use_before_the_open_finishes_waits_for_it_and_sees_the_real_store(tmp_path):
    gate, opens = threading.Event(), []

    def slow_open():
        gate.wait(10)  # the worker thread is still opening when the citizen taps
        opens.append(1)
        return open_store(tmp_path / "data" / "kiosk.db", tmp_path / "store.key")

    pending = PendingStore(slow_open)
    opener = threading.Thread(target=pending.open)
    opener.start()
    seen = []
    tap = threading.Thread(target=lambda: seen.append(pending.files.root))
    tap.start()
    tap.join(0.2)
    assert tap.is_alive() and not pending.is_open  # waiting, not failing, not opening twice
    gate.set()
    opener.join(10)
    tap.join(10)
    assert opens == [1] and pending.is_open
    assert seen == [tmp_path / "data" / "files"]
    with pending.session() as s:  # the real store's transactions, through the stand-in
        assert s.connection() is not None
    pending.close()


def test_a_store_that_cannot_open_gives_every_user_its_reason_and_is_not_retried(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    attempts = []

    def open_under_a_file():
        attempts.append(1)
        return open_store(blocker / "data" / "kiosk.db", tmp_path / "store.key")

    pending = PendingStore(open_under_a_file)
    for _ in range(3):
        with pytest.raises(StoreError, match="not writable"):
            pending.session()
    assert attempts == [1] and not pending.is_open
