"""Known-answer tests from the worked examples of ICAO Doc 9303 Part 11.

Appendix D (BAC key derivation, mutual authentication, 3DES secure messaging) and
Appendix G.1 (PACE, ECDH generic mapping on brainpoolP256r1, AES-128). The hex strings are
the published example values, typed in as test data.
"""
from cryptography.hazmat.primitives.asymmetric import ec as cec

from devices.idcard.crypto import bac, pace
from devices.idcard.crypto import primitives as p
from devices.idcard.crypto.ec import BRAINPOOL_P256R1, P256
from devices.idcard.crypto.sm import SecureMessaging
from devices.idcard.apdu import Command
from devices.idcard.mrz import bac_key_seed_input

H = bytes.fromhex


# --- Appendix D: BAC ---------------------------------------------------------------------
def test_d2_document_basic_access_keys():
    info = bac_key_seed_input("L898902C", "690806", "940623")
    assert info == b"L898902C<369080619406236"
    k_enc, k_mac = bac.bac_keys(info)
    assert k_enc == H("AB94FDECF2674FDFB9B391F85D7F76F2")
    assert k_mac == H("7962D9ECE03D1ACD4C76089DCE131543")


def test_d3_mutual_authentication_and_session_keys():
    k_enc, k_mac = H("AB94FDECF2674FDFB9B391F85D7F76F2"), H("7962D9ECE03D1ACD4C76089DCE131543")
    rnd_ic, rnd_ifd = H("4608F91988702212"), H("781723860C06C226")
    k_ifd = H("0B795240CB7049B01C19B33E32804F0B")
    cmd = bac.external_authenticate_data(k_enc, k_mac, rnd_ic, rnd_ifd, k_ifd)
    assert cmd == H("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2"
                    "5F1448EEA8AD90A7")
    answer = H("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F"
               "2F2D235D074D7449")
    sm = bac.session_from_response(k_enc, k_mac, rnd_ic, rnd_ifd, k_ifd, answer)
    assert sm.ks_enc == H("979EC13B1CBFE9DCD01AB0FED307EAE5")
    assert sm.ks_mac == H("F1CB1F1FB5ADF208806B89DC579DC1F8")
    assert sm.ssc == int("887022120C06C226", 16)


def _d4_session():
    return SecureMessaging("3DES", H("979EC13B1CBFE9DCD01AB0FED307EAE5"),
                           H("F1CB1F1FB5ADF208806B89DC579DC1F8"), H("887022120C06C226"))


def test_d4_secure_messaging_select_and_read():
    sm = _d4_session()
    assert sm.protect(Command(0x00, 0xA4, 0x02, 0x0C, H("011E"))) == H(
        "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800")
    assert sm.unprotect(H("990290008E08FA855A5D4C50A8ED"), 0x9000) == (b"", 0x9000)
    assert sm.protect(Command(0x00, 0xB0, 0x00, 0x00, le=4)) == H(
        "0CB000000D9701048E08ED6705417E96BA5500")
    data, sw = sm.unprotect(H("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED"), 0x9000)
    assert (data, sw) == (H("60145F01"), 0x9000)


def test_d4_tampered_response_is_rejected():
    import pytest
    from devices.idcard.errors import SecureMessagingError

    sm = _d4_session()
    sm.protect(Command(0x00, 0xA4, 0x02, 0x0C, H("011E")))
    with pytest.raises(SecureMessagingError):
        sm.unprotect(H("990290008E08FA855A5D4C50A8EE"), 0x9000)


# --- Appendix G.1: PACE ECDH generic mapping ---------------------------------------------
G1 = {
    "mrz_k": "7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD",
    "k_pi": "89DED1B26624EC1E634C1989302849DD",
    "z": "95A3A016522EE98D01E76CB6B98B42C3",
    "s": "3F00C4D39D153F2B2A214A078D899B22",
    "map_t_sk": "7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99",
    "map_t_pk": "7ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
                "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D",
    "map_c_sk": "498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560",
    "map_c_pk": "824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
                "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54",
    "h": "60332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD5"
         "0840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181",
    "g2": "8CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2"
          "8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522",
    "ka_t_sk": "A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595",
    "ka_t_pk": "2DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
               "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462",
    "ka_c_sk": "107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A",
    "ka_c_pk": "9E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
               "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094",
    "k": "28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925",
    "ks_enc": "F5F0E35C0D7161EE6724EE513A0D9A7F",
    "ks_mac": "FE251C7858B356B24514B3BD5F4297D1",
    "t_ifd": "C2B0BD78D94BA866",
    "t_ic": "3ABB9674BCE93C08",
}
G1_INFO = pace.PaceInfo("0.4.0.127.0.7.2.2.4.2.2", 2, 13)


def _pt(hexstr):
    return b"\x04" + H(hexstr)


def test_g1_password_key_and_nonce():
    k_pi = p.kdf(H(G1["mrz_k"]), p.PACE, "AES-128")
    assert k_pi == H(G1["k_pi"])
    assert p.aes_cbc_decrypt(k_pi, H(G1["z"])) == H(G1["s"])
    mrz_info = bac_key_seed_input("T22000129", "640812", "101031")
    assert pace.password_key(mrz_info, pace.PASSWORD_MRZ, "AES-128") == H(G1["k_pi"])


def test_g1_generic_mapping_and_key_agreement():
    c = BRAINPOOL_P256R1
    assert c.encode(c.public_point(int(G1["map_t_sk"], 16))) == _pt(G1["map_t_pk"])
    assert c.encode(c.public_point(int(G1["map_c_sk"], 16))) == _pt(G1["map_c_pk"])
    h = c.ecdh_point(int(G1["map_t_sk"], 16), _pt(G1["map_c_pk"]))
    assert c.encode(h) == _pt(G1["h"])
    g2 = pace.map_generator(c, int(G1["s"], 16), int(G1["map_t_sk"], 16), _pt(G1["map_c_pk"]))
    assert c.encode(g2) == _pt(G1["g2"])
    assert c.encode(c.ladder(int(G1["ka_t_sk"], 16), g2)) == _pt(G1["ka_t_pk"])
    assert c.encode(c.ladder(int(G1["ka_c_sk"], 16), g2)) == _pt(G1["ka_c_pk"])
    assert c.exchange_x(int(G1["ka_t_sk"], 16), _pt(G1["ka_c_pk"])) == H(G1["k"])
    assert c.exchange_x(int(G1["ka_c_sk"], 16), _pt(G1["ka_t_pk"])) == H(G1["k"])
    assert p.kdf(H(G1["k"]), p.ENC) == H(G1["ks_enc"])
    assert p.kdf(H(G1["k"]), p.MAC) == H(G1["ks_mac"])


def test_g1_authentication_tokens():
    c, ks_mac = BRAINPOOL_P256R1, H(G1["ks_mac"])
    assert pace.auth_token(G1_INFO, ks_mac, c, _pt(G1["ka_c_pk"])) == H(G1["t_ifd"])
    assert pace.auth_token(G1_INFO, ks_mac, c, _pt(G1["ka_t_pk"])) == H(G1["t_ic"])


def test_g1_whole_exchange_against_a_scripted_chip():
    """The reader, with the example's ephemeral keys, sends exactly the example's values."""
    from devices.idcard import tlv

    answers = [
        (b"", 0x9000),
        (tlv.encode(0x7C, tlv.encode(0x80, H(G1["z"]))), 0x9000),
        (tlv.encode(0x7C, tlv.encode(0x82, _pt(G1["map_c_pk"]))), 0x9000),
        (tlv.encode(0x7C, tlv.encode(0x84, _pt(G1["ka_c_pk"]))), 0x9000),
        (tlv.encode(0x7C, tlv.encode(0x86, H(G1["t_ic"]))), 0x9000),
    ]
    sent = []

    def transmit(raw):
        sent.append(raw)
        return answers[len(sent) - 1]

    mrz_info = bac_key_seed_input("T22000129", "640812", "101031")
    sm = pace.pace_authenticate(transmit, mrz_info, pace.PASSWORD_MRZ, G1_INFO,
                                map_key=int(G1["map_t_sk"], 16),
                                agreement_key=int(G1["ka_t_sk"], 16))
    assert sent[1] == H("10860000027C0000")
    assert _pt(G1["map_t_pk"]) in sent[2] and _pt(G1["ka_t_pk"]) in sent[3]
    assert sent[4] == H("008600000C7C0A8508C2B0BD78D94BA86600")
    assert (sm.ks_enc, sm.ks_mac, sm.ssc) == (H(G1["ks_enc"]), H(G1["ks_mac"]), 0)


def test_curve_arithmetic_agrees_with_openssl():
    """Our ladder and y-recovery give OpenSSL's points on both supported curves."""
    for ours, theirs in ((BRAINPOOL_P256R1, cec.BrainpoolP256R1()), (P256, cec.SECP256R1())):
        key = cec.generate_private_key(theirs)
        nums = key.public_key().public_numbers()
        k = key.private_numbers().private_value
        assert ours.ladder(k, ours.g) == (nums.x, nums.y)
        other = ours.random_scalar()
        peer = ours.encode(ours.public_point(other))
        assert ours.ecdh_point(k, peer) == ours.public_point(k * other % ours.n)
