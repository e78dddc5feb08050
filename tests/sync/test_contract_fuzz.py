"""Contract tests: schemathesis generates requests from sync/openapi.yaml and sends them to
the central as production runs it (``python -m sync.central serve``, loopback), unsigned and
signed by a real kiosk's key; no answer may be a 5xx and every answer must conform to the
spec (status code, media type, headers, body schema).

Bounded: ``MAX_EXAMPLES`` per operation and mode, about a minute on two cores.  Not checked:
``positive_data_acceptance`` — the spec cannot express the rules that need the central's
state (a signature over the exact bytes, the kiosk's own agency, the day rule against the
clock, the check code of a real receipt), so a schema-valid request may rightly be refused.
"""
from __future__ import annotations

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import ignored_auth, negative_data_rejection, positive_data_acceptance
from sqlalchemy import create_engine

from sync import signing
from sync.openapi import OPENAPI_PATH
from sync.testing.central_proc import CentralProcess
from tests.sync.conftest import ADMIN, register

pytestmark = pytest.mark.slow
MAX_EXAMPLES = 10
_SIGNATURE_HEADERS = (signing.HEADER_KIOSK, signing.HEADER_TIMESTAMP, signing.HEADER_NONCE,
                      signing.HEADER_DIGEST, signing.HEADER_SIGNATURE)
schema = schemathesis.openapi.from_path(OPENAPI_PATH)
# bundles, batches and chunks are bytes on the wire, like application/octet-stream
schemathesis.serializer.alias([
    "application/vnd.motcua.dossier-bundle", "application/vnd.motcua.dossier-batch",
    "application/offset+octet-stream"], "application/octet-stream")
FUZZ = settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))


class KioskSignature(requests.auth.AuthBase):
    """Signs each prepared request exactly as the kiosk's client does."""

    def __init__(self, secret: bytes, kiosk_id: str) -> None:
        self.secret, self.kiosk_id = secret, kiosk_id

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        if not all(name in request.headers for name in _SIGNATURE_HEADERS):
            return request  # schemathesis left one out on purpose: the central must refuse
        body = request.body or b""
        body = body.encode("utf-8") if isinstance(body, str) else body
        request.headers.update(signing.sign(self.secret, self.kiosk_id, request.method,
                                            request.path_url, body,
                                            headers=dict(request.headers)))
        return request


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzzed-central")
    db_url = f"sqlite:///{folder / 'central.sqlite3'}"
    central = CentralProcess(folder, db_url, "--workers", "1",
                             env={"CENTRAL_ADMIN_TOKEN": ADMIN}).start()
    engine = create_engine(db_url)
    client = register(engine, "kiosk-fuzz", url=central.url)
    session = requests.Session()
    session.auth = KioskSignature(client.secret, client.kiosk_id)
    yield central, session
    client.close()
    engine.dispose()
    assert central.stop() == 0


@schema.parametrize()
@FUZZ
def test_unsigned_requests_get_answers_the_spec_allows(case, running):
    central, _ = running
    case.call_and_validate(base_url=central.url, excluded_checks=[positive_data_acceptance])


@schema.parametrize()
@FUZZ
def test_signed_requests_get_answers_the_spec_allows(case, running):
    central, session = running
    # the signer replaces whatever signature headers were generated: negative data there and
    # "invalid auth" are the unsigned test's business
    case.call_and_validate(base_url=central.url, session=session,
                           excluded_checks=[positive_data_acceptance, negative_data_rejection,
                                            ignored_auth])
