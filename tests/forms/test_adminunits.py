"""The current administrative units and their accent-free search."""
import time

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


def test_search_is_fast_per_keystroke():
    query = "phuong hoa"
    worst = 0.0
    for n in range(1, len(query) + 1):
        t = time.perf_counter()
        U.search_communes(query[:n])
        worst = max(worst, time.perf_counter() - t)
    assert worst < 0.020
