"""Unit tests for articles.seeds.dates: the publication date a URL carries."""

from __future__ import annotations

from datetime import date

import pytest

from articles.seeds.dates import date_from_url

TODAY = date(2026, 12, 6)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/news/2016/08/25/some-story", date(2016, 8, 25)),
        ("https://example.com/world/2024/mar/12/some-story", date(2024, 3, 12)),
        ("https://example.com/world/2024/March/12/some-story", date(2024, 3, 12)),
        ("https://example.com/2024-05-06/some-story", date(2024, 5, 6)),
        ("https://example.com/politics/some-story-2024-05-06", date(2024, 5, 6)),
        ("https://example.com/politics/some-story-20240506.html", date(2024, 5, 6)),
        ("https://example.com/20240506/some-story", date(2024, 5, 6)),
        ("https://example.com/2019/1/5/story", date(2019, 1, 5)),
        ("https://example.com/2019/12/31", date(2019, 12, 31)),
        ("https://example.com/2021_07_04_story", date(2021, 7, 4)),
        ("https://www.rte.ie/news/dublin/2025/0730/1526078-dublin-garda", date(2025, 7, 30)),
    ],
)
def test_dates_in_paths(url, expected):
    assert date_from_url(url, today=TODAY) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/news/some-story-12345678",  # an id, not a date
        "https://example.com/2024/03/some-story",  # a month, not a day
        "https://example.com/2024/02/30/impossible",  # no such day
        "https://example.com/2024/13/01/no-such-month",
        "https://example.com/a20240506/glued-to-letters",
        "https://example.com/article/120240506/longer-number",
        "https://example.com/news/2016/3412/an-id-after-the-year",  # no month 34
        "https://example.com/2031/01/01/the-future",  # after today
        "https://example.com/1889/01/01/archive-id",  # before the earliest believed year
        "https://example.com/story?date=2024-05-06",  # query strings are not the path
        "https://example.com/",
        "not a url at all",
    ],
)
def test_no_date(url):
    assert date_from_url(url, today=TODAY) is None


def test_percent_encoded_path_is_read():
    assert date_from_url("https://example.com/2024%2F05%2F06/x", today=TODAY) == date(2024, 5, 6)


def test_first_date_in_the_path_wins():
    url = "https://example.com/2020/01/02/story-about-2019-03-04"
    assert date_from_url(url, today=TODAY) == date(2020, 1, 2)
