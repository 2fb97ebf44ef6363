from datetime import date, timedelta

from section55.status import status_of

PRACTICE = date(2025, 10, 23)
STATUTORY = date(2025, 10, 22)
ONE_DAY = timedelta(days=1)


def test_open_on_the_practice_deadline_day_but_late_by_statute():
    result = status_of(PRACTICE, STATUTORY, None, PRACTICE)
    assert result.status == "open"
    assert result.days_left == 0
    assert result.late_by_statute is True
    assert result.statutory_status == "overdue"
    assert result.rule == "practice (+56)"


def test_open_on_the_statutory_deadline_day():
    result = status_of(PRACTICE, STATUTORY, None, STATUTORY)
    assert (result.status, result.days_left, result.late_by_statute) == ("open", 1, False)


def test_overdue_the_day_after_the_practice_deadline():
    result = status_of(PRACTICE, STATUTORY, None, PRACTICE + ONE_DAY)
    assert result.status == "overdue"
    assert result.days_left == -1
    assert result.late_by_statute is True


def test_responded_on_the_practice_deadline_is_one_day_late_by_statute():
    result = status_of(PRACTICE, STATUTORY, PRACTICE, PRACTICE + 30 * ONE_DAY)
    assert result.status == "responded"
    assert result.late_by_statute is True
    assert result.statutory_status == "responded_late"
    assert result.days_left is None
    assert "by statute" in result.note


def test_responded_on_the_statutory_deadline_is_on_time_by_both():
    result = status_of(PRACTICE, STATUTORY, STATUTORY, PRACTICE)
    assert (result.status, result.statutory_status, result.late_by_statute) == (
        "responded", "responded", False)


def test_responded_the_day_after_the_practice_deadline_is_late():
    result = status_of(PRACTICE, STATUTORY, PRACTICE + ONE_DAY, PRACTICE + ONE_DAY)
    assert result.status == "responded_late"
    assert result.late_by_statute is True


def test_status_ignores_as_of_once_responded():
    early = status_of(PRACTICE, STATUTORY, date(2025, 9, 1), date(2026, 6, 1))
    assert early.status == "responded"
    assert early.late_by_statute is False


def test_no_time_limit_is_never_overdue():
    result = status_of(None, None, None, date(2030, 1, 1))
    assert (result.status, result.days_left, result.late_by_statute) == ("open", None, False)
    assert "before 2 May 2017" in result.note
    responded = status_of(None, None, date(2029, 1, 1), date(2030, 1, 1))
    assert responded.status == "responded"
    assert responded.late_by_statute is False
