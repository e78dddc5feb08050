"""Larger text and high contrast as transforms of the stylesheets, per session.

The theme and a few screens set colours and sizes in QSS (``kiosk.qss``, ``FORMS_QSS`` and
inline sheets), so the one place that sees them all is the stylesheet text. ``transform``
rewrites a sheet: font sizes × ``LARGE_SCALE``; colours mapped to black, white and yellow.
High contrast keeps the meaning of each colour pair: a light background turns black with
white text (accent text yellow, errors light red), a dark filled button turns yellow with
black text, every border turns yellow so black buttons stay visible on black.
Pure string functions (no Qt), tested on their own.
"""
from __future__ import annotations

import re
from functools import lru_cache

LARGE_SCALE = 1.2
LARGE_CAP = 44  # px: 22 → 26, 30 → 36, 34 → 41, 40 → 44

BLACK, WHITE, YELLOW, LIGHT_RED, GREY = "#000000", "#ffffff", "#ffd400", "#ff9a9a", "#3a3a3a"
ACCENTS = {"#0b3d91": YELLOW, "#8b0000": LIGHT_RED, "#0b6e3d": YELLOW}
DISABLED = {"#c8ced8", "#dfe6f0"}  # disabled and "coming soon" backgrounds

_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}", re.S)
_DECL = re.compile(r"(?P<prop>[a-z-]+)\s*:\s*(?P<value>[^;]*)")
_HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")
_FONT = re.compile(r"(font-size\s*:\s*)(\d+)px")


def luminance(hex_colour: str) -> float:
    """WCAG 2.2 relative luminance of ``#rrggbb``."""
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = []
    for i in (0, 2, 4):
        c = int(h[i:i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _is_dark(colour: str) -> bool:
    return luminance(colour) < 0.18


def _declarations(body: str) -> dict[str, str]:
    return {m["prop"]: m["value"].strip() for m in _DECL.finditer(body)}


def _first_hex(value: str) -> str | None:
    m = _HEX.search(value)
    return m.group(0).lower() if m else None


def _contrast_body(selector: str, body: str) -> str:
    decls = _declarations(body)
    bg = next((_first_hex(v) for p, v in decls.items() if p in ("background", "background-color")
               and _first_hex(v)), None)
    fg = _first_hex(decls.get("color", ""))
    if bg is None:
        new_bg = None
        # text without its own background sits on its parent's: white text was on a dark
        # (now yellow) bar, any other text on a light (now black) page
        new_fg = BLACK if fg and not _is_dark(fg) and "topbar" in selector else (
            ACCENTS.get(fg, WHITE) if fg else None)
    elif bg in DISABLED:
        new_bg, new_fg = GREY, WHITE
    elif _is_dark(bg) and bg not in ("#1b1f27",):  # the camera view stays dark
        new_bg, new_fg = (WHITE if ":pressed" in selector else YELLOW), BLACK
    else:
        new_bg, new_fg = BLACK, (ACCENTS.get(fg, WHITE) if fg else WHITE)
    out = body
    if new_bg is not None:
        out = re.sub(r"(background(?:-color)?\s*:\s*)#[0-9a-fA-F]{3,6}\b", rf"\g<1>{new_bg}", out)
    if new_fg is not None and "color" in decls:
        out = re.sub(r"(?<![-\w])(color\s*:\s*)#[0-9a-fA-F]{3,6}\b", rf"\g<1>{new_fg}", out)
    elif new_fg is not None and new_bg is not None:
        out = out.rstrip().rstrip(";") + f"; color: {new_fg};"
    out = re.sub(r"(border[a-z-]*\s*:[^;]*?)#[0-9a-fA-F]{3,6}\b", rf"\g<1>{YELLOW}", out)
    if "QPushButton" in selector and re.search(r"border\s*:\s*none", out):
        out = re.sub(r"border\s*:\s*none", f"border: 4px solid {YELLOW}", out)
    return out


def high_contrast(qss: str) -> str:
    if "{" not in qss:  # an inline sheet: declarations only, for the widget itself
        return _contrast_body("", qss)
    return _RULE.sub(lambda m: m.group(1) + "{" + _contrast_body(m.group(1), m.group(2)) + "}", qss)


def _larger(px: int, scale: float) -> int:
    """Body text grows; what is already large (titles 52 px, numbers 72-160 px) stays, so
    the screens still fit 1280×800 without scrolling."""
    return px if px >= LARGE_CAP else min(round(px * scale), LARGE_CAP)


def large_text(qss: str, scale: float = LARGE_SCALE) -> str:
    """Font sizes × ``scale`` up to ``LARGE_CAP``, except the top bar's: its controls must
    stay on one row."""
    def scale_sizes(body: str) -> str:
        return _FONT.sub(lambda m: f"{m.group(1)}{_larger(int(m.group(2)), scale)}px", body)
    if "{" not in qss:
        return scale_sizes(qss)
    return _RULE.sub(lambda m: m.group(0) if "topbar" in m.group(1)
                     else m.group(1) + "{" + scale_sizes(m.group(2)) + "}", qss)


@lru_cache(maxsize=256)  # the same few sheets, every 400 ms while a mode is on
def transform(qss: str, large: bool, contrast_mode: bool) -> str:
    if contrast_mode:
        qss = high_contrast(qss)
    if large:
        qss = large_text(qss)
    return qss
