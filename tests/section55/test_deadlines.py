from datetime import date

from section55.deadlines import long_date, practice_deadline, statutory_deadline


def test_reference_report_deadlines():
    assert statutory_deadline(date(2025, 8, 28)) == date(2025, 10, 22)
    assert practice_deadline(date(2025, 8, 28)) == date(2025, 10, 23)


def test_no_time_limit_the_day_before_2_may_2017():
    assert statutory_deadline(date(2017, 5, 1)) is None
    assert practice_deadline(date(2017, 5, 1)) is None


def test_time_limit_from_2_may_2017():
    assert statutory_deadline(date(2017, 5, 2)) == date(2017, 6, 26)
    assert practice_deadline(date(2017, 5, 2)) == date(2017, 6, 27)


def test_deadlines_cross_year_and_leap_day():
    assert practice_deadline(date(2023, 12, 20)) == date(2024, 2, 14)
    assert statutory_deadline(date(2024, 1, 10)) == date(2024, 3, 5)


def test_long_date_has_no_leading_zero():
    assert long_date(date(2025, 10, 3)) == "3 October 2025"
    assert long_date(date(2025, 8, 28)) == "28 August 2025"
