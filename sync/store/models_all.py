"""Imports every area's table module so the metadata is complete.

An area adds its ``models_<area>.py``; this finds it without anyone editing a shared list.
"""
from __future__ import annotations

import importlib
import pkgutil

import sync.store as _pkg

for _info in pkgutil.iter_modules(_pkg.__path__):
    if _info.name == "models" or _info.name.startswith("models_") and _info.name != "models_all":
        importlib.import_module(f"sync.store.{_info.name}")
