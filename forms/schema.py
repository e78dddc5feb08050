"""The shape of a procedure definition file (one YAML file per procedure).

Why pydantic: a catalog update is data written by people; every mistake must be caught at
load with the place in the file and the reason, before a citizen meets it.
"""
from __future__ import annotations

import enum
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from forms.expr import Expression, ExprError


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in both languages of the kiosk."""

    vi: str
    en: str

    def get(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


def _check_expr(value: str | None) -> str | None:
    if value is not None:
        try:
            Expression(value)
        except ExprError as exc:
            raise ValueError(f"bad expression {value!r}: {exc}") from None
    return value


class FieldType(str, enum.Enum):
    TEXT = "text"
    MULTILINE = "multiline"
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"
    SELECT_ONE = "select_one"
    SELECT_MANY = "select_many"
    YES_NO = "yes_no"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    EMAIL = "email"
    PERSON_NAME = "person_name"
    ADDRESS = "address"
    PROVINCE = "province"
    COMMUNE = "commune"
    REPEAT = "repeat"
    NOTE = "note"          # read-only text shown to the citizen


PREFILL_KEYS = {"full_name", "date_of_birth", "sex", "id_number", "old_id_number",
                "residence", "hometown", "ethnicity", "nationality", "religion", "issue_date"}


class Option(Strict):
    value: str
    label: Text


class FieldDef(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: FieldType
    label: Text
    hint: Text | None = None
    required: bool | str = False
    relevant: str | None = None
    constraint: str | None = None
    constraint_message: Text | None = None
    calculate: str | None = None
    options: list[Option] = []
    options_from: str | None = None     # "provinces", "ethnicities", …
    parent: str | None = None           # commune field: the id of its province field
    prefill: str | None = None          # "identity.full_name"
    editable: bool = True               # may the citizen change a prefilled value
    min: float | None = None
    max: float | None = None
    max_length: int | None = Field(default=None, gt=0)
    fields: list["FieldDef"] = []       # repeat group: the columns
    min_rows: int = 0
    max_rows: int = Field(default=20, gt=0)
    pdf_label: str | None = None        # wording on the printed form when it differs
    pdf: bool = True                    # False: a kiosk-only question, not on the paper form
    pdf_with: list[str] = []            # answers printed inside this item (the paper has no item of their own)

    _expr_fields = field_validator("relevant", "constraint", "calculate")(
        lambda cls, v: _check_expr(v))

    @field_validator("required")
    @classmethod
    def _required(cls, v):
        return _check_expr(v) if isinstance(v, str) else v

    @field_validator("prefill")
    @classmethod
    def _prefill(cls, v):
        if v is not None:
            source, _, key = v.partition(".")
            if source != "identity" or key not in PREFILL_KEYS:
                raise ValueError(f"prefill must be identity.<one of {sorted(PREFILL_KEYS)}>")
        return v

    @model_validator(mode="after")
    def _shape(self):
        t = self.type
        if t in (FieldType.SELECT_ONE, FieldType.SELECT_MANY) and not (self.options or self.options_from):
            raise ValueError(f"field {self.id!r}: a select needs options or options_from")
        if t is FieldType.REPEAT and not self.fields:
            raise ValueError(f"field {self.id!r}: a repeat group needs fields")
        if t is not FieldType.REPEAT and self.fields:
            raise ValueError(f"field {self.id!r}: only a repeat group has fields")
        if t is FieldType.COMMUNE and not self.parent:
            raise ValueError(f"field {self.id!r}: a commune field needs parent (its province field)")
        if self.constraint and not self.constraint_message:
            raise ValueError(f"field {self.id!r}: a constraint needs constraint_message vi/en")
        if self.min_rows > self.max_rows:
            raise ValueError(f"field {self.id!r}: min_rows > max_rows")
        return self


class Page(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: Text
    relevant: str | None = None
    fields: list[FieldDef] = Field(min_length=1)

    _expr = field_validator("relevant")(lambda cls, v: _check_expr(v))


class Signature(Strict):
    label: Text
    note: Text | None = None


class FormDef(Strict):
    id: str
    title: Text
    reference: str                       # "Mẫu CT01 ban hành kèm theo Thông tư 66/2023/TT-BCA"
    addressee: str | None = None         # "Kính gửi: …" (may contain {field} placeholders)
    official: bool = True                # False: a kiosk request slip, not a legal form
    pledge: str | None = None            # "Tôi cam đoan …" printed above the signatures
    pages: list[Page] = Field(min_length=1)
    signatures: list[Signature] = []

    @model_validator(mode="after")
    def _pdf_with_known(self):
        ids = {f.id for p in self.pages for f in p.fields}
        for page in self.pages:
            for f in page.fields:
                unknown = [other for other in f.pdf_with if other not in ids]
                if unknown:
                    raise ValueError(f"field {f.id!r}: pdf_with names no field of the form: {unknown}")
        return self


class FeeTier(Strict):
    from_unit: int = Field(ge=1)
    amount: int = Field(ge=0)


class Fee(Strict):
    """A fee line. ``per``: dossier, copy or page (tiers by page number, capped per copy)."""

    label: Text
    amount: int = Field(default=0, ge=0)
    per: Literal["dossier", "copy", "page"] = "dossier"
    tiers: list[FeeTier] = []
    cap_per_copy: int | None = None
    channel: Literal["in_person", "online", "any"] = "any"
    when: str | None = None              # expression over the answers

    _expr = field_validator("when")(lambda cls, v: _check_expr(v))


class Paper(Strict):
    name: Text
    original: Literal["original", "copy", "certified_copy", "original_or_copy"] = "original"
    count: int = Field(default=1, ge=1)
    required: bool | str = True
    scannable: bool = True
    reusable_result_code: str | None = None   # code of a result in the citizen's digitized store
    note: Text | None = None


class Processing(Strict):
    working_days: int = Field(ge=0)
    working_days_complex: int | None = None
    cutoff: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    note: Text | None = None


class Procedure(Strict):
    code: str = Field(pattern=r"^\d\.\d{6}(\.[A-Z0-9]+)?$")
    version: int = 1
    name: Text
    summary: Text
    field: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    level: Text
    agency: Text
    agency_id: str | None = None        # electronic identifier, QCVN 102:2016/BTTTT
    legal_basis: list[str] = Field(min_length=1)
    processing: Processing
    fees: list[Fee] = []
    fee_note: Text | None = None
    papers: list[Paper] = []
    result: Text
    form: FormDef
    unverified: list[str] = []          # facts an operator must check before going live
    sources: list[str] = []

    @field_validator("unverified")
    @classmethod
    def _unverified(cls, v):
        for item in v:
            if not re.match(r"^[a-z_.]+: ", item):
                raise ValueError(f"unverified entry {item!r} must start with the key it concerns, e.g. 'fees: …'")
        return v


class FieldGroup(Strict):
    """A field (lĩnh vực) of procedures, for grouping the catalog."""

    id: str
    name: Text
    order: int = 100


class CatalogIndex(Strict):
    fields: list[FieldGroup]
    option_lists: dict[str, list[Option]] = {}
    # facts of the papers every procedure shares (the Mẫu 01 receipt), as for a procedure
    unverified: list[str] = []
    sources: list[str] = []

    _unverified = field_validator("unverified")(lambda cls, v: Procedure._unverified(v))


FieldDef.model_rebuild()
