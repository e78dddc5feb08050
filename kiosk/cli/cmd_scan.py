"""``kiosk scan detect`` and ``kiosk scan ocr``: the papers pipeline from a shell.

For technicians and for measuring: ``detect`` prints the page outline and the quality
verdicts as JSON (exit 0 good, 1 problems, 2 unreadable picture); ``ocr`` turns pictures into
one searchable PDF/A, prints its record, and the character error rate against ``--truth``
(exit 0, or 3 when OCR was unavailable and the PDF holds the pictures only); ``capture``
checks the configured device in the field (exit 4 on a device fault). No Qt here.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    scan = sub.add_parser("scan", help="digitize papers: page detection, quality, OCR to PDF/A")
    actions = scan.add_subparsers(dest="scan_command", metavar="ACTION")
    detect = actions.add_parser("detect", help="find the page in a picture and judge its quality")
    detect.add_argument("image", type=Path)
    detect.add_argument("--config", type=Path, help="configuration file (for [scanner])")
    detect.set_defaults(handler=cmd_detect)

    ocr = actions.add_parser("ocr", help="pictures of one paper → one searchable PDF/A")
    ocr.add_argument("images", type=Path, nargs="+", help="one picture per page, in order")
    ocr.add_argument("--out", type=Path, required=True, help="the PDF to write")
    ocr.add_argument("--truth", type=Path, help="true text of all pages: print the CER")
    ocr.add_argument("--title", default="Giấy tờ", help="document title in the PDF")
    ocr.add_argument("--source", choices=("auto", "camera", "flatbed"), default="auto",
                     help="camera photo (find and flatten the page) or flatbed scan")
    ocr.add_argument("--config", type=Path, help="configuration file (for [scanner])")
    ocr.set_defaults(handler=cmd_ocr)

    capture = actions.add_parser("capture", help="take a still with the configured camera or "
                                                 "scanner, save it and judge it")
    capture.add_argument("--out", type=Path, required=True, help="where to save the picture")
    capture.add_argument("--config", type=Path, help="configuration file (for [scanner])")
    capture.set_defaults(handler=cmd_capture)
    scan.set_defaults(handler=lambda args: (scan.print_help(), 2)[1])


def _settings(path: Path | None):
    """The [scanner] section of the kiosk's configuration (``KIOSK__SCANNER__…`` overrides).

    Read on its own, not through ``kiosk.config``: the whole configuration imports and checks
    every wing (the printer's profiles, the technician's PIN hash, the opening hours), time
    taken from tesseract's page (issue 13: the searchable PDF in ≤ 1.3× the time of plain
    tesseract). The environment rules and the checks are ``kiosk.config``'s.
    """
    import tomllib

    from msgspec import ValidationError

    from devices.scanner.settings import ScannerSettings
    from kiosk import paths
    from kiosk.config_codec import describe, validated

    if path is None:
        user = paths.default_config_file()
        path = user if user.exists() else Path(__file__).parents[1] / "config.example.toml"
    try:
        section = tomllib.loads(Path(path).read_text("utf-8")).get("scanner", {})
        prefix = "KIOSK__SCANNER__"
        for name, raw in os.environ.items():
            if name.startswith(prefix) and "__" not in name[len(prefix):]:
                try:
                    section[name[len(prefix):].lower()] = tomllib.loads(f"v = {raw}")["v"]
                except tomllib.TOMLDecodeError:
                    section[name[len(prefix):].lower()] = raw
        return validated(ScannerSettings, section)
    except ValidationError as exc:
        raise SystemExit(f"configuration {path}: scanner.{describe(exc, section)}") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SystemExit(f"configuration {path}: [scanner]: {exc}") from None


def _fail(exc: Exception) -> None:
    vi, en = getattr(exc, "vi", ""), getattr(exc, "en", "")
    print(f"{vi}\n{en}\n({exc})" if vi else str(exc), file=sys.stderr)


def cmd_detect(args: argparse.Namespace) -> int:
    from devices.scanner.detect import detect_page
    from devices.scanner.errors import PaperError
    from devices.scanner.imageio import load_image
    from devices.scanner.quality import assess

    settings = _settings(args.config)
    try:
        frame = load_image(args.image, settings.max_pixels)
    except (PaperError, OSError) as exc:
        _fail(exc)
        return 2
    detection = detect_page(frame)
    issues = assess(frame, detection)
    report = {"image": str(args.image), "page_found": detection is not None,
              **(detection.to_json() if detection else {"quad": None}),
              "quality": [issue.to_json() for issue in issues], "ok": not issues}
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0 if not issues else 1


def cmd_ocr(args: argparse.Namespace) -> int:
    from devices.ocr.tesseract import Engine
    from devices.scanner.errors import PaperError

    settings = _settings(args.config)
    ocr = {"langs": settings.ocr_languages, "psm": settings.ocr_psm,
           "timeout_s": settings.ocr_timeout_s, "command": settings.tesseract_command}
    try:  # the engine loads its model while OpenCV loads and the first page is prepared
        engine = Engine(**ocr)
    except PaperError:
        engine = None  # digitize meets the same fault and keeps the pictures
    from devices.ocr.cer import cer
    from devices.ocr.digitize import OcrOptions, digitize
    from devices.scanner.imageio import exif_focal_35mm, load_image
    from devices.scanner.pipeline import prepare_page

    options = OcrOptions(**ocr)
    pages = []
    for path in args.images:
        try:
            focal = exif_focal_35mm(path) or settings.camera_focal_35mm or None
            picture = load_image(path, settings.max_pixels, keep_grey=True)
            page = prepare_page(picture, args.source,
                                scan_dpi=settings.sane_dpi, page_dpi=settings.page_dpi,
                                focal_35mm=focal)
        except (PaperError, OSError) as exc:
            if engine is not None:
                engine.close()
            print(f"{path}:", file=sys.stderr)
            _fail(exc)
            return 2
        problems = ", ".join(issue.code for issue in page.issues) or "ok"
        print(f"{path.name}: {page.dpi:.0f} dpi, turned {page.rotation}°, "
              f"skew {page.skew:+.1f}°, quality {problems}", file=sys.stderr)
        pages.append(page)
    paper = digitize(pages, args.title, ocr=options, mode=settings.colour_mode,
                     budget_bytes=settings.page_budget_kb * 1000, engine=engine,
                     on_progress=lambda done, total: print(f"OCR {done}/{total}", file=sys.stderr))
    args.out.write_bytes(paper.pdf)
    report = {"out": str(args.out), **paper.metadata()}
    if args.truth:
        report["cer"] = round(cer(paper.text, args.truth.read_text(encoding="utf-8")), 5)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    if args.truth:
        print(f"CER {report['cer'] * 100:.2f}%")
    if paper.ocr_error is not None:
        _fail(paper.ocr_error)
        return 3
    return 0


def cmd_capture(args: argparse.Namespace) -> int:
    import cv2

    from devices.scanner.capture import open_capture_device
    from devices.scanner.detect import STILL_WORK_SIZE, detect_page
    from devices.scanner.errors import PaperError
    from devices.scanner.quality import assess, assess_page

    settings = _settings(args.config)
    device = open_capture_device(settings)
    try:
        device.open()
        still = device.still()
    except PaperError as exc:
        _fail(exc)
        return 4
    finally:
        device.close()
    if not cv2.imwrite(str(args.out), still):
        print(f"cannot write {args.out}", file=sys.stderr)
        return 2
    detection = detect_page(still, STILL_WORK_SIZE) if device.kind == "camera" else None
    issues = assess(still, detection) if device.kind == "camera" else assess_page(still)
    print(json.dumps({"device": settings.backend, "kind": device.kind, "out": str(args.out),
                      "size": [still.shape[1], still.shape[0]],
                      "quad": detection.to_json()["quad"] if detection else None,
                      "quality": [issue.to_json() for issue in issues]},
                     ensure_ascii=False, indent=1))
    return 0 if not issues else 1
