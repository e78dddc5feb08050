"""Passive authentication: are the chip's data groups the ones the issuing state signed?

ICAO Doc 9303 Part 11 §5.1: (1) hash each data group read and compare with EF.SOD,
(2) verify the SOD's CMS signature with the document signer certificate it carries,
(3) verify that certificate against a CSCA from the configured master-list directory.
"""
from __future__ import annotations

import enum
import hashlib
import hmac
import logging
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import cms
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from .errors import LdsError, TlvError
from .sod import LDS_SECURITY_OBJECT_OID, Sod, parse_sod

log = logging.getLogger(__name__)


class PaStatus(str, enum.Enum):
    VERIFIED_CSCA = "verified_csca"  # hashes, signature and chain to a known CSCA all hold
    SIGNATURE_VALID = "signature_valid"  # hashes and signature hold; no CSCA to chain to
    HASHES_ONLY = "hashes_only"  # hashes hold; the signature could not be checked
    FAILED = "failed"  # a hash, the signature or the chain is wrong


@dataclass
class PaResult:
    status: PaStatus
    checked_groups: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status is not PaStatus.FAILED


_HASHES = {"sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256,
           "sha384": hashes.SHA384, "sha512": hashes.SHA512}


def load_master_list(directory: Path) -> list[x509.Certificate]:
    """CSCA certificates (PEM or DER) found in a directory."""
    certs: list[x509.Certificate] = []
    for path in sorted(directory.glob("*")):
        if path.suffix.lower() not in {".pem", ".der", ".cer", ".crt"} or not path.is_file():
            continue
        raw = path.read_bytes()
        try:
            if b"-----BEGIN" in raw:
                certs += x509.load_pem_x509_certificates(raw)
            else:
                certs.append(x509.load_der_x509_certificate(raw))
        except ValueError:
            log.warning("ignoring unreadable CSCA file %s", path.name)
    return certs


def _signer_certificate(signed: cms.SignedData, signer: cms.SignerInfo) -> x509.Certificate:
    sid = signer["sid"]
    for choice in signed["certificates"] or []:
        cert = choice.chosen
        if sid.name == "issuer_and_serial_number":
            if (cert.issuer == sid.chosen["issuer"]
                    and cert.serial_number == sid.chosen["serial_number"].native):
                return x509.load_der_x509_certificate(cert.dump())
        elif cert.key_identifier == sid.chosen.native:
            return x509.load_der_x509_certificate(cert.dump())
    raise LdsError("EF.SOD carries no document signer certificate")


def _verify_signature(sod: Sod) -> x509.Certificate:
    """Raise InvalidSignature/LdsError unless the SOD signature holds; return the DS cert."""
    signer = sod.signed_data["signer_infos"][0]
    cert = _signer_certificate(sod.signed_data, signer)
    digest_name = signer["digest_algorithm"]["algorithm"].native
    if digest_name not in _HASHES:
        raise LdsError("unsupported SOD digest")
    attrs = signer["signed_attrs"]
    if attrs:
        values = {a["type"].native: a["values"][0] for a in attrs}
        if values.get("content_type") is None or values["content_type"].dotted != LDS_SECURITY_OBJECT_OID:
            raise InvalidSignature("signed content type is not the LDSSecurityObject")
        expected = hashlib.new(digest_name, sod.encap_content).digest()
        if not hmac.compare_digest(values.get("message_digest").native or b"", expected):
            raise InvalidSignature("message digest attribute differs from the content")
        signed_bytes = b"\x31" + attrs.dump()[1:]  # [0] IMPLICIT → SET OF for the signature
    else:
        signed_bytes = sod.encap_content
    signature = signer["signature"].native
    algo = signer["signature_algorithm"]
    key = cert.public_key()
    hash_alg = _HASHES[digest_name]()
    if isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(signature, signed_bytes, ec.ECDSA(hash_alg))
    elif isinstance(key, rsa.RSAPublicKey):
        if algo.signature_algo == "rsassa_pss":
            pad = padding.PSS(padding.MGF1(hash_alg), padding.PSS.AUTO)
        else:
            pad = padding.PKCS1v15()
        key.verify(signature, signed_bytes, pad, hash_alg)
    else:
        raise UnsupportedAlgorithm("document signer key type")
    return cert


def passive_authentication(sod_bytes: bytes, files: dict[int, bytes],
                           master_list: list[x509.Certificate] | None = None) -> PaResult:
    """Check ``files`` (data-group number → bytes as read) against EF.SOD."""
    try:
        sod = parse_sod(sod_bytes)
    except TlvError as exc:  # LdsError included
        return PaResult(PaStatus.FAILED, notes=[str(exc)])
    if sod.hash_algorithm not in _HASHES:
        return PaResult(PaStatus.FAILED, notes=["unsupported data-group hash algorithm"])
    result = PaResult(PaStatus.HASHES_ONLY)
    for number, data in sorted(files.items()):
        expected = sod.dg_hashes.get(number)
        if expected is None:
            return PaResult(PaStatus.FAILED, notes=[f"DG{number} is not listed in EF.SOD"])
        if not hmac.compare_digest(hashlib.new(sod.hash_algorithm, data).digest(), expected):
            return PaResult(PaStatus.FAILED, result.checked_groups,
                            [f"DG{number} hash differs from EF.SOD"])
        result.checked_groups.append(number)
    try:
        ds_cert = _verify_signature(sod)
    except InvalidSignature as exc:
        result.status = PaStatus.FAILED
        result.notes.append(f"SOD signature invalid {exc}".strip())
        return result
    except (LdsError, UnsupportedAlgorithm, ValueError, TypeError, KeyError) as exc:
        result.notes.append(f"SOD signature not checked: {type(exc).__name__}")
        return result
    result.status = PaStatus.SIGNATURE_VALID
    if not master_list:
        result.notes.append("no CSCA master list configured")
        return result
    issuers = [c for c in master_list if c.subject == ds_cert.issuer]
    if not issuers:
        result.notes.append("no CSCA for the document signer's issuer")
        return result
    for csca in issuers:
        try:
            ds_cert.verify_directly_issued_by(csca)
        except (InvalidSignature, ValueError, TypeError):
            continue
        result.status = PaStatus.VERIFIED_CSCA
        return result
    result.status = PaStatus.FAILED
    result.notes.append("document signer certificate not signed by the CSCA")
    return result
