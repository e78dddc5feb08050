"""Configuration of ID card identification (section ``[idcard]``)."""
from __future__ import annotations

from typing import Annotated, Literal

from msgspec import Meta, Struct


class IdCardSettings(Struct, kw_only=True, forbid_unknown_fields=True):
    """The QR camera and the contactless reader used to identify the citizen."""

    # Camera: "simulator" replays a folder of images (or a video file) in a loop;
    # "opencv" opens a capture device (index such as "0") or a video file path.
    camera: str = "simulator"
    camera_device: str = "0"
    camera_frames: str = ""  # simulator: folder of images or a video; "" = the synthetic card
    camera_fps: Annotated[float, Meta(gt=0, le=120)] = 15.0
    # layered = zxing, then a second pass for small codes; chosen by measurement (docs/identity.md)
    qr_decoder: Literal["layered", "zxing", "pyzbar"] = "layered"
    qr_timeout_s: Annotated[float, Meta(gt=0)] = 60.0

    # Contactless reader: empty = no reader (identity from the QR only);
    # otherwise a substring of the PC/SC reader name ("ACS", "Kiosk vpcd", …).
    reader: str = ""
    # "pcsc" uses a real reader through pcscd; "simulator" starts pcscd + vpcd with the
    # emulated card for the demo (never on a production kiosk: vpcd listens on all interfaces).
    reader_backend: Literal["pcsc", "simulator"] = "pcsc"
    card_wait_s: Annotated[float, Meta(gt=0)] = 30.0
    extended_length: bool = True  # try extended-length reads first, fall back to short ones
    read_photo: bool = True  # DG2 (the face) — shown on the confirmation screen
    master_list_dir: str = ""  # folder of CSCA certificates (PEM/DER); empty = no chain check
    accept_unverified_chip: bool = True  # hashes_only/signature_valid accepted (shown to staff)
    reject_expired: bool = True
