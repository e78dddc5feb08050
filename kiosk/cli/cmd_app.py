"""Commands that run or show the kiosk: run, demo, screenshot, version, config check."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="start the kiosk (fullscreen)")
    p.add_argument("--config", type=Path, help="configuration file (TOML)")
    p.add_argument("--windowed", action="store_true", help="a window instead of fullscreen (development)")
    p.set_defaults(handler=cmd_run)

    p = sub.add_parser("demo", help="the kiosk with simulated devices and a printer emulator, all on this machine")
    p.add_argument("--data-dir", type=Path, help="where the demo keeps its data (default: a demo folder)")
    p.add_argument("--fullscreen", action="store_true")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("screenshot", help="render every screen in Vietnamese and English to PNG (offscreen)")
    p.add_argument("--out", type=Path, required=True, help="output folder")
    p.add_argument("--size", default="1920x1080", help="screen size, e.g. 1920x1080 or 1280x800")
    p.add_argument("--only", default="", help="comma-separated beginnings of state names, e.g. "
                                              "technician,home (to look at one area after a change)")
    p.set_defaults(handler=cmd_screenshot)

    p = sub.add_parser("version", help="print the version")
    p.set_defaults(handler=cmd_version)

    p = sub.add_parser("config", help="check a configuration file, or set the technician PIN")
    p.add_argument("action", choices=["check", "set-pin"],
                   help="set-pin: read a new PIN (twice; from stdin when not a terminal) and "
                        "store its salted scrypt hash in [technician] pin_hash")
    p.add_argument("file", type=Path, nargs="?")
    p.set_defaults(handler=cmd_config)


def cmd_version(_args: argparse.Namespace) -> int:
    from importlib.metadata import PackageNotFoundError, version
    try:
        print(f"motcua-kiosk {version('motcua-kiosk')}")
    except PackageNotFoundError:
        print("motcua-kiosk (not installed)")
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    from kiosk.config import ConfigError, load
    if args.action == "set-pin":
        return cmd_set_pin(args)
    try:
        config = load(args.file)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"configuration OK: {len(config.queue.services)} services, printer {config.printer.uri}")
    return 0


def _read_pin(prompt: str) -> str:
    if sys.stdin.isatty():
        import getpass
        return getpass.getpass(prompt)
    return sys.stdin.readline().strip()


def cmd_set_pin(args: argparse.Namespace) -> int:
    from kiosk import paths
    from kiosk.config import EXAMPLE, ConfigError
    from kiosk.technician.pin import PinFormatError, hash_pin
    from kiosk.technician.pinfile import write_pin_hash

    pin = _read_pin("Technician PIN (4-12 digits): ")
    if _read_pin("Again: ") != pin:
        print("the two PINs differ; nothing changed", file=sys.stderr)
        return 2
    path = args.file or paths.default_config_file()
    try:
        write_pin_hash(path, hash_pin(pin), EXAMPLE)
    except (PinFormatError, ConfigError, OSError) as exc:
        print(f"PIN not set: {exc}", file=sys.stderr)
        return 2
    print(f"technician PIN set in {path}")
    return 0


def has_display() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return bool(platform and platform != "xcb") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


NO_DISPLAY = """There is no screen on this machine (no DISPLAY), so the kiosk window cannot open.
Run it on a virtual screen instead, for example:
    xvfb-run -a -s "-screen 0 1920x1080x24" {cmd}
or render every screen to PNG files with:
    kiosk screenshot --out screenshots/"""


def cmd_run(args: argparse.Namespace) -> int:
    import faulthandler

    from kiosk.launch import launch
    faulthandler.enable()  # a crash in Qt or a driver leaves its Python stack in the journal
    os.umask(0o077)  # folders 0700, files 0600 whoever starts the kiosk (the unit sets it too)
    if not has_display():
        print(NO_DISPLAY.format(cmd="kiosk run"), file=sys.stderr)
        return 2
    return launch(config_path=args.config, windowed=args.windowed)


def cmd_demo(args: argparse.Namespace) -> int:
    from kiosk.launch import demo
    if not has_display():
        print(NO_DISPLAY.format(cmd="kiosk demo"), file=sys.stderr)
        return 2
    return demo(data_dir=args.data_dir, fullscreen=args.fullscreen)


def cmd_screenshot(args: argparse.Namespace) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from kiosk.screenshots import all_states, render_all
    width, height = (int(v) for v in args.size.lower().split("x"))
    only = tuple(p.strip() for p in args.only.split(",") if p.strip())
    if only and not all_states(only):
        print(f"no screenshot state starts with {', '.join(only)}", file=sys.stderr)
        return 2
    written = render_all(args.out, (width, height), only)
    print(f"{len(written)} screenshots in {args.out}")
    return 0
