"""The voice: real espeak-ng renders Vietnamese to WAV; a missing engine or sound card
leaves the kiosk silent, never blocked; private prompts never reach the disk cache."""
from __future__ import annotations

import shutil
import subprocess
import sys
import wave

import pytest

from devices.audio import Speaker, SpeechUnavailable, VoiceSettings, render_wav
from devices.audio.cache import PromptCache

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="apt espeak-ng (scripts/setup.sh)")


def _seconds(path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


def test_cli_renders_a_vietnamese_prompt_to_a_playable_wav(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text('[[queue.services]]\ncode = "A"\nprefix = "A"\nname_vi = "A"\nname_en = "A"\n'
                      'counter_group = "1"\n', "utf-8")
    out = tmp_path / "chao.wav"
    done = subprocess.run([sys.executable, "-m", "kiosk", "voice", "say", "Xin kính chào quý khách",
                           "--out", str(out), "--lang", "vi", "--config", str(config)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    # a real header (espeak-ng's pipe output says 2 GB until patched) and about a second of
    # speech: the WAV's own length (frames / rate), not a time taken
    assert 0.8 < _seconds(out) < 6
    assert out.stat().st_size == 44 + int(_seconds(out) * 22_050) * 2


def test_volume_in_the_configuration_changes_the_loudness():
    def peak(volume: int) -> int:
        data = render_wav("Vui lòng chờ", "vi", VoiceSettings(volume=volume))[44:]
        return max(abs(int.from_bytes(data[i:i + 2], "little", signed=True)) for i in range(0, len(data), 2))
    assert peak(20) * 2 < peak(100)


def test_a_prompt_is_rendered_once_then_played_from_the_cache(tmp_path):
    cache = PromptCache(tmp_path, VoiceSettings())
    first = cache.get("Nộp hồ sơ", "vi")
    cache.settings = VoiceSettings(engine="no-such-engine")  # the same key: engine name is part of it
    with pytest.raises(SpeechUnavailable):
        cache.get("Nộp hồ sơ", "vi")
    cache.settings = VoiceSettings()
    assert cache.get("Nộp hồ sơ", "vi") == first
    assert cache.get("Nộp hồ sơ", "en") != first  # language is part of the key


def test_missing_engine_is_reported_not_raised(tmp_path):
    speaker = Speaker(VoiceSettings(engine="no-such-engine", player="aplay"), tmp_path)
    if not speaker.player.available:
        pytest.skip("no aplay (alsa-utils)")
    speaker.say("Xin chào", "vi")   # returns at once
    _wait(lambda: speaker.problem is not None)
    assert "not found" in speaker.problem
    assert speaker.last_text == "Xin chào"


def test_no_sound_card_leaves_the_kiosk_silent_and_private_text_off_the_disk(tmp_path):
    speaker = Speaker(VoiceSettings(player="aplay"), tmp_path)
    if not speaker.player.available:
        pytest.skip("no aplay (alsa-utils)")
    speaker.say("Lấy số thứ tự", "vi")
    _wait(lambda: speaker.problem is not None)  # rendered and cached, then the player failed
    assert list((tmp_path / "voice").glob("*.wav"))
    speaker.say("Bạn cần làm thủ tục lĩnh vực nào?", "vi")  # nobody hears: not even rendered
    assert speaker.last_text == "Bạn cần làm thủ tục lĩnh vực nào?" and len(list(tmp_path.rglob("*.wav"))) == 1
    speaker._silent_until = 0  # a minute later, or a headset plugged in
    speaker.say("Nguyễn Văn An", "vi", private=True)
    _wait(lambda: _idle(speaker))
    assert speaker.last_text == "Bạn cần làm thủ tục lĩnh vực nào?"  # a private prompt is not kept for "Nghe lại"
    assert len(list(tmp_path.rglob("*.wav"))) == 1  # nor written to the cache
    speaker.close()


def test_muted_speaker_plays_nothing(tmp_path):
    speaker = Speaker(VoiceSettings(player="aplay"), tmp_path)
    speaker.set_muted(True)
    speaker.say("Lấy số thứ tự", "vi")
    assert speaker._thread is None and not (tmp_path / "voice").exists()


def _idle(speaker) -> bool:
    return not speaker._pending


def _wait(cond, timeout=20.0):
    import time
    end = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < end, "condition not met"
        time.sleep(0.02)
