"""``kiosk config set-pin``: put a new PIN hash into the configuration file, nothing else.

The file is edited as text (only the ``pin_hash`` line of ``[technician]`` changes), so the
comments and layout a technician wrote stay as they were; the result is validated before it
replaces the old file, atomically.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

_SECTION = re.compile(r"^\s*\[technician\]\s*(#.*)?$")
_ANY_SECTION = re.compile(r"^\s*\[")
_PIN_LINE = re.compile(r"^\s*pin_hash\s*=")


def with_pin_hash(text: str, pin_hash: str) -> str:
    line = f'pin_hash = "{pin_hash}"'
    lines = text.splitlines()
    start = next((i for i, l in enumerate(lines) if _SECTION.match(l)), None)
    if start is None:
        return text.rstrip("\n") + f"\n\n[technician]\n{line}\n"
    end = next((i for i in range(start + 1, len(lines)) if _ANY_SECTION.match(lines[i])), len(lines))
    for i in range(start + 1, end):
        if _PIN_LINE.match(lines[i]):
            lines[i] = line
            break
    else:
        lines.insert(start + 1, line)
    return "\n".join(lines) + "\n"


def write_pin_hash(path: Path, pin_hash: str, template: Path) -> None:
    """Set the hash in ``path`` (a copy of ``template`` when it does not exist yet)."""
    from kiosk.config import parse

    text = path.read_text("utf-8") if path.exists() else template.read_text("utf-8")
    new = with_pin_hash(text, pin_hash)
    parse(new, str(path), environ={})  # never write a file the kiosk would refuse
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".config-")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(new)
        f.flush()
        os.fsync(f.fileno())
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
