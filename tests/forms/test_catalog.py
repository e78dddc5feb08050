"""The shipped catalog loads, and a broken file is reported with its place and reason."""
import shutil
from pathlib import Path

import pytest

from forms.loader import BUILTIN_DIR, CatalogError, load_catalog

SHIPPED = {"1.004222", "1.001193", "3.000333", "2.000815", "1.004873"}


def test_whole_shipped_catalog_is_valid(catalog):
    assert set(catalog.procedures) == SHIPPED
    for proc in catalog.procedures.values():
        assert proc.unverified, f"{proc.code}: unverified facts must be listed for the operator"
        assert proc.legal_basis and proc.form.pages


@pytest.mark.parametrize("query,code", [
    ("dang ky thuong tru", "1.004222"), ("thường trú", "1.004222"), ("THUONG TRU", "1.004222"),
    ("khai sinh", "1.001193"), ("ly lich", "3.000333"), ("chung thuc ban sao", "2.000815"),
    ("hon nhan", "1.004873"), ("1.004873", "1.004873"), ("birth", "1.001193"),
])
def test_search_without_diacritics(catalog, query, code):
    assert code in [p.code for p in catalog.search(query)]


def test_grouped_by_field_in_order(catalog):
    groups = catalog.grouped()
    assert [g.name.vi for g, _ in groups] == ["Cư trú", "Hộ tịch", "Chứng thực", "Lý lịch tư pháp"]
    assert [p.code for p in dict((g.id, ps) for g, ps in groups)["ho_tich"]] == ["1.004873", "1.001193"]
    assert catalog.grouped("zzzz") == []


@pytest.fixture
def copy_dir(tmp_path: Path) -> Path:
    target = tmp_path / "catalog"
    shutil.copytree(BUILTIN_DIR, target)
    return target


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problem(directory: Path):
    with pytest.raises(CatalogError) as exc:
        load_catalog(directory)
    return exc.value.problems


def test_bad_field_type_names_file_line_and_location(copy_dir):
    f = copy_dir / "ct01_thuong_tru.yaml"
    _break(f, "{id: phone, type: phone,", "{id: phone, type: telephone,")
    [p] = _problem(copy_dir)
    assert p.path == f
    assert p.location == "form.pages[0].fields[4].type"
    line = next(i for i, l in enumerate(f.read_text().splitlines(), 1) if "telephone" in l)
    assert p.line == line
    assert "text" in p.reason and "phone" in p.reason          # lists the allowed types
    assert "ct01_thuong_tru.yaml" in str(p) and f":{line}:" in str(p)


def test_bad_expression_and_unknown_reference(copy_dir):
    f = copy_dir / "xac_nhan_hon_nhan.yaml"
    _break(f, "relevant: \"purpose == 'marriage'\"", "relevant: \"purpose === 'marriage'\"")
    [p] = _problem(copy_dir)
    assert p.location.endswith(".relevant") and "bad expression" in p.reason
    shutil.copy(BUILTIN_DIR / "xac_nhan_hon_nhan.yaml", f)
    _break(f, "relevant: \"purpose == 'marriage'\"", "relevant: \"purpse == 'marriage'\"")
    [p] = _problem(copy_dir)
    assert "purpse" in p.reason and p.location.startswith("form.pages[2].fields[")


def test_yaml_syntax_error_and_duplicate_code(copy_dir):
    (copy_dir / "broken.yaml").write_text("code: [1.2\nname: x\n", encoding="utf-8")
    shutil.copy(copy_dir / "khai_sinh.yaml", copy_dir / "khai_sinh_copy.yaml")
    problems = _problem(copy_dir)
    reasons = {p.path.name: p for p in problems}
    assert "not valid YAML" in reasons["broken.yaml"].reason and reasons["broken.yaml"].line
    assert "already defined in khai_sinh.yaml" in reasons["khai_sinh_copy.yaml"].reason


def test_missing_required_key_and_unknown_key(copy_dir):
    f = copy_dir / "chung_thuc_ban_sao.yaml"
    _break(f, "level: {vi:", "levle: {vi:")
    problems = _problem(copy_dir)
    locations = {p.location: p.reason for p in problems}
    assert "level" in locations and "Field required" in locations["level"]
    assert "levle" in locations and "Extra inputs" in locations["levle"]


def test_unverified_entries_must_name_their_key(copy_dir):
    f = copy_dir / "khai_sinh.yaml"
    _break(f, '  - "fees: fee for late', '  - "fee for late')
    [p] = _problem(copy_dir)
    assert p.location.startswith("unverified")


def test_empty_dir_without_index(tmp_path):
    [p] = _problem(tmp_path)
    assert "missing catalog index" in p.reason
