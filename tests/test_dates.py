from datetime import date

import pytest

from tracuu.text.dates import find_dates, format_vn, parse_date


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


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2023-07-01", "01/7/2023"),  # day below 10: leading zero; month 7: none
        ("2023-11-20", "20/11/2023"),
        ("2021-02-01", "01/02/2021"),  # months 1 and 2 take the zero (Nghị định 30/2020/NĐ-CP)
        ("2024-01-15", "15/01/2024"),
        ("2023-03-09", "09/3/2023"),
        (None, ""),
        ("2023", "2023"),  # not a full date: shown as stored
    ],
)
def test_format_vn_is_the_official_style(iso, expected):
    assert format_vn(iso) == expected
    if len(expected) > 6:
        assert parse_date(expected).isoformat() == iso  # and it reads back
