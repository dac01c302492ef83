"""The plan as a chat-sized text report (zh / en) and as the JSON object of `python -m bot plan --json`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bot.planner.advice import priorities, strategy_name, suggestions
from bot.planner.formatting import money, pick, plain
from bot.planner.plan import OverdueCost, Plan
from bot.planner.simulation import Outcome

CHAT_LIMIT = 3500  # a Telegram message holds 4,096 characters; leave room for the channel
NEVER_ENDING_ROWS = 24  # months of a never-ending schedule worth showing: the trend is clear by then
JSON_KEYS = ("budget", "minimums", "feasible", "overdue", "strategies", "recommended", "schedule", "suggestions")


def _months(months: int | None, language: str) -> str:
    if months is None:
        return pick(language, "600 个月内还不完", "not within 600 months")
    return pick(language, f"{months} 个月", f"{months} months")


def affordability_lines(plan: Plan, language: str) -> list[str]:
    cur = plan.input.currency
    line = pick(
        language,
        f"每月用于还款：{money(plan.budget, cur)}（你说的金额）；最低还款合计 {money(plan.minimums, cur)}",
        f"For debts each month: {money(plan.budget, cur)} (the amount you gave); minimums add up to "
        f"{money(plan.minimums, cur)}",
    ) if plan.input.for_debts is not None else pick(
        language,
        f"每月可用于还款：{money(plan.budget, cur)}（收入 {money(plan.input.monthly_income, cur)} − 必需开销 "
        f"{money(plan.input.essential_expenses, cur)}）；最低还款合计 {money(plan.minimums, cur)}",
        f"Available for debts each month: {money(plan.budget, cur)} (income {money(plan.input.monthly_income, cur)} "
        f"- essentials {money(plan.input.essential_expenses, cur)}); minimums add up to {money(plan.minimums, cur)}",
    )
    verdict = pick(language, "，够还。", ", which it covers.") if plan.feasible else pick(
        language, f"，每月缺 {money(plan.shortfall, cur)}。", f": {money(plan.shortfall, cur)} short each month.")
    return [line + verdict]


def overdue_lines(plan: Plan, language: str) -> list[str]:
    cur = plan.input.currency
    return [_unpriced_line(c, cur, language) if c.penalty_per_day == 0 else pick(
        language,
        f"· {c.loan}：逾期 {money(c.overdue_amount, cur)}（{c.days_overdue} 天），已产生罚息 {money(c.accrued_penalty, cur)}；"
        f"再拖每天 {money(c.penalty_per_day, cur)}，7 天 {money(c.next_7_days, cur)}，30 天 {money(c.next_30_days, cur)}；"
        f"现在还清可省下 {money(c.saved_by_paying_now, cur)}。",
        f"· {c.loan}: {money(c.overdue_amount, cur)} overdue ({c.days_overdue} days), {money(c.accrued_penalty, cur)} "
        f"penalty so far; waiting costs {money(c.penalty_per_day, cur)} a day, {money(c.next_7_days, cur)} over 7 days, "
        f"{money(c.next_30_days, cur)} over 30; paying it now saves {money(c.saved_by_paying_now, cur)}.",
    ) for c in plan.overdue]


def _unpriced_line(c: OverdueCost, cur: str, language: str) -> str:
    """An overdue loan whose delay no penalty prices: none given, or none to assume (a plan in dollars)."""
    fee = pick(language, "（滞纳金以合同为准）", " (a late fee set by its agreement may apply)") if c.penalty_assumed else ""
    return pick(language, f"· {c.loan}：逾期 {money(c.overdue_amount, cur)}（{c.days_overdue} 天），这里没有计入罚息{fee}。",
                f"· {c.loan}: {money(c.overdue_amount, cur)} overdue ({c.days_overdue} days); no penalty is counted on it{fee}.")


def interest_saved(plan: Plan, outcome: Outcome) -> Any:
    baseline = plan.outcomes.get("minimum_only")
    if baseline is None or not baseline.finished or not outcome.finished:
        return None
    return baseline.total_interest - outcome.total_interest


def comparison_lines(plan: Plan, language: str) -> list[str]:
    cur = plan.input.currency
    lines = []
    for name, outcome in plan.outcomes.items():
        saved = interest_saved(plan, outcome)
        saved_text = "" if saved is None or name == "minimum_only" else pick(
            language, f"，比只还最低少付利息 {money(saved, cur)}", f", {money(saved, cur)} less interest than minimums only")
        marker = " ★" if name == plan.recommended else ""
        if not outcome.finished:
            # "越滚越多" only when more is owed at the end than at the start: a card whose minimum covers its interest
            # shrinks while a loan from a brother with no minimum just never ends ("the debt keeps growing" was wrong
            # there: stop 30 red team); the loans never paid off are named
            start = sum((loan.balance for loan in plan.input.loans), Decimal(0))
            grows = outcome.remaining > start
            unpaid = [loan for loan, month in outcome.payoff_month.items() if month is None]
            never = ("、" if language == "zh" else ", ").join(unpaid)
            lines.append(pick(language, f"· {strategy_name(name, language)}{marker}：{_months(None, language)}"
                                        f"{'，按这个还法欠款越滚越多' if grows else f'，按这个还法「{never}」还不完'}",
                              f"· {strategy_name(name, language)}{marker}: {_months(None, language)}"
                              f"{'; the debt keeps growing' if grows else f'; {never} is never paid off'}"))
            continue
        lines.append(pick(
            language,
            f"· {strategy_name(name, language)}{marker}：{_months(outcome.months, language)}还清，利息 "
            f"{money(outcome.total_interest, cur)}，罚息 {money(outcome.total_penalties, cur)}，共付 "
            f"{money(outcome.total_paid, cur)}{saved_text}",
            f"· {strategy_name(name, language)}{marker}: {_months(outcome.months, language)}, interest "
            f"{money(outcome.total_interest, cur)}, penalties {money(outcome.total_penalties, cur)}, paid "
            f"{money(outcome.total_paid, cur)}{saved_text}",
        ))
        payoffs = pick(language, "，", ", ").join(
            f"{loan} {pick(language, f'第{month}月', f'month {month}') if month else pick(language, '还不完', 'never')}"
            for loan, month in outcome.payoff_month.items())
        lines.append(f"  {pick(language, '各笔还清', 'paid off')}: {payoffs}")
    return lines


def schedule_lines(plan: Plan, language: str, months: int | None = None) -> list[str]:
    outcome = plan.recommended_outcome
    if outcome is None:
        return []
    cur = plan.input.currency
    rows = outcome.schedule if months is None else outcome.schedule[:months]
    lines = []
    for row in rows:
        paid = pick(language, "，", ", ").join(f"{loan} {money(amount, cur)}" for loan, amount in row.payments.items()
                                              if amount > 0)
        lines.append(pick(language, f"第{row.month}月：{paid}", f"Month {row.month}: {paid}"))
    return lines


def summary_text(plan: Plan, language: str, limit: int = CHAT_LIMIT) -> str:
    """The plan for a chat message: under `limit` characters, dropping the schedule first if needed."""
    head = [pick(language, "📋 你的还款计划", "📋 Your repayment plan")]
    head += affordability_lines(plan, language)
    if plan.overdue:
        head.append(pick(language, "逾期的代价：", "What waiting costs:"))
        head += overdue_lines(plan, language)
    if plan.outcomes:
        head.append(pick(language, "方案对比：", "Plans side by side:"))
        head += comparison_lines(plan, language)
        head.append(pick(language, "先后顺序：", "Priorities:"))
        head += priorities(plan, language)
    advice = [pick(language, "建议：", "Suggestions:")] + [f"· {line}" for line in suggestions(plan, language)]
    schedule = schedule_lines(plan, language, months=3)
    if schedule:
        schedule = [pick(language, "前 3 个月怎么还（推荐方案）：", "The first 3 months (recommended plan):")] + schedule
    for parts in (head + schedule + advice, head + advice, head + advice[:4], head):
        text = "\n".join(parts)
        if len(text) <= limit:
            return text
    return text[: limit - 1] + "…"


def plan_to_json(plan: Plan, language: str = "zh") -> dict[str, Any]:
    """Exactly JSON_KEYS; money as strings rounded to cents, months as integers (null: never). A
    strategy that never ends has null totals, and its schedule stops at NEVER_ENDING_ROWS months."""
    strategies = {}
    for name, outcome in plan.outcomes.items():
        saved = interest_saved(plan, outcome)
        done = outcome.finished  # totals of a plan that never ends would only describe month 600
        strategies[name] = {
            "months": outcome.months,
            "total_interest": plain(outcome.total_interest) if done else None,
            "total_penalties": plain(outcome.total_penalties) if done else None,
            "total_paid": plain(outcome.total_paid) if done else None,
            "interest_saved": None if saved is None else plain(saved),
            "payoff_month": dict(outcome.payoff_month),
            "order": list(outcome.order),
        }
    outcome = plan.recommended_outcome
    return {
        "budget": plain(plan.budget),
        "minimums": plain(plan.minimums),
        "feasible": plan.feasible,
        "overdue": {c.loan: {
            "penalty_per_day": plain(c.penalty_per_day),
            "next_7_days": plain(c.next_7_days),
            "next_30_days": plain(c.next_30_days),
            "accrued_penalty": plain(c.accrued_penalty),
            "saved_by_paying_now": plain(c.saved_by_paying_now),
            "penalty_rate_assumed": c.penalty_assumed,
        } for c in plan.overdue},
        "strategies": strategies,
        "recommended": plan.recommended,
        "schedule": [] if outcome is None else [{
            "month": row.month,
            "payments": {loan: plain(amount) for loan, amount in row.payments.items()},
            "balances": {loan: plain(amount) for loan, amount in row.balances.items()},
        } for row in (outcome.schedule if outcome.finished else outcome.schedule[:NEVER_ENDING_ROWS])],
        "suggestions": priorities(plan, language) + suggestions(plan, language) if plan.feasible
        else suggestions(plan, language),
    }
