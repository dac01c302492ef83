"""Read everyday amounts, rates and day counts as borrowers write them ("2.5万", "日息万五", "月息1分5",
"two thousand", "24 percent", "15天").

Amounts come back as `Decimal` yuan (or whatever the currency is), rates as an annual fraction
(18% a year -> Decimal("0.18"); a daily rate is x 365, a monthly one x 12), days as `int`.
Numbers written without a unit are taken as they stand: "800" is 800, "18" as a rate is 18%.
Anything else raises `PlanInputError` naming the field and the accepted forms.

This is the one reader of numbers for every entry point (chat, wizard answers, JSON, offers), so
the bounds live here: amounts 0..10^9 (positivity where it matters is the models' check), annual
rates 0..1000%, months 1..600. Exponent notation ("2.5e4", "1e309") is refused, never read as
2.5 or 1; a minus sign is refused, never dropped; runs of more than 15 digits are refused before
any arithmetic.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from bot.planner.errors import PlanInputError
from bot.planner.per_message import per_message

AMOUNT_EXAMPLES = "1万, 2.5万, 5千, 3k, ¥800, 800元, 1,200"
RATE_EXAMPLES = "18%, 年化18%, 日息万五, 0.05%/天, 月息1.5%"
DAYS_EXAMPLES = "15, 15天, 半个月, 2 weeks, 0"

_CN_DIGITS = {"零": "0", "〇": "0", "一": "1", "二": "2", "两": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_DIGIT_TABLE = str.maketrans(_CN_DIGITS)
# The formal numerals of contracts and IOUs ("贰万", "壹仟伍佰元") as the everyday ones, only in a number: a run of
# numerals with a unit in it or 元 after it, so the surnames and names 伍, 陆 ("陆金所") stay as they are.
_FORMAL_TABLE = str.maketrans("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億", "一二二三三四五六六七八九十百千万亿")
_FORMAL_NUMBER = re.compile(r"[壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億零〇一二两三四五六七八九十百千万亿]+(?=([元块圆])?)")
_FORMAL = frozenset("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億")
_NUMERAL_UNITS = frozenset("拾佰仟萬億十百千万亿")


def _formal(match: re.Match[str]) -> str:
    run = match.group(0)
    if _FORMAL.isdisjoint(run) or (_NUMERAL_UNITS.isdisjoint(run) and not match.group(1)):
        return run
    return run.translate(_FORMAL_TABLE)


_UNITS = {"亿": Decimal(10) ** 8, "万": Decimal(10000), "w": Decimal(10000), "千": Decimal(1000),
          "k": Decimal(1000), "百": Decimal(100), "十": Decimal(10),
          "million": Decimal(10) ** 6, "thousand": Decimal(1000), "grand": Decimal(1000), "hundred": Decimal(100)}
_CURRENCY_PREFIXES = ("人民币", "rmb", "cny", "¥", "$", "usd")
_CURRENCY_SUFFIXES = ("块钱", "元钱", "人民币", "rmb", "cny", "yuan", "usd", "元", "块", "$")
MAX_AMOUNT = Decimal(10) ** 9
MAX_ANNUAL_RATE = Decimal(10)  # 1000% a year: above it the input is a typo, not a loan
MIN_MONTHS, MAX_MONTHS = 1, 600
MAX_DAYS = 3650  # ten years of days overdue or of delay: more is a typo
MAX_INPUT_CHARS = 100
_EXPONENT = re.compile(r"\d\.?e[+-]?\d")  # on normalised (lower-case) text
_DIGIT_RUN = re.compile(r"\d{16,}")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[亿万w千k百十]|million|thousand|grand|hundred")
_GROUPED = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


# Words whose Chinese digits are no number: "我一共欠了3万" is 30,000, not 1 (then 3万); "二手车贷",
# "一直逾期", "万一还不上", "第一时间". They keep their characters; every other Chinese digit becomes Arabic.
# "一点" is "a little" except before a digit: "一点五万" is 1.5万.
_NOT_NUMBERS = re.compile(
    r"一共|一直|一些|一下|一点(?![零〇一二两三四五六七八九])|一起|一样|一般|一定|一旦|一边|一切|一时|一向|一再|一律|一致|一会|一心|一路|"
    r"一口气|一并|一分钱|一毛钱|一分一毛|统一|唯一|万一|逐一|一一|不一|二手|三星|五星|一模一样|说一不二|第一时间|一把手|"
    r"一线|一家人|一辈子|一阵|一天到晚|一方面|另一方面|一年到头|一面|"
    # "钱只够还一部分" (stop 32 red team: a debt of ¥1 named "网贷都逾期了 钱只够"), "一下子", "一大半", "一小部分"
    r"一部分|一大部分|一小部分|一半|一大半|一下子|一个劲|一步步|一步一步|一口|一次性|一头|一肚子|一团糟|一塌糊涂"
)


# "3点5万" (三点五万) is 3.5万: 点 is a decimal point between digits before a unit of money; not in
# "3点还" or "下午3点50分" (a time).
_DECIMAL_POINT = re.compile(r"(?<=\d)点(?=\d+\s*(?:万|千|百|亿|w|k|元|块))")


# "三四万", "两三天", "1-2万", "3000到5000元": a range, read as its upper end (a debt's or a delay's cautious
# reading, echoed back so the user can correct it); the lower end is blanked (stop 22: "三四万" was 340,000,
# "两三天" 23 days, "1-2万" ¥1).
_CN_RANGE = re.compile(r"(?<![十百千万\d])(?:一两|一二|两三|二三|三四|四五|五六|六七|七八|八九)(?=\s*(?:十|百|千|万|天|个|块|元|周|年))")
# The lower end may be said with its unit ("1万5到2万", 一万五到两万: stop 29 red team, only the 5 was blanked and
# the debt read as 1万 + 2万), "1.5万-2万", "3k-5k".
_RANGE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:\s*(?:万|千|百|w|k(?![a-z]))(?:\d(?![\d.]))?)?\s*"
                    r"(?:-|~|～|到|至|\bor\b|\bto\b)\s*"
                    r"(?=\d+(?:\.\d+)?\s*(?:万|千|百|元|块|天|个月|w|k(?![a-z])|thousand|grand))")
# "20多万", "一百多万": more than so many 万, read as the number said ("欠了20多万" was ¥20).
_MORE_THAN = re.compile(r"(?<=[\d百千])多(?=[十百千万亿])")
# "三十六" -> "36 " (after the digits turned Arabic: "3十6"), padded to keep the length: a pattern that reads
# digits then sees the whole number ("年化三十六%" was 6%, "分十二期" 2 periods). Not inside a longer
# number ("1百2十": `_number_words` reads those).
_TENS = re.compile(r"(?<![\d百千万亿.])(\d)?十(\d)?(?![\d十百千])")


def _tens(match: re.Match[str]) -> str:
    tens, ones = match.group(1), match.group(2)
    if tens is None and ones is None:
        return match.group(0)  # "十" alone ("十分") stays a word
    number = f"{tens or '1'}{ones or '0'}"
    return number.ljust(len(match.group(0)))


# English numbers in words, when they say a quantity of hundreds, thousands or millions: "two thousand",
# "fifteen hundred", "a thousand", "twenty-five thousand". A small hand-written table, no general reader:
# a number word alone is no amount ("one card", "one loan", "I have one loan of 5000" is 5,000, not 1), so
# a phrase is read only when it ends in a scale word.
_EN_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
             "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
             "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_EN_SCALES = {"hundred": 100, "thousand": 1000, "grand": 1000, "million": 10**6}
_EN_WORD = "|".join(sorted(_EN_SMALL, key=len, reverse=True))
_EN_SCALE = "|".join(_EN_SCALES)
_EN_NUMBER = re.compile(
    rf"(?<![\w.,])(?:a|{_EN_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_EN_WORD}|{_EN_SCALE}))*(?:[\s-]+(?:{_EN_SCALE}))(?![\w-])")
# "24 percent", "24 per cent", "24 pct" are "24%": the rate patterns then read them as they read "24%".
_EN_PERCENT = re.compile(r"(?<=\d)\s*(?:percent|per\s+cent|pct)(?![a-z])\.?")


def _english_number(phrase: str) -> int | None:
    """ "two thousand five hundred" -> 2500, "a thousand" -> 1000; None for a phrase no one says ("two three
    thousand", "thousand million", "five hundred hundred")."""
    words = [word for word in re.split(r"[\s-]+", phrase) if word != "and"]
    total, current, last = 0, 0, None  # last: "small", "tens", "hundred", or a scale reached
    ceiling = None  # the scale words must come down: "a million two hundred thousand", never "thousand million"
    for index, word in enumerate(words):
        if word == "a":
            if index != 0 or len(words) < 2 or words[1] not in _EN_SCALES:
                return None  # "a" only as in "a thousand"
            current, last = 1, "small"
        elif word in _EN_SMALL:
            value = _EN_SMALL[word]
            if last == "tens" and value < 10:
                current += value  # "twenty five"
            elif last in ("small", "tens"):
                return None  # "two three thousand"
            else:
                current += value
            last = "tens" if value >= 20 else "small"
        elif word == "hundred":
            if last not in ("small", "tens") or current >= 100:
                return None
            current *= 100
            last = "hundred"
        else:
            scale = _EN_SCALES[word]
            if current == 0 or (ceiling is not None and scale >= ceiling):
                return None
            total += current * scale
            current, last, ceiling = 0, "scale", scale
    return total + current


_LATIN = re.compile(r"[a-z]")


def _english_numbers(text: str) -> str:
    def digits(match: re.Match[str]) -> str:
        phrase = match.group(0)
        value = _english_number(phrase)
        if value is None or len(str(value)) > len(phrase):
            return phrase
        return str(value).ljust(len(phrase))  # padded: the length is kept

    if not _LATIN.search(text):
        return text  # most messages are Chinese: no English number to read (one C-level scan, on the hot path)
    text = _EN_NUMBER.sub(digits, text)
    return _EN_PERCENT.sub(lambda m: "%".ljust(len(m.group(0))), text)


# A whole answer that is a number in words with no scale word ("fifty", "twenty four percent", "fifty dollars"):
# a wizard step asked for one number, so here "fifty" can only be 50 (stop 23: refused). Never inside a message,
# where "one card" or "two of my loans" are no amounts.
_BARE_EN_NUMBER = re.compile(rf"\s*(?P<words>(?:a|{_EN_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_EN_WORD}|{_EN_SCALE}))*)"
                             r"(?=(?:\s*(?:dollars?|bucks|percent|per\s*cent|pct|%|a day|a month|a year|per (?:day|month|year)|"
                             r"apr|daily|monthly|days?|weeks?|months?))*\s*[.!]?\s*$)", re.IGNORECASE)


def bare_number_words(text: str) -> str:
    """`text` with a leading number in words turned into digits when the words are the whole answer
    ("twenty four percent" -> "24 percent", "fifty" -> "50"); a word under ten needs its unit ("five dollars"),
    "one" alone stays a word; anything else unchanged."""
    match = _BARE_EN_NUMBER.match(text)
    if not match:
        return text
    value = _english_number(match.group("words").lower())
    rest = text[match.end("words"):].rstrip().rstrip(".!")
    # "one" alone is no answer ("one card"?); "twenty" or "five dollars" is
    if value is None or (value < 10 and not rest.strip()):
        return text
    return f"{value}{rest}"


@per_message()
def normalise(text: str) -> str:
    """Full-width digits and punctuation to ASCII, lower case, Chinese digits to Arabic ones (not inside
    words that only look numeric: `_NOT_NUMBERS`). The length is kept, so spans map onto the original."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = _FORMAL_NUMBER.sub(_formal, text)
    text = _CN_RANGE.sub(lambda m: " " + m.group(0)[1], text)
    out, last = [], 0
    for match in _NOT_NUMBERS.finditer(text):
        out += [text[last:match.start()].translate(_CN_DIGIT_TABLE), match.group(0)]
        last = match.end()
    out.append(text[last:].translate(_CN_DIGIT_TABLE))
    text = _DECIMAL_POINT.sub(".", "".join(out))
    text = _RANGE.sub(lambda m: " " * len(m.group(0)), text)
    text = _MORE_THAN.sub(" ", text)
    return _english_numbers(_TENS.sub(_tens, text))


def _number_words(text: str) -> Decimal | None:
    """Sum "2.5万", "1万5", "3千5百", "十五", "3k" the way people say them; None if not that shape."""
    if not text or _TOKEN.sub("", text):
        return None
    total = Decimal(0)
    section = Decimal(0)
    current: Decimal | None = None
    last_unit: Decimal | None = None
    zero_led = False
    for token in _TOKEN.findall(text):
        if token[0].isdigit():
            if current is not None:
                return None  # two numbers in a row: "5 5"
            current = Decimal(token)
            zero_led = len(token) > 1 and token[0] == "0" and "." not in token  # "1千05": 一千零五
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
        # "1千05" (一千零五) is 1,005: a digit after 零 counts as itself.
        if (last_unit is not None and last_unit > 10 and current < 10 and current == current.to_integral()
                and not zero_led):
            current *= last_unit / 10
        section += current
    return total + section


def shown(text: object) -> str:
    """The refused text as it may be echoed back: short, one line."""
    if isinstance(text, int) and abs(text) >= 10**24:  # str() of a huge int is slow, and refused past 4300 digits
        return f"<{int(text.bit_length() * 0.30103) + 1}-digit number>"
    value = " ".join(str(text).split())
    return value if len(value) <= 24 else value[:20] + "…"


def refuse_shape(text: str, field: str, accepted: str, what: str = "an amount") -> None:
    """Refuse what no everyday number looks like, before reading it: too long, exponent, huge digit runs."""
    value = normalise(text)
    exponent = _EXPONENT.search(value)
    if exponent:
        raise PlanInputError(field, f"'{shown(text)}' is in exponent notation; write the number out (25000, 2.5万)",
                             accepted, code="exponent", value=shown(text))
    if _DIGIT_RUN.search(value.replace(",", "")):
        raise PlanInputError(field, f"'{shown(text)}' has too many digits", accepted, code="too_large",
                             value=shown(text))
    if len(value) > MAX_INPUT_CHARS:
        raise PlanInputError(field, f"'{shown(text)}' is too long to be {what}", accepted, code="not_a_number",
                             value=shown(text))


def check_amount(amount: Decimal, field: str, raw: object = None) -> Decimal:
    """0 <= amount <= 10^9 (whether 0 is allowed is the caller's check)."""
    if not amount.is_finite():
        raise PlanInputError(field, f"'{shown(raw)}' is not a finite number", AMOUNT_EXAMPLES, code="not_a_number",
                             value=shown(raw))
    if amount < 0:
        raise PlanInputError(field, f"must not be negative, got {shown(raw if raw is not None else amount)}",
                             "0 or more", code="negative", value=shown(raw if raw is not None else amount))
    if amount > MAX_AMOUNT:
        raise PlanInputError(field, f"{shown(raw if raw is not None else amount)} is more than 1,000,000,000",
                             "0 to 1,000,000,000", code="too_large", value=shown(raw if raw is not None else amount))
    return amount


def _number(value: int | float | Decimal, field: str, accepted: str) -> Decimal:
    if isinstance(value, int) and abs(value) > 10**15:
        raise PlanInputError(field, f"'{shown(value)}' has too many digits", accepted, code="too_large",
                             value=shown(value))
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise PlanInputError(field, f"'{value}' is not a finite number", accepted, code="not_a_number",
                             value=shown(value))
    return number


# "20.000" with a dot before exactly three digits: 20,000 as much of Europe writes it, or 20 to three places.
# No price has tenths of a cent (分), so on money it is the thousands: only when the text says it is money
# (a currency sign or unit on it, or the caller saw a debt word before it: "I owe 20.000"). A bare "20.000"
# (a wizard answer, a JSON string) stays 20, as before; "1.500万" and "2.500k" keep their decimal point.
_DOT_THOUSANDS = re.compile(r"[1-9]\d{0,2}\.\d{3}")


def parse_amount(text: object, field: str = "amount", *, money: bool = False) -> Decimal:
    """An amount of money: "2.5万" -> 25000, "¥800" -> 800, "1,200" -> 1200, "3k" -> 3000; 0 to 10^9.
    `money`: the words before it say it is money owed, so "20.000" is 20,000 (see `_DOT_THOUSANDS`)."""
    if isinstance(text, bool) or not isinstance(text, (str, int, float, Decimal)):
        raise PlanInputError(field, f"{shown(text)!r} is not an amount", AMOUNT_EXAMPLES, code="not_a_number",
                             value=shown(text))
    if not isinstance(text, str):
        return check_amount(_number(text, field, AMOUNT_EXAMPLES), field, text)
    raw = text
    text = bare_number_words(text)
    refuse_shape(text, field, AMOUNT_EXAMPLES)
    if re.search(r"\d\s+\d", text):
        raise PlanInputError(field, f"'{shown(raw)}' looks like two numbers", AMOUNT_EXAMPLES, code="not_a_number",
                             value=shown(raw))
    value = normalise(text).replace(" ", "")
    # a spoken ending: "3千多吧", "差不多两万吧", "5000啊" (stop 31: "3千多吧" at the name step became the loan's name)
    value = re.sub(r"[吧啊呀哈呢嘛哦]+[。.!！~]*$", "", value)
    # about so much: "大概3万", "3万左右", "3万多", "3000块钱左右" are read as the number said (stop 22: refused)
    value = re.sub(r"^(?:大概|大约|约|差不多|将近|快|about|around|roughly|approximately|approx\.?|~)|(?:左右|上下|多|整)$",
                   "", value)
    value, dollars = re.subn(r"(?:dollars?|bucks|美元|美金|刀)$", "", value)
    value = re.sub(r"(?<=[万千])多(?=元|块|块钱)?$", "", value)
    negative = value.startswith("-")
    value = value.lstrip("-")
    money = money or bool(dollars)
    for prefix in _CURRENCY_PREFIXES:
        if value.startswith(prefix):
            value = value[len(prefix):]
            money = True
    for suffix in _CURRENCY_SUFFIXES:
        if value.endswith(suffix):
            value = value[: -len(suffix)]
            money = True
            break
    if money and _DOT_THOUSANDS.fullmatch(value):
        value = value.replace(".", "")
    if "," in value:
        grouped = _GROUPED.match(value)
        if not grouped:
            raise PlanInputError(field, f"'{shown(raw)}' has commas in the wrong places", AMOUNT_EXAMPLES,
                                 code="not_a_number", value=shown(raw))
        value = grouped.group(0).replace(",", "") + value[grouped.end():]
    # a unit alone ("万", "million") says no number (十 does: "十万")
    amount = _number_words(value) if re.search(r"[\d十]", value) else None
    if amount is None:
        raise PlanInputError(field, f"'{shown(raw)}' is not an amount", AMOUNT_EXAMPLES, code="not_a_number",
                             value=shown(raw))
    return check_amount(-amount if negative else amount, field, raw)


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
# "月息1分5" (月息一分五) is 1.5% a month, "月息2分" 2%, "利息1分5厘" and "一分半" 1.5%, "两分利" 2%: 分 is a
# tenth of the unit, and the unit of a rate said this way is a month, the way private lending is quoted.
# Read only right after a word that names a rate, or with 利 after it, so "1分钟" (a minute) and "考了90分"
# (a score) stay what they are, and "一分利都没收" (no interest at all) is no 1%; never after 年/日 ("年息1分"
# is 10% a year in the same idiom, "日息1分" is rare: both are left to be said with %).
FEN_RATE = re.compile(r"(?:每个?月)?\s*(?:(?P<label>月息|月利率|月利|(?<![年日化])利息|(?<![年日化])利率)\s*(?:是|为|:)?\s*)?"
                      r"(?<![\d.])(?P<fen>\d{1,2})\s*分\s*(?:(?P<li>\d|半)(?![\d.%])\s*(?:厘)?)?"
                      r"(?(label)(?:\s*利息?)?|\s*的?利(?:息)?(?!\s*(?:都|也|没|不|率)))(?!\s*[\d钟半])")
_BARE = re.compile(r"-?\d+(?:\.\d+)?")


def _strip_words(value: str, words: tuple[str, ...]) -> tuple[str, bool]:
    found = False
    for word in words:
        if word in value:
            value = value.replace(word, " ")
            found = True
    return value, found


def check_annual_rate(value: Decimal, field: str) -> Decimal:
    """0% to 1000% a year."""
    if value < 0:
        raise PlanInputError(field, f"must not be negative, got {value}", "0% to 1000% a year", code="negative")
    if value > MAX_ANNUAL_RATE:
        raise PlanInputError(field, f"{value * 100:.4g}% a year is above 1000%",
                             "0% to 1000% a year; in JSON a plain number is a fraction (0.18 = 18%), or write \"18%\"",
                             code="too_high")
    return value


def parse_rate_detail(text: object, field: str = "annual_rate") -> Rate:
    """A rate with its basis: "日息万五" -> daily 0.0005, "年化18%" -> annual 0.18, "月息1.5%" -> monthly."""
    rate = _read_rate(text, field)
    check_annual_rate(rate.annual, field)
    return rate


def _read_rate(text: object, field: str) -> Rate:
    if isinstance(text, (int, float, Decimal)) and not isinstance(text, bool):
        return Rate("annual", _number(text, field, RATE_EXAMPLES))
    if not isinstance(text, str):
        raise PlanInputError(field, f"{shown(text)!r} is not a rate", RATE_EXAMPLES, code="not_a_number",
                             value=shown(text))
    raw = text
    text = bare_number_words(text)
    refuse_shape(text, field, RATE_EXAMPLES, "a rate")
    value = normalise(text)
    if fen := FEN_RATE.fullmatch(re.sub(r"^(?:约|大概|大约)|(?:左右|上下)$", "", value.strip()).strip()):
        tenths = {"半": "5"}.get(fen.group("li"), fen.group("li") or "0")  # 1分5 and 一分半 are both 1.5%
        return Rate("monthly", (Decimal(fen.group("fen")) + Decimal(tenths) / 10) / 100)
    basis = "annual"
    for words, name in ((_DAILY, "daily"), (_MONTHLY, "monthly")):
        value, found = _strip_words(value, words)
        if found:
            basis = name
            break
    value, _ = _strip_words(value, _ANNUAL)
    value = value.replace("约", "").replace("大概", "").replace("about", "").replace("of", "").strip()
    # "利率是24%", "年化为18%", "36个点", "百分之24", "36%左右" (stop 22: each was refused)
    value = re.sub(r"^(?:是|为|:)\s*|\s*(?:左右|上下)$", "", value)
    value = re.sub(r"^(\d+(?:\.\d+)?)\s*个?点$", r"\1%", value)
    value = re.sub(r"^百分之\s*(\d+(?:\.\d+)?)$", r"\1%", value)
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
            raise PlanInputError(field, f"'{shown(raw)}' is ambiguous: write it with % (0.18 -> 18% or 0.18%?)",
                                 RATE_EXAMPLES, code="ambiguous")
        if number > 100:  # "1000" at the rate step is an amount typed one step late, not 1000% a year
            raise PlanInputError(field, f"'{shown(raw)}' looks like an amount, not a rate: write a rate with % "
                                        f"({shown(raw)}% a year?)", RATE_EXAMPLES, code="ambiguous")
        per_period = number / 100
    else:
        raise PlanInputError(field, f"'{shown(raw)}' is not a rate", RATE_EXAMPLES, code="not_a_number", value=shown(raw))
    return Rate(basis, per_period)


def parse_rate(text: object, field: str = "annual_rate") -> Decimal:
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
        number = _number(text, field, DAYS_EXAMPLES)
        if number != number.to_integral() or abs(number) > 10**6:
            raise PlanInputError(field, f"{text} is not a whole number of days", DAYS_EXAMPLES, code="not_a_number")
        return int(text)
    if not isinstance(text, str):
        raise PlanInputError(field, f"{shown(text)!r} is not a number of days", DAYS_EXAMPLES, code="not_a_number",
                             value=shown(text))
    raw = text
    text = bare_number_words(text)  # "ten", "thirty days"
    refuse_shape(text, field, DAYS_EXAMPLES, "a number of days")
    value = normalise(str(text)).replace("逾期", "").replace("overdue", "").replace("已经", "").replace("了", "").strip()
    # "20多天", "十来天", "一个多月": about that many, read as the number said
    # "大概20天", "20天左右", "about 20 days": about so many is the number said (stop 22: refused)
    value = re.sub(r"^(?:大概|大约|约|差不多|快|将近|about|around|roughly|approximately|nearly|almost|~)\s*|\s*(?:左右|上下)$",
                   "", value).strip()
    value = value.replace("个多月", "个月").replace("个星期", "周").replace("星期", "周")
    if half := re.fullmatch(r"(\d+)\s*个半月", value):  # "一个半月": 45 days
        value = f"{int(half.group(1)) * 30 + 15}天"
    value = re.sub(r"(?<=[\d十])\s*(?:多|来)\s*(?=个?(?:天|日|月|周))", "", value)
    if value in _NO_DAYS or value in ("0", "0天"):
        return 0
    if value in _DAY_WORDS:
        return _DAY_WORDS[value]
    match = _DAYS.fullmatch(value)
    words = _number_words(match.group(1).lstrip("-")) if match else None
    if not match or words is None or words != words.to_integral():
        raise PlanInputError(field, f"'{shown(raw)}' is not a number of days", DAYS_EXAMPLES, code="not_a_number")
    if words > 10**6:
        raise PlanInputError(field, f"'{shown(raw)}' is too many days", "0 to 3650 days", code="too_high",
                             value=shown(raw))
    number = -int(words) if match.group(1).startswith("-") else int(words)
    unit = match.group(2) or ""
    if "月" in unit or unit.startswith("month"):
        number *= 30
    elif "周" in unit or unit.startswith("week"):
        number *= 7
    if number > MAX_DAYS:  # the JSON planner's bound too (bot.planner.models.check_days)
        raise PlanInputError(field, f"'{shown(raw)}' is more than 10 years", "0 to 3650 days", code="too_high",
                             value=shown(raw))
    return number


def to_decimal(value: object, field: str) -> Decimal:
    """A plain number from JSON (int, float, numeric string) as Decimal, or a PlanInputError."""
    accepted = "a number such as 0.18"
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        raise PlanInputError(field, f"{shown(value)!r} is not a number", accepted, code="not_a_number",
                             value=shown(value))
    if not isinstance(value, str):
        return _number(value, field, accepted)
    refuse_shape(value, field, accepted, "a number")
    try:
        result = Decimal(value.strip())
    except (InvalidOperation, ValueError):
        raise PlanInputError(field, f"'{shown(value)}' is not a number", accepted, code="not_a_number",
                             value=shown(value)) from None
    if not result.is_finite():
        raise PlanInputError(field, f"'{shown(value)}' is not a finite number", accepted, code="not_a_number",
                             value=shown(value))
    return result


def parse_months(value: object, field: str = "offer.months") -> int:
    """A number of monthly payments, 1 to 600: 24, "24", "24期", "24个月"."""
    accepted = "1 to 600 months"
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise PlanInputError(field, f"'{shown(value)}' is not a whole number of months", accepted,
                             code="not_a_number", value=shown(value))
    text = normalise(str(value))
    for unit in ("个月", "期", "months", "month"):
        text = text.removesuffix(unit).strip()
    if not text.lstrip("-").isdigit():
        raise PlanInputError(field, f"'{shown(value)}' is not a whole number of months", accepted,
                             code="not_a_number", value=shown(value))
    if text.startswith("-") or len(text) > 4 or not MIN_MONTHS <= int(text) <= MAX_MONTHS:
        raise PlanInputError(field, f"{shown(value)} is out of range", accepted, code="out_of_range",
                             value=shown(value))
    return int(text)
