"""Days overdue from a due date as borrowers say it (bot.planner.due_dates)."""

from datetime import date

import pytest

from bot.planner.due_dates import days_since_due

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize("text, days", [
    ("上个月15号该还的没还上", 22), ("11月20号该还的", 17), ("was due Nov 20", 17), ("the payment was due on the 5th", 2),
    ("3号该还的", 4), ("这个月1号该还没还", 6), ("12月20号该还的", 352),  # 12-20 is still to come this year: last year's
])
def test_days_since_the_due_date(text, days):
    assert days_since_due(text, TODAY) == days


@pytest.mark.parametrize("text", ["下个月5号该还", "逾期15天", "明天10号到期", "20号发工资"])
def test_no_due_date_passed(text):
    assert days_since_due(text, TODAY) is None


def test_the_first_of_january_looks_back_to_december():
    assert days_since_due("上个月15号该还的", date(2027, 1, 3)) == 19
