"""EF.SOD: the Document Security Object, a CMS SignedData over the data-group hashes.

ICAO Doc 9303 Part 10 §4.6.2 and Part 11 §5.1 (passive authentication);
LDSSecurityObject per Part 10 Appendix D. Parsed with asn1crypto.
"""
from __future__ import annotations

from dataclasses import dataclass

from asn1crypto import algos, cms, core

from . import tlv
from .errors import LdsError

LDS_SECURITY_OBJECT_OID = "2.23.136.1.1.1"


class DataGroupHash(core.Sequence):
    _fields = [("data_group_number", core.Integer), ("data_group_hash_value", core.OctetString)]


class DataGroupHashValues(core.SequenceOf):
    _child_spec = DataGroupHash


class LdsVersionInfo(core.Sequence):
    _fields = [("lds_version", core.PrintableString), ("unicode_version", core.PrintableString)]


class LdsSecurityObject(core.Sequence):
    _fields = [
        ("version", core.Integer),
        ("hash_algorithm", algos.DigestAlgorithm),
        ("data_group_hash_values", DataGroupHashValues),
        ("lds_version_info", LdsVersionInfo, {"optional": True}),
    ]


@dataclass
class Sod:
    hash_algorithm: str  # hashlib name: sha256, sha1, …
    dg_hashes: dict[int, bytes]
    signed_data: cms.SignedData
    encap_content: bytes  # DER of the LDSSecurityObject (what the signature covers)


def parse_sod(data: bytes) -> Sod:
    node = tlv.parse(data)
    if node.tag != 0x77:
        raise LdsError(f"EF.SOD has outer tag {node.tag:X}")
    try:
        info = cms.ContentInfo.load(node.value)
        if info["content_type"].native != "signed_data":
            raise LdsError("EF.SOD is not CMS SignedData")
        signed = info["content"]
        encap = signed["encap_content_info"]
        if encap["content_type"].dotted != LDS_SECURITY_OBJECT_OID:
            raise LdsError("EF.SOD does not carry an LDSSecurityObject")
        content = encap["content"].native
        if not isinstance(content, bytes):
            raise LdsError("EF.SOD content is not an octet string")
        lso = LdsSecurityObject.load(content)
        algorithm = lso["hash_algorithm"]["algorithm"].native
        hashes = {int(h["data_group_number"].native): bytes(h["data_group_hash_value"].native)
                  for h in lso["data_group_hash_values"]}
    except LdsError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        raise LdsError(f"EF.SOD does not parse: {type(exc).__name__}") from None
    return Sod(algorithm, hashes, signed, content)
