"""The filled declaration as a PDF laid out like the official form.

Layout, top to bottom: the form reference (top right) and the dossier code with its QR code
(top left); the national header "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do -
Hạnh phúc"; the title; "Kính gửi"; the answers as numbered items, each repeat group as a
table; place and date; the signature blocks. Noto Sans is embedded (subset) so every
Vietnamese mark prints the same on any printer or viewer.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (Flowable, HRFlowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

import assets
from forms.answers import display
from forms.clock import centre_now
from forms.engine import FormSession
from forms.schema import FieldType

REPO_FONTS = assets.path("fonts")
SYSTEM_FONTS = Path("/usr/share/fonts/truetype/noto")
REGULAR, BOLD = "KioskSans", "KioskSans-Bold"


class FontMissingError(RuntimeError):
    def __init__(self, where: str):
        super().__init__(f"Noto Sans not found in {where}")
        self.vi = "Máy không có phông chữ để in tờ khai. Xin liên hệ cán bộ."
        self.en = "The kiosk lacks the font to print the declaration. Please ask the staff."


def find_fonts(font_dir: Path | None = None) -> tuple[Path, Path]:
    for folder in [p for p in (font_dir, REPO_FONTS, SYSTEM_FONTS) if p]:
        regular, bold = folder / "NotoSans-Regular.ttf", folder / "NotoSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    raise FontMissingError(", ".join(str(p) for p in (font_dir, REPO_FONTS, SYSTEM_FONTS) if p))


@lru_cache(maxsize=4)
def _register(font_dir: Path | None) -> None:
    regular, bold = find_fonts(font_dir)
    pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=11, leading=15)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11),
        "right": ParagraphStyle("right", parent=base, fontSize=8.5, leading=11, alignment=TA_RIGHT),
        "nation": ParagraphStyle("nation", parent=base, fontName=BOLD, fontSize=12, alignment=TA_CENTER),
        "motto": ParagraphStyle("motto", parent=base, fontName=BOLD, fontSize=12, alignment=TA_CENTER),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=14, leading=19,
                                alignment=TA_CENTER, spaceBefore=10, spaceAfter=8),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "sign": ParagraphStyle("sign", parent=base, fontName=BOLD, fontSize=10, leading=13, alignment=TA_CENTER),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11.5),
        "head": ParagraphStyle("head", parent=base, fontName=BOLD, fontSize=9, leading=11.5, alignment=TA_CENTER),
    }


class _QrFlowable(Flowable):
    """The dossier code as a QR code, drawn as plain rectangles (a reportlab Drawing
    would pull an unembedded Helvetica into the file)."""

    def __init__(self, text: str, size: float = 22 * mm):
        super().__init__()
        self.width = self.height = size
        widget = QrCodeWidget(text, barLevel="M")
        widget.qr.make()
        self.modules = widget.qr.modules

    def draw(self):
        count = len(self.modules)
        box = self.width / (count + 2)
        self.canv.setFillColor(colors.black)
        for r, row in enumerate(self.modules):
            for c, dark in enumerate(row):
                if dark:
                    self.canv.rect((c + 1) * box, self.height - (r + 2) * box, box, box, stroke=0, fill=1)


def _qr(text: str) -> Flowable:
    return _QrFlowable(text)


def _item(number: int, label: str, value: str, st) -> Paragraph:
    dots = escape(value) if value else "…………………………………………"
    return Paragraph(f"{number}. {escape(label)}: <b>{dots}</b>", st["body"])


def _repeat_table(session: FormSession, group, st, width: float, applies: bool = True) -> Table:
    cols = [c for c in group.fields if c.pdf]
    header = [Paragraph("TT", st["head"])] + [Paragraph(escape(c.pdf_label or c.label.vi), st["head"]) for c in cols]
    rows = [header]
    for i in range(len(session.rows(group.id)) if applies else 0):
        rows.append([Paragraph(str(i + 1), st["cell"])] + [
            Paragraph(escape(display(session, f"{group.id}[{i}].{c.id}")), st["cell"]) for c in cols])
    if len(rows) == 1:
        rows.append([Paragraph("", st["cell"])] * (len(cols) + 1))
    first = 9 * mm
    rest = (width - first) / len(cols)
    table = Table(rows, colWidths=[first] + [rest] * len(cols), repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93)),
    ]))
    return table


def _signatures(session: FormSession, st, width: float, signer_name: str) -> Table:
    sigs = session.form.signatures
    per_row = min(len(sigs), 2) or 1
    cells = []
    for i, sig in enumerate(sigs):
        note = f"<br/><font size=8>{escape(sig.note.vi)}</font>" if sig.note else ""
        name = signer_name if i == len(sigs) - 1 else ""
        cells.append(Paragraph(f"{escape(sig.label.vi.upper())}{note}<br/><br/><br/><br/>{escape(name)}", st["sign"]))
    rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    if rows and len(rows[-1]) < per_row:
        rows[-1] = [""] * (per_row - len(rows[-1])) + rows[-1]   # the declarant sits right
    table = Table(rows, colWidths=[width / per_row] * per_row)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                               ("FONTNAME", (0, 0), (-1, -1), REGULAR)]))
    return table


def _signer_name(session: FormSession) -> str:
    for f in session.form.pages[0].fields:
        if f.type is FieldType.PERSON_NAME:
            return display(session, f.id)
    return ""


PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\.(commune|province)\}")


def _unit_in_sentence(name: str) -> str:
    """"Phường Ba Đình" reads "phường Ba Đình" inside a sentence ("Công an phường Ba Đình")."""
    return name[:1].lower() + name[1:]


def addressee(session: FormSession, template: str) -> str:
    """"Kính gửi" from the answers: ``{field.commune}`` / ``{field.province}`` name the units
    of an address answer ("Công an {new_address.commune}, {new_address.province}" →
    "Công an phường Ba Đình, thành phố Hà Nội"); unanswered, a dotted blank as on paper."""
    def fill(match: re.Match) -> str:
        value = session.get(match.group(1))
        code = value.get(match.group(2)) if isinstance(value, dict) else None
        unit = (session.units.commune(code) if match.group(2) == "commune" else session.units.province(code)) \
            if code else None
        return _unit_in_sentence(unit.name) if unit else "…………"
    return PLACEHOLDER.sub(fill, template)


def _printed_value(session: FormSession, f) -> str:
    """The item's answer, then the answers the paper form expects inside it (``pdf_with``)."""
    parts = [display(session, f.id)]
    for other in f.pdf_with:
        text = display(session, other) if session.is_relevant(other) else ""
        if text:
            o = session.field(other)
            parts.append(f"{o.pdf_label or o.label.vi}: {text}")
    return ". ".join(p for p in parts if p)


def render_declaration(session: FormSession, *, dossier_code: str | None = None,
                       place: str = "", when: dt.datetime | None = None,
                       font_dir: Path | None = None) -> bytes:
    """The declaration of ``session`` as PDF bytes (A4)."""
    _register(font_dir)
    st = _styles()
    when = when or centre_now()  # the kiosk's clock, never the machine's zone
    buf = io.BytesIO()
    form = session.form
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=15 * mm,
                            topMargin=12 * mm, bottomMargin=15 * mm,
                            title=form.title.vi, author="motcua-kiosk", initialFontName=REGULAR,
                            subject=f"{session.procedure.code} {dossier_code or ''}".strip())
    width = doc.width
    left = [Paragraph(f"Mã hồ sơ: <b>{escape(dossier_code)}</b>", st["small"]), _qr(dossier_code)] \
        if dossier_code else [Paragraph("", st["small"])]
    top = Table([[left, Paragraph(escape(form.reference), st["right"])]],
                colWidths=[width * 0.45, width * 0.55])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0),
                             ("FONTNAME", (0, 0), (-1, -1), REGULAR)]))
    story = [top, Spacer(1, 2 * mm),
             Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", st["nation"]),
             Paragraph("Độc lập - Tự do - Hạnh phúc", st["motto"]),
             HRFlowable(width=55 * mm, thickness=0.8, color=colors.black, spaceBefore=1, spaceAfter=4),
             Paragraph(escape(form.title.vi), st["title"])]
    if form.addressee:
        story.append(Paragraph(f"Kính gửi: {escape(addressee(session, form.addressee))}", st["center"]))
        story.append(Spacer(1, 4 * mm))
    # Every item of the paper form is printed, in order, so the numbering matches it; an item
    # that does not apply (or is unanswered) stays blank as on paper.
    number = 0
    for page in form.pages:
        for f in page.fields:
            if f.type is FieldType.NOTE or not f.pdf:
                continue
            number += 1
            label = f.pdf_label or f.label.vi
            applies = session.is_relevant(f.id)
            if f.type is FieldType.REPEAT:
                story += [Paragraph(f"{number}. {escape(label)}:", st["body"]), Spacer(1, 1.5 * mm),
                          _repeat_table(session, f, st, width, applies), Spacer(1, 2 * mm)]
            else:
                story.append(_item(number, label, _printed_value(session, f) if applies else "", st))
    if form.pledge:
        story += [Spacer(1, 2 * mm), Paragraph(escape(form.pledge), st["body"])]
    if not form.official:
        story += [Spacer(1, 3 * mm), Paragraph(
            "Phiếu do ki-ốt lập để hướng dẫn tiếp nhận; thủ tục này không có mẫu tờ khai theo quy định.", st["small"])]
    date_line = f"{escape(place) or '…………'}, ngày {when.day:02d} tháng {when.month:02d} năm {when.year}"
    story += [Spacer(1, 6 * mm), Paragraph(date_line, ParagraphStyle("d", parent=st["body"], alignment=TA_RIGHT)),
              Spacer(1, 2 * mm)]
    if form.signatures:
        story.append(KeepTogether(_signatures(session, st, width, _signer_name(session))))

    def footer(canvas, _doc):
        canvas.saveState()
        canvas.setFont(REGULAR, 7.5)
        text = f"{session.procedure.code} · {form.id}" + (f" · {dossier_code}" if dossier_code else "")
        canvas.drawString(20 * mm, 8 * mm, text)
        canvas.drawRightString(A4[0] - 15 * mm, 8 * mm, f"Trang {canvas.getPageNumber()}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()
