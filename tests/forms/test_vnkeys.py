"""Telex / VNI composition and tone placement, as a citizen typing a name would see it."""
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from forms.vnkeys import (VALID_NUCLEI, Composer, Tone, ToneStyle, decompose, split_word,
                          type_keys)

TELEX_CASES = [
    ("Nguyeenx", "Nguyễn"), ("dd", "đ"), ("ass", "as"), ("asss", "ass"), ("aaa", "aa"),
    ("quys", "quý"), ("giuwax", "giữa"), ("thuowr", "thuở"), ("nguwowif", "người"),
    ("hoawcj", "hoặc"), ("muaw", "mưa"), ("Ddaoj", "Đạo"), ("tieengs", "tiếng"),
    ("Vieetj Nam", "Việt Nam"), ("khuyru", "khuỷu"), ("nhw", "như"), ("NGUYEENX", "NGUYỄN"),
    ("ruwowuj", "rượu"), ("Truwowngf", "Trường"), ("gif", "gì"), ("ngoeoj", "ngoẹo"),
    ("tuaan", "tuân"), ("xooong", "xoong"), ("Nguyeexn", "Nguyễn"), ("Nguyenxe", "Nguyễn"),
    ("Phamj Thij Thuyr", "Phạm Thị Thủy"), ("Lee Vawn Ddinhf", "Lê Văn Đình"),
    ("hoaf", "hòa"), ("hoafn", "hoàn"), ("khoer", "khỏe"), ("mootj", "một"),
    ("chuongw", "chương"), ("hello", "hello"), ("email@x.com", "email@x.com"),
    ("Hoof Chis Minh", "Hồ Chí Minh"), ("quaan", "quân"), ("giaf", "già"), ("hoafz", "hoa"), ("hoaz", "hoaz"),
    ("uwu", "ưu"), ("cuwuf", "cừu"), ("yeeu", "yêu"), ("khuyeenr", "khuyển"),
    ("1990", "1990"), ("ddd", "dd"),
]
VNI_CASES = [
    ("Nguye6n4", "Nguyễn"), ("d9", "đ"), ("a11", "a1"), ("qu1y", "quý"), ("giu74a", "giữa"),
    ("thu7o73", "thuở"), ("ngu7o7i2", "người"), ("D9a5o", "Đạo"), ("Vie6t5 Nam", "Việt Nam"),
    ("hoa8c5", "hoặc"), ("mua7", "mưa"), ("hu7o7u5", "hượu"), ("Tru7o7ng2", "Trường"),
    ("hoa2", "hòa"), ("0912345678", "0912345678"), ("a0", "a0"), ("a10", "a"),
]
# Tone placement per style: only open oa / oe / uy differ.
PLACEMENT = [
    ("hoaf", "hòa", "hoà"), ("thuyr", "thủy", "thuỷ"), ("khoer", "khỏe", "khoẻ"),
    ("hoafn", "hoàn", "hoàn"), ("thuyeets", "thuyết", "thuyết"), ("muaf", "mùa", "mùa"),
    ("taif", "tài", "tài"), ("kiaf", "kìa", "kìa"), ("cuar", "của", "của"),
    ("quys", "quý", "quý"), ("quas", "quá", "quá"), ("giaf", "già", "già"),
    ("oais", "oái", "oái"), ("ngoaij", "ngoại", "ngoại"), ("huyts", "huýt", "huýt"),
    ("toans", "toán", "toán"), ("ddoif", "đòi", "đòi"), ("muoons", "muốn", "muốn"),
]


@pytest.mark.parametrize("keys,expected", TELEX_CASES)
def test_telex(keys, expected):
    assert type_keys(keys, "telex") == expected


@pytest.mark.parametrize("keys,expected", VNI_CASES)
def test_vni(keys, expected):
    assert type_keys(keys, "vni") == expected


@pytest.mark.parametrize("keys,classic,modern", PLACEMENT)
def test_tone_placement_styles(keys, classic, modern):
    assert type_keys(keys, "telex", ToneStyle.CLASSIC) == classic
    assert type_keys(keys, "telex", ToneStyle.MODERN) == modern


def test_tone_key_and_mark_key_for_people_who_know_neither():
    comp = Composer("telex")
    text = "Nguyen"
    text = comp.cycle_mark(text)            # e → ê
    assert text == "Nguyên"
    text = comp.apply_tone(text, Tone.TILDE)
    assert text == "Nguyễn"
    assert comp.apply_tone(text, Tone.TILDE) == "Nguyên"   # pressed again: removed
    assert comp.apply_tone("Nguyễn", Tone.ACUTE) == "Nguyến"
    t = "Do"
    t = comp.cycle_mark(t)
    assert t == "Dô"
    t = comp.cycle_mark(t)
    assert t == "Dơ"
    assert comp.cycle_mark("d") == "đ"
    assert comp.apply_tone("123", Tone.ACUTE) == "123"


def test_off_method_types_literally():
    assert type_keys("Nguyeenx", "off") == "Nguyeenx"


# --- generated syllables ----------------------------------------------------------------

INITIALS = ["", "b", "c", "ch", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph",
            "r", "s", "t", "th", "tr", "v", "x"]
FINALS = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
CLOSED_OK = {"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "iê", "yê", "uô", "ươ",
             "oa", "oă", "oe", "uâ", "uyê", "uy", "uê"}
NEEDS_FINAL = {"ă", "â", "iê", "uô", "ươ", "oă", "uâ", "uyê", "yê"}
TELEX_MARK = {"â": "aa", "ê": "ee", "ô": "oo", "ă": "aw", "ơ": "ow", "ư": "uw", "đ": "dd"}
VNI_MARK = {"â": "a6", "ê": "e6", "ô": "o6", "ă": "a8", "ơ": "o7", "ư": "u7", "đ": "d9"}
TELEX_TONE = {1: "s", 2: "f", 3: "r", 4: "x", 5: "j"}


@st.composite
def syllables(draw):
    nucleus = draw(st.sampled_from(sorted(VALID_NUCLEI - {"uơ"})))
    final = draw(st.sampled_from(FINALS if nucleus in CLOSED_OK else [""]))
    if nucleus in NEEDS_FINAL and not final:
        final = "n"
    if nucleus.startswith("y") and final == "":
        nucleus = "yêu" if nucleus == "yê" else nucleus
    initial = draw(st.sampled_from(INITIALS))
    tone = draw(st.integers(0, 5))
    upper = draw(st.sampled_from(["lower", "title", "upper"]))
    return initial, nucleus, final, tone, upper


def encode(initial, nucleus, final, tone, upper, marks, tones):
    keys = "".join(marks.get(c, c) for c in initial + nucleus + final)
    if tone:
        keys += tones[tone]
    if upper == "upper":
        keys = keys.upper()
    elif upper == "title":
        keys = keys[:1].upper() + keys[1:]
    return keys


@settings(max_examples=400, deadline=None)
@given(syllables())
def test_telex_and_vni_agree_and_keep_the_letters(syl):
    initial, nucleus, final, tone, upper = syl
    telex = type_keys(encode(*syl, TELEX_MARK, TELEX_TONE), "telex")
    vni = type_keys(encode(*syl, VNI_MARK, {t: str(t) for t in range(1, 6)}), "vni")
    assert telex == vni
    assert telex == unicodedata.normalize("NFC", telex)
    letters, got_tone = decompose(telex)
    assert "".join(l.shaped for l in letters) == initial + nucleus + final
    assert got_tone == tone
    tone_marks = [c for c in unicodedata.normalize("NFD", telex) if c in "\u0300\u0301\u0303\u0309\u0323"]
    assert len(tone_marks) == (1 if tone else 0)


@settings(max_examples=300, deadline=None)
@given(syllables(), st.data())
def test_tone_key_position_does_not_matter(syl, data):
    initial, nucleus, final, tone, upper = syl
    if not tone:
        tone = 1
    base_keys = "".join(TELEX_MARK.get(c, c) for c in initial + nucleus + final)
    first_vowel_end = len("".join(TELEX_MARK.get(c, c) for c in initial)) + 1
    cut = data.draw(st.integers(first_vowel_end, len(base_keys)))
    early = base_keys[:cut] + TELEX_TONE[tone] + base_keys[cut:]
    assert type_keys(early) == type_keys(base_keys + TELEX_TONE[tone])


@settings(max_examples=300, deadline=None)
@given(syllables())
def test_repeating_the_tone_key_undoes_it(syl):
    initial, nucleus, final, tone, upper = syl
    tone = tone or 2
    keys = "".join(TELEX_MARK.get(c, c) for c in initial + nucleus + final) + TELEX_TONE[tone]
    plain = type_keys(keys[:-1])
    assert type_keys(keys + TELEX_TONE[tone]) == plain + TELEX_TONE[tone]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
       st.sampled_from(["telex", "vni"]))
def test_any_keys_never_crash_and_stay_nfc(keys, method):
    comp = Composer(method)
    text = ""
    for k in keys:
        text = comp.press(text, k)
    assert isinstance(text, str)


@given(st.text(alphabet=" .,-/@0123456789", max_size=30))
def test_telex_leaves_non_letters_alone(keys):
    assert type_keys(keys, "telex") == keys


def test_split_word():
    assert split_word("Phạm Thị") == ("Phạm ", "Thị")
    assert split_word("12 ") == ("12 ", "")
