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
from bot.planner.corrections import HOLD_ON_ZH, SAID_WRONG_ZH, TAKE_BACK_EN
from bot.planner.extraction import money_in

INCOME, EXPENSES = "monthly_income", "essential_expenses"
_INCOME = re.compile(r"工资|收入|月薪|薪水|薪资|底薪|提成|奖金|到手|挣|赚|兼职|commission|bonus|overtime|income|salary|salaries|earn|make|made|take[- ]?home|wages?|"
                     r"paycheck|\bget paid\b|\bi get\b|side (?:job|gig)|after tax(?:es)?|\bnet\b|税后|月入|年薪", re.IGNORECASE)
# "每个月必须花的大概4500", "essentials 2.6k" (stop 33 red team: only the income was kept)
_COST = re.compile(r"房租|租金|租房|吃饭|伙食|饭钱|生活|日常|杂费|开销|开支|花销|花费|花掉|要花|必须花|得花|花的|必需|必要的|essentials?|"
                   r"necessit(?:y|ies)|交通|车费|油费|话费|水电|物业|房贷|孩子|家里|给家|"
                   r"给爸妈|父母|医药|看病|保险|学费|网费|rent|food|groceries|grocery|phone|bills?|utilities|transport|gas|"
                   r"insurance|childcare|daycare|kids?|expenses?|spend|costs?|mortgage|car|commute|tuition|internet|支出|电费|水费|燃气",
                   re.IGNORECASE)
# a sentence's end too ("maybe 2500 on a good month? spending idk like 1800": the 2500 was a cost, stop 28 red team)
_SEPARATOR = re.compile(r"[，,;；。\n、?？!！]|\.(?!\d)|\s+(?:and|plus|but|then)\s+|\+|和|加上|还有", re.IGNORECASE)
# "expenses 1800 not 4300": the amount after "not" is the one corrected away
# the amount before said again, rounded or corrected: "2600 so maybe 2,700", "3000, or say 3200", "5000，算5500吧"
# a self-correction too: "3200 take home. wait no its 3020 after the 401k" (stop 29 red team: an income of 6,220)
_INSTEAD_BEFORE = re.compile(r"^\s*(?:so|or|,|，)?\s*(?:so |or )?(?:maybe|actually|make it|call it|say|let'?s say|rather|"
                             r"就算|算|按|或者说|还是按|不对)\s*[$¥]?\s*$|"
                             rf"^\s*(?:{TAKE_BACK_EN}|no|nope)\b[\s,.!]*"
                             rf"(?:(?:{TAKE_BACK_EN}|no|actually)\b[\s,.!]*)*"
                             r"(?:it'?s|it is|its|make (?:it|that)|should be|actually|more like|is)?\s*[$¥]?\s*$|"
                             rf"^\s*(?:{SAID_WRONG_ZH}|{HOLD_ON_ZH}|应该是|其实是)[\s,，。!！]*(?:是|应该是)?\s*[$¥]?\s*$|"
                             # a pay cut to come: the plan runs for months on the lower figure ("工资5500 不过下个月开始降薪到4500":
                             # stop 29 red team, planned on 5,500)
                             r"(?:降到|降薪到|降为|减到|减少到|drops? to|dropping to|going down to|cut to|reduced to)\s*[$¥]?\s*$",
                             re.IGNORECASE)
# A second figure for the same thing, not another one: "3.2k after taxes, sometimes 3.5k with overtime" was an income of
# 6,700 (stop 30 red team). The plan runs on the safer figure: the lower income, the higher cost.
_ALTERNATIVE = re.compile(r"\b(?:sometimes|some months|up to|at most|max(?:imum)?|(?:in )?a good month|good months?|busy months?|"
                          r"with overtime|if i get overtime)\b|有时候?|有的月|最多|最高|好的时候|旺季|多的时候|加班(?:的话|多的话)?",
                          re.IGNORECASE)
# what it comes to on average replaces the figure before it: "底薪5000加提成，平均下来8000左右" (stop 30 red team: 5,000)
_AVERAGE = re.compile(r"\b(?:on )?average\b|\busually\b|\btypically\b|平均|一般|通常", re.IGNORECASE)
# a value taken back in words before its label said again ("不对房租是2300", "sorry rent is 1250", "actually rent is 1250")
_TAKEN_BACK = re.compile(rf"(?:{SAID_WRONG_ZH}|{HOLD_ON_ZH}|\b(?:{TAKE_BACK_EN}|actually|no)\b)", re.IGNORECASE)
_NOT_BEFORE = re.compile(r"(?:\bnot|\bisn'?t|\binstead of|\brather than|不是|而不是)\s*[$¥￥]?\s*$", re.IGNORECASE)
MAX_CHARS = 300


# How often an amount comes: a month's worth is what the plan needs ("I get paid 1600 every two weeks" was an income of
# 1,600 a month, stop 27 red team)
_PER = ((re.compile(r"^\s*(?:every (?:two|2) weeks|every other week|bi-?weekly|a fortnight|every fortnight|每两周|两周)", re.I),
         Decimal(26) / Decimal(12)),
        (re.compile(r"^\s*(?:a|per|each|every) week|^\s*weekly|^\s*/\s*(?:week|wk)|^\s*每周|^\s*一周", re.I), Decimal(52) / Decimal(12)),
        (re.compile(r"^\s*(?:a|per|each|every) year|^\s*(?:annually|yearly)|^\s*/\s*(?:year|yr)|^\s*一年|^\s*每年", re.I),
         Decimal(1) / Decimal(12)),
        # "i get 2400 twice a month" (stop 34 red team: an income of 2,400)
        (re.compile(r"^\s*(?:twice|two times|2 times|2x) (?:a|per|every|each) month|^\s*semi-?monthly|^\s*每月两次|^\s*一个月两次",
                    re.I), Decimal(2)))
_PER_BEFORE = ((re.compile(r"(?:年薪|年收入|一年)\s*$"), Decimal(1) / Decimal(12)), (re.compile(r"(?:周薪|每周)\s*$"), Decimal(52) / Decimal(12)),
               # "biweekly paycheck 1600", "weekly pay is 600" (stop 34 red team: 1,600 a month)
               (re.compile(r"\b(?:bi-?weekly|every (?:two|2) weeks|every other week|fortnightly)\s*(?:pay ?checks?|pay|salary|income|"
                           r"wages?)?\s*(?:is|of|are|:)?\s*(?:about|around|like|roughly)?\s*[$]?\s*$", re.I), Decimal(26) / Decimal(12)),
               (re.compile(r"\bweekly\s*(?:pay ?checks?|pay|salary|income|wages?)?\s*(?:is|of|are|:)?\s*(?:about|around|like|roughly)?\s*"
                           r"[$]?\s*$", re.I), Decimal(52) / Decimal(12)))
# pay said before tax ("52k a year before taxes", "税前1万2"): dropped when the take-home pay is said beside it
_GROSS = re.compile(r"^\s*(?:[a-z/ ]{0,14})?\b(?:before (?:tax(?:es)?|deductions)|pre-?tax|gross)\b|^\s*税前", re.IGNORECASE)
_GROSS_BEFORE = re.compile(r"(?:\bgross|\bpre-?tax|税前)[^\d]{0,12}$", re.IGNORECASE)
# "between 400 and 500 a week": the period said after the second amount is the first one's too
_JOINED = re.compile(r"^\s*(?:and|to|or|-|–|~|到|至)\s*[$¥￥]?\s*$", re.IGNORECASE)


def monthly_amount(value: Decimal, before: str, after: str) -> tuple[Decimal, bool]:
    """The amount a month, and whether it was said for another period (`before` and `after`: the words around it)."""
    for pattern, factor in _PER:
        if pattern.search(after):
            return (value * factor).quantize(Decimal("0.01")), True
    for pattern, factor in _PER_BEFORE:
        if pattern.search(before):
            return (value * factor).quantize(Decimal("0.01")), True
    return value, False


_monthly = monthly_amount


@dataclass
class Budget:
    """What a budget answer states: the income, the costs (each, and their sum), amounts of neither kind."""

    income: list[Decimal] = field(default_factory=list)
    costs: list[Decimal] = field(default_factory=list)
    other: list[Decimal] = field(default_factory=list)
    scaled: bool = False  # an amount was said for a week, two weeks or a year
    corrected: bool = False  # an amount was said again, corrected or restated ("3200. wait no its 3020")

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


def _label(text: str, last: bool) -> tuple[str, str] | None:
    """(kind, word) of the income or cost word nearest the amount: the last one in the text before it
    ("工资5千，房租吃饭要3千"), or the first one in the text after it ("1200 for rent", "2k income")."""
    words = [(m.end() if last else -m.start(), kind, m.group(0))
             for pattern, kind in ((_INCOME, INCOME), (_COST, EXPENSES)) for m in pattern.finditer(text)]
    if not words:
        return None
    _, kind, word = max(words)
    return kind, word.lower()


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
    labels: list[tuple[tuple[str, str] | None, tuple[str, str] | None, str, str]] = []
    for number, (start, value) in enumerate(amounts):
        previous_end = _end_of(lowered, starts[number - 1]) if number else 0
        before = _SEPARATOR.split(lowered[previous_end:start])[-1]
        end = _end_of(lowered, start)
        following = starts[number + 1] if number + 1 < len(starts) else len(lowered)
        after = _SEPARATOR.split(lowered[end:following])[0]
        rest = lowered[end:following]
        if _JOINED.match(rest) and number + 1 < len(starts):
            rest = lowered[_end_of(lowered, following):]  # "between 400 and 500 a week": the second amount's period
        # the last piece before the amount, else all since the previous amount ("rent and stuff 1700")
        label_before = _label(before, True) or _label(lowered[previous_end:start], True)
        labels.append((label_before, _label(after, False), before, rest))
    # labels written after their amounts ("2k income 1.6k bills": the 1.6k was income by the word before it, stop 28
    # red team) when the first amount has its word after it and none before
    postfix = labels[0][0] is None and labels[0][1] is not None
    seen: set[tuple[str, str, Decimal]] = set()
    said_at: dict[str, tuple[list[Decimal], int]] = {}  # each label word's amount: where a correction of it goes
    last: list[Decimal] | None = None
    gross: list[bool] = []  # each income amount: said before tax
    for number, ((start, value), (label_before, label_after, before, rest)) in enumerate(zip(amounts, labels)):
        if _NOT_BEFORE.search(lowered[max(0, start - 16):start]):
            continue
        # all that was said since the amount before ("工资5500，不对，是5300": the last piece alone is "是")
        between = lowered[_end_of(lowered, starts[number - 1]):start] if last and number else ""
        if last and (_INSTEAD_BEFORE.search(before) or _INSTEAD_BEFORE.search(between.lstrip(" ,，.。!！;；"))):
            budget.corrected = True
            # "rent+food+car is like 2600 so maybe 2,700 to be safe": the same cost said again, not another (was 5,300)
            last[-1] = _monthly(value, before, rest)[0]
            continue
        if last and number and (_ALTERNATIVE.search(before) or _AVERAGE.search(before)):
            said, _ = _monthly(value, before, rest)
            budget.corrected = True
            if _AVERAGE.search(before):
                last[-1] = said
            else:
                # unlabelled ("3000, sometimes 3500"): the first figure said stands
                last[-1] = (min(last[-1], said) if last is budget.income else max(last[-1], said) if last is budget.costs
                            else last[-1])
            continue
        label = (label_after or label_before) if postfix else (label_before or label_after)
        value, scaled = _monthly(value, before, rest)
        if label is not None and label[1] in said_at and _TAKEN_BACK.search(before):
            # "房租2000 吃饭1500 … 不对房租是2300": the rent said again, corrected (stop 30 red team: 7,100, not 5,100)
            where, index = said_at[label[1]]
            where[index] = value
            budget.corrected = True
            continue
        if label is not None:
            if (label[0], label[1], value) in seen:
                continue  # "my expenses are 1800!! change essential expenses to 1800": one cost said twice (was 3,600)
            seen.add((label[0], label[1], value))
        budget.scaled = budget.scaled or scaled
        kind = label[0] if label else None
        last = budget.income if kind == INCOME else budget.costs if kind == EXPENSES else budget.other
        last.append(value)
        if kind == INCOME:
            gross.append(bool(_GROSS.match(rest)) or bool(_GROSS_BEFORE.search(before)))
        if label is not None:
            said_at[label[1]] = (last, len(last) - 1)
    if any(gross) and not all(gross) and len(gross) == len(budget.income):
        # "i make 52k a year before taxes, idk after tax maybe 3400 a month": the pay before tax is no take-home pay
        # (stop 34 red team: both were added, $7,733.33)
        budget.income = [value for value, before_tax in zip(budget.income, gross) if not before_tax]
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
    if len(amounts) == 1 and set(found) == {step} and not single and not budget.scaled and not budget.corrected:
        return None  # one amount for the step: its own parser reads it (ranges, "3万多", refusals)
    return found or None


# "k" and "w" are units only as words of their own: "3200 wait its 3020" lost its "w" to the 3200 (stop 30)
_AMOUNT_END = re.compile(r"(?:[\d.]|,(?=\d{3}))*\s*(?:[万千百]|[kKwW]\b|thousand|grand)?\s*(?:元|块钱?|rmb|yuan|dollars?|bucks)?", re.IGNORECASE)


def only_amount_a_month(text: str) -> Decimal | None:
    """The text's one amount as a month's worth ("50 bucks a week" is 216.67), or None unless it has exactly one."""
    amounts = money_in(text)
    if len(amounts) != 1 or amounts[0][1] <= 0:
        return None
    lowered = normalise(text)
    start, value = amounts[0]
    return monthly_amount(value, lowered[:start], lowered[_end_of(lowered, start):])[0]


def _end_of(lowered: str, start: int) -> int:
    match = _AMOUNT_END.match(lowered, start + 1)
    return match.end() if match else start + 1
