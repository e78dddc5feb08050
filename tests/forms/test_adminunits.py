"""The current administrative units and their accent-free search."""

from forms.adminunits import AdminUnits

U = AdminUnits.load()


def test_counts_source_and_licence():
    assert len(U.provinces) == 34
    assert U.commune_count == 3321
    assert "vietnamadminunits" in U.source and "MIT" in U.licence and U.effective == "2025-07-01"


def test_search_without_diacritics_finds_the_same_units():
    a = U.search_communes("ba dinh", "01")
    b = U.search_communes("Ba Đình", "01")
    assert a == b and a[0].name == "Phường Ba Đình"
    assert U.search_communes("ben thanh")[0].name == "Phường Bến Thành"
    assert U.search_provinces("ho chi minh")[0].name == "Thành phố Hồ Chí Minh"
    assert U.search_communes("zzzz") == []


def test_prefix_of_the_name_ranks_first():
    hits = U.search_communes("an")
    assert hits[0].short.lower().startswith("an")


def test_match_address_from_an_id_card_line():
    p, c = U.match_address("Số 12, Phường Ba Đình, Thành phố Hà Nội")
    assert (p.code, c.code) == ("01", "00004")
    p, c = U.match_address("Thôn 1, Xã Không Có, Tỉnh Không Có")
    assert p is None and c is None


def test_search_answers_every_keystroke_without_marks():
    """Typed one key at a time without diacritics, the list narrows to the right communes
    (the per-keystroke time, ≤ 20 ms, is measured by bench/bench_forms.py)."""
    query = "phuong hoa"
    for n in range(3, len(query) + 1):
        assert U.search_communes(query[:n]), query[:n]
    assert all("Hòa" in unit.name or "Hoà" in unit.name for unit in U.search_communes(query)[:5])
