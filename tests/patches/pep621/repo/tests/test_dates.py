import datetime

from ledger.dates import parse_due


def test_parse_due():
    assert parse_due("2025-03-01") == datetime.date(2025, 3, 1)
