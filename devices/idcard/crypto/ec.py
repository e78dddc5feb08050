"""Elliptic-curve steps of PACE with the generic mapping, kept away from secret-dependent branches.

The mapping key, the nonce and the ephemeral key are secrets. Every scalar multiplication
whose point is the curve's generator, or whose result only needs its x coordinate, is done
by OpenSSL through ``cryptography`` (``derive_private_key`` → public key, ``exchange``),
which implements them in constant time. The mapping needs two things OpenSSL does not
expose: the full point H = sk·PK (recovered from two ``exchange`` calls, Okeya–Sakurai
y-recovery) and sk·G' on the mapped generator G'; the latter runs a Montgomery ladder on
complete projective formulas (Renes–Costello–Batina 2016, Algorithm 1) with masked swaps
and a blinded, fixed-length scalar. Python integers are not constant-time (see
docs/identity.md, residual risk); the branches and the sequence of operations are.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import cached_property

from cryptography.hazmat.primitives.asymmetric import ec as cec

Point = tuple[int, int] | None  # affine (x, y); None is the point at infinity
Projective = tuple[int, int, int]  # (X : Y : Z), Z = 0 at infinity
BLINDING_BITS = 64


@dataclass(frozen=True)
class Curve:
    name: str
    p: int
    a: int
    b: int
    gx: int
    gy: int
    n: int
    openssl: type[cec.EllipticCurve]

    @property
    def g(self) -> Point:
        return (self.gx, self.gy)

    @property
    def size(self) -> int:
        return (self.p.bit_length() + 7) // 8

    @cached_property
    def _b3(self) -> int:
        return 3 * self.b % self.p

    def contains(self, pt: Point) -> bool:
        if pt is None:
            return False
        x, y = pt
        if not (0 <= x < self.p and 0 <= y < self.p):
            return False
        return (y * y - (x * x * x + self.a * x + self.b)) % self.p == 0

    def random_scalar(self) -> int:
        """A private key in [1, n-2] (k+1 stays a valid key for :meth:`ecdh_point`)."""
        return secrets.randbelow(self.n - 2) + 1

    # --- through OpenSSL ------------------------------------------------------------------
    def _private(self, k: int) -> cec.EllipticCurvePrivateKey:
        if not 0 < k < self.n:
            raise ValueError("scalar out of range")
        return cec.derive_private_key(k, self.openssl())

    def _public(self, data: bytes) -> cec.EllipticCurvePublicKey:
        """The peer's point, checked by OpenSSL to lie on the curve (invalid-curve attacks)."""
        self.decode(data)
        return cec.EllipticCurvePublicKey.from_encoded_point(self.openssl(), data)

    def public_point(self, k: int) -> Point:
        """k·G, the fixed-base step."""
        nums = self._private(k).public_key().public_numbers()
        return nums.x, nums.y

    def exchange_x(self, k: int, peer: bytes) -> bytes:
        """The x coordinate of k·Q (ECDH), Q an encoded point of this curve."""
        return self._private(k).exchange(cec.ECDH(), self._public(peer))

    def ecdh_point(self, k: int, peer: bytes) -> Point:
        """The whole point k·Q from x(k·Q) and x((k+1)·Q), both by ``exchange``.

        Okeya–Sakurai (CHES 2001) y-recovery for y² = x³ + ax + b, with Q = (x, y),
        R = k·Q = (x1, y1) and x2 = x(R + Q):
        y1 = (2b + (a + x·x1)(x + x1) − x2·(x − x1)²) / (2y).
        """
        x, y = self.decode(peer)
        p = self.p
        x1 = int.from_bytes(self.exchange_x(k, peer), "big")
        x2 = int.from_bytes(self.exchange_x(k + 1, peer), "big")
        if x1 == x:  # k·Q = ±Q: only k = 1 or n-1, never a random key
            raise ValueError("degenerate scalar for y-recovery")
        num = (2 * self.b + (self.a + x * x1) * (x + x1) - x2 * (x - x1) ** 2) % p
        y1 = num * pow(2 * y, p - 2, p) % p
        return x1, y1

    # --- the one generic-point step: Montgomery ladder on complete formulas ---------------
    def _complete_add(self, P: Projective, Q: Projective) -> Projective:
        """P + Q for all inputs (doubling, inverses, infinity) without a branch.

        Renes, Costello, Batina, "Complete addition formulas for prime order elliptic
        curves" (EUROCRYPT 2016), Algorithm 1 (any a); both our curves have prime order.
        """
        p, a, b3 = self.p, self.a, self._b3
        X1, Y1, Z1 = P
        X2, Y2, Z2 = Q
        t0, t1, t2 = X1 * X2 % p, Y1 * Y2 % p, Z1 * Z2 % p
        t3 = ((X1 + Y1) * (X2 + Y2) - t0 - t1) % p
        t4 = ((X1 + Z1) * (X2 + Z2) - t0 - t2) % p
        t5 = ((Y1 + Z1) * (Y2 + Z2) - t1 - t2) % p
        Z3 = (a * t4 + b3 * t2) % p
        X3 = (t1 - Z3) % p
        Z3 = (t1 + Z3) % p
        Y3 = X3 * Z3 % p
        t1 = (3 * t0 + a * t2) % p
        t4 = (b3 * t4 + a * (t0 - a * t2)) % p
        Y3 = (Y3 + t1 * t4) % p
        X3 = (t3 * X3 - t5 * t4) % p
        Z3 = (t5 * Z3 + t3 * t1) % p
        return X3, Y3, Z3

    @staticmethod
    def _swap(mask: int, P: Projective, Q: Projective) -> tuple[Projective, Projective]:
        """Exchange P and Q when mask is -1 (all ones), keep them when 0: no branch."""
        t = [mask & (u ^ v) for u, v in zip(P, Q)]
        return ((P[0] ^ t[0], P[1] ^ t[1], P[2] ^ t[2]),
                (Q[0] ^ t[0], Q[1] ^ t[1], Q[2] ^ t[2]))

    def _to_affine(self, P: Projective) -> Point:
        X, Y, Z = P
        if Z == 0:
            return None
        zi = pow(Z, self.p - 2, self.p)
        return X * zi % self.p, Y * zi % self.p

    def ladder(self, k: int, P: Point) -> Point:
        """k·P for a point P that is not the generator (sk·G' in the generic mapping).

        The scalar is blinded (k + r·n, r random) and walked over a fixed number of bits;
        each bit costs one addition and one doubling whatever its value; the input point
        gets random projective coordinates.
        """
        if P is None or not 0 < k < self.n:
            raise ValueError("point at infinity or scalar out of range")
        p = self.p
        blinded = k + (secrets.randbits(BLINDING_BITS) | 1 << (BLINDING_BITS - 1)) * self.n
        lam = secrets.randbelow(p - 1) + 1
        r0: Projective = (0, 1, 0)
        r1: Projective = (P[0] * lam % p, P[1] * lam % p, lam)
        for i in reversed(range(self.n.bit_length() + BLINDING_BITS)):
            mask = -((blinded >> i) & 1)
            r0, r1 = self._swap(mask, r0, r1)
            r1 = self._complete_add(r0, r1)
            r0 = self._complete_add(r0, r0)
            r0, r1 = self._swap(mask, r0, r1)
        return self._to_affine(r0)

    def add(self, P: Point, Q: Point) -> Point:
        """P + Q (G' = s·G + H), on the same complete formulas."""
        proj = lambda pt: (0, 1, 0) if pt is None else (pt[0], pt[1], 1)  # noqa: E731
        return self._to_affine(self._complete_add(proj(P), proj(Q)))

    # --- encoding --------------------------------------------------------------------
    def encode(self, P: Point) -> bytes:
        if P is None:
            raise ValueError("cannot encode the point at infinity")
        return b"\x04" + P[0].to_bytes(self.size, "big") + P[1].to_bytes(self.size, "big")

    def decode(self, data: bytes) -> Point:
        """Uncompressed point, checked to lie on the curve (invalid-curve attacks)."""
        n = self.size
        if len(data) != 1 + 2 * n or data[0] != 0x04:
            raise ValueError("not an uncompressed point of this curve")
        pt = (int.from_bytes(data[1:1 + n], "big"), int.from_bytes(data[1 + n:], "big"))
        if not self.contains(pt):
            raise ValueError("point is not on the curve")
        return pt


BRAINPOOL_P256R1 = Curve(
    "brainpoolP256r1",
    p=0xA9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377,
    a=0x7D5A0975FC2C3057EEF67530417AFFE7FB8055C126DC5C6CE94A4B44F330B5D9,
    b=0x26DC5C6CE94A4B44F330B5D9BBD77CBF958416295CF7E1CE6BCCDC18FF8C07B6,
    gx=0x8BD2AEB9CB7E57CB2C4B482FFC81B7AFB9DE27E1E3BD23C23A4453BD9ACE3262,
    gy=0x547EF835C3DAC4FD97F8461A14611DC9C27745132DED8E545C1D54C72F046997,
    n=0xA9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7,
    openssl=cec.BrainpoolP256R1,
)

P256 = Curve(
    "secp256r1",
    p=0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF,
    a=0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC,
    b=0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B,
    gx=0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
    gy=0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5,
    n=0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
    openssl=cec.SECP256R1,
)

# Standardized domain parameter identifiers (ICAO 9303 Part 11 §9.5.1, Table 6).
CURVES_BY_PARAMETER_ID = {12: P256, 13: BRAINPOOL_P256R1}
