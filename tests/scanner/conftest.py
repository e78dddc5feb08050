"""Fixtures for the papers area: the committed synthetic page set and its generator."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

PAGES = Path(__file__).resolve().parents[2] / "bench" / "data" / "pages"


@pytest.fixture(scope="session")
def pages_dir() -> Path:
    return PAGES


@pytest.fixture(scope="session")
def manifest() -> dict[str, dict]:
    entries = json.loads((PAGES / "manifest.json").read_text(encoding="utf-8"))
    return {entry["name"]: entry for entry in entries}


def _module(name: str, file: str):
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, PAGES / file)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def generator():
    """The set's generator as a module, to make fresh variations in memory."""
    return _module("papers_page_generator", "generate.py")


@pytest.fixture(scope="session")
def official():
    """Official papers (letterhead, upper-case titles, a ruled table, codes) with truth."""
    return _module("papers_official_pages", "official.py")


def picture(name: str) -> Path:
    for suffix in (".jpg", ".png"):
        if (PAGES / f"{name}{suffix}").exists():
            return PAGES / f"{name}{suffix}"
    raise FileNotFoundError(name)


def truth(name: str) -> str:
    return (PAGES / f"{name}.txt").read_text(encoding="utf-8")
