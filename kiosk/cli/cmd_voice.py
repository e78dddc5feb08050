"""``kiosk voice say TEXT --out FILE.wav [--lang vi|en]``: render a prompt (no Qt, no sound card).

For technicians checking the engine and voice, for prompt review and for tests: the same
engine, voice, rate and volume as the kiosk's ``[voice]`` configuration.
"""
from __future__ import annotations

import argparse
import sys
import wave
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    voice = sub.add_parser("voice", help="voice guidance: render prompts")
    actions = voice.add_subparsers(dest="voice_command", metavar="ACTION")
    say = actions.add_parser("say", help="render TEXT to a WAV file with the kiosk's voice")
    say.add_argument("text")
    say.add_argument("--out", type=Path, required=True, help="WAV file to write")
    say.add_argument("--lang", choices=("vi", "en"), default="vi")
    say.add_argument("--config", type=Path, help="configuration file (TOML)")
    say.set_defaults(handler=cmd_say)
    voice.set_defaults(handler=lambda args: (voice.print_help(), 2)[1])


def cmd_say(args: argparse.Namespace) -> int:
    from devices.audio import SpeechUnavailable, render_wav
    from kiosk.config import ConfigError, load

    try:
        settings = load(args.config).voice
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        data = render_wav(args.text, args.lang, settings)
    except SpeechUnavailable as exc:
        print(f"{exc}\n{exc.vi}", file=sys.stderr)
        return 1
    args.out.write_bytes(data)
    with wave.open(str(args.out), "rb") as w:
        seconds = w.getnframes() / w.getframerate()
    print(f"{args.out}: {seconds:.1f} s, voice {settings.voice_vi if args.lang == 'vi' else settings.voice_en}")
    return 0
