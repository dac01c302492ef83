"""Read everyday amounts, rates and day counts as borrowers write them ("2.5万", "日息万五", "15天").

Amounts come back as `Decimal` yuan (or whatever the currency is), rates as an annual fraction
(18% a year -> Decimal("0.18"); a daily rate is x 365, a monthly one x 12), days as `int`.
Numbers written without a unit are taken as they stand: "800" is 800, "18" as a rate is 18%.
Anything else raises `PlanInputError` naming the field and the accepted forms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from bot.planner.errors import PlanInputError

AMOUNT_EXAMPLES = "1万, 2.5万, 5千, 3k, ¥800, 800元, 1,200"
RATE_EXAMPLES = "18%, 年化18%, 日息万五, 0.05%/天, 月息1.5%"
DAYS_EXAMPLES = "15, 15天, 半个月, 2 weeks, 0"

_CN_DIGITS = {"零": "0", "〇": "0", "一": "1", "二": "2", "两": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_UNITS = {"亿": Decimal(10) ** 8, "万": Decimal(10000), "w": Decimal(10000), "千": Decimal(1000),
          "k": Decimal(1000), "百": Decimal(100), "十": Decimal(10)}
_CURRENCY_PREFIXES = ("人民币", "rmb", "cny", "¥", "$", "usd")
_CURRENCY_SUFFIXES = ("块钱", "元钱", "人民币", "rmb", "cny", "yuan", "usd", "元", "块", "$")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[亿万w千k百十]")
_GROUPED = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def normalise(text: str) -> str:
    """Full-width digits and punctuation to ASCII, lower case, Chinese digits to Arabic ones."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    return "".join(_CN_DIGITS.get(char, char) for char in text)


def _number_words(text: str) -> Decimal | None:
    """Sum "2.5万", "1万5", "3千5百", "十五", "3k" the way people say them; None if not that shape."""
    if not text or _TOKEN.sub("", text):
        return None
    total = Decimal(0)
    section = Decimal(0)
    current: Decimal | None = None
    last_unit: Decimal | None = None
    for token in _TOKEN.findall(text):
        if token[0].isdigit():
            if current is not None:
                return None  # two numbers in a row: "5 5"
            current = Decimal(token)
            continue
        unit = _UNITS[token]
        if last_unit is not None and current is None and unit <= last_unit:
            return None  # "万万", "千百"
        if unit >= 10000:
            section += current if current is not None else (Decimal(0) if section else Decimal(1))
            total += section * unit
            section = Decimal(0)
        else:
            section += (current if current is not None else Decimal(1)) * unit
        current = None
        last_unit = unit
    if current is not None:
        # "1万5" is 15,000 and "5千5" 5,500: a lone digit after a unit counts in the next unit down.
        if last_unit is not None and last_unit > 10 and current < 10 and current == current.to_integral():
            current *= last_unit / 10
        section += current
    return total + section


def parse_amount(text: str | int | float | Decimal, field: str = "amount") -> Decimal:
    """An amount of money: "2.5万" -> 25000, "¥800" -> 800, "1,200" -> 1200, "3k" -> 3000."""
    if isinstance(text, bool):
        raise PlanInputError(field, f"{text!r} is not an amount", AMOUNT_EXAMPLES, code="not_a_number")
    if isinstance(text, (int, Decimal)):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(str(text))
    raw = text
    if re.search(r"\d\s+\d", text):
        raise PlanInputError(field, f"'{raw}' looks like two numbers", AMOUNT_EXAMPLES, code="not_a_number")
    value = normalise(text).replace(" ", "")
    negative = value.startswith("-")
    value = value.lstrip("-")
    for prefix in _CURRENCY_PREFIXES:
        if value.startswith(prefix):
            value = value[len(prefix):]
    for suffix in _CURRENCY_SUFFIXES:
        if value.endswith(suffix):
            value = value[: -len(suffix)]
            break
    if "," in value:
        grouped = _GROUPED.match(value)
        if not grouped:
            raise PlanInputError(field, f"'{raw}' has commas in the wrong places", AMOUNT_EXAMPLES, code="not_a_number")
        value = grouped.group(0).replace(",", "") + value[grouped.end():]
    amount = _number_words(value)
    if amount is None:
        raise PlanInputError(field, f"'{raw}' is not an amount", AMOUNT_EXAMPLES, code="not_a_number")
    return -amount if negative else amount


@dataclass(frozen=True)
class Rate:
    """A rate as written ("daily", 0.0005) and as the planner uses it: an annual fraction."""

    basis: str  # "annual" | "monthly" | "daily"
    per_period: Decimal

    @property
    def annual(self) -> Decimal:
        return self.per_period * {"annual": 1, "monthly": 12, "daily": 365}[self.basis]


_DAILY = ("日息", "日利率", "日利", "每天", "每日", "1天", "/天", "/日", "天", "per day", "/day", "a day", "daily", "/d")
_MONTHLY = ("月息", "月利率", "月利", "每月", "1个月", "/月", "per month", "/month", "a month", "monthly", "/mo")
_ANNUAL = ("年化利率", "年化", "年利率", "年息", "年利", "每年", "/年", "apr", "per year", "/year", "a year",
           "annual", "per annum", "p.a.", "interest", "rate", "利率", "利息", "年", "/yr")
_PER_MYRIAD = re.compile(r"万分之(\d+(?:\.\d+)?)|万(\d+(?:\.\d+)?)")
_PER_MILLE = re.compile(r"千分之(\d+(?:\.\d+)?)")
_PERCENT = re.compile(r"(-?\d+(?:\.\d+)?)\s*%")
_BARE = re.compile(r"-?\d+(?:\.\d+)?")


def _strip_words(value: str, words: tuple[str, ...]) -> tuple[str, bool]:
    found = False
    for word in words:
        if word in value:
            value = value.replace(word, " ")
            found = True
    return value, found


def parse_rate_detail(text: str | int | float | Decimal, field: str = "annual_rate") -> Rate:
    """A rate with its basis: "日息万五" -> daily 0.0005, "年化18%" -> annual 0.18, "月息1.5%" -> monthly."""
    if isinstance(text, (int, float, Decimal)) and not isinstance(text, bool):
        return Rate("annual", Decimal(str(text)))
    if not isinstance(text, str):
        raise PlanInputError(field, f"{text!r} is not a rate", RATE_EXAMPLES, code="not_a_number")
    raw = text
    value = normalise(text)
    basis = "annual"
    for words, name in ((_DAILY, "daily"), (_MONTHLY, "monthly")):
        value, found = _strip_words(value, words)
        if found:
            basis = name
            break
    value, _ = _strip_words(value, _ANNUAL)
    value = value.replace("约", "").replace("大概", "").replace("about", "").replace("of", "").strip()
    myriad = _PER_MYRIAD.fullmatch(value.replace(" ", ""))
    mille = _PER_MILLE.fullmatch(value.replace(" ", ""))
    percent = _PERCENT.fullmatch(value)
    if myriad:
        per_period = Decimal(myriad.group(1) or myriad.group(2)) / 10000
        if basis == "annual":
            basis = "daily"  # "万五" alone is how people say a daily rate
    elif mille:
        per_period = Decimal(mille.group(1)) / 1000
    elif percent:
        per_period = Decimal(percent.group(1)) / 100
    elif _BARE.fullmatch(value):
        number = Decimal(value)
        if basis == "annual" and 0 < number < 1:
            raise PlanInputError(field, f"'{raw}' is ambiguous: write it with % (0.18 -> 18% or 0.18%?)",
                                 RATE_EXAMPLES, code="ambiguous")
        per_period = number / 100
    else:
        raise PlanInputError(field, f"'{raw}' is not a rate", RATE_EXAMPLES, code="not_a_number")
    return Rate(basis, per_period)


def parse_rate(text: str | int | float | Decimal, field: str = "annual_rate") -> Decimal:
    """An annual rate as a fraction: "18%" -> 0.18, "0.05%/天" -> 0.1825, "日息万五" -> 0.1825."""
    return parse_rate_detail(text, field).annual


_DAY_WORDS = {"半个月": 15, "半月": 15, "一周": 7, "1周": 7, "两周": 14, "2周": 14, "一个月": 30, "1个月": 30,
              "a week": 7, "a month": 30, "half a month": 15, "two weeks": 14}
_NO_DAYS = ("没有", "没逾期", "未逾期", "不逾期", "没", "无", "no", "none", "not overdue", "never")
_DAYS = re.compile(r"(-?[\d.十百千]+)\s*(天|日|days?|d|个?月|months?|周|weeks?)?")


def parse_days(text: str | int, field: str = "days_overdue") -> int:
    """A number of days: "15天" -> 15, "半个月" -> 15, "2个月" -> 60, "没有" -> 0."""
    if isinstance(text, bool):
        raise PlanInputError(field, f"{text!r} is not a number of days", DAYS_EXAMPLES, code="not_a_number")
    if isinstance(text, int):
        return text
    if isinstance(text, float) or isinstance(text, Decimal):
        if Decimal(str(text)) != Decimal(str(text)).to_integral():
            raise PlanInputError(field, f"{text} is not a whole number of days", DAYS_EXAMPLES, code="not_a_number")
        return int(text)
    raw = text
    value = normalise(str(text)).replace("逾期", "").replace("overdue", "").replace("已经", "").replace("了", "").strip()
    if value in _NO_DAYS or value in ("0", "0天"):
        return 0
    if value in _DAY_WORDS:
        return _DAY_WORDS[value]
    match = _DAYS.fullmatch(value)
    words = _number_words(match.group(1).lstrip("-")) if match else None
    if not match or words is None or words != words.to_integral():
        raise PlanInputError(field, f"'{raw}' is not a number of days", DAYS_EXAMPLES, code="not_a_number")
    number = -int(words) if match.group(1).startswith("-") else int(words)
    unit = match.group(2) or ""
    if "月" in unit or unit.startswith("month"):
        return number * 30
    if "周" in unit or unit.startswith("week"):
        return number * 7
    return number


def to_decimal(value: object, field: str) -> Decimal:
    """A plain number from JSON (int, float, numeric string) as Decimal, or a PlanInputError."""
    if isinstance(value, bool) or value is None:
        raise PlanInputError(field, f"{value!r} is not a number", "a number such as 0.18", code="not_a_number")
    try:
        result = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise PlanInputError(field, f"'{value}' is not a number", "a number such as 0.18", code="not_a_number") from None
    if not result.is_finite():
        raise PlanInputError(field, f"'{value}' is not a finite number", "a number such as 0.18", code="not_a_number")
    return result
