"""Regenerate the Vietnamese translation catalogues and compile them: ``python -m kiosk.i18n``.

Each area keeps its own ``assets/i18n/<area>_vi.ts`` so engineers working on different
screens never edit the same catalogue. ``pyside6-lupdate`` keeps existing translations and
marks new strings unfinished; ``--check`` reports what is unfinished (the test suite fails
on any).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import assets

#: the source tree: this is a developer's tool, run from a checkout
ROOT = Path(__file__).resolve().parent.parent
I18N = assets.path("i18n")
# area → source folders or files (relative to the repository root)
AREAS: dict[str, list[str]] = {
    "kiosk": ["kiosk/shell", "kiosk/screens/home.py", "kiosk/screens/queue", "kiosk/screens/dossier",
              "kiosk/screens/rating", "kiosk/screens/lookup"],
    "identity": ["kiosk/screens/identity"],
    "forms": ["kiosk/screens/forms", "kiosk/widgets"],
    "papers": ["kiosk/screens/papers"],
    "technician": ["kiosk/screens/technician"],
    "access": ["kiosk/access"],
}


def _tool(name: str) -> str:
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else (shutil.which(name) or name)


def sources(area: str) -> list[Path]:
    found: list[Path] = []
    for rel in AREAS[area]:
        path = ROOT / rel
        if path.is_dir():
            found += sorted(path.rglob("*.py"))
        elif path.exists():
            found.append(path)
    return found


def update(area: str) -> Path | None:
    files = sources(area)
    if not files:
        return None
    ts = I18N / f"{area}_vi.ts"
    I18N.mkdir(parents=True, exist_ok=True)
    subprocess.run([_tool("pyside6-lupdate"), "-no-obsolete", "-target-language", "vi_VN",
                    *map(str, files), "-ts", str(ts)], check=True, capture_output=True)
    return ts


def release(ts: Path) -> Path:
    qm = ts.with_suffix(".qm")
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    return qm


def unfinished(ts: Path) -> list[str]:
    """Source strings with no finished Vietnamese translation."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source", "")
        tr = message.find("translation")
        if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete"):
            missing.append(source)
            continue
        forms = tr.findall("numerusform")
        if (forms and not all((f.text or "").strip() for f in forms)) or (not forms and not (tr.text or "").strip()):
            missing.append(source)
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.i18n", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only list unfinished translations")
    parser.add_argument("areas", nargs="*", metavar="AREA",
                        help=f"only these areas ({', '.join(AREAS)}); default: all")
    args = parser.parse_args(argv)
    unknown = set(args.areas) - set(AREAS)
    if unknown:
        parser.error(f"unknown area(s): {', '.join(sorted(unknown))}")
    status = 0
    for area in args.areas or AREAS:
        ts = I18N / f"{area}_vi.ts" if args.check else update(area)
        if ts is None or not ts.exists():
            continue
        missing = unfinished(ts)
        for source in missing:
            print(f"{ts.name}: unfinished: {source!r}")
        status |= bool(missing)
        if not args.check:
            release(ts)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
