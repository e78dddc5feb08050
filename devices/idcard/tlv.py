"""BER-TLV (ISO/IEC 7816-4 / X.690) as the eMRTD files use it.

Strict and bounded: every length is checked against the bytes that are there, nesting is
limited, so corrupt chip data raises :class:`TlvError` instead of crashing or looping.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .errors import TlvError

MAX_DEPTH = 16


@dataclass
class Tlv:
    tag: int
    value: bytes
    children: list["Tlv"] = field(default_factory=list)

    @property
    def constructed(self) -> bool:
        first = self.tag
        while first > 0xFF:
            first >>= 8
        return bool(first & 0x20)

    def find(self, tag: int) -> "Tlv | None":
        """First direct child with ``tag``."""
        return next((c for c in self.children if c.tag == tag), None)

    def require(self, tag: int) -> "Tlv":
        child = self.find(tag)
        if child is None:
            raise TlvError(f"missing tag {tag:X}")
        return child


def read_tag(data: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(data):
        raise TlvError("truncated tag")
    tag = data[pos]
    pos += 1
    if tag & 0x1F == 0x1F:
        for _ in range(3):
            if pos >= len(data):
                raise TlvError("truncated multi-byte tag")
            b = data[pos]
            pos += 1
            tag = (tag << 8) | b
            if not b & 0x80:
                break
        else:
            raise TlvError("tag longer than 4 bytes")
    return tag, pos


def read_length(data: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(data):
        raise TlvError("truncated length")
    first = data[pos]
    pos += 1
    if first < 0x80:
        return first, pos
    count = first & 0x7F
    if count == 0 or count > 4:
        raise TlvError("indefinite or oversized length")
    if pos + count > len(data):
        raise TlvError("truncated long length")
    return int.from_bytes(data[pos:pos + count], "big"), pos + count


def total_length(header: bytes) -> int:
    """Size of the whole TLV object from its first bytes (to size a file read)."""
    _, pos = read_tag(header, 0)
    length, pos = read_length(header, pos)
    return pos + length


def parse_one(data: bytes, pos: int = 0, depth: int = 0) -> tuple[Tlv, int]:
    if depth > MAX_DEPTH:
        raise TlvError("nesting too deep")
    tag, pos = read_tag(data, pos)
    length, pos = read_length(data, pos)
    end = pos + length
    if end > len(data):
        raise TlvError("value runs past the end of the data")
    node = Tlv(tag, bytes(data[pos:end]))
    if node.constructed:
        node.children = parse_all(node.value, depth + 1)
    return node, end


def parse_all(data: bytes, depth: int = 0) -> list[Tlv]:
    items, pos = [], 0
    # Inside a constructed value, trailing 00/FF bytes are padding, not objects — but only
    # where a tag would start: a last value ending in 00 (an INTEGER 0F00) is not padding.
    padding_from = len(data.rstrip(b"\x00\xff")) if depth > 0 else len(data)
    while pos < padding_from:
        node, pos = parse_one(data, pos, depth)
        items.append(node)
    return items


def parse(data: bytes) -> Tlv:
    """Parse exactly one top-level object (trailing bytes tolerated, as cards pad files)."""
    node, _ = parse_one(bytes(data))
    return node


def encode_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def encode(tag: int, value: bytes) -> bytes:
    tag_bytes = tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big")
    return tag_bytes + encode_length(len(value)) + bytes(value)
