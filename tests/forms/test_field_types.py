"""Field types the shipped procedures do not use yet (select_many, decimal, note, commune
in a repeat row) behave like the others: checked, displayed, exported, printed."""
import datetime as dt
import subprocess
from decimal import Decimal

from forms.answers import answers_json, display, load_answers
from forms.engine import FormSession
from forms.pdf import render_declaration
from forms.schema import Procedure

TEXT = {"vi": "x", "en": "x"}
PROC = Procedure.model_validate({
    "code": "9.000001", "name": {"vi": "Thủ tục thử", "en": "Test"}, "summary": TEXT,
    "field": "ho_tich", "level": TEXT, "agency": TEXT, "legal_basis": ["none"],
    "processing": {"working_days": 1}, "result": TEXT,
    "form": {"id": "T", "title": {"vi": "TỜ KHAI THỬ", "en": "TEST"}, "reference": "Mẫu thử", "pages": [{
        "id": "p", "title": TEXT, "fields": [
            {"id": "intro", "type": "note", "label": {"vi": "Đọc kỹ trước khi khai", "en": "Read first"}},
            {"id": "langs", "type": "select_many", "required": True, "label": {"vi": "Ngôn ngữ", "en": "Languages"},
             "options": [{"value": "vi", "label": {"vi": "Tiếng Việt", "en": "Vietnamese"}},
                         {"value": "en", "label": {"vi": "Tiếng Anh", "en": "English"}}],
             "constraint": "len(.) <= 1", "constraint_message": {"vi": "Chọn một.", "en": "Choose one."}},
            {"id": "area", "type": "decimal", "min": 0, "max": 1000, "label": {"vi": "Diện tích (m²)", "en": "Area"}},
            {"id": "double", "type": "decimal", "calculate": "area * 2", "label": {"vi": "Gấp đôi", "en": "Double"}},
            {"id": "places", "type": "repeat", "label": {"vi": "Nơi ở", "en": "Places"}, "fields": [
                {"id": "prov", "type": "province", "required": True, "label": {"vi": "Tỉnh", "en": "Province"}},
                {"id": "comm", "type": "commune", "parent": "prov", "required": True, "label": {"vi": "Xã", "en": "Commune"}},
            ]},
        ]}]},
    "unverified": ["code: synthetic"],
})


def test_select_many_decimal_note_and_commune_in_a_row(tmp_path):
    s = FormSession(PROC, today=dt.date(2026, 11, 27))
    assert s.set_value("langs", ["vi", "fr"]) is not None           # not an option
    assert s.set_value("langs", ["vi", "en"]) is None
    assert [e.vi for e in s.errors() if e.path == "langs"] == ["Chọn một."]
    s.set_value("langs", ["vi"])
    assert s.set_input("area", "12,5") is None and s.get("area") == Decimal("12.5")
    assert s.get("double") == Decimal("25.0") and display(s, "double") == "25"
    assert s.set_input("area", "1001") is not None                  # above max
    s.set_input("area", "12,5")
    s.add_row("places")
    s.set_value("places[0].prov", "01")
    assert [v for v, _, _ in s.options("places[0].comm")][:1] == ["00004"]
    assert s.set_value("places[0].comm", "26743") is not None        # a commune of another province
    s.set_value("places[0].comm", "00004")
    s.set_value("places[0].prov", "79")                               # changing the province clears it
    assert s.get("places[0].comm") is None
    s.set_value("places[0].comm", "26743")
    assert s.errors() == []
    data = answers_json(s)
    assert data["answers"]["langs"] == ["vi"] and data["answers"]["area"] == "12.5"
    assert "intro" not in data["answers"]
    fresh = FormSession(PROC)
    assert load_answers(fresh, data) == [] and answers_json(fresh)["answers"] == data["answers"]
    (tmp_path / "t.pdf").write_bytes(render_declaration(s))
    text = subprocess.run(["pdftotext", str(tmp_path / "t.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Tiếng Việt" in text and "12,5" in text and "Phường Bến Thành" in text
