"""Shared fixtures: the shipped catalog, a synthetic identity, a fixed 'today'."""
import datetime as dt

import pytest

from forms.loader import load_catalog

TODAY = dt.date(2026, 11, 27)

# A synthetic person (not a real one): the shape the ID-card driver hands over.
IDENTITY = {
    "full_name": "Nguyễn Văn An",
    "date_of_birth": "15/03/1990",
    "sex": "Nam",
    "id_number": "001090012345",
    "old_id_number": "",
    "residence": "Số 12 ngõ 5 Hoàng Diệu, Phường Ba Đình, Thành phố Hà Nội",
    "ethnicity": "Kinh",
    "nationality": "Việt Nam",
    "issue_date": "10/08/2021",
}


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture
def identity():
    return dict(IDENTITY)
