"""Synthetic dossiers for tests, benchmarks and the demo (made-up people, never real ones)."""
from __future__ import annotations

import hashlib
import random
import uuid
from datetime import datetime, timedelta, timezone

from sync.contract import format_dossier_code

SYNTHETIC_NAMES = ["Nguyễn Thị Thử", "Trần Văn Mẫu", "Lê Hoàng Giả Định", "Phạm Ngọc Ánh Thử"]


def synthetic_id_number(rng: random.Random) -> str:
    # 001 = Hà Nội, 3 = female born 2000-2099; the serial is random: no real person intended
    return "0013" + f"{rng.randrange(0, 100):02d}" + f"{rng.randrange(0, 10**6):06d}"


def attachment_manifest(data: bytes, paper_code: str = "GT01", name: str = "Giấy tờ") -> dict:
    return {"attachment_id": uuid.uuid4().hex, "paper_code": paper_code, "paper_name": name,
            "file_name": f"{paper_code.lower()}.pdf", "media_type": "application/pdf",
            "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "digitized": True,
            "reused_result_code": ""}


def submission(seq: int, attachments: list[bytes] = (), *, agency: str = "000.00.00.H30",
               received_at: datetime | None = None, rng: random.Random | None = None) -> dict:
    rng = rng or random.Random(seq)
    received_at = received_at or datetime.now(timezone.utc)
    from zoneinfo import ZoneInfo

    day = received_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    return {
        "dossier_id": uuid.uuid4().hex,
        "code": format_dossier_code(agency, day, seq),
        "agency_id": agency,
        "procedure_code": "1.004222",
        "procedure_name": "Đăng ký thường trú",
        "field_code": "CT",
        "field_name": "Cư trú",
        "received_at": received_at.isoformat(),
        "due_at": (received_at + timedelta(days=9)).isoformat(),
        "channel": 1,
        "applicant": {"full_name": rng.choice(SYNTHETIC_NAMES),
                      "id_number": synthetic_id_number(rng), "subject_kind": 1,
                      "phone": "0900000000", "email": "", "address": "Số 1, phường Thử, Hà Nội"},
        "summary": "Đăng ký thường trú (dữ liệu thử)",
        "answers": {"ly_do": "chuyển nơi ở", "so_thanh_vien": 2},
        "fees": [{"code": "LP01", "name": "Lệ phí đăng ký cư trú", "amount_vnd": 20000}],
        "attachments": [attachment_manifest(a, f"GT{i + 1:02d}") for i, a in enumerate(attachments)],
    }
