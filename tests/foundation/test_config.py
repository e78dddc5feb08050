"""The configuration a technician writes: bad keys and values are named, env overrides work."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def test_every_mistake_of_a_file_is_named_at_once():
    # a technician fixing the file on the kiosk should not restart it once per mistake
    text = (config.EXAMPLE.read_text("utf-8")
            .replace('language = "vi" ', 'language = "fr" ')
            .replace("idle_timeout_s = 60 ", 'idle_timeout_s = "soon" ')
            .replace('prefix = "B"', 'prefix = "BB"'))
    with pytest.raises(config.ConfigError) as err:
        config.parse(text, "kiosk.toml", environ={})
    lines = str(err.value).splitlines()
    assert lines[0] == "kiosk.toml: invalid configuration:"
    assert sorted(line.strip().split(":")[0] for line in lines[1:]) == [
        "kiosk.idle_timeout_s", "kiosk.language", "queue.services.1.prefix"]
    assert "'soon'" in str(err.value) and "'fr'" in str(err.value) and "'BB'" in str(err.value)


def test_a_missing_required_key_is_named_once():
    text = config.EXAMPLE.read_text("utf-8").replace('prefix = "B"', "", 1)
    with pytest.raises(config.ConfigError) as err:
        config.parse(text, environ={})
    assert str(err.value).splitlines()[1:] == ["  queue.services.1.prefix: Missing required key"]


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


def test_sync_kiosk_id_follows_the_kiosk_id_unless_the_file_sets_it():
    cfg = config.load(config.EXAMPLE, environ={"KIOSK__KIOSK__ID": "kiosk-07"})
    assert cfg.sync.kiosk_id == "kiosk-07"
    with pytest.raises(config.ConfigError, match=r"sync.kiosk_id: differs from kiosk.id 'kiosk-07' \(given: 'kiosk-08'\)"):
        config.load(config.EXAMPLE, environ={"KIOSK__KIOSK__ID": "kiosk-07", "KIOSK__SYNC__KIOSK_ID": "kiosk-08"})


def test_paths_and_ranges_are_read_and_checked_as_a_technician_wrote_them(tmp_path):
    cfg = config.load(config.EXAMPLE, environ={"KIOSK__KIOSK__DATA_DIR": str(tmp_path)})
    assert cfg.kiosk.resolved_data_dir() == tmp_path
    with pytest.raises(config.ConfigError, match=r"kiosk.idle_timeout_s: Expected `int` >= 10 \(given: 5\)"):
        config.load(config.EXAMPLE, environ={"KIOSK__KIOSK__IDLE_TIMEOUT_S": "5"})
    with pytest.raises(config.ConfigError, match=r"printer.uri: printer uri 'lpt://x'.*\(given: 'lpt://x'\)"):
        config.load(config.EXAMPLE, environ={"KIOSK__PRINTER__URI": "lpt://x"})
    with pytest.raises(config.ConfigError, match=r"kiosk.id: .*pattern.*\(given: 'kiosk-01\\n'\)"):
        config.load(config.EXAMPLE, environ={"KIOSK__KIOSK__ID": '"kiosk-01\\n"'})  # $ would let it by


def test_a_changed_configuration_is_checked_as_a_file_is():
    cfg = config.load(config.EXAMPLE, environ={})
    new = config.changed(cfg, kiosk={"id": "kiosk-02"}, sync={"kiosk_id": "kiosk-02"})
    assert (new.kiosk.id, new.sync.kiosk_id, cfg.kiosk.id) == ("kiosk-02", "kiosk-02", "kiosk-01")
    with pytest.raises(config.ConfigError, match="sync.connect_timeout_s"):
        config.changed(cfg, sync={"connect_timeout_s": 0})


def test_reading_the_configuration_does_not_import_pydantic():
    """pydantic's import and model building took a third of the kiosk's cold start (issue 9)."""
    probe = ("import sys; import kiosk.config as c; c.load(c.EXAMPLE, environ={});"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
