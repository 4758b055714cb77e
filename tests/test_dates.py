from datetime import date

import pytest

from tracuu.text.dates import find_dates, find_year_ranges, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("chậm nhất ngày 01/11/2023", date(2023, 11, 1)),
        ("có hiệu lực từ ngày 1/7/2023", date(2023, 7, 1)),
        ("Tây Ninh, ngày 09 tháng 5 năm 2023", date(2023, 5, 9)),
        ("ngày 01/07/2023", date(2023, 7, 1)),
        ("ngày 31/02/2023", None),  # impossible date
        ("giai đoạn 2021-2025", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_find_dates_spans():
    text = "ban hành ngày 14/12/2020, hiệu lực ngày 01 tháng 02 năm 2021"
    found = find_dates(text)
    assert [m.value for m in found] == [date(2020, 12, 14), date(2021, 2, 1)]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_year_ranges():
    ranges = find_year_ranges("giai đoạn 2021 – 2030 và 2021-2025; không phải 01/11/2023")
    assert [(r.first, r.last) for r in ranges] == [(2021, 2030), (2021, 2025)]
