"""Which loan each part of a mid-wizard message is about (bot.core.plan_named)."""

from decimal import Decimal as D

import pytest

from bot.core.plan_named import by_name, with_not_overdue, without_current_name
from bot.core.plan_wizard import PlanDraft


def draft():
    return PlanDraft(loans=[{"name": "招行信用卡", "kind": "credit_card", "balance": "20000", "annual_rate": "0.18",
                             "min_payment": "1000", "days_overdue": 0}],
                     current={"kind": "online_lender", "name": "借呗", "balance": "5000"},
                     pending=[{"kind": "online_lender", "name": "花呗", "balance": "3000"}])


@pytest.mark.parametrize("message, rest", [("借呗年化18%", "年化18%"), ("借呗的年化是18%", "年化是18%"), ("年化18%", "年化18%"),
                                           ("借呗和花呗都是18%", "借呗和花呗都是18%")])
def test_the_current_loans_name_is_taken_off_its_answer(message, rest):
    assert without_current_name(draft(), "annual_rate", message) == rest


def test_parts_go_to_the_loan_they_name():
    parts = by_name(draft(), "annual_rate", "借呗年化18%，花呗日息万五，招行信用卡最低还1200")
    assert [(p.where, p.name) for p in parts] == [("current", "借呗"), ("pending", "花呗"), ("finished", "招行信用卡")]
    assert parts[0].fields == {"annual_rate": D("0.18")} and parts[1].fields == {"annual_rate": D("0.1825")}
    assert parts[2].fields == {"min_payment": D("1200")}


def test_a_part_naming_no_loan_belongs_to_the_part_before_it():
    parts = by_name(draft(), "annual_rate", "我还欠微粒贷4000，年化24%")
    assert [(p.where, p.name) for p in parts] == [("new", "微粒贷")]
    assert parts[0].fields["balance"] == D("4000") and parts[0].fields["annual_rate"] == D("0.24")


@pytest.mark.parametrize("message", ["年化18%", "借呗年化18%", "每个月最多能还3000", "18%吧", "it is 24%", "最低还500，没逾期"])
def test_a_message_about_the_loan_described_alone_is_left_to_the_step(message):
    assert by_name(draft(), "annual_rate", message) is None


def test_another_lender_at_the_amount_step_is_another_debt_unless_the_debt_has_no_name_of_its_own():
    named = PlanDraft(current={"kind": "online_lender", "name": "借呗"})
    assert by_name(named, "balance", "我欠微粒贷4000")[0].where == "new"
    unnamed = PlanDraft(current={"kind": "online_lender", "name": "网贷1"})
    assert by_name(unnamed, "balance", "我欠微粒贷4000") is None  # the debt being described, by its lender
    assert by_name(draft(), "annual_rate", "我欠微粒贷4000")[0].where == "new"


@pytest.mark.parametrize("text", ["没逾期", "最低还80，没有逾期", "not overdue", "I've never been late", "按时还的"])
def test_not_overdue_is_zero_days(text):
    assert with_not_overdue({}, text) == {"days_overdue": 0}
    assert with_not_overdue({"days_overdue": 12}, text) == {"days_overdue": 12}


def test_current_at_the_end_of_a_list_is_not_overdue():
    """Stop 28 second red team: "upstart is 18.5%, 310 a month, current" was asked about being overdue again."""
    from bot.core.plan_named import with_not_overdue
    from bot.planner.extraction import extract_loan

    text = "upstart is 18.5%, 310 a month, current"
    assert with_not_overdue(extract_loan(text), text)["days_overdue"] == 0
