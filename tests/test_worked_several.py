"""Several debts in one question are worked by the planner, never as one debt at the first rate (stop 32 red team)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.core.worked_several import several_debts_numbers, several_debts_text

THREE_CARDS = ("I owe $12,000 on three cards: $5,000 at 29.99%, $4,000 at 22%, $3,000 at 18%. I can pay $600 a month "
               "total. Which first and how long will it take?")


def test_three_cards_and_a_budget_give_both_orders_from_the_planner():
    worked = several_debts_numbers(THREE_CARDS)
    assert worked is not None and worked.budget == Decimal(600) and worked.currency == "USD"
    assert [d.balance for d in worked.debts] == [5000, 4000, 3000]
    assert [d.annual_rate for d in worked.debts] == [Decimal("0.2999"), Decimal("0.22"), Decimal("0.18")]
    # by hand: $5,000 at 29.99% first with all $600, then $4,000, then $3,000 → 26 months, about $3,021 of interest
    assert worked.by_rate.months == 26 and abs(worked.by_rate.total_interest - Decimal("3021")) < 5
    assert worked.by_balance.months == 27 and worked.by_balance.total_interest > worked.by_rate.total_interest
    text = several_debts_text(worked, "en")
    assert "$5,000.00 @ 29.99% first" in text and "about 26 months" in text and "$3,021.14" in text
    assert "$3,000.00 @ 18% first" in text and "no minimum payments were given" in text
    assert "$12,000" not in text  # the total is no debt of its own (it was read as one at 29.99%: 29 months, $4,840.53)


def test_one_order_when_the_highest_rate_is_also_the_smallest_balance_named_by_its_kind():
    worked = several_debts_numbers("信用卡2万 年化18%，网贷1万 年化24%，每月只能还3000，先还哪个，多久能还完")
    assert worked is not None and worked.budget == 3000 and worked.currency == "CNY"
    text = several_debts_text(worked, "zh")
    assert "先还 网贷 ¥10,000.00 @ 24%（利率最高，也是余额最小的一笔）" in text and "约 11 个月还清" in text
    assert "雪球法" not in text and "/plan" in text


@pytest.mark.parametrize("question", [
    "I owe 4500 on a card at 24.99% apr, if i pay 150 a month how long",  # one debt: payoff_numbers' case
    "card A $3000 at 24%, card B $800 at 18%, loan C $5000 at 9%, $200 extra a month. how long",  # extra on unstated minimums
    "chase $4000 at 27%, discover $1500 at 22%. which one first?",  # no budget said
    "chase $4000 at 27%, discover $1500 at 22%, I pay 500 a month",  # nothing asked
])
def test_nothing_is_worked_without_two_debts_one_budget_and_a_question(question):
    assert several_debts_numbers(question) is None


def test_the_assistant_adds_the_orders_and_not_the_single_debt_payoff():
    from tests.test_assistant import ask, make  # the assistant over fake search and storage
    from tests.support.core import FakeForgetter, FakeHistory, FakePrefs, FakeSearcher, hit

    history = FakeHistory()
    article = hit("repayment/avalanche-vs-snowball-en.md", "Pay the highest rate first to save the most interest.", 0.9,
                  title="Avalanche or snowball", lang="en")
    parts = {"searcher": FakeSearcher({"first": [article]}, default=[article]), "history": history, "prefs": FakePrefs(),
             "forgetter": FakeForgetter(history)}
    reply = ask(make(parts), THREE_CARDS)
    assert reply.answered and "about 26 months" in reply.text and "29 months" not in reply.text
