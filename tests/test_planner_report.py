"""The plan in words and as JSON: content, both languages, the chat length limit."""

import json
from pathlib import Path

import pytest

from bot.planner.models import plan_input_from_dict
from bot.planner.plan import plan_repayments
from bot.planner.report import JSON_KEYS, plan_to_json, summary_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def plan(name):
    return plan_repayments(plan_input_from_dict(json.loads((EXAMPLES / name).read_text(encoding="utf-8"))))


def test_json_has_exactly_the_keys_and_money_as_cents():
    data = plan_to_json(plan("three-loans.json"), "en")
    assert tuple(data) == JSON_KEYS
    assert data["budget"] == "5500.00" and data["minimums"] == "4100.00" and data["feasible"] is True
    assert data["overdue"]["招行信用卡"]["penalty_per_day"] == "0.74"
    assert data["overdue"]["招行信用卡"]["next_30_days"] == "22.19"
    assert set(data["strategies"]) == {"avalanche", "snowball", "minimum_only"}
    avalanche = data["strategies"]["avalanche"]
    assert set(avalanche) >= {"months", "total_interest", "total_paid", "payoff_month"}
    assert avalanche["payoff_month"] == {"招行信用卡": 15, "借呗": 12, "建行消费贷": 21}
    assert data["recommended"] == "avalanche"
    assert len(data["schedule"]) == avalanche["months"]
    assert data["schedule"][-1]["balances"] == {"招行信用卡": "0.00", "借呗": "0.00", "建行消费贷": "0.00"}
    assert data["suggestions"][0].startswith("1. First clear what is overdue on 招行信用卡")
    json.dumps(data, ensure_ascii=False)  # serialisable as it stands


def test_infeasible_json_has_no_schedule_and_negotiation_advice():
    data = plan_to_json(plan("infeasible.json"), "zh")
    assert data["feasible"] is False and data["recommended"] is None
    assert data["schedule"] == [] and data["strategies"] == {}
    text = "\n".join(data["suggestions"])
    assert "每月缺 ¥1,900.00" in text and "以贷养贷" in text and "个性化分期" in text
    assert "「信用卡」：申请每月还 ¥580.65" in text
    assert "法释〔2020〕27号" in text and "4 倍为 12.00%" in text  # private offer above 4x LPR


@pytest.mark.parametrize("language, words", [
    ("zh", ["每月可用于还款：¥5,500.00", "先还利率最高（雪崩法） ★", "先还清「招行信用卡」逾期", "第1月："]),
    ("en", ["Available for debts each month: ¥5,500.00", "highest rate first (avalanche) ★",
            "First clear what is overdue on 招行信用卡", "Month 1:"]),
])
def test_summary_in_both_languages(language, words):
    text = summary_text(plan("three-loans.json"), language)
    for word in words:
        assert word in text
    assert len(text) <= 3500


def test_summary_drops_the_schedule_before_going_over_the_limit():
    full = summary_text(plan("three-loans.json"), "zh")
    short = summary_text(plan("three-loans.json"), "zh", limit=len(full) - 1)
    assert "第1月：" in full and "第1月：" not in short and "先后顺序" in short


def test_a_plan_that_never_ends_has_null_totals_and_a_short_schedule():
    data = {"monthly_income": "3000", "essential_expenses": "2500", "loans": [
        {"name": "网贷", "kind": "online_lender", "balance": "20000", "annual_rate": "36%", "min_payment": "500"}]}
    never = plan_repayments(plan_input_from_dict(data))
    output = plan_to_json(never, "zh")
    assert output["strategies"]["avalanche"] == {
        "months": None, "total_interest": None, "total_penalties": None, "total_paid": None,
        "interest_saved": None, "payoff_month": {"网贷": None}, "order": ["网贷"]}
    assert len(output["schedule"]) == 24
    text = "\n".join(output["suggestions"])
    assert "每月最低还款 ¥500.00 不够当月利息 ¥600.00" in text and "每月还 ¥722.66 可在 60 个月内还清" in text
    assert "600 个月内还不完" in summary_text(never, "zh")


def test_a_single_loan_is_not_called_the_highest_rate_or_followed_by_itself():
    """Red team (stop 21): one loan read "它的年化利率最高 … 还清后按顺序继续：「招行信用卡」"."""
    data = {"monthly_income": 9000, "essential_expenses": 4000,
            "loans": [{"name": "招行信用卡", "kind": "credit_card", "balance": 20000, "annual_rate": 0.18,
                       "min_payment": 1000}]}
    for language, wanted in (("zh", "全部用来多还「招行信用卡」"), ("en", "Put the rest (about")):
        text = summary_text(plan_repayments(plan_input_from_dict(data)), language)
        assert wanted in text and "按顺序继续" not in text and "Then, in order" not in text
        assert "它的年化利率最高" not in text and "it has the highest rate" not in text


def test_a_dollar_plan_says_each_extra_dollar_not_yuan():
    """Red team (stop 26): a plan in dollars said "each extra yuan saves the most interest"."""
    data = {"monthly_income": 4000, "essential_expenses": 2500, "currency": "USD",
            "loans": [{"name": "Discover", "kind": "credit_card", "balance": 900, "annual_rate": 0.27, "min_payment": 35},
                      {"name": "Chase", "kind": "credit_card", "balance": 3000, "annual_rate": 0.22, "min_payment": 90}]}
    text = summary_text(plan_repayments(plan_input_from_dict(data)), "en")
    assert "each extra dollar saves the most interest" in text and "yuan" not in text
    data["currency"] = "CNY"
    assert "each extra yuan" in summary_text(plan_repayments(plan_input_from_dict(data)), "en")


def test_minimums_only_names_the_loan_that_never_ends_and_says_growing_only_when_the_debt_grows():
    """Stop 30 red team: a card whose minimum covers its interest beside a brother's loan with no interest and no minimum
    read "minimums only: not within 600 months; the debt keeps growing"; only the brother's loan never ends."""
    data = {"monthly_income": "3200", "essential_expenses": "2000", "currency": "USD", "loans": [
        {"name": "card", "kind": "credit_card", "balance": "4850", "annual_rate": "24%", "min_payment": "150"},
        {"name": "brother", "kind": "private", "balance": "2000", "annual_rate": "0%", "min_payment": "0"}]}
    text = summary_text(plan_repayments(plan_input_from_dict(data)), "en")
    assert "brother is never paid off" in text and "keeps growing" not in text
    growing = {"monthly_income": "3000", "essential_expenses": "2500", "loans": [
        {"name": "网贷", "kind": "online_lender", "balance": "20000", "annual_rate": "36%", "min_payment": "500"}]}
    assert "按这个还法欠款越滚越多" in summary_text(plan_repayments(plan_input_from_dict(growing)), "zh")


def test_chinas_card_instalment_rule_is_told_only_in_a_yuan_plan():
    """Stop 31 red team: a US plan with a Citi card was told of 商业银行信用卡业务监督管理办法 Art. 70."""
    data = json.loads((Path(__file__).parent.parent / "examples" / "infeasible.json").read_text(encoding="utf-8"))
    assert "Art. 70" in "\n".join(plan_to_json(plan_repayments(plan_input_from_dict(data)), "en")["suggestions"])
    data["currency"] = "USD"
    text = "\n".join(plan_to_json(plan_repayments(plan_input_from_dict(data)), "en")["suggestions"])
    assert "Art. 70" not in text and "individual instalment plan" not in text


def test_a_us_debt_a_few_days_late_is_said_to_be_reported_at_30_days_not_at_once():
    """Stop 33 red team: a card 3 days late in dollars was said to hurt the credit record already; it is usually reported late
    only at 30 days past due."""
    from bot.planner.advice import priorities

    plan = plan_repayments(plan_input_from_dict({
        "monthly_income": "3000", "essential_expenses": "1500", "currency": "USD", "loans": [
            {"name": "visa", "kind": "credit_card", "balance": "3000", "annual_rate": "0.24", "min_payment": "90",
             "days_overdue": 3, "overdue_amount": "90"}]}))
    first = priorities(plan, "en")[0]
    assert "at 30 days past due (27 days from now) it is usually reported late to the credit bureaus" in first
    assert "hurt your credit record" not in first
    yuan = plan_repayments(plan_input_from_dict({
        "monthly_income": "3000", "essential_expenses": "1500", "currency": "CNY", "loans": [
            {"name": "借呗", "kind": "online_lender", "balance": "3000", "annual_rate": "0.24", "min_payment": "90",
             "days_overdue": 3, "overdue_amount": "90"}]}))
    assert "逾期记录还会影响征信" in priorities(yuan, "zh")[0]
