"""The emulator's ESC/POS parser and paper: any byte stream, any chunking, no crash."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from devices.printer import ticket_layout
from devices.printer import escpos_stream as ev
from devices.printer.emulator_render import PaperRenderer
from devices.printer.job import build_job

from .conftest import sample_ticket

_COMMAND_BYTES = st.sampled_from([b"\x1b", b"\x1d", b"\x10\x04", b"\x1dv0\x00", b"\x1d(k",
                                  b"\x1dV", b"\n", b"\x1b!", b"\x1b*", b"\x1dk\x02"])
_STREAMS = st.lists(st.one_of(st.binary(max_size=40), _COMMAND_BYTES), max_size=40).map(b"".join)


def _parse_all(data: bytes, cuts: list[int]) -> list[ev.Event]:
    parser = ev.StreamParser()
    events: list[ev.Event] = []
    start = 0
    for cut in sorted(set(c % (len(data) + 1) for c in cuts)) + [len(data)]:
        events += parser.feed(data[start:cut])
        start = cut
    return _merge_text(events + [e for e, _ in parser.finish()])


def _merge_text(events: list[ev.Event]) -> list[ev.Event]:
    """A text run cut by a chunk boundary is the same text."""
    merged: list[ev.Event] = []
    for event in events:
        if isinstance(event, ev.Text) and merged and isinstance(merged[-1], ev.Text):
            merged[-1] = ev.Text(merged[-1].data + event.data)
        else:
            merged.append(event)
    return merged


@settings(max_examples=300, deadline=None)
@given(_STREAMS, st.lists(st.integers(min_value=0, max_value=2000), max_size=6))
def test_parser_and_paper_never_crash_and_ignore_chunking(data, cuts):
    whole = _parse_all(data, [])
    assert _parse_all(data, cuts) == whole
    paper = PaperRenderer(384)
    for event in whole:
        paper.apply(event)
    assert paper.image().width == 384


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=5000), max_size=8))
def test_a_real_ticket_parses_the_same_however_it_arrives(cuts):
    job = build_job(ticket_layout(80), sample_ticket(), profile="TM-T88V", raster_width=512,
                    native_qr=True)
    events = _parse_all(job, cuts)
    assert not any(isinstance(e, ev.Unknown) for e in events)
    assert [type(e) for e in events].count(ev.Cut) == 1
    assert ev.QRStore(b"TICKET|20261128|B012|KIOSK01") in events


def test_status_query_inside_a_stream_is_seen():
    events = ev.StreamParser().feed(b"\x1b@abc\x10\x04\x01\x10\x04\x04\x1dV\x01")
    assert events == [ev.Init(), ev.Text(b"abc"), ev.StatusQuery(1), ev.StatusQuery(4), ev.Cut()]


def test_absurd_raster_header_is_skipped_not_buffered():
    parser = ev.StreamParser()
    events = parser.feed(b"\x1dv0\x00\xff\xff\xff\xffhello\n")
    assert parser.pending == 0
    assert not any(isinstance(e, ev.Raster) for e in events)
    assert any(isinstance(e, ev.Text) and e.data.endswith(b"hello") for e in events)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120), st.sampled_from([384, 512]), st.integers(min_value=12, max_value=60),
       st.booleans())
def test_any_text_renders_within_the_paper(text, width, size, bold):
    from devices.printer.raster import fill, text_image

    img = text_image(fill("{t}", {"t": text}), size=size, bold=bold, align="center",
                     invert=False, width=width)
    assert img.width == width and img.height > 0
