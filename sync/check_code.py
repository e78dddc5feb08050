"""The check code printed on a receipt beside the dossier code, asked for with it to see
the dossier's status.

A dossier code (``<agency>-<YYMMDD>-<NNNN>``, Circular 01/2018/TT-VPCP Art. 19) is a date
and a daily counter: anyone can enumerate them.  The check code is derived from the dossier
id, 128 random bits made at the kiosk and known only to the kiosk and the central (it is
never printed), so only the holder of the receipt (paper or QR) has it.  Six digits: short
enough for a keypad, and the central answers a wrong one like an unknown dossier, records it
as a security event and stops a kiosk after a few dozen an hour (docs/security.md).
"""
from __future__ import annotations

import hashlib
import hmac

DIGITS = 6


def check_code(dossier_id: str) -> str:
    digest = hashlib.sha256(b"motcua-receipt-check\x00" + dossier_id.encode("ascii")).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 10 ** DIGITS:0{DIGITS}d}"


def check_code_matches(dossier_id: str, given: str) -> bool:
    return hmac.compare_digest(check_code(dossier_id).encode(), given.encode("ascii", "replace"))
