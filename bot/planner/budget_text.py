"""A budget answer in the borrower's words: income and essential costs, each amount by the words around it.

At the income step "工资5千左右，房租吃饭要3千" was read as an income of 3,000, "about 3.2k a month, rent and food is like
2500" and "房租1500，吃饭1000" as "commas in the wrong places" (stop 26 red team). Each amount is income or a cost by the
words before it (else just after it); costs are added up; an amount with neither is what the step asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from bot.planner.amounts import normalise
from bot.planner.extraction import money_in

INCOME, EXPENSES = "monthly_income", "essential_expenses"
_INCOME = re.compile(r"工资|收入|月薪|薪水|薪资|到手|挣|赚|兼职|income|salary|salaries|earn|make|made|take[- ]?home|wages?|"
                     r"paycheck|\bget paid\b|\bi get\b|side (?:job|gig)|after tax(?:es)?|\bnet\b|税后|月入|年薪", re.IGNORECASE)
_COST = re.compile(r"房租|租金|租房|吃饭|伙食|饭钱|生活|日常|杂费|开销|开支|花销|花费|花掉|要花|交通|车费|油费|话费|水电|物业|房贷|孩子|家里|给家|"
                   r"给爸妈|父母|医药|看病|保险|学费|网费|rent|food|groceries|grocery|phone|bills?|utilities|transport|gas|"
                   r"insurance|childcare|daycare|kids?|expenses?|spend|costs?|mortgage|car|commute|tuition|internet|支出|电费|水费|燃气",
                   re.IGNORECASE)
_SEPARATOR = re.compile(r"[，,;；。\n、]|\s+(?:and|plus|but|then)\s+|\+|和|加上|还有", re.IGNORECASE)
MAX_CHARS = 300


# How often an amount comes: a month's worth is what the plan needs ("I get paid 1600 every two weeks" was an income of
# 1,600 a month, stop 27 red team)
_PER = ((re.compile(r"^\s*(?:every (?:two|2) weeks|every other week|bi-?weekly|a fortnight|every fortnight|每两周|两周)", re.I),
         Decimal(26) / Decimal(12)),
        (re.compile(r"^\s*(?:a|per|each|every) week|^\s*weekly|^\s*/\s*(?:week|wk)|^\s*每周|^\s*一周", re.I), Decimal(52) / Decimal(12)),
        (re.compile(r"^\s*(?:a|per|each|every) year|^\s*(?:annually|yearly)|^\s*/\s*(?:year|yr)|^\s*一年|^\s*每年", re.I),
         Decimal(1) / Decimal(12)))
_PER_BEFORE = ((re.compile(r"(?:年薪|年收入|一年)\s*$"), Decimal(1) / Decimal(12)), (re.compile(r"(?:周薪|每周)\s*$"), Decimal(52) / Decimal(12)))


def _monthly(value: Decimal, before: str, after: str) -> tuple[Decimal, bool]:
    """The amount a month, and whether it was said for another period."""
    for pattern, factor in _PER:
        if pattern.search(after):
            return (value * factor).quantize(Decimal("0.01")), True
    for pattern, factor in _PER_BEFORE:
        if pattern.search(before):
            return (value * factor).quantize(Decimal("0.01")), True
    return value, False


@dataclass
class Budget:
    """What a budget answer states: the income, the costs (each, and their sum), amounts of neither kind."""

    income: list[Decimal] = field(default_factory=list)
    costs: list[Decimal] = field(default_factory=list)
    other: list[Decimal] = field(default_factory=list)
    scaled: bool = False  # an amount was said for a week, two weeks or a year

    def values(self, step: str) -> dict[str, Decimal]:
        """The budget fields it gives, an amount of neither kind going to the step asked (one, or the costs added)."""
        income, costs = list(self.income), list(self.costs)
        if step == INCOME and not income and self.other:
            income, rest = [self.other[0]], self.other[1:]
            costs += rest if costs else []
        elif step == INCOME and costs:
            costs += self.other  # "月薪1万，房贷4000，另外2000": an amount beside the costs is one of them
        elif step == EXPENSES:
            costs += self.other
        found: dict[str, Decimal] = {}
        if income:
            found[INCOME] = sum(income, Decimal(0))
        if costs:
            found[EXPENSES] = sum(costs, Decimal(0))
        return found


def _kind(before: str, after: str) -> str | None:
    """Income or a cost by the nearest word before the amount ("工资5千，房租吃饭要3千"), else the first after it ("1200 for
    rent"); None for neither."""
    income = [m.end() for m in _INCOME.finditer(before)]
    cost = [m.end() for m in _COST.finditer(before)]
    if income or cost:
        return INCOME if max(income, default=-1) > max(cost, default=-1) else EXPENSES
    income = [m.start() for m in _INCOME.finditer(after)]
    cost = [m.start() for m in _COST.finditer(after)]
    if income or cost:
        return INCOME if min(income, default=10**6) < min(cost, default=10**6) else EXPENSES
    return None


def stated_budget(text: str) -> dict[str, Decimal] | None:
    """Income or costs said in so many words, every amount of the text one of them ("i make about 3.2k a month,
    rent+food ~2500" at a loan's step: kept for the budget steps, which are then not asked); None otherwise."""
    if len(text) > MAX_CHARS:
        return None
    budget = _read(text)
    if budget is None or budget.other or not (budget.income or budget.costs):
        return None
    return budget.values(INCOME)


def _read(text: str) -> Budget | None:
    lowered = normalise(text)
    amounts = money_in(text)
    if not amounts:
        return None
    budget = Budget()
    starts = [start for start, _ in amounts]
    for number, (start, value) in enumerate(amounts):
        previous_end = _end_of(lowered, starts[number - 1]) if number else 0
        before = _SEPARATOR.split(lowered[previous_end:start])[-1]
        end = _end_of(lowered, start)
        following = starts[number + 1] if number + 1 < len(starts) else len(lowered)
        after = _SEPARATOR.split(lowered[end:following])[0]
        kind = _kind(before, after)
        value, scaled = _monthly(value, before, lowered[end:following])
        budget.scaled = budget.scaled or scaled
        (budget.income if kind == INCOME else budget.costs if kind == EXPENSES else budget.other).append(value)
    return budget


def read_budget(text: str, step: str, single: bool = False) -> dict[str, Decimal] | None:
    """The budget fields an answer at the income or costs step gives, when it says more than one amount for the step:
    both fields, costs to add up, or the other field only ("房租3000" when the income is asked); None otherwise (the
    step's own parser reads a plain answer)."""
    if step not in (INCOME, EXPENSES) or len(text) > MAX_CHARS:
        return None
    budget = _read(text)
    if budget is None:
        return None
    amounts = budget.income + budget.costs + budget.other
    found = budget.values(step)
    if len(amounts) == 1 and set(found) == {step} and not single and not budget.scaled:
        return None  # one amount for the step: its own parser reads it (ranges, "3万多", refusals)
    return found or None


_AMOUNT_END = re.compile(r"(?:[\d.]|,(?=\d{3}))*\s*(?:[万千百kKwW]|thousand|grand)?\s*(?:元|块钱?|rmb|yuan|dollars?|bucks)?", re.IGNORECASE)


def _end_of(lowered: str, start: int) -> int:
    match = _AMOUNT_END.match(lowered, start + 1)
    return match.end() if match else start + 1
