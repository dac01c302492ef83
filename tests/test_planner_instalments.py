"""A loan repaid in equal monthly instalments as the planner's loan fields (bot.planner.instalments)."""

from decimal import Decimal as D

import pytest

from bot.planner.errors import PlanInputError
from bot.planner.extraction import parse_offer
from bot.planner.instalments import from_instalments, payments_left


@pytest.mark.parametrize("text, balance, rate, left", [
    ("借了2万，分24期，每期1050，还剩18期", D("15827.90"), D("0.2326"), 18),  # 18 x 1050 at 1.938% a month
    ("借了2万，分24期，每期1050", D("20000.00"), D("0.2326"), 24),
    ("borrowed 10000, 12 payments of 950, 8 left", D("6936.55"), D("0.2491"), 8),
    ("借1万分12期每期1000，已还6期", D("5431.07"), D("0.3507"), 6),
])
def test_the_fields_follow_from_the_instalments(text, balance, rate, left):
    loan = from_instalments(parse_offer(text), text)
    assert (loan.balance, loan.annual_rate, loan.left) == (balance, rate, left)
    # what is owed is the instalments left, discounted at the loan's own rate
    monthly = rate / 12
    assert abs(sum(loan.payment / (1 + monthly) ** k for k in range(1, left + 1)) - balance) < 5


def test_more_left_than_the_term_is_refused():
    with pytest.raises(PlanInputError, match="instalments left"):
        payments_left("还剩30期", 24)
