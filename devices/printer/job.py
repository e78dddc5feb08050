"""ESC/POS bytes of one job, built without any transport (python-escpos' ``Dummy``).

Building the whole job first means a layout error never leaves half a ticket in the printer,
and ``bytes_sent`` is exact.
"""
from __future__ import annotations

from escpos.constants import QR_ECLEVEL_M
from escpos.printer import Dummy

from .errors import LayoutError
from .layouts import Layout
from .raster import CutPaper, FeedDots, NativeQR, RasterImage, render_layout

INIT = b"\x1b@"
_ESC_J_MAX = 255


def build_job(layout: Layout, data: dict, *, profile: str, raster_width: int,
              native_qr: bool) -> bytes:
    """Render ``layout`` with ``data`` and return the bytes for the printer.

    Raises :class:`LayoutError` before anything is sent if a field is missing or an image
    would be wider than ``raster_width`` (a wider image must never reach the printer).
    """
    out = Dummy(profile=profile)
    out._raw(INIT)
    out.set(align="center")  # our images are full width; centred if the paper is wider
    for segment in render_layout(layout, data, raster_width, native_qr):
        if isinstance(segment, RasterImage):
            if segment.image.width > raster_width:
                raise LayoutError(f"image {segment.image.width} dots > paper {raster_width}")
            out.image(segment.image, impl="bitImageRaster", center=False)
        elif isinstance(segment, NativeQR):
            out.qr(segment.payload, ec=QR_ECLEVEL_M, size=segment.module_dots, native=True)
        elif isinstance(segment, FeedDots):
            dots = segment.dots
            while dots > 0:
                out._raw(b"\x1bJ" + bytes([min(dots, _ESC_J_MAX)]))
                dots -= _ESC_J_MAX
        elif isinstance(segment, CutPaper):
            out.cut(mode="PART", feed=False)
    return out.output
