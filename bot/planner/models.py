"""The planner's inputs, validated on construction: loans, the household budget, a lender's offer.

Every check raises `PlanInputError` naming the field (as a path, e.g. `loans[2].balance`) and
what is accepted. `plan_input_from_dict` reads the JSON format of `python -m bot plan` and of a
stored profile; `plan_input_to_dict` writes it back (money as strings, so nothing is lost).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from bot.planner.amounts import (
    MAX_ANNUAL_RATE,
    MAX_MONTHS,
    MIN_MONTHS,
    check_annual_rate,
    parse_amount,
    parse_days,
    parse_months,
    parse_rate_detail,
    shown,
    to_decimal,
)
from bot.planner.errors import PlanInputError

KINDS = ("bank_loan", "credit_card", "online_lender", "private")
STRATEGIES = ("avalanche", "snowball")
MAX_DAYS_OVERDUE = 3650
MAX_LOANS = 20
DAYS_PER_YEAR = Decimal(365)
DEFAULT_PENALTY_FACTOR = Decimal("1.5")  # unknown penalty rate: the contract daily rate x 1.5


def assumed_penalty_factor(currency: str) -> Decimal:
    """What an unknown penalty rate is taken to be, as a multiple of the contract daily rate: x 1.5 for a plan in yuan
    (the PBOC's 30%-50% rule, FACTS.md); none on top of the contract interest elsewhere. A US card or loan charges a
    late fee set by its agreement and may raise the APR, neither of which is a share of the daily rate (stop 34: the
    wizard told a borrower in dollars it would "assume the contract daily rate x 1.5", a Chinese bank rule)."""
    return DEFAULT_PENALTY_FACTOR if currency.upper() == "CNY" else Decimal(0)


def check_positive(value: Decimal, field: str) -> Decimal:
    if value <= 0:
        raise PlanInputError(field, f"must be more than 0, got {value}", "an amount above 0", code="not_positive")
    return value


def check_not_negative(value: Decimal, field: str) -> Decimal:
    if value < 0:
        raise PlanInputError(field, f"must not be negative, got {value}", "0 or more", code="negative")
    return value


def check_days(value: int, field: str) -> int:
    if value < 0:
        raise PlanInputError(field, f"must not be negative, got {value}", "0 or more days", code="negative")
    if value > MAX_DAYS_OVERDUE:
        raise PlanInputError(field, f"{value} days is more than 10 years", "0 to 3650 days", code="too_high")
    return value


def check_kind(value: object, field: str) -> str:
    if value not in KINDS:
        raise PlanInputError(field, f"'{shown(value)}' is not a kind of loan", ", ".join(KINDS), code="unknown",
                             value=shown(value), zh="不是一种欠款类型（信用卡 credit_card、网贷 online_lender、"
                             "银行贷款 bank_loan、私人借款 private）")
    return str(value)


@dataclass(frozen=True)
class Loan:
    """One debt. `balance` is everything owed now except penalty, the overdue part included."""

    name: str
    kind: str
    balance: Decimal
    annual_rate: Decimal
    min_payment: Decimal
    days_overdue: int = 0
    overdue_amount: Decimal = Decimal(0)
    penalty_daily_rate: Decimal | None = None  # None: the contract daily rate x penalty_factor (an assumption)
    penalty_factor: Decimal = DEFAULT_PENALTY_FACTOR  # set from the plan's currency (assumed_penalty_factor)

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise PlanInputError("name", "is empty", "a short name such as 招行信用卡", code="missing")
        check_kind(self.kind, "kind")
        check_positive(self.balance, "balance")
        check_annual_rate(self.annual_rate, "annual_rate")
        check_not_negative(self.min_payment, "min_payment")
        check_days(self.days_overdue, "days_overdue")
        check_not_negative(self.overdue_amount, "overdue_amount")
        if self.days_overdue > 0 and self.overdue_amount == 0:
            raise PlanInputError("overdue_amount", f"is missing for a loan {self.days_overdue} days overdue",
                                 "the amount past due, above 0", code="missing")
        if self.overdue_amount > self.balance:
            raise PlanInputError("overdue_amount", f"{self.overdue_amount} is more than the balance {self.balance}",
                                 "at most the balance", code="too_high")
        if self.penalty_daily_rate is not None:
            check_annual_rate(self.penalty_daily_rate * DAYS_PER_YEAR, "penalty_daily_rate")

    @property
    def daily_rate(self) -> Decimal:
        return self.annual_rate / DAYS_PER_YEAR

    @property
    def monthly_rate(self) -> Decimal:
        return self.annual_rate / 12

    @property
    def penalty_rate(self) -> Decimal:
        """The daily penalty rate on the overdue amount, given or assumed."""
        if self.penalty_daily_rate is not None:
            return self.penalty_daily_rate
        return self.daily_rate * self.penalty_factor

    @property
    def penalty_assumed(self) -> bool:
        return self.penalty_daily_rate is None and self.overdue_amount > 0

    @property
    def accrued_penalty(self) -> Decimal:
        return self.overdue_amount * self.penalty_rate * self.days_overdue

    @property
    def owed(self) -> Decimal:
        return self.balance + self.accrued_penalty


@dataclass(frozen=True)
class Offer:
    """A lender's restructuring offer: `months` payments of `monthly_payment`, or principal/months plus
    `fee_per_period` (a fraction of the principal each month); an optional fee paid up front."""

    months: int
    monthly_payment: Decimal | None = None
    fee_per_period: Decimal | None = None
    upfront_fee: Decimal = Decimal(0)
    loan: str | None = None  # which loan it restructures; its balance (+ penalty) is the principal
    principal: Decimal | None = None

    def __post_init__(self) -> None:
        if isinstance(self.months, bool) or not isinstance(self.months, int) or not MIN_MONTHS <= self.months <= MAX_MONTHS:
            raise PlanInputError("offer.months", f"{shown(self.months)} is out of range", "1 to 600 months",
                                 code="out_of_range", value=shown(self.months))
        if (self.monthly_payment is None) == (self.fee_per_period is None):
            raise PlanInputError("offer", "give either monthly_payment or fee_per_period",
                                 "monthly_payment: 1200 or fee_per_period: 0.006", code="missing")
        if self.monthly_payment is not None:
            check_positive(self.monthly_payment, "offer.monthly_payment")
        if self.fee_per_period is not None:
            check_not_negative(self.fee_per_period, "offer.fee_per_period")
        check_not_negative(self.upfront_fee, "offer.upfront_fee")
        if self.principal is not None:
            check_positive(self.principal, "offer.principal")


@dataclass(frozen=True)
class PlanInput:
    loans: tuple[Loan, ...]
    monthly_income: Decimal
    essential_expenses: Decimal
    extra: Decimal = Decimal(0)  # a one-off amount available in month 1
    strategy: str | tuple[str, ...] | None = None  # avalanche | snowball | loan names in order | None
    currency: str = "CNY"
    offer: Offer | None = None
    # "what if I can only pay 300 a month": the amount tried instead of income less expenses (none are made up for it)
    for_debts: Decimal | None = None

    def __post_init__(self) -> None:
        if not self.loans:
            raise PlanInputError("loans", "no loans given", "a list of 1 to 20 loans", code="missing")
        if len(self.loans) > MAX_LOANS:
            raise PlanInputError("loans", f"{len(self.loans)} loans is too many", "1 to 20 loans", code="invalid",
                                 zh=f"最多 {MAX_LOANS} 笔，这里有 {len(self.loans)} 笔")
        names = [loan.name for loan in self.loans]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise PlanInputError("loans", f"two loans are called {duplicates[0]}", "a different name for each loan",
                                 code="invalid", zh=f"有两笔都叫「{duplicates[0]}」，请给每笔起不同的名字")
        check_not_negative(self.monthly_income, "monthly_income")
        check_not_negative(self.essential_expenses, "essential_expenses")
        factor = assumed_penalty_factor(self.currency)
        if any(loan.penalty_factor != factor for loan in self.loans):  # the currency decides what is assumed
            object.__setattr__(self, "loans", tuple(replace(loan, penalty_factor=factor) for loan in self.loans))
        check_not_negative(self.extra, "extra")
        if self.for_debts is not None:
            check_not_negative(self.for_debts, "for_debts")
        if isinstance(self.strategy, tuple):
            unknown = [name for name in self.strategy if name not in names]
            if unknown:
                raise PlanInputError("strategy", f"'{unknown[0]}' is not one of the loans",
                                     "avalanche, snowball, or a list of loan names", code="unknown",
                                     zh=f"「{shown(unknown[0])}」不是你的任何一笔欠款")
        elif self.strategy is not None and self.strategy not in STRATEGIES:
            raise PlanInputError("strategy", f"'{self.strategy}' is not a strategy",
                                 "avalanche, snowball, or a list of loan names", code="unknown",
                                 zh=f"「{shown(self.strategy)}」不是还款策略（avalanche 雪崩法、snowball 雪球法，或按欠款名排序）")
        if self.offer is not None and self.offer.loan is not None and self.offer.loan not in names:
            raise PlanInputError("offer.loan", f"'{self.offer.loan}' is not one of the loans", ", ".join(names),
                                 code="unknown", zh=f"「{shown(self.offer.loan)}」不是你的任何一笔欠款")

    @property
    def budget(self) -> Decimal:
        """What is left each month for debts: income minus essential expenses (may be negative), or the amount tried."""
        return self.for_debts if self.for_debts is not None else self.monthly_income - self.essential_expenses

    def loan(self, name: str) -> Loan:
        return next(loan for loan in self.loans if loan.name == name)


def _get(data: dict[str, Any], key: str, path: str, required: bool = True) -> Any:
    if key not in data or data[key] is None or data[key] == "":
        if required:
            raise PlanInputError(path, "is missing", code="missing")
        return None
    return data[key]


def _amount(data: dict[str, Any], key: str, path: str, default: Decimal | None = None) -> Decimal:
    value = _get(data, key, path, required=default is None)
    return default if value is None else parse_amount(value, path)  # type: ignore[return-value]


def _json_rate(value: object, path: str, basis: str) -> Decimal:
    """A rate in JSON, as an annual fraction: a plain number is a fraction per `basis` period
    (annual_rate 0.18, daily_rate 0.0005); a string with words or % is read like chat ("日息万五")."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) or (
        isinstance(value, str) and value.strip().replace(".", "", 1).isdigit()
    ):
        return to_decimal(value, path) * (DAYS_PER_YEAR if basis == "daily" else 1)
    if not isinstance(value, str):
        raise PlanInputError(path, f"{shown(value)!r} is not a rate", "a number such as 0.18, or 18%",
                             code="not_a_number", value=shown(value))
    detail = parse_rate_detail(value, path)
    if basis == "monthly":  # a fee per period: "0.75%" is per month
        return detail.per_period if detail.basis == "annual" else detail.annual / 12
    if detail.basis == "annual" and basis == "daily" and "%" in value:
        return detail.per_period * DAYS_PER_YEAR  # daily_rate: "0.05%" is per day
    return detail.annual


def loan_from_dict(data: object, index: int) -> Loan:
    """One loan from JSON; `index` (1-based) names it in error messages: `loans[2].balance`."""
    path = f"loans[{index}]"
    if not isinstance(data, dict):
        raise PlanInputError(path, "is not an object", '{"name": ..., "balance": ...}', code="invalid",
                             zh='应该是一个对象，比如 {"name": ..., "balance": ...}')
    name = str(data.get("name") or f"loan {index}").strip()[:60]
    kind = check_kind(data.get("kind", "bank_loan"), f"{path}.kind")
    balance = _amount(data, "balance", f"{path}.balance")
    if data.get("annual_rate") not in (None, ""):
        rate = _json_rate(data["annual_rate"], f"{path}.annual_rate", "annual")
    elif data.get("daily_rate") not in (None, ""):
        rate = _json_rate(data["daily_rate"], f"{path}.daily_rate", "daily")
    else:
        raise PlanInputError(f"{path}.annual_rate", "is missing", "annual_rate (0.18) or daily_rate (0.0005)",
                             code="missing")
    penalty = data.get("penalty_daily_rate")
    if penalty not in (None, ""):
        penalty = _json_rate(penalty, f"{path}.penalty_daily_rate", "daily") / DAYS_PER_YEAR
    else:
        penalty = None
    days = data.get("days_overdue") or 0
    try:
        return Loan(
            name=name,
            kind=kind,
            balance=balance,
            annual_rate=rate,
            min_payment=_amount(data, "min_payment", f"{path}.min_payment"),
            days_overdue=parse_days(days, f"{path}.days_overdue"),
            overdue_amount=_amount(data, "overdue_amount", f"{path}.overdue_amount", Decimal(0)),
            penalty_daily_rate=penalty,
        )
    except PlanInputError as exc:
        if exc.field.startswith(path):
            raise
        raise exc.at(f"{path}.{exc.field}") from None


def offer_from_dict(data: object) -> Offer:
    if not isinstance(data, dict):
        raise PlanInputError("offer", "is not an object", '{"months": 12, "monthly_payment": 1000}', code="invalid",
                             zh='应该是一个对象，比如 {"months": 12, "monthly_payment": 1000}')
    months = parse_months(_get(data, "months", "offer.months"), "offer.months")
    fee = data.get("fee_per_period")
    loan = data.get("loan")
    if loan is not None and not isinstance(loan, str):
        raise PlanInputError("offer.loan", f"{shown(loan)!r} is not a loan name", "the name of one of the loans",
                             code="invalid", zh="应该写成一笔欠款的名字")
    return Offer(
        months=months,
        monthly_payment=None if data.get("monthly_payment") in (None, "") else
        parse_amount(data["monthly_payment"], "offer.monthly_payment"),
        fee_per_period=None if fee in (None, "") else _json_rate(fee, "offer.fee_per_period", "monthly"),
        upfront_fee=_amount(data, "upfront_fee", "offer.upfront_fee", Decimal(0)),
        loan=loan,
        principal=None if data.get("principal") in (None, "") else parse_amount(data["principal"], "offer.principal"),
    )


def plan_input_from_dict(data: object) -> PlanInput:
    """The planner's inputs from the JSON format (see README.md, "Repayment planner")."""
    if not isinstance(data, dict):
        raise PlanInputError("input", "is not a JSON object", '{"monthly_income": ..., "loans": [...]}',
                             code="invalid", zh='应该是一个 JSON 对象：{"monthly_income": ..., "loans": [...]}')
    loans = _get(data, "loans", "loans")
    if not isinstance(loans, list):
        raise PlanInputError("loans", "is not a list", "a list of loan objects", code="invalid",
                             zh="应该是一个列表，每笔欠款一项")
    strategy = data.get("strategy")
    if isinstance(strategy, list):
        strategy = tuple(str(name) for name in strategy)
    elif strategy is not None and not isinstance(strategy, str):
        raise PlanInputError("strategy", f"'{shown(strategy)}' is not a strategy",
                             "avalanche, snowball, or a list of loan names", code="unknown",
                             zh="不是还款策略（avalanche 雪崩法、snowball 雪球法，或按欠款名排序）")
    currency = data.get("currency") or "CNY"
    if not isinstance(currency, str) or not currency.isalpha() or len(currency) > 8:
        raise PlanInputError("currency", f"{shown(currency)!r} is not a currency code", "CNY, USD, ...",
                             code="invalid", zh="应该是币种代码，比如 CNY、USD", value=shown(currency))
    if len(loans) > MAX_LOANS:  # before reading them: the model says the same, but only after parsing all
        raise PlanInputError("loans", f"{len(loans)} loans is too many", "1 to 20 loans", code="invalid",
                             zh=f"最多 {MAX_LOANS} 笔，这里有 {len(loans)} 笔")
    return PlanInput(
        loans=tuple(loan_from_dict(loan, index) for index, loan in enumerate(loans, start=1)),
        monthly_income=_amount(data, "monthly_income", "monthly_income"),
        essential_expenses=_amount(data, "essential_expenses", "essential_expenses", Decimal(0)),
        extra=_amount(data, "extra", "extra", Decimal(0)),
        strategy=strategy or None,
        currency=currency,
        offer=None if data.get("offer") is None else offer_from_dict(data["offer"]),
        for_debts=None if data.get("for_debts") in (None, "") else _amount(data, "for_debts", "for_debts"),
    )


def _text(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


def loan_to_dict(loan: Loan) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": loan.name, "kind": loan.kind, "balance": _text(loan.balance),
        "annual_rate": _text(loan.annual_rate), "min_payment": _text(loan.min_payment),
        "days_overdue": loan.days_overdue, "overdue_amount": _text(loan.overdue_amount),
    }
    if loan.penalty_daily_rate is not None:
        data["penalty_daily_rate"] = _text(loan.penalty_daily_rate)
    return data


def plan_input_to_dict(plan_input: PlanInput) -> dict[str, Any]:
    """The JSON form `plan_input_from_dict` reads (a stored profile is exactly this)."""
    strategy = plan_input.strategy
    return {
        "monthly_income": _text(plan_input.monthly_income),
        "essential_expenses": _text(plan_input.essential_expenses),
        "extra": _text(plan_input.extra),
        "strategy": list(strategy) if isinstance(strategy, tuple) else strategy,
        "currency": plan_input.currency,
        "loans": [loan_to_dict(loan) for loan in plan_input.loans],
    } | ({"for_debts": _text(plan_input.for_debts)} if plan_input.for_debts is not None else {})
