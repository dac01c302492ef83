"""The /plan wizard's state as JSON-able data: which answer comes next, and reading each answer.

The state (`WizardState.data`) holds the finished loans in the planner's JSON form, the loan being
collected (`current`, a partial dict), the income and expenses, and whether loans are still being
added. The next step is always derived from that data, so a restart continues where the user was.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from bot.planner.amounts import normalise, parse_amount, parse_days, parse_rate_detail
from bot.planner.errors import PlanInputError
from bot.planner.extraction import decimal_text, loan_kind
from bot.planner.formatting import money, percent
from bot.planner.models import (
    DAYS_PER_YEAR, MAX_LOANS, check_annual_rate, check_days, check_not_negative, check_positive, loan_from_dict,
    loan_to_dict,
)
from bot.core.plan_texts import kind_label

FLOW = "plan"
LOAN_STEPS = ("kind", "name", "balance", "annual_rate", "min_payment", "days_overdue")
OVERDUE_STEPS = ("overdue_amount", "penalty_daily_rate")
BUDGET_STEPS = ("monthly_income", "essential_expenses")
_ADD_WORDS = ("再加", "还有", "加一笔", "有", "是", "add", "yes", "another", "more")
_DONE_WORDS = ("没有了", "没了", "没有", "填完", "完了", "好了", "就这些", "done", "no", "that's all", "finished")
_ANNUAL_WORDS = re.compile(r"年|year|annual|apr|p\.a\.", re.IGNORECASE)


def fresh_data(profile: dict[str, Any] | None = None) -> dict[str, Any]:
    """A new wizard; with a stored profile, its loans and budget are kept and a loan is added."""
    profile = profile or {}
    return {
        "loans": list(profile.get("loans") or []),
        "current": {},
        "collecting": True,
        "monthly_income": profile.get("monthly_income"),
        "essential_expenses": profile.get("essential_expenses"),
        "strategy": profile.get("strategy"),
        "currency": profile.get("currency") or "CNY",
    }


def next_step(data: dict[str, Any]) -> str:
    """The field to ask for next, "finish_loan", "more", or "compute" when everything is known."""
    current = data.get("current")
    if current is not None:
        for step in LOAN_STEPS:
            if step not in current:
                return step
        if int(current["days_overdue"]) > 0:
            for step in OVERDUE_STEPS:
                if step not in current:
                    return step
        return "finish_loan"
    if data.get("collecting"):
        return "more"
    for step in BUDGET_STEPS:
        if data.get(step) in (None, ""):
            return step
    return "compute"


def default_name(data: dict[str, Any], language: str) -> str:
    kind = (data.get("current") or {}).get("kind", "bank_loan")
    separator = "" if language == "zh" else " "
    return unique_name(data, f"{kind_label(kind, language)}{separator}{len(data['loans']) + 1}")


def unique_name(data: dict[str, Any], name: str) -> str:
    taken = {loan["name"] for loan in data["loans"]}
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name} ({number})", number + 1
    return candidate


def parse_answer(field: str, text: str) -> Any:
    """One answer for `field`, checked; returned JSON-able. Raises PlanInputError naming the problem."""
    if field == "kind":
        found = loan_kind(text)
        if not found:
            raise PlanInputError("kind", f"'{text}' is not a kind of loan", "信用卡, 网贷, 银行贷款, 私人借款",
                                 code="unknown")
        return found[0]
    if field == "name":
        name = text.strip()[:30]
        if not name:
            raise PlanInputError("name", "is empty", code="missing")
        return name
    if field in ("balance", "overdue_amount"):
        return decimal_text(check_positive(parse_amount(text, field), field))
    if field in ("min_payment", "monthly_income", "essential_expenses"):
        return decimal_text(check_not_negative(parse_amount(text, field), field))
    if field == "annual_rate":
        detail = parse_rate_detail(text, field)
        if detail.basis == "annual" and 0 < detail.per_period < Decimal("0.01") and not _ANNUAL_WORDS.search(text):
            # "0.05%" is how online lenders quote a DAILY rate; as a yearly one it would be implausible
            raise PlanInputError(field, f"'{text}' a year is implausibly low: is it per day?", "日息0.05%, 年化18%",
                                 code="per_day")
        return decimal_text(check_annual_rate(detail.annual, field))
    if field == "days_overdue":
        return check_days(parse_days(text, field), field)
    if field == "penalty_daily_rate":
        detail = parse_rate_detail(text, field)
        per_day = detail.annual / DAYS_PER_YEAR
        if detail.basis == "annual" and not _ANNUAL_WORDS.search(text):
            per_day = detail.per_period  # "0.075%" asked for a daily rate is per day
        check_annual_rate(per_day * DAYS_PER_YEAR, field)
        return decimal_text(per_day)
    raise PlanInputError(field, "is not something the planner asks for", code="invalid")


def check_against_current(data: dict[str, Any], field: str, value: Any) -> None:
    """Checks that need the rest of the loan: the overdue amount is part of the balance."""
    current = data.get("current") or {}
    if field == "overdue_amount" and "balance" in current and Decimal(value) > Decimal(current["balance"]):
        raise PlanInputError(field, f"{value} is more than the balance {current['balance']}", "at most the balance",
                             code="too_high")


def wants_more(text: str) -> bool | None:
    """At the "any other debts?" step: True (add), False (done) or None (not understood)."""
    lowered = normalise(text).strip("。.!！ ")
    if any(word == lowered or lowered.startswith(word) for word in _DONE_WORDS):
        return False
    if any(word in lowered for word in _ADD_WORDS):
        return True
    return None


def apply_fields(data: dict[str, Any], fields: dict[str, Any]) -> None:
    """Put what `extract_loan` understood into the loan being collected (starting one if needed)."""
    current = data.get("current")
    if current is None:
        current = data["current"] = {}
        data["collecting"] = True
    for field, value in fields.items():
        current[field] = decimal_text(value) if isinstance(value, Decimal) else value
    if "name" in fields:
        current["name"] = unique_name(data, str(fields["name"]))


def finish_loan(data: dict[str, Any]) -> None:
    """Validate the collected loan as a whole and add it; on error the offending field is asked again."""
    current = dict(data["current"])
    current.setdefault("penalty_daily_rate", None)
    if int(current["days_overdue"]) == 0:
        current.pop("overdue_amount", None)
    try:
        loan = loan_from_dict(current, len(data["loans"]) + 1)
    except PlanInputError as exc:
        field = exc.field.split(".")[-1]
        data["current"].pop(field, None)
        raise PlanInputError(field, exc.problem, exc.accepted, exc.code) from None
    data["loans"].append(loan_to_dict(loan))
    data["current"] = None
    if len(data["loans"]) >= MAX_LOANS:
        data["collecting"] = False


def profile_of(data: dict[str, Any]) -> dict[str, Any]:
    """The planner's JSON input from a finished wizard: what `Profiles` stores."""
    return {key: data.get(key) for key in ("monthly_income", "essential_expenses", "strategy", "currency", "loans")}


def loan_lines(loans: list[dict[str, Any]], currency: str, language: str) -> str:
    lines = []
    for index, loan in enumerate(loans, start=1):
        days = int(loan.get("days_overdue") or 0)
        late = (f"，逾期 {days} 天" if language == "zh" else f", {days} days overdue") if days else ""
        rate = percent(Decimal(loan["annual_rate"]))
        if language == "zh":
            lines.append(f"{index}. {loan['name']}（{kind_label(loan['kind'], language)}）：欠 "
                         f"{money(Decimal(loan['balance']), currency)}，年化 {rate}，最低 "
                         f"{money(Decimal(loan['min_payment']), currency)}{late}")
        else:
            lines.append(f"{index}. {loan['name']} ({kind_label(loan['kind'], language)}): "
                         f"{money(Decimal(loan['balance']), currency)} at {rate} a year, minimum "
                         f"{money(Decimal(loan['min_payment']), currency)}{late}")
    return "\n".join(lines)
