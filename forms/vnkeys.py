"""Vietnamese keyboard composition: Telex, VNI and a direct tone/mark key.

Why our own: the kiosk's on-screen keyboard must type Vietnamese without an input method
installed on the machine, and the rules must be testable without Qt.

How it works: the word before the cursor is decomposed into plain letters (each with an
optional shape mark: circumflex, breve, horn, stroke) plus one tone for the syllable. A key
either changes a letter's mark, sets or clears the tone, or is appended. The word is then
rendered again with the tone on the vowel chosen by the placement rules, so a tone typed
early moves as the word grows ("hoas" + "n" → "hoán").

Tone placement (see docs/forms.md): the vowel that carries a shape mark wins (ơ in "ươ");
otherwise the middle of three vowels or, before a final consonant, the second of two;
otherwise the first of two. The only choice between the two accepted conventions is the
open "oa", "oe", "uy": ``ToneStyle.CLASSIC`` writes "hòa", "khỏe", "thủy" (the spelling
on ID cards and in civil-status books, our default); ``ToneStyle.MODERN`` writes "hoà",
"khoẻ", "thuý". "qu" and "gi" before a vowel are consonants: "quý", "giữa".
"""
from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass

VOWELS = set("aăâeêioôơuưy")
FINALS = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"}
# Vowel groups of Vietnamese syllables (shaped letters, without tone).
VALID_NUCLEI = set(
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu iê oa oă oe oi ôi ơi ua uâ uê ui "
    "uô uơ uy ưa ưi ưu ươ yê iêu yêu oai oay uây uôi ươi ươu uya uyê uyu oeo".split())
INITIALS = sorted(
    ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
     "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x"],
    key=len, reverse=True)


class Tone(enum.IntEnum):
    NONE = 0
    ACUTE = 1   # sắc
    GRAVE = 2   # huyền
    HOOK = 3    # hỏi
    TILDE = 4   # ngã
    DOT = 5     # nặng


class ToneStyle(str, enum.Enum):
    CLASSIC = "classic"
    MODERN = "modern"


_TONE_COMBINING = {Tone.ACUTE: "\u0301", Tone.GRAVE: "\u0300", Tone.HOOK: "\u0309",
                   Tone.TILDE: "\u0303", Tone.DOT: "\u0323"}
_COMBINING_TONE = {v: k for k, v in _TONE_COMBINING.items()}

# Shape marks: base letter + mark → letter; "^" circumflex, "(" breve, "+" horn, "-" stroke.
_SHAPED = {("a", "^"): "â", ("e", "^"): "ê", ("o", "^"): "ô", ("a", "("): "ă",
           ("o", "+"): "ơ", ("u", "+"): "ư", ("d", "-"): "đ"}
_UNSHAPE = {v: k for k, v in _SHAPED.items()}

TELEX_TONES = {"s": Tone.ACUTE, "f": Tone.GRAVE, "r": Tone.HOOK, "x": Tone.TILDE, "j": Tone.DOT}
VNI_TONES = {"1": Tone.ACUTE, "2": Tone.GRAVE, "3": Tone.HOOK, "4": Tone.TILDE, "5": Tone.DOT}


@dataclass
class Letter:
    base: str          # lower-case plain letter, "a".."z"
    mark: str = ""     # "", "^", "(", "+", "-"
    upper: bool = False

    @property
    def shaped(self) -> str:
        return _SHAPED.get((self.base, self.mark), self.base)

    def render(self, tone: Tone = Tone.NONE) -> str:
        ch = self.shaped
        if tone:
            ch = unicodedata.normalize("NFC", ch + _TONE_COMBINING[tone])
        return ch.upper() if self.upper else ch


def is_word_char(ch: str) -> bool:
    """Letters the composer works on (Latin letters with Vietnamese marks)."""
    if not ch:
        return False
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return ("a" <= base <= "z") or base == "đ"


def split_word(text: str) -> tuple[str, str]:
    """Split ``text`` into (head, trailing word)."""
    i = len(text)
    while i > 0 and is_word_char(text[i - 1]):
        i -= 1
    return text[:i], text[i:]


def decompose(word: str) -> tuple[list[Letter], Tone]:
    letters: list[Letter] = []
    tone = Tone.NONE
    for ch in word:
        parts = unicodedata.normalize("NFD", ch)
        rest = "".join(c for c in parts if c not in _COMBINING_TONE)
        for c in parts:
            if c in _COMBINING_TONE:
                tone = _COMBINING_TONE[c]
        plain = unicodedata.normalize("NFC", rest)
        low = plain.lower()
        base, mark = _UNSHAPE.get(low, (low, ""))
        letters.append(Letter(base, mark, plain != low))
    return letters, tone


@dataclass
class Syllable:
    nucleus: list[int]   # indices of the vowels
    final: str           # final consonant ("" if none)


def parse(letters: list[Letter]) -> Syllable | None:
    """Initial consonant + 1..3 vowels + optional final consonant, or None."""
    shaped = "".join(l.shaped for l in letters)
    start = 0
    for ini in INITIALS:
        if shaped.startswith(ini):
            rest = shaped[len(ini):]
            # "gi" and "qu" are consonants only before another vowel ("gìn" is g + i).
            if ini in ("gi", "qu") and not (rest and rest[0] in VOWELS):
                continue
            start = len(ini)
            break
    end = start
    while end < len(shaped) and shaped[end] in VOWELS:
        end += 1
    final = shaped[end:]
    if final not in FINALS or end - start > 3 or any(not is_word_char(c) for c in shaped):
        return None
    return Syllable(list(range(start, end)), final)


def tone_position(letters: list[Letter], syl: Syllable, style: ToneStyle) -> int:
    nuc = syl.nucleus
    if len(nuc) == 1:
        return nuc[0]
    marked = [i for i in nuc if letters[i].mark]
    if marked:
        return marked[-1]
    if len(nuc) == 3 or syl.final:
        return nuc[1]
    pair = letters[nuc[0]].base + letters[nuc[1]].base
    if style is ToneStyle.MODERN and pair in ("oa", "oe", "uy"):
        return nuc[1]
    return nuc[0]


def _normalize_horns(letters: list[Letter], syl: Syllable) -> None:
    """"uơ"/"ưo" before a coda is always "ươ" ("người", "hươu"); open "uơ" stays ("thuở")."""
    nuc = syl.nucleus
    for a, b in zip(nuc, nuc[1:]):
        la, lb = letters[a], letters[b]
        if la.base == "u" and lb.base == "o" and (la.mark == "+") != (lb.mark == "+"):
            has_coda = b != nuc[-1] or bool(syl.final)
            if has_coda and lb.mark in ("", "+"):
                la.mark = lb.mark = "+"
        if la.base == "u" and lb.base == "o" and lb.mark == "^" and la.mark == "+":
            la.mark = ""


def render(letters: list[Letter], tone: Tone, style: ToneStyle) -> str:
    syl = parse(letters)
    if syl is not None:
        _normalize_horns(letters, syl)
    if tone and syl is not None and syl.nucleus:
        pos = tone_position(letters, syl, style)
        return "".join(l.render(tone if i == pos else Tone.NONE) for i, l in enumerate(letters))
    return "".join(l.render() for l in letters)


class Composer:
    """Composes the word at the end of a text, key by key.

    ``press(text, key)`` returns the new text. Repeating a modifier undoes it and types the
    key itself ("ass" → "as", "aaa" → "aa"); after such an undo the rest of the word is
    typed literally, so names and foreign words can always be entered.
    """

    def __init__(self, method: str = "telex", style: ToneStyle = ToneStyle.CLASSIC):
        if method not in ("telex", "vni", "off"):
            raise ValueError(f"unknown input method {method!r}")
        self.method = method
        self.style = ToneStyle(style)
        self._raw_word: str | None = None   # word typed literally after an undo

    def reset(self) -> None:
        self._raw_word = None

    def press(self, text: str, key: str) -> str:
        if len(key) != 1:
            raise ValueError("one character at a time")
        head, word = split_word(text)
        if self.method == "off" or not word or (self._raw_word is not None and self._raw_word == word):
            return self._append(head, word, key)
        self._raw_word = None
        letters, tone = decompose(word)
        low = key.lower()
        result = None
        if self.method == "telex":
            result = self._telex(letters, tone, key, low)
        elif low in "0123456789":
            result = self._vni(letters, tone, low)
        if result is None:
            return self._append(head, word, key)
        new_letters, new_tone, undone_key = result
        out = render(new_letters, new_tone, self.style)
        if undone_key:
            out += key
            self._raw_word = out
        return head + out

    def _append(self, head: str, word: str, key: str) -> str:
        if not is_word_char(key):
            self._raw_word = None
            return head + word + key
        if self._raw_word is not None and self._raw_word == word:
            self._raw_word = word + key
            return head + word + key
        letters, tone = decompose(word + key)
        if parse(letters) is not None:       # re-place the tone, "uơ" + coda → "ươ"
            return head + render(letters, tone, self.style)
        return head + word + key

    # -- methods -------------------------------------------------------------------------
    def _telex(self, letters, tone, key, low):
        if low in TELEX_TONES:
            return set_tone(letters, tone, TELEX_TONES[low])
        if low == "z":
            return (letters, Tone.NONE, False) if tone else None
        if low in "aeo":
            syl = parse(letters)
            if syl and syl.nucleus and not syl.final:
                nucleus = "".join(letters[i].shaped for i in syl.nucleus)
                if nucleus + low in VALID_NUCLEI:   # "ngoe" + "o" is "ngoeo", not "ngôe"
                    return None
            return set_mark(letters, tone, "^", only=low)
        if low == "w":
            res = set_mark(letters, tone, "+(")
            if res is None and parse(letters) is not None and not parse(letters).nucleus:
                return letters + [Letter("u", "+", key.isupper())], tone, False
            return res
        if low == "d":
            return set_mark(letters, tone, "-")
        return None

    def _vni(self, letters, tone, digit):
        if digit in VNI_TONES:
            return set_tone(letters, tone, VNI_TONES[digit])
        if digit == "0":
            return (letters, Tone.NONE, False) if tone else None
        return set_mark(letters, tone, {"6": "^", "7": "+", "8": "(", "9": "-"}[digit])

    # -- the tone/mark keys of the on-screen keyboard ------------------------------------
    def apply_tone(self, text: str, new_tone: Tone) -> str:
        """Direct tone key: sets (or, pressed again, removes) the tone of the last word."""
        head, word = split_word(text)
        letters, tone = decompose(word)
        syl = parse(letters)
        if not word or syl is None or not syl.nucleus:
            return text
        target = Tone.NONE if tone == new_tone else new_tone
        return head + render(letters, target, self.style)

    def cycle_mark(self, text: str) -> str:
        """Mark key: a → â → ă → a, e → ê → e, o → ô → ơ → o, u → ư → u, d → đ → d."""
        head, word = split_word(text)
        letters, tone = decompose(word)
        if not letters:
            return text
        syl = parse(letters)
        cycle = {"a": ["", "^", "("], "e": ["", "^"], "o": ["", "^", "+"], "u": ["", "+"], "d": ["", "-"]}
        candidates = syl.nucleus[::-1] if syl and syl.nucleus else []
        candidates += [len(letters) - 1, 0]
        for i in candidates:
            let = letters[i]
            if let.base in cycle and (let.base != "d" or i == 0):
                marks = cycle[let.base]
                let.mark = marks[(marks.index(let.mark) + 1) % len(marks)] if let.mark in marks else ""
                return head + render(letters, tone, self.style)
        return text


def set_tone(letters, tone, new_tone):
    syl = parse(letters)
    if syl is None or not syl.nucleus:
        return None
    if tone == new_tone:
        return letters, Tone.NONE, True
    return letters, new_tone, False


def set_mark(letters, tone, marks: str, only: str | None = None):
    """Apply one of ``marks`` to the right letter; None if the key is just a letter."""
    if marks == "-":
        if letters and letters[0].base == "d":
            if letters[0].mark == "-":
                letters[0].mark = ""
                return letters, tone, True
            letters[0].mark = "-"
            return letters, tone, False
        return None
    syl = parse(letters)
    if syl is None or not syl.nucleus:
        return None
    nuc = syl.nucleus
    if "+" in marks:
        for a, b in zip(nuc, nuc[1:]):
            if letters[a].base == "u" and letters[b].base == "o":
                if letters[a].mark == "+" and letters[b].mark == "+":
                    letters[a].mark = letters[b].mark = ""
                    return letters, tone, True
                open_end = b == nuc[-1] and not syl.final
                letters[b].mark = "+"
                letters[a].mark = "" if open_end else "+"
                return letters, tone, False
    targets = []
    for i in nuc:
        b = letters[i].base
        if marks == "^" and b in (only or "aeo"):
            targets.append((i, "^"))
        elif "(" in marks and b == "a":
            targets.append((i, "("))
        elif "+" in marks and b in "ou":
            targets.append((i, "+"))
    if not targets:
        return None
    bases = "".join(letters[i].base for i in nuc)
    if "(" in marks and bases == "ua":
        i, m = nuc[0], "+"                       # "mưa", not "muă"
    elif marks == "^" or "(" in marks and any(m == "(" for _, m in targets):
        i, m = [t for t in targets if marks == "^" or t[1] == "("][-1]
    else:
        i, m = targets[0]
    if letters[i].mark == m:
        letters[i].mark = ""
        return letters, tone, True
    letters[i].mark = m
    return letters, tone, False


def type_keys(keys: str, method: str = "telex", style: ToneStyle = ToneStyle.CLASSIC) -> str:
    """Type a key sequence from an empty field and return the text."""
    comp = Composer(method, style)
    text = ""
    for key in keys:
        text = comp.press(text, key)
    return text
