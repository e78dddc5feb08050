"""Which home tile needs which device, and what a citizen is told when one is faulty.

The home screen asks before a journey starts, so nobody goes through two screens to meet
"Không in được phiếu" at the end.
"""
from __future__ import annotations

from collections.abc import Mapping

from kiosk.diagnostics.result import CheckResult, Status

#: tile -> devices its journey cannot do without, in the order they are met. With a card
#: reader configured the identity step must read the chip (a typed ID number opens it too),
#: so a missing reader ends the dossier there; without one the check is ok ("QR only").
NEEDS: dict[str, tuple[str, ...]] = {
    "take_number": ("printer",),
    "submit_dossier": ("qr_camera", "card_reader", "scanner", "printer"),
}

#: the second line of a greyed tile
PAUSED = ("(tạm ngừng)", "(not available now)")

_PRINTER = {
    "paper_out": ("Máy in tạm hết giấy — vui lòng lấy số tại quầy",
                  "The printer is out of paper — please take a number at the counter"),
}
_TAKE_NUMBER = ("Máy in phiếu đang tạm ngừng — vui lòng lấy số tại quầy",
                "The ticket printer is not working — please take a number at the counter")
_DOSSIER = ("Tạm thời chưa nộp hồ sơ được tại máy — vui lòng đến quầy tiếp nhận",
            "Dossiers cannot be submitted at this kiosk right now — please go to the counter")


def blocking(tile: str, health: Mapping[str, CheckResult]) -> tuple[str, str] | None:
    """(vi, en) telling the citizen why ``tile`` is unavailable, or None when it is ready."""
    for device in NEEDS.get(tile, ()):
        result = health.get(device)
        if result is None or result.status is not Status.FAULT:
            continue
        if tile == "take_number":
            return _PRINTER.get(result.details.get("state", ""), _TAKE_NUMBER)
        return _DOSSIER
    return None


def devices_needed() -> tuple[str, ...]:
    """Every device some tile needs: what the home screen re-checks between citizens."""
    return tuple(dict.fromkeys(d for needs in NEEDS.values() for d in needs))
