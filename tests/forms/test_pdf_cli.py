"""The declaration PDF shows the answers (checked on the extracted text) with the font
embedded; the CLI validates, lists and renders."""
import datetime as dt
import json
import subprocess
import sys

import pikepdf
import pytest

from forms.answers import answers_json, load_answers
from forms.engine import FormSession
from forms.pdf import render_declaration
from forms_samples import EXPECTED_TEXT, SAMPLES

TODAY = dt.date(2026, 11, 27)
CODE = "000.00.01.H22-261127-0042"


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def filled(catalog, identity, code):
    s = FormSession(catalog.get(code), identity, option_lists=catalog.index.option_lists, today=TODAY)
    assert load_answers(s, {"answers": SAMPLES[code]}) == []
    assert s.errors() == []
    return s


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_every_procedure_prints_its_answers(catalog, identity, code, tmp_path):
    s = filled(catalog, identity, code)
    data = render_declaration(s, dossier_code=CODE, place="Hà Nội", when=dt.datetime(2026, 11, 27, 9))
    text = pdf_text(data, tmp_path)
    flat = " ".join(text.split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
    assert "Độc lập - Tự do - Hạnh phúc" in flat
    assert s.form.title.vi in flat
    assert CODE in flat
    assert "Hà Nội, ngày 27 tháng 11 năm 2026" in flat
    assert identity["full_name"] in flat
    for sig in s.form.signatures:
        assert sig.label.vi.upper() in flat
    for expected in EXPECTED_TEXT[code]:
        assert " ".join(expected.split()) in flat, expected
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        fonts = [f for page in pdf.pages for f in page.Resources.Font.values()]
        assert fonts and all("NotoSans" in str(f.BaseFont) and "/FontFile2" in f.FontDescriptor
                             for f in fonts)          # only Noto Sans, embedded


def test_numbered_items_and_repeat_table(catalog, identity, tmp_path):
    s = filled(catalog, identity, "1.004222")
    text = pdf_text(render_declaration(s), tmp_path)
    assert "1. Họ, chữ đệm và tên: Nguyễn Văn An" in text
    assert "Những thành viên trong hộ gia đình cùng thay đổi" in text
    row = next(l for l in text.splitlines() if "Nguyễn Thị Bình" in l)
    assert "01/02/2015" in row and "Nữ" in row and "Con" in row
    assert "Kính gửi:" in text


def test_unanswered_optional_item_prints_dots(catalog, identity, tmp_path):
    s = filled(catalog, identity, "1.004222")
    s.set_input("email", "")
    text = pdf_text(render_declaration(s), tmp_path)
    assert "Email: ……" in text


def kiosk(*args, cwd):
    return subprocess.run([sys.executable, "-m", "kiosk", "forms", *args], capture_output=True,
                          text=True, cwd=cwd)


def test_cli_validate_list_and_render(catalog, identity, tmp_path):
    root = str(__import__("pathlib").Path(__file__).resolve().parents[2])
    r = kiosk("validate", cwd=root)
    assert r.returncode == 0 and "5 procedures" in r.stdout and "3321 communes" in r.stdout
    r = kiosk("list", cwd=root)
    assert r.returncode == 0 and "1.004222" in r.stdout and "Hộ tịch" in r.stdout
    s = filled(catalog, identity, "1.004873")
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(answers_json(s), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "decl.pdf"
    r = kiosk("render-pdf", "1.004873", str(answers), str(out), "--dossier-code", CODE, cwd=root)
    assert r.returncode == 0, r.stderr
    assert "Đỗ Thị Lan" in pdf_text(out.read_bytes(), tmp_path)
    answers.write_text(json.dumps({"status": "divorced"}), encoding="utf-8")
    r = kiosk("render-pdf", "1.004873", str(answers), str(tmp_path / "no.pdf"), cwd=root)
    assert r.returncode == 1 and "former_spouse" in r.stderr and not (tmp_path / "no.pdf").exists()


def test_cli_validate_reports_a_broken_catalog(tmp_path):
    import shutil
    from forms.loader import BUILTIN_DIR
    root = str(__import__("pathlib").Path(__file__).resolve().parents[2])
    target = tmp_path / "cat"
    shutil.copytree(BUILTIN_DIR, target)
    f = target / "khai_sinh.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("working_days: 0", "working_days: -1"), encoding="utf-8")
    r = kiosk("validate", str(target), cwd=root)
    assert r.returncode == 1
    assert "khai_sinh.yaml:" in r.stdout and "processing.working_days" in r.stdout


def test_dossier_code_qr_scans(catalog, identity, tmp_path):
    import zxingcpp
    from PIL import Image
    s = filled(catalog, identity, "2.000815")
    (tmp_path / "d.pdf").write_bytes(render_declaration(s, dossier_code=CODE))
    subprocess.run(["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(tmp_path / "d.pdf"),
                    str(tmp_path / "page")], check=True)
    image = Image.open(next(tmp_path.glob("page*.png")))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [CODE]


def test_numbering_follows_the_paper_form_even_when_items_do_not_apply(catalog, identity, tmp_path):
    s = filled(catalog, identity, "1.004222")
    s.set_value("join_household", False)                 # head-of-household items do not apply
    text = pdf_text(render_declaration(s), tmp_path)
    assert "7. Họ, chữ đệm và tên chủ hộ: ……" in text     # blank, as on paper
    assert "10. Nội dung đề nghị: Đăng ký thường trú" in text
    assert "Bạn nhập vào" not in text                      # kiosk-only question not printed
    head_line = next(l for l in text.splitlines() if l.strip().startswith("7."))
    assert "Trần" not in head_line                         # an answer that no longer applies
