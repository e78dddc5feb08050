"""The kiosk's run-time files (fonts, styles, translations, pictures, sounds) as package data.

Read through :mod:`importlib.resources`, so the same code runs from a checkout, a wheel
installed anywhere, or the PyInstaller bundle. Every install we ship unpacks packages to
real folders, and Qt and Pillow want file names, so :func:`path` returns a real path and
says so loudly if a packaging step ever zipped the package.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def path(*parts: str) -> Path:
    """The file or folder ``parts`` under the assets package, e.g. ``path("fonts")``."""
    found = files(__name__).joinpath(*parts)
    if not isinstance(found, Path):
        raise RuntimeError(f"assets are not on a file system ({found!r}): install unzipped")
    return found
