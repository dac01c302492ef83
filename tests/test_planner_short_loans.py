"""Loans of days or weeks as borrowers describe them (bot.planner.short_loans): what arrived, what is repaid when."""

from datetime import date
from decimal import Decimal as D

import pytest

from bot.planner.short_loans import parse_short_loan


@pytest.mark.parametrize("text, principal, received, payment, payments, days", [
    ("借了5000，到手3500，7天后还5000，年化多少", "5000", "3500", "5000", 1, 7),
    ("app借了3000，到账2100，一周后还3000", "3000", "2100", "3000", 1, 7),
    ("借2000，14天后要还2600", "2000", None, "2600", 1, 14),
    ("借3000，每周还500，还8周，利率多少", "3000", None, "500", 8, 7),
    ("borrowed 1000, got 800, must repay 1000 in 14 days. what's the APR", "1000", "800", "1000", 1, 14),
    ("I took out a loan of 500 and pay 100 a week for 8 weeks", "500", None, "100", 8, 7),
    # stop 26 red team (40 of 80 phrasings had been read): no 后, a fee taken first, word numbers, English orders
    ("714口子 到手1600 7天还2000 正常吗", None, "1600", "2000", 1, 7),
    ("借了4千 手续费800提前扣了 7天后还4000 合法吗", "4000", "3200", "4000", 1, 7),
    ("借5000 前面扣了砍头息1000 剩下4000 14天还5000 年利率多少", "5000", "4000", "5000", 1, 14),
    ("借款金额2500 实际到账1750 期限7天 应还2500", "2500", "1750", "2500", 1, 7),
    ("一万块 21天后还一万二 年化是多少", "10000", None, "12000", 1, 21),
    ("借了2万，分4周还，每周还5500", "20000", None, "5500", 4, 7),
    ("took a loan of 2000 yuan, got 1400 after fees, due in 2 weeks 2000", "2000", "1400", "2000", 1, 14),
    ("got 5k yuan, service fee 1k taken upfront so only got 4k, pay back 5k in 7 days", "5000", "4000", "5000", 1, 7),
    ("borrowed 5000, only got 3500, due in 2 weeks", "5000", "3500", "5000", 1, 14),
    ("pay back in 10 days, borrowed 2000, total 2400", "2000", None, "2400", 1, 10),
    ("borrowed 1500 yuan, weekly payments 450 x 4", "1500", None, "450", 4, 7),
    ("took 1200, they kept 300 as a fee, repay 1200 in 7 days", "1200", "900", "1200", 1, 7),
    ("714 loan: got 700, must repay 1000 in 7 days. how much interest is that", None, "700", "1000", 1, 7),
    ("i got a 7 day loan 1000 yuan, pay back 1100", "1000", None, "1100", 1, 7),
    # a fresh probe written blind after those fixes (80 of 100 right, 98 after these)
    ("借3000 砍头息900 7天还3000 这合法吗", "3000", "2100", "3000", 1, 7),
    ("下款3000扣400服务费，借14天到期还3000", "3000", "2600", "3000", 1, 14),
    ("半个月后还2000，当时只打给我1500", None, "1500", "2000", 1, 15),
    ("借1500只到了1000，一个礼拜还1500", "1500", "1000", "1500", 1, 7),
    ("借款金额：5000元，到账金额：3800元，借款期限：14天，应还金额：5000元", "5000", "3800", "5000", 1, 14),
    ("the lender wired $1,200 to me and wants $1,500 back in two weeks", None, "1200", "1500", 1, 14),
    ("8 weekly payments of $100, I received $650", None, "650", "100", 8, 7),
    ("714 loan借了3k到手2.1k one week later还3k", "3000", "2100", "3000", 1, 7),
    ("现在手上拿到3500，说好下周同一天还5000", None, "3500", "5000", 1, 7),
    ("is this legit? loan of 1500, they deduct 300 processing fee, pay back 1500 in 14 days", "1500", "1200", "1500", 1, 14),
])
def test_a_loan_of_days_or_weeks_is_read(text, principal, received, payment, payments, days):
    loan = parse_short_loan(text)
    assert loan is not None
    assert (loan.principal, loan.received) == (D(principal) if principal else None, D(received) if received else None)
    assert (loan.payment, loan.payments, loan.days) == (D(payment), payments, days)


@pytest.mark.parametrize("text", ["借1万分12期每期1000", "7天后还款", "逾期7天了", "每周还500", "信用卡3天后还2000",
                                  "逾期7天了怎么办", "网贷逾期14天了，会被起诉吗", "我工资每周发2000，能还得起吗", "714网贷是什么，合法吗",
                                  "已经还清了，借2000到手1400，7天还的2000，现在还在催", "催收说7天内不还就起诉"])
def test_what_is_no_loan_of_days_is_not_read_as_one(text):
    assert parse_short_loan(text) is None


def test_the_short_loan_probe_set_keeps_its_floor():
    """tests/data/short_loans_probe.jsonl: 70 loans of days or weeks and 30 look-alikes written blind (stop 26) after
    the first red team's fixes: 80 right then, 98 after (a weekday term and a typo of 到手 are left)."""
    import json
    from pathlib import Path
    right = 0
    rows = [json.loads(line) for line in (Path(__file__).parent / "data" / "short_loans_probe.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        got, expected = parse_short_loan(row["text"]), row["expect"]
        if expected is None:
            right += got is None
        elif got is not None:
            arrived = got.received if got.received is not None else got.principal
            right += (arrived, got.payment, got.payments, got.days) == (
                D(str(expected["received"])), D(str(expected["payment"])), expected["payments"], expected["days"])
    assert len(rows) == 100 and right >= 97


@pytest.mark.parametrize("text, payment", [("借了1000块，7天，没先扣钱，但是另外要交200服务费，到期还1000本金，这合法吗", "1200"),
                                           ("borrowed 1000, repay 1000 in 14 days plus a 150 service fee", "1150")])
def test_a_fee_paid_on_top_is_repaid_with_the_loan(text, payment):
    loan = parse_short_loan(text)
    assert loan is not None and loan.payment == D(payment) and loan.received is None and loan.principal == D(1000)


def test_a_loan_of_nothing_is_refused_not_divided_by():
    """Hypothesis (stop 27): "我欠招行信用卡0001日1元" read as 0 received, repaid 1 after 1 day: DivisionByZero."""
    from bot.planner.errors import PlanInputError
    from bot.planner.offers import analyse_short_loan

    with pytest.raises(PlanInputError, match="more than 0"):
        analyse_short_loan(D("0"), D("1"), 1, 1, D("0.03"), date(2025, 6, 20))


@pytest.mark.parametrize("text", ["借了5000，到收3500，7天后还5000", "借5000到帐3500，7天还5000"])
def test_typos_of_what_arrived(text):
    """Stop 26 note: "到收3500" (a typo of 到手) left the loan with nothing received, and its cost was refused."""
    loan = parse_short_loan(text)
    assert (loan.principal, loan.received, loan.payment, loan.days) == (D("5000"), D("3500"), D("5000"), 7)


@pytest.mark.parametrize("text, principal, payment", [
    ("payday loan 500 dollars, fee 75 for 2 weeks, whats the APR", "500", "575"),
    ("payday loan 500, 75 fee, due in 2 weeks. apr?", "500", "575"),
    ("$300 payday loan with a $45 fee due in 14 days", "300", "345"),
])
def test_a_payday_fee_said_with_no_word_of_when_is_repaid_with_the_loan(text, principal, payment):
    """Stop 33 red team: "payday loan 500 dollars, fee 75 for 2 weeks, whats the APR" was a wizard step (no repayment read)."""
    loan = parse_short_loan(text)
    assert loan is not None and loan.principal == D(principal) and loan.payment == D(payment) and loan.days == 14


@pytest.mark.parametrize("text", ["payday loan says $15 fee per $100 for 2 weeks, what apr is that",
                                  "$15 per $100 borrowed every 2 weeks, what apr"])
def test_a_price_per_hundred_borrowed_is_that_loan_of_a_hundred(text):
    """Stop 34 red team: asked outside a plan, "$15 fee per $100 for 2 weeks" got an article on missed payments."""
    loan = parse_short_loan(text)
    assert (loan.principal, loan.payment, loan.payments, loan.days) == (100, 115, 1, 14)
