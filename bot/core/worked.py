"""A question's own numbers worked into the answer where the article gives the formula.

Penalty interest (罚息 = 逾期金额 × 罚息日利率 × 逾期天数) for a question that states an overdue amount
and days and asks what it costs; and a daily or monthly rate the question states, as a year's simple rate
(日息 × 365, 月息 × 12), for a question that asks what it comes to or whether it is legal or high. The sum is the planner's (Decimal, bot.planner.penalty),
never typed here; the assumptions are stated, and the contract has the last word.
"""

from __future__ import annotations

import re
from decimal import Decimal

from bot.core.answerability import asks_about_a_loan_rate, names_other_finance
from bot.core.passages import ArticleMatch
from bot.core.plan_texts import kind_label
from bot.core.rate_words import ASKS_ANNUAL, ASKS_RATE
from bot.planner.amounts import Rate
from bot.planner.errors import PlanInputError
from bot.planner.extraction import extract_loan, loan_kind, offer_without_periods, parse_offer, rate_in
from bot.planner.formatting import money, percent
from bot.planner.amounts import normalise
from bot.planner.interest import InterestEstimate, PayoffEstimate, payoff_time, simple_interest
from bot.planner.plan import payment_to_clear
from bot.planner.penalty import PenaltyEstimate, estimate_penalty

_ASKS_COST = re.compile(r"罚息|利息|违约金|多付|多还|多出|多少钱|要还多少|要付多少|多少|penalt|interest|late fee|"
                        r"how much|cost", re.IGNORECASE)
_PENALTY_ARTICLE = re.compile(r"罚息|违约金|penalt|late fee", re.IGNORECASE)
_CURRENCY = re.compile(r"\$|usd|dollar", re.IGNORECASE)
# The formula itself: the penalty rate is the contract rate raised by 30%-50% (银发〔2003〕251号, a rule for
# mainland China). An article about late fees that does not state it (a US grace-period article) gives no
# formula to work: "$5000, 20 days late" got China's uplift as if it were the card's.
_UPLIFT = re.compile(r"上浮|30\s*%?\s*(?:到|至|-|–|—|~|to)\s*50\s*%|30\s*(?:and|or)\s*50\s*(?:%|per ?cent)",
                     re.IGNORECASE)


def formula_first(matches: list[ArticleMatch], language: str, within: int = 4,
                  question: str = "") -> list[ArticleMatch]:
    """The matches with the best-ranked penalty article (among the first `within`, the reader's
    language preferred) moved to the top: a question that asks what its own numbers cost is
    answered from the article with the formula. Not China's rule for a question in dollars."""
    dollars = bool(_CURRENCY.search(question))
    candidates = [i for i, match in enumerate(matches[:within])
                  if _is_penalty_article(match) and not (dollars and match.jurisdiction == "CN")]
    if not candidates:
        return matches
    index = next((i for i in candidates if matches[i].lang == language), candidates[0])
    return [matches[index]] + matches[:index] + matches[index + 1:]


def _is_penalty_article(match: ArticleMatch) -> bool:
    """An article about penalty interest (its title or tags say so) that states the formula's uplift in
    its summary or the chunks retrieved."""
    tags = " ".join(tag for hit in match.hits for tag in hit.tags)
    if not (_PENALTY_ARTICLE.search(match.title) or _PENALTY_ARTICLE.search(tags)):
        return False
    return any(_UPLIFT.search(hit.text) or _UPLIFT.search(hit.summary) for hit in match.hits)


def cites_penalty_formula(matches: list[ArticleMatch], cited: set[str]) -> bool:
    """True when an article the answer cites is about penalty interest and states the formula."""
    return any(match.article in cited and _is_penalty_article(match) for match in matches)


_ASKS_INTEREST = re.compile(r"利息|interest", re.IGNORECASE)
_PENALTY_WORD = re.compile(r"罚息|违约金|滞纳金|逾期|penalt|late|overdue|past due", re.IGNORECASE)
_DAYS_SAID = re.compile(r"(?P<n>\d{1,4})\s*(?:天|days?\b)", re.IGNORECASE)
# "for one month", "over 3 months", "一个月": a month is 365 / 12 days, rounded (stop 34 red team: "whats the interest if i owe 3000
# at 24% apr for one month" got the APR article and no sum)
_MONTHS_SAID = re.compile(r"(?:\bfor|\bover|\bin|\bafter)\s+(?P<n>\d{1,2}|one|a|an|two|three|six)\s+months?\b|"
                          r"(?P<zh>\d{1,2}|一|两|二|三|六)\s*个月", re.IGNORECASE)
_MONTH_COUNT = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "six": 6, "一": 1, "两": 2, "二": 2, "三": 3, "六": 6}
_USD = re.compile(r"\$|usd|dollars?|bucks", re.IGNORECASE)
_YUAN = re.compile(r"¥|￥|元|块|yuan|rmb|人民币", re.IGNORECASE)


def _asks_interest(question: str) -> bool:
    """A question about what interest costs, not a penalty: the words decide, before any number is read."""
    return bool(_ASKS_INTEREST.search(question)) and not _PENALTY_WORD.search(question)


def interest_numbers(question: str) -> InterestEstimate | None:
    """The interest on the amount, at the annual rate, for the days the question states when it asks about interest
    and not a penalty ("how much interest piles up on 1500 bucks at 29.99% apr over those 45 days?"); None otherwise."""
    if not (_asks_interest(question) and _ASKS_COST.search(question)):
        return None
    fields = extract_loan(question)
    amount, rate = fields.get("balance") or fields.get("overdue_amount"), fields.get("annual_rate")
    days_said = _DAYS_SAID.search(question)
    days = fields.get("days_overdue") or (int(days_said.group("n")) if days_said else None)
    if not days and (months := _MONTHS_SAID.search(question)) is not None:
        count = months.group("n") or months.group("zh")
        days = int((Decimal(_MONTH_COUNT.get(count.lower()) or int(count)) * 365 / 12).to_integral_value())
    if amount is None or rate is None or not days:
        return None
    try:
        return simple_interest(Decimal(amount), Decimal(rate), int(days))
    except PlanInputError:
        return None


def interest_text(estimate: InterestEstimate, language: str, question: str = "") -> str:
    """The worked example: amount x annual rate / 365 x days, by the planner's Decimal numbers."""
    dollars = bool(_USD.search(question)) or (language == "en" and not _YUAN.search(question))
    currency = "USD" if dollars else "CNY"
    amount, rate, days = money(estimate.amount, currency), percent(estimate.annual_rate), estimate.days
    total = money(estimate.interest, currency)
    if language == "zh":
        return (f"按你的数字算一下（利息 = 本金 × 年利率 ÷ 365 × 天数）：\n{amount} × {rate} ÷ 365 × {days} 天 ≈ {total}。"
                "按日复利或分期还款时会略有不同，以账单和合同为准。")
    return (f"With your numbers (interest = balance × APR ÷ 365 × days):\n{amount} × {rate} ÷ 365 × {days} days ≈ {total}. "
            "Cards compound daily and payments change the balance, so your statement decides.")


# "日万五" is how people write 日息万五; a daily rate said of the penalty itself ("罚息按日万五算", "penalty of 0.05% a day")
_DIGITS = re.compile(r"\d|[一二两三四五六七八九十][十百千万]")
_DAY_MYRIAD = re.compile(r"日万(?=[一二三四五六七八九十\d])")
_PENALTY_RATE_SAID = re.compile(r"(?:罚息|违约金|penalty|late (?:fee|interest))[^，,。.;；]{0,8}?(?:日|每天|a day|per day|daily|/day)",
                                re.IGNORECASE)


def penalty_numbers(question: str) -> PenaltyEstimate | None:
    """The penalty for the amount and days the question states, or None when it states neither or
    does not ask what it costs (nor when it asks about interest, not a penalty: `interest_numbers`)."""
    if not _ASKS_COST.search(question) or _asks_interest(question):
        return None
    fields = extract_loan(question)
    amount = fields.get("overdue_amount") or fields.get("balance")
    days = fields.get("days_overdue")
    if amount is None or not days:
        return None
    rate = fields.get("annual_rate")
    said = rate_in(_DAY_MYRIAD.sub("日息万", question))
    try:
        if said is not None and said.basis == "daily" and _PENALTY_RATE_SAID.search(question):
            # "罚息按日万五算": the penalty's own daily rate, as said (stop 29 red team: an 18% contract rate was assumed and
            # marked up 30-50%, ¥231-266 for what is 8000 × 0.05% × 45 = ¥180)
            return estimate_penalty(Decimal(amount), int(days), fields.get("kind"), penalty_daily_rate=said.per_period)
        return estimate_penalty(Decimal(amount), int(days), fields.get("kind"),
                                Decimal(rate) if rate is not None else None)
    except PlanInputError:
        return None


# "how long till its gone", "要还多久", "几个月能还完": how long a payment takes to clear the balance
_ASKS_HOW_LONG = re.compile(r"how long|how many (?:months|years)|when (?:will|would|do) i (?:be|pay)|till (?:it'?s|its) (?:gone|paid)|"
                            # the interest in all, and a payment tried (stop 32 second red team: "how many payments?" asked back)
                            r"how much interest (?:will|would|do) i (?:pay|end up paying)|total interest|what if i (?:only )?pay|"
                            r"一共(?:要)?(?:付|还)?多少利息|利息一共(?:要)?(?:多少|付多少)|"
                            r"to pay (?:it )?off|多久|多长时间|几个月|几年|什么时候(?:能|才能)?还(?:完|清)", re.IGNORECASE)


def payoff_numbers(question: str) -> PayoffEstimate | None:
    """How long the question's monthly payment takes to clear its balance at its rate ("I owe 4500 on a card at 24.99% apr,
    if i pay 150 a month how long till its gone": stop 29 second red team, asked back for the number of payments)."""
    if not _ASKS_HOW_LONG.search(question) or _PENALTY_WORD.search(question) or not _DIGITS.search(question):
        return None  # "逾期记录要多久才能消" states no numbers: nothing to read
    fields = extract_loan(question)
    offer = parse_offer(question)
    balance, rate = fields.get("balance"), fields.get("annual_rate")
    payment = fields.get("min_payment") or (offer.monthly_payment if offer is not None else None)
    if balance is None or rate is None or payment is None or Decimal(payment) >= Decimal(balance):
        return None
    try:
        return payoff_time(Decimal(balance), Decimal(rate), Decimal(payment))
    except PlanInputError:
        return None


# "想两年还清5万 年化15% 每月要还多少", "pay off 6000 at 20% APR in 2 years, how much per month" (stop 32 second red team: the
# rate read as 15% a month, or the monthly payment asked back)
_ASKS_MONTHLY = re.compile(r"每个?月(?:要|得|需要|应该|大概)?还多少|月供(?:是)?多少|每期(?:要|得)?还多少|"
                           r"how much (?:do i (?:need to |have to )?|should i |would i |will i |to )?pay (?:a|per|each|every) month|"
                           r"how much (?:a|per|each) month|what(?:'?s| is| would be| will be)? (?:the |my |be my )?monthly payments?", re.IGNORECASE)
_TERM = re.compile(r"(?P<n>\d{1,3})\s*(?P<unit>年|个月|期|years?|months?)(?:内|之内)?(?!\s*(?:前|ago|old|以前))", re.IGNORECASE)


def payment_numbers(question: str) -> tuple[Decimal, Decimal, int, Decimal] | None:
    """(balance, annual rate, months, monthly payment) for a question asking what a month's payment is to clear a stated
    balance at a stated rate within a stated term; None otherwise."""
    if not _ASKS_MONTHLY.search(question) or _PENALTY_WORD.search(question):
        return None
    fields = extract_loan(question)
    balance, rate = fields.get("balance"), fields.get("annual_rate")
    term = _TERM.search(normalise(question))
    if balance is None or rate is None or term is None:
        return None
    months = int(term.group("n")) * (12 if term.group("unit").lower() in ("年", "year", "years") else 1)
    if not 1 <= months <= 600:
        return None
    return Decimal(balance), Decimal(rate), months, payment_to_clear(Decimal(balance), Decimal(rate), months)


def payment_text(worked: tuple[Decimal, Decimal, int, Decimal], language: str, question: str = "") -> str:
    """The level payment that clears the balance in the term, and the interest it comes to."""
    balance, rate, months, payment = worked
    currency = "USD" if _USD.search(question) or (language == "en" and not _YUAN.search(question)) else "CNY"
    interest = payment * months - balance
    if language == "zh":
        return (f"按你的数字算一下（等额本息，利息按年利率 ÷ 12 每月计）：欠 {money(balance, currency)}，年利率 {percent(rate)}，"
                f"{months} 个月还清，每月约还 {money(payment, currency)}，一共付利息约 {money(interest, currency)}。以合同和账单为准。")
    return (f"With your numbers (equal monthly payments, interest monthly at the rate ÷ 12): {money(balance, currency)} at "
            f"{percent(rate)} a year over {months} months is about {money(payment, currency)} a month, about "
            f"{money(interest, currency)} of interest in all. Your contract and statement decide.")


# How long until a debt is repaid, asked in so many words: "最长能分几年" (the longest instalment plan) and "how long does a visa
# take" are not it (stop 33: both were asked for a rate and a payment)
_ASKS_PAYOFF_TIME = re.compile(
    r"(?:多久|多长时间|几个月|几年)(?:才?能|可以|才)?(?:还完|还清|还得完|还得清|上岸)|(?:还完|还清)(?:要|需要|得)?(?:多久|多长时间|几个月|几年)|"
    r"什么时候(?:能|才能)?还(?:完|清)|要还多久|"
    r"how long (?:will it |would it |does it |is it going to )?(?:take )?(?:me )?(?:to|till|until|before) (?:i )?(?:pay|clear|be|get)|"
    r"how many (?:months|years) (?:to|till|until|will it take to|would it take to) (?:pay|clear)|till (?:it'?s|its) (?:gone|paid)|"
    r"when (?:will|would) i be (?:debt[- ]free|done|out)", re.IGNORECASE)


def payoff_needs(question: str) -> tuple[str, ...] | None:
    """What a question asking how long a debt takes to repay still lacks ("annual_rate", "payment"), when it states the
    amount owed: "信用卡欠了5万 每个月只还最低还款 要多久还清" (stop 32 red team: the snowball article, no sum, nothing asked)."""
    if not _ASKS_PAYOFF_TIME.search(question) or _PENALTY_WORD.search(question) or not _DIGITS.search(question):
        return None
    fields = extract_loan(question)
    if fields.get("balance") is None:
        return None
    offer = parse_offer(question)
    payment = fields.get("min_payment") or (offer.monthly_payment if offer is not None else None)
    missing = tuple(name for name, value in (("annual_rate", fields.get("annual_rate")), ("payment", payment)) if value is None)
    return missing or None


def payoff_needs_text(missing: tuple[str, ...], language: str) -> str:
    """What to send for the payoff to be worked, or the plan that works it with the minimums."""
    names = {"annual_rate": ("年利率（比如年化18%、日息万五）", "the interest rate (e.g. 24% APR)"),
             "payment": ("每月能还多少", "how much you pay each month")}
    if language == "zh":
        return (f"要算多久能还完、一共多少利息，还差：{'、'.join(names[m][0] for m in missing)}。把它们和欠款一起发给我，"
                "比如「欠5万，年化18%，每月还2000，要多久」；也可以点下面的按钮做完整的还款计划。")
    return (f"To work out how long it takes and the interest in all, I also need {' and '.join(names[m][1] for m in missing)}. "
            "Send them with the balance, e.g. \"$5,000 at 24% APR, paying $200 a month, how long\"; or make a full plan "
            "with the button below.")


def payoff_text(estimate: PayoffEstimate, language: str, question: str = "") -> str:
    """The worked payoff: months and interest, or that the payment never clears the balance."""
    dollars = bool(_USD.search(question)) or (language == "en" and not _YUAN.search(question))
    currency = "USD" if dollars else "CNY"
    balance, payment = money(estimate.balance, currency), money(estimate.payment, currency)
    rate, interest = percent(estimate.annual_rate), money(estimate.interest, currency)
    if language == "zh":
        head = f"按你的数字算一下：欠 {balance}，年利率 {rate}，每月还 {payment}（利息按年利率 ÷ 12 每月计）："
        if estimate.months is None:
            return f"{head}\n这个数最多只够付每月的利息，本金不会减少，永远还不完；要多还，或者跟机构协商。"
        return f"{head}\n大约 {estimate.months} 个月还清，一共付利息约 {interest}。多还一点就能少付利息，以账单为准。"
    head = f"With your numbers: {balance} at {rate} a year, paying {payment} a month (interest added monthly at the rate ÷ 12):"
    if estimate.months is None:
        return f"{head}\nthat payment covers no more than the interest, so it never pays off; pay more or ask the lender for a plan."
    return (f"{head}\npaid off in about {estimate.months} months, about {interest} in interest in all. Paying more cuts the "
            "interest; your statement decides.")


# "借了3万，逾期两个月了，要还多少" names no kind of loan: the sum is a card's, on the whole amount (stop 30 red team)
_KIND_UNSAID = {
    "zh": "\n你没说是哪种借款：如果是分期还的贷款，逾期的通常只是没还上的那几期，罚息按那几期的金额算；说清是信用卡、网贷还是银行贷款，"
          "可以算得更准。",
    "en": "\nYou didn't say what kind of debt it is: on an instalment loan usually only the missed instalments are overdue, "
          "and the penalty runs on those; say whether it is a card, an online loan or a bank loan for a closer figure.",
}


def penalty_text(estimate: PenaltyEstimate, language: str, question: str = "") -> str:
    """The worked example: the formula, the assumptions, the sum (a range when the rate is assumed)."""
    currency = "USD" if _CURRENCY.search(question) else "CNY"
    amount, days = money(estimate.amount, currency), estimate.days
    low, high = money(estimate.low, currency), money(estimate.high, currency)
    daily_low, daily_high = percent(estimate.daily_low, 4), percent(estimate.daily_high, 4)
    kind = kind_label(estimate.kind, language)
    said = loan_kind(question)
    if estimate.kind == "credit_card" and said is not None and said[0] == "credit_card" and not estimate.penalty_given:
        return _card_text(estimate, language, currency)  # a card named (an unnamed kind is worked as a loan, and says so)
    if language == "zh":
        head = "按你的数字算一下（罚息 = 逾期金额 × 罚息日利率 × 逾期天数）："
        if estimate.penalty_given:
            return f"{head}\n{amount} × {daily_low} × {days} 天 ≈ {low}。实际以账单和合同为准。"
        basis = (f"假设合同年利率 {percent(estimate.annual_rate)}（{kind}常见水平，按你的合同为准）"
                 if estimate.rate_assumed else f"按你说的年利率 {percent(estimate.annual_rate)}")
        return (f"{head}\n{basis}，罚息通常在合同利率上上浮 30%–50%，即罚息日利率约 {daily_low}–{daily_high}：\n"
                f"· 上浮30%：{amount} × {daily_low} × {days} 天 ≈ {low}\n"
                f"· 上浮50%：{amount} × {daily_high} × {days} 天 ≈ {high}\n"
                f"也就是大约 {low}–{high}（还没逾期的部分照常按合同利率计息）；有的机构还收违约金或按全部欠款计息，以账单和合同为准。"
                + ("" if loan_kind(question) else _KIND_UNSAID["zh"]))
    head = "With your numbers (penalty = overdue amount × daily penalty rate × days):"
    if estimate.penalty_given:
        return f"{head}\n{amount} × {daily_low} × {days} days ≈ {low}. Your statement and contract decide."
    basis = (f"Assuming a contract rate of {percent(estimate.annual_rate)} a year (typical for a {kind}; "
             f"check your contract)" if estimate.rate_assumed
             else f"At your rate of {percent(estimate.annual_rate)} a year")
    return (f"{head}\n{basis}, and a penalty rate typically 30%-50% above it, i.e. {daily_low}-{daily_high} a day:\n"
            f"· +30%: {amount} × {daily_low} × {days} days ≈ {low}\n"
            f"· +50%: {amount} × {daily_high} × {days} days ≈ {high}\n"
            f"So roughly {low}-{high} (the part not yet overdue keeps the contract rate); some lenders also charge a fee or "
            f"charge on the whole balance, so your statement and contract decide."
            + ("" if loan_kind(question) else _KIND_UNSAID["en"]))


def _card_text(estimate: PenaltyEstimate, language: str, currency: str) -> str:
    """A card's overdue cost: no uplift as on a bank loan (银发〔2003〕251号 is about loans); the balance keeps the card's
    interest, and the card agreement may add a 违约金 that bears no interest (银发〔2016〕111号). Stop 32 red team: cards got the
    loans' 30%-50% uplift "plus the contract interest", as if both were charged on the same amount."""
    amount, days = money(estimate.amount, currency), estimate.days
    assert estimate.annual_rate is not None  # no penalty rate given: a contract rate, said or assumed
    interest = money(simple_interest(estimate.amount, estimate.annual_rate, days).interest, currency)
    rate = percent(estimate.annual_rate)
    if language == "zh":
        basis = f"假设透支年利率 {rate}（信用卡常见水平，按你的合同为准）" if estimate.rate_assumed else f"按你说的年利率 {rate}"
        return (f"按你的数字算一下（信用卡逾期后，欠款继续按透支利率计息：利息 = 欠款 × 年利率 ÷ 365 × 逾期天数）：\n"
                f"{basis}：{amount} × {rate} ÷ 365 × {days} 天 ≈ {interest}。\n"
                "信用卡没有银行贷款那种统一的罚息上浮；另外可能有领用合约约定的违约金（2017年起不再收滞纳金，违约金和费用不计息），"
                "以账单和合同为准。")
    basis = (f"Assuming a card rate of {rate} a year (typical for a credit card; check your contract)" if estimate.rate_assumed
             else f"At your rate of {rate} a year")
    return (f"With your numbers (an overdue card balance keeps the card's interest: interest = balance × rate ÷ 365 × days):\n"
            f"{basis}: {amount} × {rate} ÷ 365 × {days} days ≈ {interest}.\n"
            "There is no fixed penalty uplift on a card as on a bank loan in China; the card agreement may add a late fee "
            "(in China a 违约金, which bears no interest). Your statement and contract decide.")


# A question about what a rate comes to in a year, or whether it is high or legal ("日息千分之一 年化是多少",
# "月息2分合法吗"): stop 23 quoted the article's own example (日息万五 = 18.25%) instead of the asker's rate.
# An article that turns a daily or monthly rate into a year's ("× 365", "×12", "365天"): the formula worked.
_ANNUALISES = re.compile(r"[×x*]\s*(?:365|12)\b|365\s*(?:天|days)")
_PERIODS = {"daily": 365, "monthly": 12}


def rate_numbers(question: str) -> Rate | None:
    """The daily or monthly rate the question states when it asks what that is in a year (or whether it is
    high or legal); None for an annual rate (nothing to work) or a question that asks something else."""
    if not (ASKS_ANNUAL.search(question) or asks_about_a_loan_rate(question)):
        return None
    rate = rate_in(question)
    return rate if rate is not None and rate.basis in _PERIODS else None


def _annualises(match: ArticleMatch) -> bool:
    return any(_ANNUALISES.search(hit.text) or _ANNUALISES.search(hit.summary) for hit in match.hits)


def rate_formula_first(matches: list[ArticleMatch], language: str, within: int = 3,
                       question: str = "") -> list[ArticleMatch]:
    """The matches with the best-ranked article that annualises a rate (among the first `within`, the reader's
    language preferred) moved to the top: "月息2分合法吗" is answered from the article with the formula and the
    caps, not from the credit-card instalment article that ranked first (stop 23). A `question` asking whether
    the rate is legal or normal looks further: "2% a month legal?" found the rates article fourth, behind a
    hardship article's worked example."""
    if question and asks_about_a_loan_rate(question):
        within = max(within, 5)
    # in the reader's language only: "欠信用卡1万，年化18%，三个月利息多少" put an English article on China's credit records,
    # whose checklist multiplies by 365, first (stop 34); the sum is worked beside the answer either way
    candidates = [i for i, match in enumerate(matches[:within]) if _annualises(match) and match.lang in (language, "")]
    if not candidates:
        return matches
    index = candidates[0]
    return [matches[index]] + matches[:index] + matches[index + 1:]


def cites_rate_formula(matches: list[ArticleMatch], cited: set[str]) -> bool:
    """True when an article the answer cites turns a daily or monthly rate into a year's."""
    return any(match.article in cited and _annualises(match) for match in matches)


def rate_text(rate: Rate, language: str) -> str:
    """The asker's rate as a year's simple rate: the multiplication, by the planner's Decimal numbers."""
    periods = _PERIODS[rate.basis]
    given, annual = _trimmed(percent(rate.per_period, 4)), percent(rate.annual)
    if language == "zh":
        said = "日息" if rate.basis == "daily" else "月息"
        return (f"按你说的{said} {given}：单利年化 = {given} × {periods} = {annual}。"
                "分期还款时本金逐月减少，按 IRR 算的真实年化还会更高；以合同为准。")
    said = "a day" if rate.basis == "daily" else "a month"
    return (f"Your rate of {given} {said} is a simple annual rate of {given} × {periods} = {annual}. "
            "Paid in instalments, the true annual rate by IRR is higher; your contract decides.")


def _trimmed(shown: str) -> str:
    """ "0.1000%" -> "0.1%", "2.0000%" -> "2%": a rate as the asker wrote it, not padded to four places."""
    number = shown.rstrip("%")
    return (number.rstrip("0").rstrip(".") if "." in number else number) + "%"


# A question about an offer's cost ("利率高吗", "is that a good rate?"), for `periods_missing`.


def periods_missing(question: str) -> bool:
    """A sum and a monthly payment asked about for their cost, with no number of payments: "借了2万 每月还1100
    利率高吗" was answered from the article on which debt to repay first. Its rate needs the periods."""
    return bool(ASKS_RATE.search(question)) and offer_without_periods(question)


# A reply that is only the number of payments ("24期", "分两年", "36 months") to the question `periods_missing` asked
_PERIODS_ONLY = re.compile(
    r"(?:分|共|一共|还)?\s*(?:\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?:期|个月|年半?)(?:还完|还清)?|"
    r"(?:over\s+|for\s+)?\d{1,3}\s*(?:months?|monthly payments|payments|instal{1,2}ments|years?|yrs?)|"
    r"(?:it'?s |its )?(?:over |for )?(?:a|one|1) (?:year|yr)|\d{1,3}", re.IGNORECASE)
_YEARS_SAID = re.compile(r"(?:(?P<n>\d{1,2})\s*|(?:a|one)\s+)(?:years?|yrs?)\b", re.IGNORECASE)


def may_complete_offer(message: str) -> bool:
    """Whether a message is periods alone ("24期", "2 years"): only then is the history read for the offer it completes
    (bench: a history read for every message cost about 0.6 ms)."""
    reply = message.strip().strip("。.!！~ ")
    return len(reply) <= 24 and _PERIODS_ONLY.fullmatch(reply) is not None


def completes_offer(previous: str, message: str) -> str | None:
    """The offer asked about before with the periods this message gives ("借了2万 每月还1100 利率高吗", then "24期"),
    as one message the planner can work; None when the message is not that, or the question before was not one."""
    reply = message.strip().strip("。.!！~ ")
    if len(reply) > 24 or not _PERIODS_ONLY.fullmatch(reply) or not periods_missing(previous):
        return None
    if reply.isdigit():  # a bare "24": the number of payments asked for
        reply = f"分{reply}期" if re.search(r"[\u4e00-\u9fff]", previous) else f"{reply} payments"
    elif (english_years := _YEARS_SAID.search(reply)) is not None:  # "1 yr", "it's for a year": over N years
        reply = f"over {english_years.group('n') or 1} years"
    elif "年" in reply and not reply.startswith("分"):
        reply = "分" + reply.removeprefix("还").removeprefix("共").removeprefix("一共")
    if reply.lower().endswith(("month", "payment", "instalment", "installment")):
        reply += "s"
    return previous.rstrip("?？ ") + "，" + reply


def worked_order(question: str, language: str, matches: list[ArticleMatch]) -> list[ArticleMatch]:
    """The matches as `ask` answers from them: for a question with numbers to work (a penalty, a daily or monthly
    rate, an offer without its periods), the article with the formula first; otherwise unchanged. `search` shows
    the same list (issue 10: an editor who asks "why did it answer that" sees what was answered from)."""
    if penalty_numbers(question) is not None:
        return formula_first(matches, language, question=question)
    if interest_numbers(question) is not None or rate_numbers(question) is not None:
        return rate_formula_first(matches, language, question=question)
    # an offer without its periods is asked for them; one whose payoff or payment is worked is not ("12500 owed on my card,
    # 20% apr, how long to pay off at 400 a month" put the Chinese article on true APR before three English ones)
    if periods_missing(question) and payoff_numbers(question) is None and payment_numbers(question) is None:
        return rate_formula_first(matches, language, question=question)
    return matches


def works_a_stated_rate(question: str) -> bool:
    """A loan's daily or monthly rate stated and asked about ("日息万五换算成年化是多少？"): answered by the planner's
    arithmetic under the article on rates, whatever the decline decision's gap (above its floor)."""
    return penalty_numbers(question) is None and rate_numbers(question) is not None and not names_other_finance(question)


def only_periods(message: str) -> bool:
    """A message that is only a number of payments ("24期", "36 months"), not a bare number: with no offer asked
    about before, the three numbers an offer needs are asked for."""
    reply = message.strip().strip("。.!！~ ")
    return len(reply) <= 24 and not reply.isdigit() and _PERIODS_ONLY.fullmatch(reply) is not None
