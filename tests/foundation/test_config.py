"""The configuration a technician writes: bad keys and values are named, env overrides work."""
from __future__ import annotations

import pytest

from kiosk import config


def test_bundled_example_is_valid_and_vietnamese_first():
    cfg = config.load(config.EXAMPLE, environ={})
    assert cfg.kiosk.language == "vi"
    assert [s.name_vi for s in cfg.queue.services][:3] == ["Hộ tịch", "Cư trú", "Chứng thực"]
    assert {p.code for p in cfg.queue.priorities} >= {"elderly", "pregnant", "disabled"}


def test_misspelt_key_is_named():
    text = config.EXAMPLE.read_text("utf-8").replace("idle_timeout_s", "idle_timout_s")
    with pytest.raises(config.ConfigError) as err:
        config.parse(text, "kiosk.toml", environ={})
    assert "kiosk.idle_timout_s" in str(err.value)
    assert "kiosk.toml" in str(err.value)


def test_bad_value_is_named_with_the_value_given():
    text = config.EXAMPLE.read_text("utf-8").replace('prefix = "B"', 'prefix = "BB"')
    with pytest.raises(config.ConfigError) as err:
        config.parse(text, environ={})
    assert "queue.services.1.prefix" in str(err.value) and "'BB'" in str(err.value)


def test_duplicate_prefixes_are_refused():
    text = config.EXAMPLE.read_text("utf-8").replace('prefix = "B"', 'prefix = "A"')
    with pytest.raises(config.ConfigError, match="duplicate service prefix: A"):
        config.parse(text, environ={})


def test_environment_overrides_file_values():
    cfg = config.load(config.EXAMPLE, environ={"KIOSK__KIOSK__LANGUAGE": "en",
                                               "KIOSK__PRINTER__PAPER_WIDTH_MM": "58",
                                               "KIOSK__PRINTER__URI": "tcp://127.0.0.1:9100"})
    assert (cfg.kiosk.language, cfg.printer.paper_width_mm, cfg.printer.uri) == ("en", 58, "tcp://127.0.0.1:9100")


def test_bad_environment_value_is_named():
    with pytest.raises(config.ConfigError, match="kiosk.idle_timeout_s"):
        config.load(config.EXAMPLE, environ={"KIOSK__KIOSK__IDLE_TIMEOUT_S": "soon"})


def test_corrupt_and_missing_files_are_clear(tmp_path):
    broken = tmp_path / "kiosk.toml"
    broken.write_text("[kiosk\nid = ", "utf-8")
    with pytest.raises(config.ConfigError, match="not valid TOML"):
        config.load(broken, environ={})
    with pytest.raises(config.ConfigError, match="not found"):
        config.load(tmp_path / "absent.toml", environ={})


def test_config_from_a_newer_kiosk_is_refused():
    text = config.EXAMPLE.read_text("utf-8").replace("version = 1", "version = 99")
    with pytest.raises(config.ConfigError, match="version 99 is not supported"):
        config.parse(text, environ={})
