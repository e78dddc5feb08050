"""The chip of a Vietnamese ID card, emulated: eMRTD application with PACE, BAC and SM.

Transport-free: :meth:`EmulatedIdCard.process` takes a command APDU and returns the
response APDU, so the same chip runs behind vpcd (tests, demo) or a direct call (fuzzing).
Chip behaviour follows ICAO Doc 9303 Parts 10–11; the faults are the ones the kiosk must
survive in the field.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass

from devices.idcard import tlv
from devices.idcard.apdu import parse_command
from devices.idcard.crypto import bac as bac_mod
from devices.idcard.crypto import primitives as p
from devices.idcard.crypto.ec import CURVES_BY_PARAMETER_ID
from devices.idcard.crypto.pace import (PASSWORD_CAN, PASSWORD_MRZ, PaceInfo, auth_token,
                                        map_generator, password_key)
from devices.idcard.crypto.sm import SecureMessaging
from devices.idcard.errors import IdCardError
from devices.idcard.lds import FID, decode_oid
from devices.idcard.mrz import bac_key_seed_input

from .citizen import PACE_OID_AES128, SyntheticCitizen, build_files
from .pki import TestPki, build_sod, make_test_pki

EMRTD_AID = bytes.fromhex("A0000002471001")
PUBLIC_FILES = {FID["CardAccess"], FID["ATRInfo"]}  # readable before access control
ATR = bytes.fromhex("3B8880014241434B4B494F534B7A")  # contactless-style ATR, historical "BACKKIOSK"


class CardWithdrawn(Exception):
    """Raised by the chip to tell its transport that the card left the field."""


@dataclass
class Faults:
    remove_after_bytes: int | None = None  # card pulled after this many file bytes were sent
    apdu_delay_s: float = 0.0  # a slow card
    corrupt_dg13: bool = False  # DG13 damaged after signing (parse error and hash mismatch)
    bad_sod_hash: int | None = None  # this data group's hash in EF.SOD is wrong
    short_apdus_only: bool = False  # extended-length commands answered 6700
    no_pace: bool = False  # no EF.CardAccess: BAC only
    refuse_mse_parameter_id: bool = False  # MSE:Set AT with tag 84 answered 6A80
    no_short_file_ids: bool = False  # READ BINARY by short EF identifier answered 6A81


def atr_info(max_command: int, max_response: int) -> bytes:
    """EF.ATR/INFO with the extended length information (ISO/IEC 7816-4, tag 7F66): two
    INTEGERs, the most bytes in a command APDU and in a response APDU."""
    return tlv.encode(0x7F66, tlv.encode(0x02, max_command.to_bytes(2, "big"))
                      + tlv.encode(0x02, max_response.to_bytes(2, "big")))


def _sw(code: int) -> bytes:
    return code.to_bytes(2, "big")


class EmulatedIdCard:
    """``max_response``: the longest response APDU (status word included) the chip sends;
    a READ BINARY asking for more is answered 6700. ``advertised_max_response``: the value
    written in EF.ATR/INFO (2F01); None = no EF.ATR/INFO. They differ for a chip that
    advertises a size it then refuses."""

    def __init__(self, citizen: SyntheticCitizen | None = None, *, faults: Faults | None = None,
                 pki: TestPki | None = None, parameter_id: int = 13,
                 max_response: int | None = None, advertised_max_response: int | None = None):
        self.citizen = citizen or SyntheticCitizen()
        self.faults = faults or Faults()
        self.max_response = max_response
        self.pki = pki or make_test_pki()
        self.parameter_id = parameter_id
        files = build_files(self.citizen, parameter_id)
        files["SOD"] = build_sod(files, self.pki, self.faults.bad_sod_hash)
        if self.faults.corrupt_dg13:
            dg13 = bytearray(files["DG13"])
            dg13[len(dg13) // 2: len(dg13) // 2 + 6] = b"\x30\x84\xff\xff\xff\x7f"
            files["DG13"] = bytes(dg13)
        if self.faults.no_pace:
            files.pop("CardAccess")
        if advertised_max_response is not None:
            files["ATRInfo"] = atr_info(advertised_max_response, advertised_max_response)
        self.files = {FID[name]: data for name, data in files.items()}
        self.bytes_sent = 0
        self.apdu_count = 0
        self.refused_reads = 0
        self.reset()

    # --- life cycle ----------------------------------------------------------------------
    def reset(self) -> None:
        self.applet = False
        self.current: int | None = None
        self.sm: SecureMessaging | None = None
        self.rnd_ic: bytes | None = None
        self.pace: dict | None = None

    def answer_to_reset(self) -> bytes:
        # vpcd asks for the ATR to poll presence too: answering must not reset the chip.
        return ATR

    # --- dispatch ----------------------------------------------------------------------
    def process(self, raw: bytes) -> bytes:
        self.apdu_count += 1
        if self.faults.apdu_delay_s:
            time.sleep(self.faults.apdu_delay_s)
        try:
            cmd, extended = parse_command(raw)
        except IdCardError:
            return _sw(0x6700)
        if extended and self.faults.short_apdus_only:
            return _sw(0x6700)
        if self.sm is not None and cmd.cla & 0x0C == 0x0C:
            try:
                inner = self.sm.unprotect_command(raw)
            except IdCardError:
                self.sm = None  # a broken protected command ends the session
                return _sw(0x6988)
            data, sw = self._handle(inner)
            if self.sm is None:  # the session ended while handling
                return _sw(sw)
            return self.sm.protect_response(data, sw) + _sw(0x9000)
        if self.sm is not None:
            self.sm = None  # a plain command during SM closes the secure channel
            self.applet = False
        data, sw = self._handle(cmd)
        return data + _sw(sw)

    def _handle(self, cmd) -> tuple[bytes, int]:
        handler = {0xA4: self._select, 0xB0: self._read_binary, 0x84: self._get_challenge,
                   0x82: self._external_authenticate, 0x22: self._mse_set_at,
                   0x86: self._general_authenticate}.get(cmd.ins)
        if handler is None:
            return b"", 0x6D00
        try:
            return handler(cmd)
        except (ValueError, KeyError, IndexError, IdCardError):
            self.pace = None
            return b"", 0x6A80

    # --- files ---------------------------------------------------------------------------
    def _select(self, cmd) -> tuple[bytes, int]:
        if cmd.p1 == 0x04:
            if cmd.data != EMRTD_AID:
                return b"", 0x6A82
            self.applet, self.current = True, None
            return b"", 0x9000
        if cmd.p1 == 0x00 and cmd.data in (b"", b"\x3f\x00"):
            return b"", 0x6D00  # like real CCCD chips: no master file selection
        if cmd.p1 in (0x00, 0x02) and len(cmd.data) == 2:
            fid = int.from_bytes(cmd.data, "big")
            if fid not in self.files:
                return b"", 0x6A82
            if fid not in PUBLIC_FILES and not (self.applet and self.sm is not None):
                return b"", 0x6982
            self.current = fid
            return b"", 0x9000
        return b"", 0x6A86

    def _read_binary(self, cmd) -> tuple[bytes, int]:
        if cmd.p1 & 0x80:
            if self.faults.no_short_file_ids:
                return b"", 0x6A81
            fid = 0x0100 | (cmd.p1 & 0x1F)
            offset = cmd.p2
            if fid not in self.files:
                return b"", 0x6A82
            self.current = fid
        else:
            offset = (cmd.p1 << 8) | cmd.p2
        if self.current is None:
            return b"", 0x6986
        if self.current not in PUBLIC_FILES and self.sm is None:
            return b"", 0x6982
        data = self.files[self.current]
        if offset > len(data):
            return b"", 0x6B00
        chunk = data[offset:offset + (cmd.le or 256)]
        sent = self.sm.protected_response_length(len(chunk)) if self.sm else len(chunk) + 2
        if self.max_response is not None and sent > self.max_response:
            self.refused_reads += 1
            return b"", 0x6700  # Ne beyond what this chip can send
        limit = self.faults.remove_after_bytes
        if limit is not None and self.bytes_sent + len(chunk) > limit:
            raise CardWithdrawn()
        self.bytes_sent += len(chunk)
        return chunk, 0x9000 if chunk or offset == len(data) else 0x6282

    # --- BAC -----------------------------------------------------------------------------
    def _get_challenge(self, cmd) -> tuple[bytes, int]:
        self.rnd_ic = os.urandom(8)
        return self.rnd_ic, 0x9000

    def _mrz_information(self) -> bytes:
        c = self.citizen
        mrz = c.mrz.split("\n")
        return bac_key_seed_input(mrz[0][5:14], mrz[1][0:6], mrz[1][8:14])

    def _external_authenticate(self, cmd) -> tuple[bytes, int]:
        if self.rnd_ic is None or len(cmd.data) != 40 or not self.applet:
            return b"", 0x6985
        k_enc, k_mac = bac_mod.bac_keys(self._mrz_information())
        e_ifd, m_ifd = cmd.data[:32], cmd.data[32:]
        rnd_ic, self.rnd_ic = self.rnd_ic, None
        if not hmac.compare_digest(p.retail_mac(k_mac, p.pad(e_ifd, 8)), m_ifd):
            return b"", 0x6300
        s = p.tdes_cbc_decrypt(k_enc, e_ifd)
        rnd_ifd, k_ifd = s[:8], s[16:32]
        if s[8:16] != rnd_ic:
            return b"", 0x6300
        k_ic = os.urandom(16)
        e_ic = p.tdes_cbc_encrypt(k_enc, rnd_ic + rnd_ifd + k_ic)
        seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic))
        self.sm = SecureMessaging("3DES", p.kdf(seed, p.ENC, "3DES"),
                                  p.kdf(seed, p.MAC, "3DES"), rnd_ic[4:] + rnd_ifd[4:])
        return e_ic + p.retail_mac(k_mac, p.pad(e_ic, 8)), 0x9000

    # --- PACE ----------------------------------------------------------------------------
    def _mse_set_at(self, cmd) -> tuple[bytes, int]:
        if (cmd.p1, cmd.p2) != (0xC1, 0xA4) or FID["CardAccess"] not in self.files:
            return b"", 0x6A86 if FID["CardAccess"] in self.files else 0x6D00
        dos = {t.tag: t.value for t in tlv.parse_all(cmd.data)}
        if 0x84 in dos and self.faults.refuse_mse_parameter_id:
            return b"", 0x6A80
        if decode_oid(dos.get(0x80, b"\x00")) != PACE_OID_AES128:
            return b"", 0x6A80
        ref = dos.get(0x83, b"\x00")[0]
        if ref == PASSWORD_CAN:
            secret = self.citizen.can.encode("latin-1")
        elif ref == PASSWORD_MRZ:
            secret = self._mrz_information()
        else:
            return b"", 0x6A88
        self.sm = None
        self.pace = {"k_pi": password_key(secret, ref, "AES-128"), "step": 0}
        return b"", 0x9000

    def _general_authenticate(self, cmd) -> tuple[bytes, int]:
        st = self.pace
        if st is None:
            return b"", 0x6985
        curve = CURVES_BY_PARAMETER_ID[self.parameter_id]
        info = PaceInfo(PACE_OID_AES128, 2, self.parameter_id)
        outer = tlv.parse(cmd.data)
        if outer.tag != 0x7C:
            raise ValueError("not dynamic authentication data")
        step = st["step"]
        if (cmd.cla & 0x10 == 0) != (step == 3):
            raise ValueError("command chaining out of order")
        st["step"] += 1
        if step == 0:
            st["s"] = secrets.randbelow((1 << 128) - 1) + 1  # the nonce, never 0
            z = p.aes_cbc_encrypt(st["k_pi"], st["s"].to_bytes(16, "big"))
            return tlv.encode(0x7C, tlv.encode(0x80, z)), 0x9000
        if step == 1:
            sk = curve.random_scalar()
            st["g2"] = map_generator(curve, st["s"], sk, outer.require(0x81).value)
            return tlv.encode(0x7C, tlv.encode(0x82, curve.encode(curve.public_point(sk)))), 0x9000
        if step == 2:
            st["pk_ifd"] = outer.require(0x83).value
            sk = curve.random_scalar()
            st["pk_ic"] = curve.encode(curve.ladder(sk, st["g2"]))
            k = curve.exchange_x(sk, st["pk_ifd"])
            st["ks"] = (p.kdf(k, p.ENC), p.kdf(k, p.MAC))
            return tlv.encode(0x7C, tlv.encode(0x84, st["pk_ic"])), 0x9000
        self.pace = None
        ks_enc, ks_mac = st["ks"]
        token = outer.require(0x85).value
        if not hmac.compare_digest(token, auth_token(info, ks_mac, curve, st["pk_ic"])):
            return b"", 0x6300
        answer = tlv.encode(0x7C, tlv.encode(0x86, auth_token(info, ks_mac, curve, st["pk_ifd"])))
        self.sm = SecureMessaging("AES-128", ks_enc, ks_mac, bytes(16))
        return answer, 0x9000

    def file_digest(self, name: str) -> str:
        """Short fingerprint of a file, for test assertions without dumping bytes."""
        return hashlib.sha256(self.files[FID[name]]).hexdigest()[:16]


def direct_transmit(card: EmulatedIdCard):
    """A ``transmit`` callable straight into the chip (no PC/SC), for unit tests and fuzzing."""

    def transmit(apdu: bytes) -> tuple[bytes, int]:
        resp = card.process(apdu)
        return resp[:-2], int.from_bytes(resp[-2:], "big")

    return transmit
