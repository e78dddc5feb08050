"""A test country-signing CA, a document signer and the signed EF.SOD of an emulated card.

Generated on the fly with ``cryptography`` (ECDSA P-256) and asn1crypto for the CMS; the
names say "TEST" so they can never be mistaken for the real Vietnamese CSCA.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from asn1crypto import cms
from asn1crypto import x509 as ax509
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from devices.idcard import tlv
from devices.idcard.lds import DG_BY_TAG
from devices.idcard.sod import LDS_SECURITY_OBJECT_OID, LdsSecurityObject


@dataclass
class TestPki:
    csca_key: ec.EllipticCurvePrivateKey
    csca_cert: x509.Certificate
    ds_key: ec.EllipticCurvePrivateKey
    ds_cert: x509.Certificate

    def write_master_list(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "test-csca.pem"
        path.write_bytes(self.csca_cert.public_bytes(Encoding.PEM))
        return directory


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kiosk TEST PKI"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _cert(subject, issuer, public_key, signer_key, ca: bool) -> x509.Certificate:
    now = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
               .public_key(public_key).serial_number(x509.random_serial_number())
               .not_valid_before(now).not_valid_after(now + dt.timedelta(days=365 * 15))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), True))
    return builder.sign(signer_key, hashes.SHA256())


@lru_cache(maxsize=4)
def make_test_pki(label: str = "default") -> TestPki:
    csca_key = ec.generate_private_key(ec.SECP256R1())
    csca = _cert(_name(f"CSCA TEST {label}"), _name(f"CSCA TEST {label}"),
                 csca_key.public_key(), csca_key, True)
    ds_key = ec.generate_private_key(ec.SECP256R1())
    ds = _cert(_name(f"DS TEST {label}"), csca.subject, ds_key.public_key(), csca_key, False)
    return TestPki(csca_key, csca, ds_key, ds)


def build_sod(files: dict[str, bytes], pki: TestPki, tamper_group: int | None = None,
              include_certificate: bool = True) -> bytes:
    """EF.SOD over the data groups in ``files``; ``tamper_group`` gets a wrong hash;
    without ``include_certificate`` the signature cannot be checked (a "hashes only" card)."""
    hashes_ = []
    for name, data in files.items():
        if not name.startswith("DG"):
            continue
        number = DG_BY_TAG[tlv.parse(data).tag]
        digest = hashlib.sha256(data).digest()
        if number == tamper_group:
            digest = bytes(b ^ 0xFF for b in digest)
        hashes_.append({"data_group_number": number, "data_group_hash_value": digest})
    lso = LdsSecurityObject({"version": 0, "hash_algorithm": {"algorithm": "sha256"},
                             "data_group_hash_values": hashes_}).dump()
    attrs = cms.CMSAttributes([
        {"type": "content_type", "values": [LDS_SECURITY_OBJECT_OID]},
        {"type": "message_digest", "values": [hashlib.sha256(lso).digest()]},
    ])
    signature = pki.ds_key.sign(attrs.dump(), ec.ECDSA(hashes.SHA256()))
    ds = ax509.Certificate.load(pki.ds_cert.public_bytes(Encoding.DER))
    signer = cms.SignerInfo({
        "version": "v1",
        "sid": cms.SignerIdentifier({"issuer_and_serial_number": {
            "issuer": ds.issuer, "serial_number": ds.serial_number}}),
        "digest_algorithm": {"algorithm": "sha256"},
        "signed_attrs": attrs,
        "signature_algorithm": {"algorithm": "sha256_ecdsa"},
        "signature": signature,
    })
    signed = cms.SignedData({
        "version": "v3",
        "digest_algorithms": [{"algorithm": "sha256"}],
        "encap_content_info": {"content_type": LDS_SECURITY_OBJECT_OID, "content": lso},
        "signer_infos": [signer],
    })
    if include_certificate:
        signed["certificates"] = [ds]
    info = cms.ContentInfo({"content_type": "signed_data", "content": signed})
    return tlv.encode(0x77, info.dump())
