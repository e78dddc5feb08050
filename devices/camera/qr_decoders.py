"""QR decoders behind one interface: layered (default: zxing-cpp, then a second pass for
small codes), zxing-cpp alone and pyzbar alone (selectable).

The default was chosen by measurement on the committed card-in-scene frames
(bench/bench_idcard.py, docs/benchmarks.md). pyzbar runs zbar in binary mode
(ZBAR_CFG_BINARY = 4, absent from pyzbar's enum) and decodes the bytes as UTF-8 itself:
otherwise zbar guesses Shift-JIS for short Vietnamese names (platform notes).
"""
from __future__ import annotations

from typing import Protocol

import numpy as np

ZBAR_CFG_ENABLE, ZBAR_CFG_BINARY = 0, 4


class QrDecoder(Protocol):
    name: str

    def decode(self, gray: np.ndarray) -> list[str]:
        """All QR payloads found in an 8-bit grayscale image (empty list if none)."""


def _text(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


class ZxingDecoder:
    """zxing-cpp with its defaults; ``lean`` skips what card QR codes never need: inverted
    codes (always dark on light) and downscaled copies of the frame (for codes far larger
    than a card's). Same reads on the committed and development sets at ~half the time."""

    name = "zxing"

    def __init__(self, lean: bool = False) -> None:
        import zxingcpp

        self._zx = zxingcpp
        self._format = zxingcpp.BarcodeFormat.QRCode
        self._options = {"try_invert": False, "try_downscale": False} if lean else {}

    def decode(self, gray: np.ndarray) -> list[str]:
        out = []
        for r in self._zx.read_barcodes(gray, formats=self._format, **self._options):
            raw = getattr(r, "bytes", None)
            text = _text(bytes(raw)) if raw else r.text
            if text:
                out.append(text)
        return out


class PyzbarDecoder:
    name = "pyzbar"

    def __init__(self) -> None:
        from pyzbar import pyzbar

        self._pz = pyzbar

    def decode(self, gray: np.ndarray) -> list[str]:
        pz = self._pz
        gray = np.ascontiguousarray(gray, dtype=np.uint8)
        height, width = gray.shape[:2]
        pixels = gray.tobytes()
        out: list[str] = []
        with pz._image_scanner() as scanner:
            pz.zbar_image_scanner_set_config(scanner, 0, ZBAR_CFG_ENABLE, 0)  # all symbologies off
            qr = pz.ZBarSymbol.QRCODE
            pz.zbar_image_scanner_set_config(scanner, qr, ZBAR_CFG_ENABLE, 1)
            pz.zbar_image_scanner_set_config(scanner, qr, ZBAR_CFG_BINARY, 1)
            with pz._image() as img:
                pz.zbar_image_set_format(img, pz._FOURCC["L800"])
                pz.zbar_image_set_size(img, width, height)
                pz.zbar_image_set_data(img, pz.cast(pixels, pz.c_void_p), len(pixels), None)
                if pz.zbar_scan_image(scanner, img) > 0:
                    for symbol in pz._decode_symbols(pz._symbols_for_image(img)):
                        text = _text(symbol.data)
                        if text:
                            out.append(text)
        return out


class LayeredDecoder:
    """zxing-cpp on the frame; when it finds nothing, the small-code second pass
    (:mod:`.qr_rescue`: the card's QR cut out, enlarged, sharpened; zxing, then zbar)."""

    name = "layered"

    def __init__(self) -> None:
        self._zxing = ZxingDecoder(lean=True)
        self._zbar: PyzbarDecoder | None = None  # loaded on the first second pass

    def decode(self, gray: np.ndarray) -> list[str]:
        from .qr_rescue import second_pass

        texts = self._zxing.decode(gray)
        if texts:
            return texts
        if self._zbar is None:
            self._zbar = PyzbarDecoder()
        return second_pass(gray, self._zxing, self._zbar)


DECODERS = {"zxing": ZxingDecoder, "pyzbar": PyzbarDecoder, "layered": LayeredDecoder}


def make_decoder(name: str = "layered") -> QrDecoder:
    try:
        return DECODERS[name]()
    except KeyError:
        raise ValueError(f"unknown QR decoder {name!r}; choose from {sorted(DECODERS)}") from None


def to_gray(image: np.ndarray) -> np.ndarray:
    import cv2

    if image.ndim == 2:
        return image
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def decode_file(path: str, decoder: QrDecoder) -> list[str]:
    import cv2

    image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    if image is None:
        raise ValueError(f"cannot read image {path}")
    return decoder.decode(image)
