"""PACE does not branch on its secrets (issue 13): OpenSSL for fixed-base and ECDH steps,
a Montgomery ladder on complete formulas for the one generic-point step.

The earlier double-and-add did one point addition per set bit of the secret scalar, so
its running time told the Hamming weight of the mapping key, nonce and ephemeral key.
"""
import pytest
from cryptography.hazmat.primitives.asymmetric import ec as cec

from devices.idcard.crypto import ec, pace
from devices.idcard.crypto.ec import BRAINPOOL_P256R1, P256
from devices.sim.card import EmulatedIdCard, direct_transmit
from devices.sim.citizen import SyntheticCitizen


def _count_additions(monkeypatch, curve, run) -> int:
    calls = []
    original = ec.Curve._complete_add

    def counting(self, P, Q):
        calls.append(1)
        return original(self, P, Q)

    monkeypatch.setattr(ec.Curve, "_complete_add", counting)
    run()
    monkeypatch.setattr(ec.Curve, "_complete_add", original)
    return len(calls)


@pytest.mark.parametrize("curve", [BRAINPOOL_P256R1, P256], ids=lambda c: c.name)
def test_the_ladder_does_the_same_work_for_every_scalar(monkeypatch, curve):
    point = curve.public_point(curve.random_scalar())
    scalars = [1, 2, 1 << 200, curve.n - 2, (1 << 255) - 1 & (curve.n - 3), curve.random_scalar()]
    counts = {k: _count_additions(monkeypatch, curve, lambda k=k: curve.ladder(k, point))
              for k in scalars}
    assert len(set(counts.values())) == 1, counts
    assert counts[1] == 2 * (curve.n.bit_length() + ec.BLINDING_BITS)


def test_only_the_agreement_key_meets_a_generic_point(monkeypatch):
    """Every other secret multiplication goes to OpenSSL (derive_private_key / exchange)."""
    citizen = SyntheticCitizen()
    card = EmulatedIdCard(citizen)
    transmit = direct_transmit(card)
    info = pace.PaceInfo("0.4.0.127.0.7.2.2.4.2.2", 2, 13)
    ladder_scalars, openssl_scalars = [], []
    original_ladder, original_derive = ec.Curve.ladder, cec.derive_private_key

    def spy_ladder(self, k, P):
        ladder_scalars.append(k)
        return original_ladder(self, k, P)

    def spy_derive(k, curve):
        openssl_scalars.append(k)
        return original_derive(k, curve)

    monkeypatch.setattr(ec.Curve, "ladder", spy_ladder)
    monkeypatch.setattr(ec.cec, "derive_private_key", spy_derive)
    map_key, agreement_key = 0x1234567 << 100, 0x7654321 << 120
    sm = pace.pace_authenticate(transmit, citizen.can.encode(), pace.PASSWORD_CAN, info,
                                map_key=map_key, agreement_key=agreement_key)
    assert sm.cipher == "AES-128" and card.sm is not None  # the chip accepted our keys
    reader_ladder = [k for k in ladder_scalars if k in (map_key, agreement_key)]
    assert reader_ladder == [agreement_key]
    assert {map_key, map_key + 1, agreement_key} <= set(openssl_scalars)


def test_invalid_peer_points_are_refused_before_any_multiplication():
    curve = BRAINPOOL_P256R1
    good = curve.encode(curve.public_point(5))
    off_curve = good[:-1] + bytes([good[-1] ^ 1])
    for bad in (off_curve, b"\x04" + bytes(64), good[:33]):
        with pytest.raises(ValueError):
            curve.ecdh_point(curve.random_scalar(), bad)
        with pytest.raises(ValueError):
            curve.exchange_x(curve.random_scalar(), bad)
