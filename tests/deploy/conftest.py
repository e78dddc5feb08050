"""Fixtures for the deployment tests: a demo-like configuration on a temp folder."""
from __future__ import annotations

import pytest

from kiosk.launch import demo_config


@pytest.fixture
def config(tmp_path):
    cfg = demo_config(tmp_path / "data")
    cfg.sync.central_url = ""
    return cfg
