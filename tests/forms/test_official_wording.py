"""The CT01 PDF follows the official form (Circular 66/2023/TT-BCA, Mẫu CT01) item by item:
"Kính gửi" names the police of the commune being registered, items 1-11 as on paper (the new
address is written inside item 10, not as an item 12), and the date is the kiosk's clock."""
import datetime as dt
import re
import subprocess

from forms.answers import load_answers
from forms.engine import FormSession
from forms.pdf import render_declaration
from forms_samples import SAMPLES

# The items of Mẫu CT01 in order (as printed by the agencies' own integrations of the form).
CT01_ITEMS = [
    "Họ, chữ đệm và tên", "Ngày, tháng, năm sinh", "Giới tính", "Số định danh cá nhân",
    "Số điện thoại liên hệ", "Email", "Họ, chữ đệm và tên chủ hộ", "Mối quan hệ với chủ hộ",
    "Số định danh cá nhân của chủ hộ", "Nội dung đề nghị", "Những thành viên trong hộ gia đình cùng thay đổi",
]


def text_of(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "ct01.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(out.split())


def ct01(catalog, identity, answers=None):
    s = FormSession(catalog.get("1.004222"), identity, option_lists=catalog.index.option_lists,
                    today=dt.date(2026, 11, 27))
    assert load_answers(s, {"answers": answers or SAMPLES["1.004222"]}) == []
    return s


def test_ct01_items_are_numbered_as_on_the_official_form(catalog, identity, tmp_path):
    text = text_of(render_declaration(ct01(catalog, identity), place="Hà Nội",
                                      when=dt.datetime(2026, 11, 27, 9)), tmp_path)
    numbered = re.findall(r"(?:^| )(\d{1,2})\. ", text)
    assert [int(n) for n in numbered] == list(range(1, 12)), numbered
    for number, label in enumerate(CT01_ITEMS, start=1):
        assert f"{number}. {label}" in text, label
    # the address to register is inside item 10, as the form's footnote asks
    item10 = text.split("10. Nội dung đề nghị", 1)[1].split("11. ", 1)[0]
    assert "Số 1 Hoàng Diệu, Phường Ba Đình, Thành phố Hà Nội" in item10


def test_kinh_gui_names_the_police_of_the_commune(catalog, identity, tmp_path):
    text = text_of(render_declaration(ct01(catalog, identity), when=dt.datetime(2026, 11, 27, 9)), tmp_path)
    assert "Kính gửi: Công an phường Ba Đình, thành phố Hà Nội" in text
    unanswered = dict(SAMPLES["1.004222"])
    del unanswered["new_address"]
    blank = text_of(render_declaration(ct01(catalog, identity, unanswered),
                                       when=dt.datetime(2026, 11, 27, 9)), tmp_path)
    assert "Kính gửi: Công an …………, …………" in blank     # a blank to fill, never a wrong agency


def test_the_pdf_is_dated_by_the_centre_clock(catalog, identity, tmp_path, monkeypatch):
    """At 18:30 UTC on 3 December it is already 4 December in Vietnam."""
    import forms.clock

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2026, 12, 3, 18, 30, tzinfo=dt.timezone.utc).astimezone(tz)
    monkeypatch.setattr(forms.clock.dt, "datetime", Frozen)
    text = text_of(render_declaration(ct01(catalog, identity), place="Hà Nội"), tmp_path)
    assert "Hà Nội, ngày 04 tháng 12 năm 2026" in text


def test_what_stays_unverified_about_the_receipt_is_listed(capsys):
    import argparse

    from kiosk.cli.cmd_forms import cmd_list
    assert cmd_list(argparse.Namespace(dir=None, unverified=True)) == 0
    out = capsys.readouterr().out
    assert "receipt.legal_basis: Circular 01/2018/TT-VPCP is reported replaced" in out
    assert "form: items 1-11" in out      # CT01's own list
