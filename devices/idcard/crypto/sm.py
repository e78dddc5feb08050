"""Secure messaging (ICAO Doc 9303 Part 11 §9.8) for 3DES (after BAC) and AES (after PACE).

One class serves both ends: the reader protects commands and checks responses, the card
emulator checks commands and protects responses. Any malformed or forged protected message
raises :class:`SecureMessagingError`; nothing is decrypted before its MAC is verified.
"""
from __future__ import annotations

import hmac

from .. import tlv
from ..apdu import Command, parse_command
from ..errors import SecureMessagingError, TlvError
from . import primitives as p


class SecureMessaging:
    def __init__(self, cipher: str, ks_enc: bytes, ks_mac: bytes, ssc: bytes):
        if cipher not in ("3DES", "AES-128", "AES-192", "AES-256"):
            raise ValueError(cipher)
        self.cipher = cipher
        self.ks_enc, self.ks_mac = ks_enc, ks_mac
        self.block = 8 if cipher == "3DES" else 16
        self.ssc = int.from_bytes(ssc, "big")

    # --- primitives ----------------------------------------------------------------
    def _ssc_bytes(self) -> bytes:
        return (self.ssc % (1 << (8 * self.block))).to_bytes(self.block, "big")

    def _mac(self, data: bytes) -> bytes:
        msg = p.pad(self._ssc_bytes() + data, self.block)
        if self.cipher == "3DES":
            return p.retail_mac(self.ks_mac, msg)
        return p.aes_cmac(self.ks_mac, msg)[:8]

    def _encrypt(self, data: bytes) -> bytes:
        padded = p.pad(data, self.block)
        if self.cipher == "3DES":
            return p.tdes_cbc_encrypt(self.ks_enc, padded)
        iv = p.aes_ecb_encrypt(self.ks_enc, self._ssc_bytes())
        return p.aes_cbc_encrypt(self.ks_enc, padded, iv)

    def _decrypt(self, data: bytes) -> bytes:
        if not data or len(data) % self.block:
            raise SecureMessagingError("cryptogram is not whole blocks")
        if self.cipher == "3DES":
            plain = p.tdes_cbc_decrypt(self.ks_enc, data)
        else:
            iv = p.aes_ecb_encrypt(self.ks_enc, self._ssc_bytes())
            plain = p.aes_cbc_decrypt(self.ks_enc, data, iv)
        try:
            return p.unpad(plain)
        except ValueError:
            raise SecureMessagingError("bad padding in cryptogram") from None

    @staticmethod
    def _objects(body: bytes) -> dict[int, bytes]:
        # Keep each object's raw bytes: the MAC covers them exactly as sent.
        objs: dict[int, bytes] = {}
        pos = 0
        try:
            while pos < len(body):
                node, end = tlv.parse_one(body, pos, depth=tlv.MAX_DEPTH)
                if node.tag in objs:
                    raise SecureMessagingError("duplicate secure-messaging object")
                objs[node.tag] = body[pos:end]
                pos = end
        except TlvError:
            raise SecureMessagingError("protected message is not BER-TLV") from None
        return objs

    @staticmethod
    def _value(obj: bytes) -> bytes:
        return tlv.parse(obj).value

    def _verify_then_decrypt(self, objs: dict[int, bytes], covered: bytes, what: str) -> bytes:
        """Check DO8E over ``covered`` first; only then decrypt DO87 (or DO85)."""
        if not hmac.compare_digest(self._mac(covered), self._value(objs[0x8E])):
            raise SecureMessagingError(f"{what} checksum (DO8E) does not verify")
        if 0x87 in objs:
            value = self._value(objs[0x87])
            if not value or value[0] != 0x01:
                raise SecureMessagingError("DO87 without padding indicator 01")
            return self._decrypt(value[1:])
        if 0x85 in objs:
            return self._decrypt(self._value(objs[0x85]))
        return b""

    # --- sizes ---------------------------------------------------------------------
    def protected_response_length(self, n: int) -> int:
        """Bytes of the response APDU (status word included) carrying n plain bytes.

        DO87 (tag, BER length, 01, padded cryptogram) + DO99 (4) + DO8E (10) + SW (2).
        """
        if n == 0:
            return 4 + 10 + 2
        body = 1 + (n // self.block + 1) * self.block
        length_bytes = 1 if body < 0x80 else 2 if body < 0x100 else 3 if body < 0x10000 else 4
        return 1 + length_bytes + body + 4 + 10 + 2

    def max_plain_response(self, limit: int) -> int:
        """The most plain bytes one protected response of at most ``limit`` bytes carries."""
        n = max(limit - 20, 0)
        while n > 0 and self.protected_response_length(n) > limit:
            n -= 1
        return n

    # --- reader side ---------------------------------------------------------------
    def protect(self, cmd: Command) -> bytes:
        self.ssc += 1
        header = bytes([cmd.cla | 0x0C, cmd.ins, cmd.p1, cmd.p2])
        do87 = tlv.encode(0x87, b"\x01" + self._encrypt(cmd.data)) if cmd.data else b""
        do97 = b""
        if cmd.le is not None:
            le = cmd.le
            raw = bytes([le % 256]) if le <= 256 else (le % 65536).to_bytes(2, "big")
            do97 = tlv.encode(0x97, raw)
        cc = self._mac(p.pad(header, self.block) + do87 + do97)
        body = do87 + do97 + tlv.encode(0x8E, cc)
        extended = len(body) > 255 or (cmd.le or 0) > 231
        return Command(header[0], cmd.ins, cmd.p1, cmd.p2, body,
                       65536 if extended else 256).encode(extended)

    def unprotect(self, data: bytes, sw: int) -> tuple[bytes, int]:
        """Check and decrypt a protected response; return (plain data, status word)."""
        self.ssc += 1
        if not data:
            if sw == 0x9000:
                raise SecureMessagingError("successful response without secure messaging")
            return b"", sw  # the card reports SM errors (6987/6988…) in clear
        objs = self._objects(data)
        if 0x8E not in objs or 0x99 not in objs:
            raise SecureMessagingError("protected response lacks DO99 or DO8E")
        covered = objs.get(0x87, b"") + objs.get(0x85, b"") + objs[0x99]
        plain = self._verify_then_decrypt(objs, covered, "response")
        sw_raw = self._value(objs[0x99])
        if len(sw_raw) != 2:
            raise SecureMessagingError("DO99 is not a status word")
        return plain, int.from_bytes(sw_raw, "big")

    # --- card side (emulator) ----------------------------------------------------------
    def unprotect_command(self, raw: bytes) -> Command:
        self.ssc += 1
        outer, _ = parse_command(raw)
        if outer.cla & 0x0C != 0x0C:
            raise SecureMessagingError("command is not protected")
        objs = self._objects(outer.data)
        if 0x8E not in objs:
            raise SecureMessagingError("protected command lacks DO8E")
        header = bytes([outer.cla, outer.ins, outer.p1, outer.p2])
        covered = (p.pad(header, self.block) + objs.get(0x87, b"") + objs.get(0x85, b"")
                   + objs.get(0x97, b""))
        data = self._verify_then_decrypt(objs, covered, "command")
        le = None
        if 0x97 in objs:
            raw_le = self._value(objs[0x97])
            le = int.from_bytes(raw_le, "big") or (256 if len(raw_le) == 1 else 65536)
        return Command(outer.cla & ~0x0C & 0xFF, outer.ins, outer.p1, outer.p2, data, le)

    def protect_response(self, data: bytes, sw: int) -> bytes:
        self.ssc += 1
        do87 = tlv.encode(0x87, b"\x01" + self._encrypt(data)) if data else b""
        do99 = tlv.encode(0x99, sw.to_bytes(2, "big"))
        cc = self._mac(do87 + do99)
        return do87 + do99 + tlv.encode(0x8E, cc)
