"""Passive authentication gives each of its four verdicts for the right reason."""
from __future__ import annotations

import pytest

from devices.idcard.passive_auth import PaStatus, load_master_list, passive_authentication
from devices.sim.citizen import SyntheticCitizen, build_files
from devices.sim.pki import build_sod, make_test_pki


@pytest.fixture(scope="module")
def files():
    return build_files(SyntheticCitizen())


def _groups(files):
    return {1: files["DG1"], 2: files["DG2"], 13: files["DG13"]}


def test_chain_to_the_configured_csca(files, tmp_path):
    pki = make_test_pki("pa")
    masters = load_master_list(pki.write_master_list(tmp_path))
    result = passive_authentication(build_sod(files, pki), _groups(files), masters)
    assert result.status is PaStatus.VERIFIED_CSCA and result.checked_groups == [1, 2, 13]


def test_signature_valid_without_a_master_list_or_with_another_country(files):
    pki = make_test_pki("pa")
    sod = build_sod(files, pki)
    assert passive_authentication(sod, _groups(files)).status is PaStatus.SIGNATURE_VALID
    other = make_test_pki("other")
    result = passive_authentication(sod, _groups(files), [other.csca_cert])
    assert result.status is PaStatus.SIGNATURE_VALID and "no CSCA" in result.notes[0]


def test_a_forged_csca_with_the_same_name_fails(files):
    pki = make_test_pki("pa")
    impostor = make_test_pki.__wrapped__("pa")  # same subject names, new keys (cache bypassed)
    result = passive_authentication(build_sod(files, pki), _groups(files), [impostor.csca_cert])
    assert result.status is PaStatus.FAILED


def test_hashes_only_when_the_signer_certificate_is_missing(files):
    sod = build_sod(files, make_test_pki("pa"), include_certificate=False)
    assert passive_authentication(sod, _groups(files)).status is PaStatus.HASHES_ONLY


def test_a_changed_data_group_fails(files):
    sod = build_sod(files, make_test_pki("pa"))
    groups = _groups(files)
    groups[13] = groups[13].replace("Dương".encode(), "Dưong".encode())
    result = passive_authentication(sod, groups)
    assert result.status is PaStatus.FAILED and result.notes == ["DG13 hash differs from EF.SOD"]


def test_a_data_group_the_sod_does_not_list_fails(files):
    sod = build_sod({k: v for k, v in files.items() if k != "DG13"}, make_test_pki("pa"))
    assert passive_authentication(sod, _groups(files)).status is PaStatus.FAILED
