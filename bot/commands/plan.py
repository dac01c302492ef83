"""`python -m bot plan FILE.json|- [--json] [--chart OUT.png]`: a repayment plan from a JSON file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bot.planner.advice import priorities, strategy_name, suggestions
from bot.core.plan_answers import problem_text
from bot.planner.errors import PlanInputError
from bot.planner.json_input import MAX_JSON_BYTES, read_plan_json
from bot.planner.formatting import money, pick
from bot.planner.models import plan_input_from_dict
from bot.planner.plan import Plan, plan_repayments
from bot.planner.report import NEVER_ENDING_ROWS, affordability_lines, interest_saved, plan_to_json
from bot.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("plan", help="repayment plan from a JSON file of loans (see README.md, 'Repayment planner')",
                                   description=__doc__)
    parser.add_argument("file", help="JSON input file, or - for standard input")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--chart", type=Path, metavar="OUT.png", help="write the payoff chart to this PNG file")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of the text (default: DEFAULT_LANGUAGE)")
    parser.set_defaults(func=run)


def _read(source: str) -> Any:
    try:
        if source == "-":
            text = sys.stdin.read(MAX_JSON_BYTES + 1)
        else:
            with open(source, encoding="utf-8") as file:
                text = file.read(MAX_JSON_BYTES + 1)
    except OSError as exc:
        raise PlanInputError("file", f"cannot read {source}: {exc.strerror}", "a readable JSON file or -",
                             code="unreadable", value=source) from None
    except UnicodeDecodeError:
        raise PlanInputError("file", f"{source} is not UTF-8 text", "a UTF-8 JSON file", code="not_utf8",
                             value=source) from None
    return read_plan_json(text)


def error_line(error: PlanInputError, language: str) -> str:
    """One line: the field path (as in the JSON) and the problem in the reader's language."""
    if language == "zh":
        line = f"error: {error.field}: {problem_text(error, '', 'zh')}"
    else:
        line = f"error: {error}"
    return " ".join(line.split())


def run(args: argparse.Namespace, settings: Settings) -> int:
    language = args.lang or settings.default_language
    try:
        plan_input = plan_input_from_dict(_read(args.file))
        plan = plan_repayments(plan_input, settings.lpr_one_year, settings.lpr_as_of)  # checks the offer too
    except PlanInputError as exc:
        print(error_line(exc, language), file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(plan_to_json(plan, language), ensure_ascii=False, indent=2))
    else:
        print_plan(plan, language, Console(width=None if sys.stdout.isatty() else 120, highlight=False))
    if args.chart is not None:
        outcome = plan.recommended_outcome
        if outcome is None:
            print(pick(language, "预算不够最低还款，没有可画的还款计划，未生成图表。",
                       "No chart: the budget cannot pay the minimums, so there is no plan to draw."), file=sys.stderr)
        else:
            from bot.chart import render_payoff_chart  # matplotlib: loaded only when a chart is asked for

            try:
                args.chart.write_bytes(render_payoff_chart(outcome, language, plan_input.currency))
            except OSError as exc:
                print(f"error: --chart: cannot write {args.chart}: {exc.strerror}", file=sys.stderr)
                return 2
            if not args.json:
                print(pick(language, f"图表已保存到 {args.chart}", f"Chart written to {args.chart}"))
    return 0


def print_plan(plan: Plan, language: str, console: Console) -> None:
    """The plan as tables: cost of waiting, strategies side by side, priorities, schedule, suggestions."""
    cur = plan.input.currency
    for line in affordability_lines(plan, language):
        console.print(line)
    if plan.overdue:
        table = Table(title=pick(language, "逾期的代价", "What waiting costs"))
        for header in pick(language, "欠款|逾期金额|天数|已产生罚息|每天|7 天|30 天",
                           "loan|overdue|days|penalty so far|per day|7 days|30 days").split("|"):
            table.add_column(header, justify="left" if header in ("欠款", "loan") else "right")
        for c in plan.overdue:
            table.add_row(c.loan, money(c.overdue_amount, cur), str(c.days_overdue), money(c.accrued_penalty, cur),
                          money(c.penalty_per_day, cur), money(c.next_7_days, cur), money(c.next_30_days, cur))
        console.print(table)
    if plan.outcomes:
        names = [loan.name for loan in plan.input.loans]
        table = Table(title=pick(language, "方案对比（★ 推荐）", "Plans side by side (★ recommended)"))
        for header in pick(language, "方案|月数|利息|罚息|共付|比只还最低少付利息",
                           "plan|months|interest|penalties|total paid|interest saved").split("|"):
            table.add_column(header, justify="left" if header in ("方案", "plan") else "right",
                             no_wrap=header in ("方案", "plan"))
        for name, outcome in plan.outcomes.items():
            saved = interest_saved(plan, outcome)
            totals = [money(outcome.total_interest, cur), money(outcome.total_penalties, cur),
                      money(outcome.total_paid, cur)] if outcome.finished else ["-", "-", "-"]
            table.add_row(
                strategy_name(name, language) + (" ★" if name == plan.recommended else ""),
                str(outcome.months) if outcome.months else pick(language, "还不完", "never"),
                *totals,
                "-" if saved is None or name == "minimum_only" else money(saved, cur),
            )
        console.print(table)
        table = Table(title=pick(language, "每笔在第几个月还清", "Month each loan is paid off"))
        table.add_column(pick(language, "欠款", "loan"))
        for name in plan.outcomes:
            table.add_column(strategy_name(name, language).split("（")[0].split(" (")[0], justify="right")
        for loan in names:
            table.add_row(loan, *[str(outcome.payoff_month[loan] or "-") for outcome in plan.outcomes.values()])
        console.print(table)
        console.print(pick(language, "先后顺序：", "Priorities:"))
        for line in priorities(plan, language):
            console.print(line)
        outcome = plan.recommended_outcome
        assert outcome is not None
        table = Table(title=pick(language, f"推荐方案逐月：{strategy_name(outcome.name, language)}",
                                 f"Month by month: {strategy_name(outcome.name, language)}"))
        table.add_column(pick(language, "月", "month"), justify="right")
        for name in names:
            table.add_column(pick(language, f"{name} 还款", f"{name} paid"), justify="right")
            table.add_column(pick(language, f"{name} 余额", f"{name} owed"), justify="right")
        rows = outcome.schedule if outcome.finished else outcome.schedule[:NEVER_ENDING_ROWS]
        for row in rows:
            cells = []
            for name in names:
                cells += [money(row.payments[name], cur), money(row.balances[name], cur)]
            table.add_row(str(row.month), *cells)
        if not outcome.finished:
            table.add_row("…", *[pick(language, "还不完", "never ends")] * (2 * len(names)))
        console.print(table)
    console.print(pick(language, "建议：", "Suggestions:"))
    for line in suggestions(plan, language):
        console.print(f"· {line}")
