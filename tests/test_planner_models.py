"""Input validation: every bad field is named, with what is accepted."""

import json
from dataclasses import replace
from decimal import Decimal
from decimal import Decimal as D
from pathlib import Path

import pytest

from bot.planner.errors import PlanInputError
from bot.planner.models import Loan, PlanInput, plan_input_from_dict, plan_input_to_dict

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def data(**loan):
    base = {"name": "卡", "kind": "credit_card", "balance": "2万", "annual_rate": "18%", "min_payment": "1000"}
    base.update(loan)
    return {"monthly_income": "8000", "essential_expenses": "3000", "loans": [base]}


@pytest.mark.parametrize("loan, field, code", [
    ({"balance": "0"}, "loans[1].balance", "not_positive"),
    ({"balance": "-5"}, "loans[1].balance", "negative"),
    ({"balance": "很多"}, "loans[1].balance", "not_a_number"),
    ({"annual_rate": "1200%"}, "loans[1].annual_rate", "too_high"),
    ({"annual_rate": 11}, "loans[1].annual_rate", "too_high"),
    ({"annual_rate": "高"}, "loans[1].annual_rate", "not_a_number"),
    ({"annual_rate": None}, "loans[1].annual_rate", "missing"),
    ({"days_overdue": -3, "overdue_amount": "100"}, "loans[1].days_overdue", "negative"),
    ({"days_overdue": "十几天"}, "loans[1].days_overdue", "not_a_number"),
    ({"days_overdue": 10}, "loans[1].overdue_amount", "missing"),
    ({"days_overdue": 10, "overdue_amount": "3万"}, "loans[1].overdue_amount", "too_high"),
    ({"kind": "loan shark"}, "loans[1].kind", "unknown"),
    ({"min_payment": "-1"}, "loans[1].min_payment", "negative"),
    ({"penalty_daily_rate": "5%"}, "loans[1].penalty_daily_rate", "too_high"),
])
def test_bad_loans_name_the_field(loan, field, code):
    with pytest.raises(PlanInputError) as caught:
        plan_input_from_dict(data(**loan))
    assert (caught.value.field, caught.value.code) == (field, code)
    assert field in str(caught.value)


@pytest.mark.parametrize("change, field", [
    ({"monthly_income": "abc"}, "monthly_income"),
    ({"monthly_income": None}, "monthly_income"),
    ({"essential_expenses": "-1"}, "essential_expenses"),
    ({"strategy": "yolo"}, "strategy"),
    ({"strategy": ["nope"]}, "strategy"),
    ({"loans": []}, "loans"),
    ({"loans": "x"}, "loans"),
    ({"offer": {"months": "twelve", "monthly_payment": 1}}, "offer.months"),
])
def test_bad_overall_fields_name_the_field(change, field):
    payload = data()
    payload.update(change)
    with pytest.raises(PlanInputError) as caught:
        plan_input_from_dict(payload)
    assert caught.value.field == field


def test_rates_in_json_numbers_are_fractions_and_strings_are_read_like_chat():
    assert plan_input_from_dict(data(annual_rate=0.18)).loans[0].annual_rate == D("0.18")
    assert plan_input_from_dict(data(annual_rate="年化18%")).loans[0].annual_rate == D("0.18")
    daily = data(daily_rate="0.0005")
    del daily["loans"][0]["annual_rate"]
    assert plan_input_from_dict(daily).loans[0].annual_rate == D("0.1825")
    daily["loans"][0]["daily_rate"] = "日息万五"
    assert plan_input_from_dict(daily).loans[0].annual_rate == D("0.1825")


def test_the_default_penalty_is_the_contract_daily_rate_times_one_and_a_half():
    loan = plan_input_from_dict(data(days_overdue=15, overdue_amount="1000", annual_rate="0.365")).loans[0]
    assert loan.penalty_rate == D("0.0015") and loan.penalty_assumed
    assert loan.accrued_penalty == D("1000") * D("0.0015") * 15


@pytest.mark.parametrize("name", ["three-loans.json", "infeasible.json"])
def test_examples_round_trip(name):
    plan_input = plan_input_from_dict(json.loads((EXAMPLES / name).read_text(encoding="utf-8")))
    again = plan_input_from_dict(plan_input_to_dict(plan_input))
    assert again.loans == plan_input.loans
    assert (again.monthly_income, again.essential_expenses) == (plan_input.monthly_income, plan_input.essential_expenses)


def test_an_amount_tried_for_debts_is_the_budget_and_round_trips():
    """"What if I can only pay 2000 a month": the amount tried, not income less expenses (none made up for it)."""
    tried = plan_input_from_dict(data() | {"monthly_income": "10000", "essential_expenses": "4500", "for_debts": "2000"})
    assert tried.budget == D("2000")
    assert plan_input_from_dict(plan_input_to_dict(tried)).for_debts == D("2000")
    assert plan_input_from_dict(data() | {"monthly_income": "10000", "essential_expenses": "4500"}).budget == D("5500")
    assert "for_debts" not in plan_input_to_dict(plan_input_from_dict(data()))
    with pytest.raises(PlanInputError):
        plan_input_from_dict(data() | {"for_debts": "-5"})


def test_an_unknown_penalty_is_assumed_by_the_plans_currency():
    """x 1.5 the contract daily rate in yuan (the PBOC rule); none on top of the interest in dollars (stop 34)."""
    loan = Loan("card", "credit_card", Decimal("3000"), Decimal("0.2190"), Decimal("90"), days_overdue=10,
                overdue_amount=Decimal("90"))
    in_yuan = PlanInput((loan,), Decimal("5000"), Decimal("3000"))
    in_dollars = PlanInput((loan,), Decimal("5000"), Decimal("3000"), currency="USD")
    assert in_yuan.loans[0].penalty_rate == Decimal("0.0009")  # 0.2190 / 365 x 1.5
    assert in_dollars.loans[0].penalty_rate == 0 and in_dollars.loans[0].penalty_assumed
    stated = replace(loan, penalty_daily_rate=Decimal("0.0005"))
    assert PlanInput((stated,), Decimal("5000"), Decimal("3000"), currency="USD").loans[0].penalty_rate == Decimal("0.0005")
