"""TLS to the central is verified against the configured CA bundle, never skipped."""
from __future__ import annotations

import datetime as dt
import ipaddress

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync.central.server import CentralServer
from sync.client import CentralClient
from sync.errors import TransientError
from tests.sync.conftest import issue_token


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_pki(tmp_path):
    """A throwaway CA and a certificate for 127.0.0.1 signed by it."""
    now = dt.datetime.now(dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(_name("Test CA")).issuer_name(_name("Test CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name("central")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = {name: tmp_path / f"{name}.pem" for name in ("ca", "cert", "key")}
    paths["ca"].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths["cert"].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths["key"].write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                               serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    return paths


def test_the_kiosk_trusts_the_configured_ca_and_nothing_else(tmp_path):
    pki = make_pki(tmp_path)
    central = CentralServer(f"sqlite:///{tmp_path / 'c.db'}", files_dir=tmp_path / "files",
                            tls_cert=pki["cert"], tls_key=pki["key"]).start()
    try:
        assert central.url.startswith("https://")
        untrusting = CentralClient(central.url, "kiosk-01", None)  # system CAs only
        token = issue_token(central, "kiosk-01")
        with pytest.raises(TransientError, match="SSLError|ConnectionError"):
            untrusting.register(token, "000.00.00.H30")
        client = CentralClient(central.url, "kiosk-01", None, ca_bundle=str(pki["ca"]))
        client.register(token, "000.00.00.H30")  # unspent by the refused attempt
        client.heartbeat(queue_depth=0)
    finally:
        central.stop()


def test_kiosk_central_serve_speaks_tls_to_the_configured_ca_only(tmp_path):
    """The production server (Granian) with the same throwaway PKI: TLS 1.2+, verified."""
    from sqlalchemy import create_engine

    from sync.testing.central_proc import CentralProcess

    pki = make_pki(tmp_path)
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    central = CentralProcess(tmp_path / "central", db_url, "--tls-cert", str(pki["cert"]),
                             "--tls-key", str(pki["key"])).start()
    engine = create_engine(db_url)
    try:
        assert central.url.startswith("https://")
        token = issue_token(engine, "kiosk-01")
        with pytest.raises(TransientError, match="SSLError|ConnectionError"):
            CentralClient(central.url, "kiosk-01", None).register(token, "000.00.00.H30")
        client = CentralClient(central.url, "kiosk-01", None, ca_bundle=str(pki["ca"]))
        client.register(token, "000.00.00.H30")
        client.heartbeat(queue_depth=0)
    finally:
        engine.dispose()
        assert central.stop() == 0
