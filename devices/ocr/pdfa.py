"""Searchable PDF/A-2b files: the page pictures with tesseract's invisible text laid over.

Each page is tesseract's text-only page (``textonly_pdf=1``: an embedded glyph-less font,
text render mode 3) with our own page picture drawn underneath it, so the picture is the
one chosen under the size budget rather than whatever tesseract would embed. PDF/A-2b
(ISO 19005-2, level B: visual appearance) asks for: embedded fonts, an OutputIntent with an
ICC profile for device colour, XMP metadata carrying ``pdfaid:part``/``conformance`` that
agrees with the document info, a file identifier, and no encryption or JavaScript.
The sRGB profile is made by LittleCMS through Pillow, so no ICC file is shipped: a display
('mntr') profile of ICC major version 4, which ISO 19005-2 (6.2.3) accepts as an output intent
(PDF/A-1 would need version 2).
"""
from __future__ import annotations

import io
from datetime import datetime, timezone

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream
from PIL import ImageCms

from devices.scanner.encode import EncodedPage

PRODUCER = "motcua-kiosk papers"


def _srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _image_xobject(pdf: pikepdf.Pdf, page: EncodedPage) -> Stream:
    stream = Stream(pdf, page.data)
    stream.Type = Name.XObject
    stream.Subtype = Name.Image
    stream.Width = page.width
    stream.Height = page.height
    stream.ColorSpace = Name("/" + page.colour_space)
    stream.BitsPerComponent = page.bits
    stream.Filter = Name("/" + page.filter)
    return stream


def build_pdfa(pages: list[tuple[EncodedPage, bytes | None]], title: str,
               created: datetime | None = None) -> bytes:
    """One PDF/A-2b document; each item is (page picture, tesseract text-only PDF or None)."""
    # whole seconds: the document info dates cannot hold more, and XMP must agree with them
    created = (created or datetime.now(timezone.utc)).replace(microsecond=0)
    pdf = pikepdf.new()
    for index, (picture, layer) in enumerate(pages):
        width_pt = picture.width / picture.dpi * 72
        height_pt = picture.height / picture.dpi * 72
        if layer:
            source = pikepdf.open(io.BytesIO(layer))
            pdf.pages.append(source.pages[0])
            page = pdf.pages[-1]
            box = [float(v) for v in page.MediaBox]
            width_pt, height_pt = box[2] - box[0], box[3] - box[1]
        else:  # OCR unavailable: the picture alone, still a valid page
            page = pikepdf.Page(Dictionary(Type=Name.Page,
                                           MediaBox=Array([0, 0, width_pt, height_pt]),
                                           Resources=Dictionary()))
            pdf.pages.append(page)
            page = pdf.pages[-1]
        if Name.Resources not in page.obj:
            page.obj.Resources = Dictionary()
        if Name.XObject not in page.obj.Resources:
            page.obj.Resources.XObject = Dictionary()
        xobjects = page.obj.Resources.XObject
        name = Name(f"/Page{index}Image")
        xobjects[name] = _image_xobject(pdf, picture)
        draw = f"q {width_pt:.3f} 0 0 {height_pt:.3f} 0 0 cm {name} Do Q\n".encode()
        page.contents_add(Stream(pdf, draw), prepend=True)
    _make_pdfa(pdf, title, created)
    out = io.BytesIO()
    pdf.save(out, fix_metadata_version=True, min_version="1.7")
    return out.getvalue()


def _make_pdfa(pdf: pikepdf.Pdf, title: str, created: datetime) -> None:
    profile = Stream(pdf, _srgb_profile())
    profile.N = 3
    pdf.Root.OutputIntents = Array([Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFA1, OutputConditionIdentifier="sRGB IEC61966-2.1",
        Info="sRGB IEC61966-2.1", DestOutputProfile=profile)])
    stamp = created.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%SZ")
    pdf.docinfo[Name.Title] = title
    pdf.docinfo[Name.Producer] = PRODUCER
    pdf.docinfo[Name.CreationDate] = stamp
    pdf.docinfo[Name.ModDate] = stamp
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta.load_from_docinfo(pdf.docinfo)
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "B"
        meta["xmp:CreateDate"] = created.isoformat()
        meta["xmp:ModifyDate"] = created.isoformat()
        meta["xmp:MetadataDate"] = created.isoformat()

