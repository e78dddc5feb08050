"""The published contract matches what the central enforces and routes."""
from __future__ import annotations

import re

import yaml

from sync import openapi
from sync.central.app import CentralApp


def test_openapi_yaml_is_regenerated_from_the_contract():
    assert openapi.OPENAPI_PATH.read_text(encoding="utf-8") == openapi.render(), (
        "run `python -m sync.openapi` after changing sync/contract.py")
    doc = yaml.safe_load(openapi.OPENAPI_PATH.read_text(encoding="utf-8"))
    assert doc["openapi"].startswith("3.1")


def test_every_central_route_is_documented(tmp_path):
    doc = yaml.safe_load(openapi.OPENAPI_PATH.read_text(encoding="utf-8"))
    from sync.central.app import CentralConfig

    app = CentralApp(None, CentralConfig(files_dir=tmp_path))
    for method, pattern, _handler, _auth in app.routes:
        documented = [p for p in doc["paths"]
                      if pattern.match(re.sub(r"\{code\}", "000.00.00.H30-261128-0001",
                                              re.sub(r"\{[a-z_]+_id\}", "a" * 32,
                                                     p.replace("{name}", "procedures"))))]
        assert documented, pattern.pattern
        assert method.lower() in doc["paths"][documented[0]]
