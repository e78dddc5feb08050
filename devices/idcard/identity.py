"""The citizen's identity as the kiosk holds it for one session, and the cross-check.

An :class:`Identity` never prints its personal data (``repr`` shows only where it came
from and how it was authenticated) and is wiped when the session ends.
"""
from __future__ import annotations

import copy
import datetime as dt
import unicodedata
from dataclasses import dataclass, field, fields

from .dg13 import Dg13
from .errors import IdentityMismatchError
from .mrz import Mrz, transliterate
from .qr import QrIdentity


@dataclass(repr=False, eq=False)
class Identity:
    id_number: str
    full_name: str
    date_of_birth: dt.date | None
    sex: str = ""
    old_id_number: str = ""
    residence: str = ""
    hometown: str = ""
    issue_date: dt.date | None = None
    expiry: dt.date | None = None
    nationality: str = ""
    ethnicity: str = ""
    religion: str = ""
    photo_png: bytes | None = None
    source: str = "qr"  # "chip", "qr" or "manual"
    access: str = ""  # "PACE" or "BAC" when read from the chip
    authentication: str = ""  # passive authentication status (PaStatus value) for the chip
    extra: dict[str, object] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Identity(source={self.source!r}, access={self.access!r}, auth={self.authentication!r})"

    __str__ = __repr__

    def wipe(self) -> None:
        """Forget every personal value (end of session). The object stays usable but empty."""
        for f in fields(self):
            if f.name in ("source", "access", "authentication"):
                continue
            value = getattr(self, f.name)
            if isinstance(value, str):
                setattr(self, f.name, "")
            elif isinstance(value, dict):
                value.clear()
            else:
                setattr(self, f.name, None)

    @property
    def wiped(self) -> bool:
        return not self.id_number and not self.full_name and self.photo_png is None

    def is_expired(self, today: dt.date | None = None) -> bool:
        return self.expiry is not None and self.expiry < (today or dt.date.today())

    def to_dict(self, include_photo: bool = False) -> dict[str, object]:
        """Plain values for the next step of the journey (and the CLI's JSON)."""
        out: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "photo_png":
                if include_photo and value is not None:
                    import base64
                    out["photo_png_base64"] = base64.b64encode(value).decode()
                out["has_photo"] = value is not None
                continue
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, dict):
                value = copy.deepcopy(value)  # the caller's copy survives wipe()
            out[f.name] = value
        return out

    @classmethod
    def from_qr(cls, qr: QrIdentity) -> "Identity":
        return cls(qr.id_number, qr.full_name, qr.date_of_birth, qr.sex, qr.old_id_number,
                   residence=qr.address, issue_date=qr.issue_date, source="qr")

    @classmethod
    def from_chip(cls, dg13: Dg13, mrz: Mrz, photo_png: bytes | None, access: str,
                  authentication: str) -> "Identity":
        return cls(
            id_number=dg13.id_number or mrz.id_number, full_name=dg13.full_name,
            date_of_birth=dg13.date_of_birth or mrz.date_of_birth, sex=dg13.sex,
            old_id_number=dg13.get(15), residence=dg13.get(9), hometown=dg13.get(8),
            issue_date=dg13.issue_date, expiry=dg13.expiry or mrz.expiry,
            nationality=dg13.get(5), ethnicity=dg13.get(6), religion=dg13.get(7),
            photo_png=photo_png, source="chip", access=access, authentication=authentication,
            extra={"parents": dg13.parents, "unknown_fields": dg13.unknown},
        )


def _same_name(a: str, b: str) -> bool:
    norm = lambda s: " ".join(unicodedata.normalize("NFC", s).casefold().split())  # noqa: E731
    return norm(a) == norm(b)


def _mrz_name_matches(mrz: Mrz, full_name: str) -> bool:
    """The MRZ holds the name without diacritics, possibly truncated to 30 characters."""
    mrz_words = transliterate(mrz.name).split()
    name_words = transliterate(full_name).split()
    if not mrz_words:
        return False
    joined_mrz, joined_name = " ".join(mrz_words), " ".join(name_words)
    return joined_mrz == joined_name or (len(mrz.surname + mrz.given_names) >= 26
                                          and joined_name.startswith(joined_mrz))


def cross_check(*, qr: QrIdentity | None = None, mrz: Mrz | None = None,
                dg13: Dg13 | None = None) -> None:
    """Raise :class:`IdentityMismatchError` unless every source given agrees on ID, name, DOB."""
    bad: list[str] = []
    ids = {s for s in (qr and qr.id_number, mrz and mrz.id_number, dg13 and dg13.id_number) if s}
    if len(ids) > 1:
        bad.append("id_number")
    if mrz and qr and qr.id_number[-9:] != mrz.document_number:
        bad.append("document_number")
    dobs = {d for d in (qr and qr.date_of_birth, mrz and mrz.date_of_birth,
                        dg13 and dg13.date_of_birth) if d}
    if len(dobs) > 1:
        bad.append("date_of_birth")
    if qr and dg13 and not _same_name(qr.full_name, dg13.full_name):
        bad.append("full_name")
    for name in (qr and qr.full_name, dg13 and dg13.full_name):
        if mrz and name and not _mrz_name_matches(mrz, name):
            bad.append("mrz_name")
            break
    if bad:
        raise IdentityMismatchError(sorted(set(bad)))
