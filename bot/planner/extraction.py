"""What a borrower's free text says about their loans (zh / en), for the /plan conversation.

* `extract_loan`: "我欠招行信用卡2万，年化18%，逾期15天" -> the fields it understood (kind, name,
  balance, annual_rate, days_overdue, min_payment, overdue_amount); the rest is asked for.
* `parse_edit`: "把第二笔的利率改成24%" -> which loan (or the budget), which field, the new value.
* `parse_delay`: "再晚还10天要多付多少？" -> 10.
* `parse_strategy`: "用雪球法" / "我想先还借呗" -> the strategy or a custom order.
* `parse_offer`: "银行说可以分24期，每期还983，划算吗？" -> 24 payments of 983.
Values come back as text for the field parsers in `bot.planner.amounts`, which say what is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, Iterator

from bot.planner.amounts import FEN_RATE, Rate, normalise, parse_amount, parse_days, parse_rate_detail, shown
from bot.planner.corrections import HOLD_ON_ZH, SAID_WRONG_ZH
from bot.planner.errors import PlanInputError
from bot.planner.per_message import per_message

# Longest words first inside each kind; online names before "借条" so "360借条" is an online lender.
KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("online_lender", ("花呗", "借呗", "微粒贷", "京东金条", "京东白条", "金条", "白条", "360借条", "分期乐", "美团", "网贷", "网商贷", "省呗", "还呗", "放心借", "你我贷", "洋钱罐", "任性付",
                       "安逸花", "拍拍贷", "招联", "度小满", "有钱花", "小贷", "平台", "app", "online lender", "online loan",
                       "payday", "klarna", "afterpay", "affirm", "huabei", "jiebei", "weilidai", "baitiao", "jintiao",
                       "fenqile", "paipaidai", "speedy cash")),
    ("credit_card", ("信用卡", "credit card", "card", "visa", "mastercard", "amex", "capital one", "discover", "citi", "synchrony",
                     "barclays", "chase", "wells fargo", "credit one", "best buy", "target")),
    ("private", ("朋友", "亲戚", "同事", "家人", "私人", "个人借款", "借条", "friend", "family", "relative", "private")),
    ("bank_loan", ("消费贷", "房贷", "车贷", "经营贷", "银行", "贷款", "bank", "loan")),
)
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
# What is left of a Chinese number after `normalise` turned its digits Arabic: its units ("十万元"); a
# Chinese digit still there belongs to a word that is no number ("一共", "唯一").
_CN_NUM = r"[十百千万]+"
# A number with its Chinese units, as `normalise` leaves them ("三十万" -> "3十万", "一百二十万" -> "1百2十万",
# "2千5百", "1万5", "十五万" -> "十5万"): every unit and the digits between them belong to the amount.
AMOUNT = (rf"(?:[¥$]\s*)?(?:(?:十(?=\d))?{_NUM}(?:\s*(?:亿|万|千|百|十|k(?![a-z])|w(?![a-z])|million\b|thousand\b|grand\b)(?:\d+(?:\.\d+)?(?=\s*[亿万千百十]))?)*(?:0\d+|\d)?"
          rf"|{_CN_NUM}(?=元|块|$|[，,。\s]))\s*(?:元|块钱|块)?")
_RATE = re.compile(
    rf"(?:(?P<label>年化利率|年化|年利率|年息|日息|日利率|日利|月息|月利率|利率|利息|apr|interest|rate)\s*(?:是|为|:|of|at)?\s*)?"
    rf"(?P<value>(?<![\d.]){_NUM}\s*%|[万千]分之[\d一二三四五六七八九.]+|(?<![\d.万千])万[\d一二三四五六七八九.]+)"
    # "每月" with an amount after it is the next field, not the rate's period: "年化22.5% 每月1200" was 270% a year (stop 30)
    r"\s*(?P<unit>/天|/日|每天(?!\s*(?:还|付|要)?\s*\d)|一天|1天|per day|a day|daily|/月|每月(?!\s*(?:还|付|要|最低|应还)?\s*\d)|per month|a month|"
    r"monthly(?!\s*(?:payments?|pay|min(?:imum)?s?|instal+ments?|bills?|dues?)\b)|a year|per year|/年|apr)?"
)
_DAYS = re.compile(
    r"(?:逾期|超期|晚了|拖了)(?:了|已经)?\s*(?P<zh>(?:\d*十\d*|\d+|[一二两三四五六七八九十半]+)\s*(?:多|来)?\s*"
    r"(?:天|日(?!期)|个[多半]?月|月(?![\d份]))(?!\s*\d+\s*[日号]))"
    r"|(?P<en>\d+)\s*days?\s*(?:late|overdue|past due|behind)|overdue\s*(?:by|for)?\s*(?P<en2>\d+)\s*days?"
)
# Days with their unit anywhere in a message about being overdue ("逾期三万五，九十天，罚息多少"); the
# unit is required, so "逾期3万5" is an amount, never 3 days.
_BARE_DAYS = re.compile(r"(?<![\d.月])(?P<zh>(?:\d*十\d*|\d+|半)\s*(?:多|来)?\s*(?:天|日|个多?月))(?!\s*(?:前|后|内|以内|之内))"
                        r"|(?<![\d.])(?P<en>\d+)\s*days?\b(?!\s*(?:ago|from|later))")
_OVERDUE_WORD = re.compile(r"逾期|超期|晚了|拖了|overdue|late|past due", re.IGNORECASE)
# "最低每月800", "75 a month", "$225 every month", "389/month", "I pay $250 monthly": a payment, not what is owed (stop 27
# red team: each overwrote the balance); not an income ("I make 3000 a month": see _INCOME_BEFORE)
_MINIMUM = re.compile(rf"(?:最低还款额?(?:每个?月)?|最低(?:每个?月|每期)?(?:还款?|要还)?|每个?月(?:最低)?(?:还款?|要还|得还|付)(?:给?[他她它])?|月供|每期还?|"
                      rf"minimum(?: payment)?(?: is| of)?|\bmin\.?(?: payment)?(?: is| of)?|"
                      # "monthly payment 245", "payment 465" (stop 34 red team: ignored, the minimum asked again)
                      rf"\b(?:monthly |car |loan )?payment(?: is| of|:)?(?=\s*[$¥]?\d))"
                      # a doubt between the word and the amount: "min payment idk maybe 90" (stop 29 second red team: $90
                      # owed, named "maybe")
                      rf"(?:\s*(?:idk|i think|maybe|like|about|around|probably|prob|roughly|approx\.?)\b)*"
                      rf"\s*(?:是|为|:|还|要还)?\s*"
                      rf"(?P<value>{AMOUNT})"
                      rf"|(?P<monthly>{AMOUNT})\s*(?:dollars?|bucks|yuan|元|块)?\s*(?:a|per|every|each)\s+month\b"
                      # "欠2万 每月2000": the 每月 has an amount of its own (stop 30: the minimum was 20,000, the balance 2,000)
                      # "信用卡欠了5万 每个月只还最低还款": what is owed, then how it is paid (stop 32 red team: a minimum of 50,000)
                      rf"|(?<!欠)(?<!欠了)(?<!欠了\s)(?P<monthly2>{AMOUNT})\s*(?:/\s*(?:month|mo)\b|monthly\b|每个?月(?!\s*(?:还|付|要|最低)?\s*\d))"
                      # "年化22.5% 每月1200" (stop 30 red team: read as the balance, named "每月"); not a pay or a rent
                      rf"|(?<![房租工资收入])每个?月\s*(?P<monthly3>{AMOUNT})(?![\d.万千kKwW]|,\d)(?!\s*的?(?:工资|收入|房租|租金|生活费|开销|花销|到手))",
                      re.IGNORECASE)
_INCOME_BEFORE = re.compile(r"(?:make|earn|income|salary|paid|get|take home|工资|收入|月薪|到手|挣|赚|rent|房租)\W*(?:\w+\W*){0,3}$",
                            re.IGNORECASE)
_MONTHLY_LABEL = re.compile(r"(?:\bmonthly|\bper month|每月|月)\s*(?:interest\s*)?(?:rate\s*)?(?:is\s*|of\s*|[:：]\s*|是\s*|为\s*)?$",
                            re.IGNORECASE)
_DAILY_LABEL = re.compile(r"(?:\bdaily|\bper day|每天|每日|日)\s*(?:interest\s*)?(?:rate\s*)?(?:is\s*|of\s*|[:：]\s*|是\s*|为\s*)?$",
                          re.IGNORECASE)
_OVERDUE_AMOUNT_EN = re.compile(rf"\b(?:past due|overdue amount|amount overdue|behind by)\s*(?:is|of|:)?\s*(?P<v1>{AMOUNT})(?![\d.])(?!\s*(?:days?|weeks?|months?))"
                                rf"|(?P<v2>{AMOUNT})(?![\d.])\s*(?:is\s+)?(?:past due|overdue)(?!\s+(?:for|by))", re.IGNORECASE)
_OVERDUE_AMOUNT = re.compile(rf"逾期(?:金额|了|的)?\s*(?:是|为)?\s*(?P<value>{AMOUNT})(?![\d.])"
                             r"(?!\s*个?\s*(?:多|来|几|半)?\s*个?\s*(?:天|日|个月|月|周|年|星期|%))(?!\s*分)")
# 分 after a number is minutes, a score or a rate ("1分钟", "考了90分", "1分5"), never money, unless it starts
# instalments ("2万分12期", "分期", "分3年还").
_FEN_NOT_MONEY = r"分(?!期|\s*\d+\s*(?:期|年|个月|次))"
# Never a number cut short of its unit (when "1万" is refused by what follows, "1万 年底", "1" is no amount), nor of
# its thousands ("$15,000 loan" was 15), nor a piece of a phone number ("415-555-0198" was 198); "a $15,000 loan" is
# an amount, "2 loans" a count;
# nor the hour or minutes of a time ("下午3点50"), nor a number before 分 (`_FEN_NOT_MONEY`).
_AMOUNT = re.compile(rf"(?<![\d.%点周几多百千十])(?<!\d,)(?<!\d-){AMOUNT}(?!\d|\.\d|,\d{{3}}(?!\d))(?![亿万千百点几])(?!\s*(?:天|日(?!息|利)|个月|月(?!薪|供)|周|%|笔|个|次|张|家|期|位|年(?!化|利|息)|岁|号|度|楼|层|"
                     rf"{_FEN_NOT_MONEY}|"
                     r"days?|months?|loans\b|debts?\b|creditors?\b|lenders?\b|years? old|times?\b|(?:credit )?cards\b|"
                     # a hotline, a phone number or a date's ordinal: "95555客服电话", "1-800-555-0199", "the 1st"
                     r"客服|电话|热线|投诉|举报|-\s*\d|st\b|nd\b|rd\b|th\b))")
_DEBT = re.compile(r"欠|借了|贷了|还有|剩|owe|borrowed|debt|balance", re.IGNORECASE)
_NAME_ZH = re.compile(r"(?:欠|(?<![现正实好存])在|借了|贷了)(?:了)?(?P<name>[^\d，,。;；¥$十]{1,16}?)(?:的)?(?:还有|剩|借了|贷了)?(?=[\d¥$一二两三四五六七八九十])")
_NAME_EN = re.compile(r"(?:owe|on|to)\s+(?:my\s+|the\s+|a\s+)?(?P<name>[a-z][\w ]{1,30}?)(?=\s+(?:\d|¥|\$|(?:at|with|is|of|in|since|for)\b)|[,.:：]|$)")
# Who lent it: "borrowed 1500 from my roommate", and an item of such a list "600 from my sister" (stop 25 third red
# team: the sister's 600 was lost; "got 500 from my mom last week" was a debt named "got").
_FROM_EN = re.compile(r"(?:\b(?:borrow(?:ed)?|got|received|took|loan|card)\b(?:[^,.;]|(?<=\d)[,.](?=\d)){0,30}?|^\s*[$¥]?\d[\d,.]*\s*k?\s*(?:dollars?|bucks|yuan|rmb)?\s+)(?:\bfrom\s+|\bwith\s+|\bw/\s*)"
                      r"(?:my\s+|the\s+|a\s+)?(?P<name>[a-z][\w ]{1,30}?)(?=\s+(?:\d|¥|\$|at|with|is|of|and|last|this|"
                      r"next|ago|yesterday|in|for|since)\b|[,.]|$)")


# Numbers the parser refuses, found in a whole message: exponent notation ("1e309", "2.5e4") and a
# minus sign that is not a range or a date ("-5000元", not "3000-5000" or "2025-06-20"), nor a dash between a
# name and its amount ("capital one - 2100", "借呗 - 3w": stop 26 red team, the debt was refused as negative).
_EXPONENT_TOKEN = re.compile(r"\d+(?:\.\d+)?e[+-]?\d+")
_NEGATIVE_TOKEN = re.compile(r"(?<![0-9a-z.%\-\s])-\s*\d[\d,]*(?:\.\d+)?|(?<=\s)-\d[\d,]*(?:\.\d+)?")


# A run of 13-19 digits is a card or account number ("我的信用卡6225881234567890欠了2万"), not an amount:
# blanked, so the rest of the message is still read (it refused the whole message as "over 1 billion").
_CARD_NUMBER = re.compile(r"(?<![\d.,])\d{13,19}(?![\d.,])")


def _mask_refused(lowered: str) -> str:
    """The text with refused numbers blanked out (same length), so no pattern reads "1" of "1e309"."""
    for pattern in (_EXPONENT_TOKEN, _NEGATIVE_TOKEN, _CARD_NUMBER):
        lowered = pattern.sub(lambda m: " " * len(m.group(0)), lowered)
    return lowered


def _blanked(text: str, match: re.Match[str]) -> str:
    """The text with a field already read blanked out, same length. Not with spaces: the amount pattern
    looks past spaces for a unit, so "借1万分12期每月还983 年化多少" blanked to "借1万" + spaces + " 年化" read
    "1万 年" as years and the principal as ¥1."""
    return text[: match.start()] + "#" * (match.end() - match.start()) + text[match.end():]


def refused_number(text: str) -> PlanInputError | None:
    """The first number in a message that the planner refuses, as the error to show; None if none is."""
    lowered = normalise(text)
    if exponent := _EXPONENT_TOKEN.search(lowered):
        token = exponent.group(0)
        return PlanInputError("amount", f"'{shown(token)}' is in exponent notation; write the number out (25000, 2.5万)",
                              "25000, 2.5万", code="exponent", value=shown(token))
    if negative := _NEGATIVE_TOKEN.search(lowered):
        token = negative.group(0).replace(" ", "")
        return PlanInputError("amount", f"must not be negative, got {shown(token)}", "0 or more", code="negative",
                              value=shown(token))
    for match in _AMOUNT.finditer(_CARD_NUMBER.sub(lambda m: " " * len(m.group(0)), lowered)):
        try:
            parse_amount(match.group(0).strip(), "amount")
        except PlanInputError as error:
            if error.code in ("too_large", "exponent", "negative"):
                return error
    return None


@lru_cache(maxsize=1)
def _kind_patterns() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    return tuple((kind, word, re.compile(rf"(?<![a-z]){re.escape(word)}(?![a-z])" if word.isascii() else re.escape(word)))
                 for kind, words in KIND_WORDS for word in words)


# What a debt is, said in so many words: it wins over a lender's usual kind ("a wells fargo personal loan" is a loan, not
# Wells Fargo's card; stop 28 red team), the first said first.
_PRODUCT_WORDS = re.compile(
    r"(?<![a-z])(?P<bank_loan>personal loan|car loan|auto loan|student loan|mortgage|home equity|消费贷|房贷|车贷|经营贷|银行贷款)(?![a-z])"
    r"|(?<![a-z])(?P<credit_card>credit card|store card|信用卡)(?![a-z])|(?<![a-z])(?P<online_lender>payday(?: loan)?|网贷)(?![a-z])")


# A loan from a relative, whatever product word is beside it ("personal loan from my uncle", "借我表哥的 3万": stop 31 red team,
# a bank loan or no kind)
_FROM_FAMILY = re.compile(r"\b(?:from|to|owe) (?:my )?(?:uncle|aunt|cousin|brother|sister|mom|mum|dad|parents|grandma|grandpa|"
                          r"in-laws?|family|relatives?|friend)\b|借(?:我)?(?:的)?(?:表|堂)?(?:哥|姐|弟|妹|舅舅?|叔叔?|姑姑?|姨|爸|妈|"
                          r"爷爷|奶奶|外婆|外公)|(?:表|堂)(?:哥|姐|弟|妹)|舅舅|叔叔|姑姑|阿姨", re.IGNORECASE)


@per_message()
def loan_kind(text: str) -> tuple[str, str] | None:
    """The kind of loan a text mentions and the word that said so: ("credit_card", "信用卡")."""
    lowered = normalise(text)
    if (family := _FROM_FAMILY.search(lowered)) is not None:
        return "private", family.group(0)
    product = _PRODUCT_WORDS.search(lowered)
    if product is not None and product.lastgroup:
        return product.lastgroup, product.group(0)
    for kind, word, pattern in _kind_patterns():
        if pattern.search(lowered):
            return kind, word
    return None


# Words after an amount that are no one's name: a unit, a preposition or a field of the same loan ("3000 at 24%",
# "5000 min 150", "2000 due friday")
_NOT_A_NAME_EN = ("on|to|at|for|a|an|per|dollars?|bucks|usd|rmb|yuan|cny|in|with|from|of|each|every|apr|rate|interest|"
                  "min|minimum|monthly|month|months|mo|days?|weeks?|years?|left|due|owed|total|overdue|late|past|and|or|"
                  "is|was|plus|fee|fees|payments?|instal+ments?|over|by|since|after|before|until|about|around|like|"
                  "balance|limit|credit|owe|owing|owed|paid|pay|paying|spent|still|just|only|now|then|but|so|pm|am")
CJK_KIND_WORDS = frozenset(word for _, words in KIND_WORDS for word in words if not word.isascii())
# The Chinese names of lenders that may follow an amount with no space ("花呗5000借呗8000")
_GLUED_KINDS = "|".join(re.escape(word) for kind, words in KIND_WORDS for word in words
                        if not word.isascii() and kind in ("online_lender", "credit_card"))


# A comma between a digit and three more is a thousands separator ("$5,000"), never a part's end.
# Loans listed with spaces or slashes too ("花呗3千 借呗2万 网贷5千", "信用卡2万/借呗1万"): a space after an
# amount, before a Chinese word, ends a part (stop 22: every loan after the first was dropped).
_PARTS = re.compile(r"[，;；、。\n|｜]|(?<!\d),|,(?!\d{3}(?!\d))|(?<!\bw)/(?![天日月年期周]|day|month|year|week|mo\b|wk\b|yr\b|d\b)|\band\b|和|还有|另外"
                    r"|但是|但(?!凡)|\bbut\b|\s\+\s|(?<=[\d万千kw元块])\+(?=\D)"
                    # after a note in brackets: "借呗2万（逾期30天）花呗5000" (stop 26 red team: 花呗 was lost)
                    r"|(?<=[)）])(?=\s*[^\s，,;；。)）])"
                    r"|(?<=[\d万千kw元块%])\s+(?=[\u4e00-\u9fff]|360借条)(?![万千百亿元块天个月日周年期%])"
                    # no space at all: "花呗5000借呗8000", "一张欠2万一张欠1万" (stop 25 red team: the second was lost)
                    rf"|(?<=[\d万千元块])(?=(?:{_GLUED_KINDS})\s*\d)|(?<=[\d万千元块])(?=(?:另)?一[张笔])|(?<=[a-z])\.\s+|(?<=[%\d])\.\s+(?=[A-Z])"
                    # English names and amounts in a row: "mom 2000 dad 1500", "visa 5000 mastercard 3000"
                    rf"|(?<=[\dk])\s+(?=(?!(?:{_NOT_A_NAME_EN})\b)[a-z]{{2,}}\s+[$¥]?\d)", re.IGNORECASE)
MAX_SPLIT_CHARS = 1000


def _names_a_loan(part: str) -> bool:
    """A part of a message that names a kind of loan and an amount ("借呗1万")."""
    return loan_kind(part) is not None and _AMOUNT.search(_mask_refused(normalise(part))) is not None


def loans_named(text: str) -> int:
    """How many debts a message lists: its parts that each name a kind of loan and an amount
    ("招行信用卡2万，借呗1万，花呗5000": 3; "信用卡欠2万，每月最低2000": 1)."""
    return sum(1 for part in _PARTS.split(text[:MAX_SPLIT_CHARS]) if _names_a_loan(part))


_OWED_WORD = re.compile(r"欠|借|刷了|\bowe|\bowing\b|\bborrow|\blent\b|\bdebt", re.IGNORECASE)
_NOT_A_DEBT = re.compile(r"房租|租金|工资|薪|收入|每月|每个月|\b(?:(?<!back )rent|salary|paid|earn|make|income|a month|per month)\b|"
                         # savings, what one owns, a gift, money owed TO the user ("朋友还欠我2万", "我妈给了我5000")
                         r"存款|积蓄|储蓄|卡里|余额|值|资产|给了?我|欠我(?=\s*(?:\d|[一二两三四五六七八九十]|的|钱))|"
                         r"\b(?:savings|saved|worth|owes me|gave me|checking)\b", re.IGNORECASE)
_TOTAL_OR_COUNT = re.compile(r"一共|总共|合计|加起来|总计|共计|(?<![一总])共\s*\d|\d+\s*(?:笔|个|张|家)|\b(?:total|altogether|in all|all together)\b|"
                             r"\b\d+\s+(?:debts|loans|cards|creditors|lenders|people|things|bills)\b", re.IGNORECASE)
# What a loan's own fields are called: "欠的利息800" or "interest 500" after a loan is that loan's, not a debt to "利息".
_FIELD_NAME = re.compile(r"利息|罚息|本金|手续费|违约金|滞纳金|最低|月供|额度|逾期|年化|利率|服务费|本息|每期|分期|首付|"
                         r"interest|fee|minimum|payment|penalt|limit|apr|rate|principal|balance", re.IGNORECASE)
# Words before an amount that say it was paid, spent or is due, or when ("下个月还1000", "已经还了5000", "上个月刷了3000",
# "paid 500 already"): that loan's payment, not a debt to someone
_PAID_OR_WHEN = re.compile(r"还|付|交|刷|花|存|赚|挣|省|月|天|周|年|今|明|昨|已|打算|准备|要|让|叫|说|具体|其实|共|只|现在|目前|"
                           r"\b(?:paid|pay|paying|spent|spend|saved|save|earn|earned|last|next|this|already|month|week|year|"
                           r"due|left)\b", re.IGNORECASE)
# Money given to, lent out by, or paid by the user ("我妈给了我5000", "我借给表弟3万", "a $1000 bonus", "paid 500 on my card")
_NOT_OWED_BY_USER = re.compile(r"给了?我(?!的)|借给(?!我)|奖金|退款|红包|减免|\b(?:gave|lent (?!me\b)\w+|bonus|refund)\b|"
                               r"\bin (?:my )?(?:checking|savings|bank account)\b", re.IGNORECASE)
_PAID_AMOUNT = re.compile(r"\bpaid (?:off |down )?\$?\d", re.IGNORECASE)  # that loan's payment, kept with it
_OWED_TO_USER = re.compile(r"欠我(?=\s*(?:\d|[一二两三四五六七八九十]|的|钱))|借了我(?=\s*\d)|\bowes me\b|"
                           # "我同学找我借了3000", "同事借我的2000还没还我" (stop 26 red team: both were the user's debts)
                           r"(?:找|向|跟|问)我借|没还我|还我钱|"
                           r"\bborrowed\b.{0,16}\bfrom me\b", re.IGNORECASE)
_LENDER_ACTS = re.compile(r"(?:银行|平台|催收|客服|法院|律师|bank|lender|collector)\s*(?:让|说|要求|叫|同意|打|催|发|告诉|建议|"
                          r"says?|said|wants?|told|asked)", re.IGNORECASE)
# Owing someone named after it ("欠花花1000", "800 to my roommate"): the name is who, whatever its characters
_OWES_SOMEONE = re.compile(r"欠|\bow(?:e|ed|ing)\b|\bto\s+(?:my\s+|the\s+|a\s+)?[a-z]", re.IGNORECASE)
# A list's number in front of an item ("1.房东 3000 2.信用卡 2万", "1) 2000 to mom"): never a decimal point ("1.5万")
# "Debt 1: Chase Freedom, 7800, …", "第一笔：" (stop 27 red team: a debt named "Debt" with a balance of 1)
_LIST_LABEL = re.compile(r"(?:^|(?<=[，,;；。\n])|(?<=[.!?]\s))\s*(?:debt|loan|card|item)\s*#?\s*\d{1,2}\s*(?:[:：)]|\.(?!\d)|-(?!\d))\s*|"
                         r"(?:^|(?<=[\s，,;；。\n]))#\s*\d{1,2}\s*[:：.)\-]?\s+|第[一二两三四五六七八九十\d]{1,2}笔\s*[:：]", re.IGNORECASE)
_LIST_NUMBER = re.compile(r"(?:^|(?<=[\s，,;；。：:]))\d{1,2}\s*(?:[、)）]|\.(?!\d))\s*")
# Where a lead-in ends before the first loan ("一共欠5万：信用卡2万", "total 12000 - credit card 6000"); a part ends
# there only when what follows names a loan ("信用卡：2万" is one part)
_LEAD_END = re.compile(r"[:：]|——|\s[-–—]+\s")


def _parts(text: str) -> list[str]:
    """A message's parts, one debt or one fact each, in order (empty parts dropped)."""
    parts: list[str] = []
    for piece in _PARTS.split(_LIST_NUMBER.sub("，", _LIST_LABEL.sub("，", text[:MAX_SPLIT_CHARS]))):
        if not piece or not piece.strip():
            continue
        end = _LEAD_END.search(piece)
        if end and piece[:end.start()].strip() and (_stands_alone(piece[end.end():]) or (
                _COUNTED.search(piece[:end.start()]) and _AMOUNT.search(_mask_refused(normalise(piece[end.end():]))))):
            parts += [piece[:end.start()], piece[end.end():]]
        else:
            parts.append(piece)
    # a kind named with its amount in the next part ("信用卡还有一万二没还" splits at 还有): one part
    joined: list[str] = []
    for part in parts:
        if joined and loan_kind(joined[-1]) and not _AMOUNT.search(_mask_refused(normalise(joined[-1]))) and (
                loan_kind(part) is None and _AMOUNT.search(_mask_refused(normalise(part)))) and not (
                _TOTAL_OR_COUNT.search(joined[-1]) or _COUNTED.search(joined[-1]) or _NOT_A_DEBT.search(part)):
            # not "一共8个平台，每个月要还1万多" nor "信用卡两张，一张欠2万"; English joins with a comma
            # ("chase card, i owe like 4,200" was named "chase card还有 i owe", stop 28 red team)
            joined[-1] += "还有" + part if re.search(r"[\u3400-\u9fff]", joined[-1] + part) else ", " + part.strip()
        else:
            joined.append(part)
    return joined


def message_parts(text: str) -> list[str]:
    """A message's parts, one debt or one fact each, in order: how `split_loans` cuts it."""
    return _parts(text)


def _stands_alone(part: str) -> bool:
    """A part that is a debt of its own: it names a kind of loan and an amount ("借呗1万"), or an amount owed to
    someone and nothing else ("欠同学五千", "700 to my brother", "my boss 4000"); not a field of the loan before it
    ("年化18%", "欠的利息800"), a total or a count ("一共5万"), nor a rent or a pay ("每月房租1500")."""
    if _OWED_TO_USER.search(part) or _LENDER_ACTS.search(part) or _NOT_OWED_BY_USER.search(part) or _PAID_AMOUNT.search(part):
        return False  # "朋友还欠我2万", "银行让我先还5000", "我妈给了我5000", "paid 500 on my card": no debt of the user's
    if _names_a_loan(part) and not re.search(r"\b(?:checking|savings)\b", part, re.IGNORECASE):
        return True  # "Chase checking: 120" is a bank account, not the Chase card
    if _TOTAL_OR_COUNT.search(part) or (_NOT_A_DEBT.search(part) and not _OWES_SOMEONE.search(part)):
        return False  # "每月房租1500" is no debt; "欠房东两个月房租3000" is one
    fields = extract_loan(part)
    name = fields.get("name")
    owes = _OWES_SOMEONE.search(part) is not None
    # its own rate, minimum or days only with a word of owing ("欠老乡2万 月息2%"): "年化18%" alone is the loan before's
    # its own rate, minimum or days with a word of owing ("欠老乡2万 月息2%") or its name first ("Discover 1,800 at 22%")
    # "no interest, no set payment" describes a family loan, not a field of the loan before it
    extra = {field for field in set(fields) - {"balance", "name", "kind"}
             if not (field in ("annual_rate", "min_payment") and fields[field] == 0)}
    named_first = bool(name) and part.strip().lower().startswith(str(name).lower())
    return ((not extra or owes or named_first) and "balance" in fields and bool(name)
            and not _FIELD_NAME.search(name) and (owes or not _PAID_OR_WHEN.search(name)))


def _names_someone(fields: dict[str, Any]) -> bool:
    """A name that is a lender, not a field of a loan or a payment ("mortgage 200k at 4%, visa 5k at 22%": the mortgage
    is a debt of its own, not the visa's first words; "上个月还了3000，…" is no debt)."""
    name = fields.get("name")
    return bool(name) and not _FIELD_NAME.search(name) and not _PAID_OR_WHEN.search(name)


# A count of the debts that follow ("信用卡两张", "两笔网贷", "3 cards", "I owe 3 lenders"): each bare amount after it
# ("一张欠2万", "一笔1万", "2k", "3000") is one of them (stop 25 third red team: all but the first were lost)
_COUNTED = re.compile(r"(?:\d+|[两二三四五六七八九十几])\s*(?:笔|张|个|家)|\b\d+\s+(?:cards|lenders|loans|debts|creditors|people)\b",
                      re.IGNORECASE)


def _bare_amount(part: str) -> bool:
    """A part that is an amount and nothing else one can name ("一张欠2万", "一笔1万", " 2k", "3000")."""
    return set(extract_loan(part)) == {"balance"}


# A part that reports a payment made and owes nothing in it ("上个月还了借呗3000", "这个月刚还了1000", "paid 借呗 2000
# already"): no debt, nor the loan before's balance (stop 26 red team: paid and left were two debts)
_PAID_PART = re.compile(r"还了|已还|还过|\b(?:paid|repaid)\b", re.IGNORECASE)
_STILL_OWED = re.compile(r"欠|借了|借的|剩|没还|未还|还差|还有|\b(?:owe|owed|owing|left|still|remaining|borrowed)\b",
                         re.IGNORECASE)


def _reports_a_payment(part: str) -> bool:
    return bool(_PAID_PART.search(part)) and not _STILL_OWED.search(part)


# Names then their amounts in the same order: "花呗/借呗/白条 分别是 2000/5000/3000", "visa and amex are 2k and 3k
# respectively" (stop 26 red team: one debt of 3000 named 花呗)
_RESPECTIVELY = re.compile(r"^(?P<names>[^\d]{2,80}?)\s*(?:分别(?:是|为|欠了?|有)?|各(?:是|欠)|are|owe)\s*[:：]?\s*(?P<amounts>.+?)"
                           r"\s*(?:respectively)?\s*[。.!！]?$", re.IGNORECASE)
_LIST_GLUE = re.compile(r"\s*(?:[/、,，;；和]|\band\b)\s*", re.IGNORECASE)


def _respectively(text: str) -> str | None:
    """The message as "name amount" pairs when it names debts, then as many amounts, in one order."""
    found = _RESPECTIVELY.match(text.strip())
    if found is None or ("分别" not in text and "各" not in text and "respectively" not in text.lower()):
        return None
    names = [n for n in _LIST_GLUE.split(found.group("names")) if n.strip()]
    amounts = [a for a in _LIST_GLUE.split(found.group("amounts")) if a.strip()]
    if len(names) < 2 or len(names) != len(amounts) or not all(_AMOUNT.search(_mask_refused(normalise(a))) for a in amounts):
        return None
    return "，".join(f"{name.strip()} {amount.strip()}" for name, amount in zip(names, amounts))


# A total with its debts in brackets: "欠款总额：3万（借呗2万+花呗1万）" owes the two in the brackets (stop 26 red team:
# one debt of 30,000 named 总额)
_BRACKETED = re.compile(r"[（(](?P<inner>[^（()）]{4,300})[)）]")


def _breakdown(text: str) -> str | None:
    """The debts listed inside brackets, when there are two or more and nothing outside names a loan of its own."""
    found = _BRACKETED.search(text)
    if found is None or loans_named(found.group("inner")) < 2:
        return None
    outside = text[:found.start()] + "，" + text[found.end():]
    return found.group("inner") if loans_named(outside) == 0 else None


# Not overdue, said in words: beside other facts ("白条年化24%，最低还80，没逾期": the last was dropped, stop 26 red team) or
# as the wizard's days step's answer ("no its current": stop 33); 0 days overdue
NOT_OVERDUE = re.compile(r"没有?逾期|未逾期|不逾期|还没(?:有)?逾期|从没(?:有)?逾期|没有?晚还|按时还|正常还款|"
                         r"\bnot (?:overdue|late|behind|past due)\b|\bnever (?:been )?late\b|\bon time\b|\bcurrent on\b|\bup to date\b|"
                         r"\b(?:it'?s|its|i'?m|im|am|is|are|been) (?:all )?current\b|[,，]\s*(?:and\s+)?current\s*[.!]?\s*$",
                         re.IGNORECASE)


def with_not_overdue(fields: dict[str, Any], text: str) -> dict[str, Any]:
    """The fields with 0 days overdue when the text says the loan is not overdue and gives no days."""
    if "days_overdue" not in fields and NOT_OVERDUE.search(text):
        return fields | {"days_overdue": 0}
    return fields


def split_loans(text: str) -> list[dict[str, Any]]:
    """The loans a message lists, each with the fields its own part states ("招行信用卡2万，年化18%，借呗1万"
    -> the card with its rate, then 借呗); a message about one loan gives `[extract_loan(text)]`. A part
    that is no debt of its own ("年化18%") belongs to the loan before it."""
    text = _respectively(text[:MAX_SPLIT_CHARS]) or _breakdown(text[:MAX_SPLIT_CHARS]) or text
    groups: list[str] = []
    counted: str | None = None  # the kind word of a count before the list ("信用卡两张": 信用卡), "" for no kind
    numbered: list[int] = []  # the groups that are its items: named 信用卡1, 信用卡2 (one name each, as a plan needs)
    parts = _parts(text)
    for index, part in enumerate(parts):
        if counted is None and not groups and _COUNTED.search(part) and not _AMOUNT.search(_mask_refused(normalise(part))):
            found = loan_kind(part)
            counted = found[1] if found else ""
            continue  # "信用卡两张" / "I owe 3 lenders" itself is no debt
        if counted is not None and _TOTAL_OR_COUNT.search(part) and not _names_a_loan(part):
            continue  # "我欠了三笔：…，合计29500": the total is none of them (stop 25 final red team)
        if counted is not None and _bare_amount(part):
            item = re.sub(r"^\s*(?:另)?一[张笔](?:是|欠)?", "", part)
            groups.append(counted + item if counted and not counted.isascii() else part)
            numbered.append(len(groups) - 1)
            continue
        if _reports_a_payment(part) and not (index + 1 < len(parts) and not _stands_alone(parts[index + 1])
                                             and not _reports_a_payment(parts[index + 1])):
            continue  # kept only to name what follows: "paid off 2k on my visa, 3k left"
        if (groups and _TOTAL_OR_COUNT.search(part) and not _names_a_loan(part)
                and any("balance" in extract_loan(group) for group in groups)) or _OWED_TO_USER.search(part) or (
                _NOT_OWED_BY_USER.search(part) and not _OWES_SOMEONE.search(part)):
            continue  # a total after the list ("…，共3万"), money owed to the user ("朋友还欠我2万"): no debt's amount
        if not groups or _stands_alone(part):
            groups.append(part)
        else:
            groups[-1] += "，" + part
    if len(groups) > 1 and not _stands_alone(groups[0]) and counted is None:
        # Words before the first debt: a total or a count of the loans that follow ("一共欠5万：", "3笔：",
        # "欠了5万 信用卡2万 借呗3万") is no loan of its own (merged, the card was read as 5万), nor is a rent or a
        # pay ("每月房租1500，", "i get paid 2,400 a month,": merged, the card was read as 2,400); a debt with no
        # kind of loan named ("欠房东3000，信用卡2万") is one; a lead-in ("我欠了：") goes with the first loan.
        lead = extract_loan(groups[0])
        total = sum((extract_loan(group).get("balance", Decimal(0)) for group in groups[1:]), Decimal(0))
        if _TOTAL_OR_COUNT.search(groups[0]) or lead.get("balance") == total or (
                "balance" in lead and (_NOT_A_DEBT.search(groups[0]) or _LENDER_ACTS.search(groups[0])
                                       or _NOT_OWED_BY_USER.search(groups[0]))):
            groups = groups[1:]
        elif "balance" not in lead or not (_OWED_WORD.search(groups[0]) or _names_someone(lead)):
            groups = [groups[0] + "，" + groups[1]] + groups[2:]
    if len(groups) > 1:
        # a budget item anywhere in the list, not only before it: "工资6000 房租1500 生活费1500 信用卡欠2万 网贷欠3万" made 生活费 a
        # debt of ¥1,500 (stop 32 red team)
        groups = [group for group in groups if not _budget_item(group)] or groups
    kept = "，".join(groups)  # without a rent, pay or total dropped before the list ("房租1200，信用卡3000" was 1,200)
    # each debt's own "没逾期" ("借呗5000年化18%最低500没逾期，信用卡1万…没逾期": each was asked whether it was overdue, stop 33)
    loans = [with_not_overdue(extract_loan(group), group) for group in groups] if len(groups) > 1 else []
    if not numbered:
        loans = _restated_once(loans)
    if len(loans) == 1 and "balance" in loans[0]:
        return loans
    if len(loans) > 1 and all("balance" in loan for loan in loans):
        for number, index in enumerate(numbered, start=1):
            if counted and not counted.isascii():
                loans[index]["name"] = f"{counted}{number}"
        return _shared(loans, parts, counted)
    return _one_loan(groups, kept)


_BUDGET_WORD = re.compile(r"房租|租金|生活费|伙食费?|饭钱|吃饭|水电费?|物业费?|交通费?|话费|工资|月薪|薪水|收入|开销|开支|花销|"
                          r"\b(?:rent|salary|wages?|paycheck|income|groceries|food|utilities|living expenses|expenses|bills)\b",
                          re.IGNORECASE)


def _budget_item(group: str) -> bool:
    """A pay, rent or living cost in a list of debts, owed to nobody ("生活费1500"; "欠房东3000" is a debt, "房贷" a loan)."""
    return (bool(_BUDGET_WORD.search(group)) and loan_kind(group) is None and not _OWED_WORD.search(group)
            and not re.search(r"房东|拖欠|欠租|\b(?:landlord|back rent|behind on)\b", group, re.IGNORECASE))


# Said of every debt listed: "都是年化18%", "both 24%", "neither is late" (stop 27 red team: "我有两张信用卡，工行1.5万和中信8000，
# 都是年化18%" gave 中信 the rate and 工行 none, and neither its kind)
_EVERY = re.compile(r"都|全都|各|\b(?:both|all of them|all are|all at|each|neither|none of them)\b", re.IGNORECASE)
_NONE_LATE = re.compile(r"没有?逾期|未逾期|不逾期|\bnot (?:overdue|late)\b|\bon time\b|\bneither\b.*\blate\b", re.IGNORECASE)


def _shared(loans: list[dict[str, Any]], parts: list[str], counted: str | None) -> list[dict[str, Any]]:
    for part in parts:
        if not _EVERY.search(part) or "balance" in extract_loan(part):
            continue
        said = {field: value for field, value in extract_loan(part).items() if field in ("annual_rate", "days_overdue")}
        if "days_overdue" not in said and _NONE_LATE.search(part):
            said["days_overdue"] = 0
        for loan in loans:
            for field, value in said.items():
                loan.setdefault(field, value)
    kind = loan_kind(counted) if counted else None
    for loan in loans:
        if kind is not None:
            loan.setdefault("kind", kind[0])
    return loans


def _one_loan(groups: list[str], kept: str) -> list[dict[str, Any]]:
    # one loan: a list's numbers are no amounts there either ("2、花呗 5000" was ¥2; stop 25 red team)
    return [extract_loan(kept)] if groups else [{}]  # nothing but money owed to the user: no debt of theirs


def _restated_once(loans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A debt named twice is one, as last stated: "花呗欠3000，这个月刚还了1000，花呗现在剩2000" owes 2,000 on 花呗
    (stop 26 red team: it was two debts, 3,000 and 2,000)."""
    out: list[dict[str, Any]] = []
    for loan in loans:
        same = next((kept for kept in out if loan.get("name") and kept.get("name") == loan.get("name")), None)
        if same is None:
            out.append(loan)
        else:
            same.update(loan)
    return out


_FILLER = re.compile(r"^(?:我|有|在|欠|还|是|[一1](?=[笔个张])|笔|个|张)+")
_NOT_NAMES = ("i", "me", "it", "them", "about", "like", "款", "钱", "债", "还有", "还欠", "一共", "总共", "借", "贷", "刷", "共",
              "the", "a", "an", "my", "this", "that", "现在", "目前", "今天", "now", "currently",
              "已经借", "已经刷", "又借", "i borrowed", "borrowed", "i owe", "owe", "collections", "collection",
              "that one", "this one", "the one", "that", "it all", "them all", "both", "each", "its", "it's", "只", "就",
              "才", "又", "约", "maybe", "idk", "probably", "prob", "i think", "around", "roughly", "approx")


# What a chat message ends on, no part of a debt's name: "chase card lol", "花呗呢哈哈" (stop 31 note: kept in the name)
_CHAT_ENDING = re.compile(r"(?:\s+(?:lol|lmao|haha\w*|hehe|ugh|smh|tbh|fml|jk|rn|ok|okay|xd)\b[\s!.~]*)+$|"
                          r"(?<=\S)(?:呢|啊|吧|哈+|呀|嘛|啦|哦|噢)+[!！~～]*$", re.IGNORECASE)


def without_chat_endings(name: str) -> str:
    """A name without the laugh or particle a chat message ends on; the name itself when nothing else is left."""
    return _CHAT_ENDING.sub("", name).strip() or name


def _name(original: str, lowered: str, kind_word: str | None, amount_at: int | None) -> str | None:
    # each pattern's name in turn: "…from upstart, … late on that one" is upstart, not "that one"
    spans = [m.span("name") for m in (_NAME_ZH.search(lowered), _NAME_EN.search(lowered), _FROM_EN.search(lowered)) if m]
    if amount_at:  # "招行信用卡2万": what comes before the amount
        spans.append((0, amount_at))
    for start, end in spans:
        # "网贷三" of "网贷三四万" is 网贷: a Chinese number's first digits are no part of a name
        # only what follows the last punctuation ("欠款：，花呗" is 花呗), without the verb before the amount
        # ("借呗借了2万", "信用卡还差200", "借呗快一万": stop 25 red team)
        # "Chase: 5k" names the debt before its colon: the last piece that holds a word
        pieces = [piece for piece in re.split(r"[：:，,;；、]", original[start:end]) if piece.strip()]
        # an earlier piece that names a kind when the last is no name ("chase card, i owe like 4,200")
        for raw in [*pieces[-1:], *(piece for piece in reversed(pieces[:-1]) if loan_kind(piece.lower()))]:
            name = _piece_name(raw)
            if name:
                return name
    if kind_word and not kind_word.isascii():
        return kind_word
    return None


def _piece_name(raw: str) -> str | None:
    """The debt's name in the piece of a message before its amount, or None."""
    # and a range's lower end ("欠了大概一万五到" before 两万: stop 29 red team, named 大概一万五到)
    head = re.sub(r"[一二两三四五六七八九十零〇百千万几\d.,\s]+(?:到|至|-|~|～)\s*$", "", raw.rstrip("一二两三四五六七八九十零〇百千万几 "))
    head = head.rstrip("一二两三四五六七八九十零〇百千万几 ")
    head = head.rstrip(".。 ")  # "yes the payday loan. 600": the sentence's end is no part of the name
    bare = head.strip(" 了的个笔我还欠剩:：,，-")
    # a lender's own name is kept whole ("有钱花" lost its 有 to the filler words); "一笔" is no name
    name = bare if bare in CJK_KIND_WORDS else _FILLER.sub("", head.strip(" ").strip("有")).strip(
        " 了的个笔我还欠剩:：,，-")
    # "网贷也有两三万", "网贷是2万5", "网贷就是那2万5": 也 / 是 / 就是那 are no part of the name (stop 28 second red team:
    # three debts for one)
    trimmed = re.sub(r"(?:借了?|借钱|还差|还剩|还有|快|大概|大约|共计|合计|一共|总共|共|(?:现在|目前)?(?:只|就|才)|现在|目前|"
                     r"(?:也|都)(?:有|是)?|(?:就|也|都)?是(?:那|这)?|那|"
                     r"\s+(?:like|about|around|is|was|are|of|lent me|loaned me|still owe|still|now)|"
                     r"\s+(?:one|two|three|four|five|six|a few|a couple of|\d+)\s+(?:months?|weeks?|years?))$", "",
                     re.sub(r"^(?:还有|另外)?(?:一个|一笔|一张)|^(?:加一笔|再加|加上)|^(?:(?:also|and|plus|oh|then|another|add|adding|new|yes|yeah|yep|ok|okay|um|well|so)\s+)+(?:(?:my|the|a|an)\s+)?(?=\S)|^(?:my|the|a|an)\s+(?=\S+\s+\S)|^(?:现在|目前)?(?:就剩|还剩|只剩|剩下|差)|^(?:现在|目前)|^(?:去年|今年|前年|上个月|之前)?(?:找|向|跟|问)(?=\S)|^借了?我(?=\S{2})", "",
                            name.removeprefix("款"),
                            flags=re.IGNORECASE)).strip(" 了的还欠")
    # "i have a visa card 5200" is the visa card (stop 33 verification red team: named "i have a visa card")
    trimmed = re.sub(r"^(?:i (?:also )?(?:have|got|owe on)|i'?ve (?:also )?got|there'?s|theres)\s+(?:(?:a|an|my|the|one)\s+)?(?=\S)", "",
                     trimmed, flags=re.IGNORECASE)
    # the sentence's next words are no part of the name: "mom which she says no rush", "credit card at wells fargo has",
    # "信用卡那边" (stop 32 note, stop 33)
    trimmed = re.split(r"\s+(?:which|who|whom|that|she|he|they|but|because|cause|cuz|since)\b", trimmed, maxsplit=1,
                       flags=re.IGNORECASE)[0]
    trimmed = re.sub(r"(?:\s+(?:has|have|had|is|was)(?:\s+(?:got|like|about|around))?|那边|这边|那儿|这儿|那里|这里|"
                     r"(?:的)?合同(?:上)?(?:写的?|约定的?|上)?)$", "",
                     trimmed, flags=re.IGNORECASE).strip()
    trimmed = without_chat_endings(trimmed)
    name = trimmed if len(trimmed) >= 2 or not trimmed else name
    if 0 < len(name) <= 30 and name.lower() not in _NOT_NAMES and not any(c.isdigit() for c in name):
        return name
    return None


# A number that is part of a lender's name ("360借条" typed at the kind step replaced the amount with 360)
# A promotional rate and the rate after it: "0% promo until march then 26.99%", "0% for 12 months, 29.99% after". A plan
# runs for months, so the loan's rate is the one after the promotion, the higher (stop 33 red team: the plan ran on 0%).
_PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*%")
_PROMO_WORD = re.compile(r"promo|intro|teaser|special|\bthen\b|\bafter\b|免息|优惠|活动|之后|以后|过后|到期后", re.IGNORECASE)


def _after_promotion(rest: str) -> str:
    """`rest` with the promotional rates blanked when a message gives a promotion and the rate after it."""
    rates = list(_PERCENT.finditer(rest))
    promotion = _PROMO_WORD.search(rest) and any(Decimal(m.group(1)) == 0 for m in rates)
    if len(rates) < 2 or not (promotion or re.search(r"promo|intro|teaser|优惠利率", rest, re.IGNORECASE)):
        return rest
    kept = max(rates, key=lambda m: Decimal(m.group(1)))
    for match in rates:
        if match is not kept:
            rest = _blanked(rest, match)
    return rest


_BRAND_NUMBER = re.compile(r"360(?=\s*(?:借条|借款|金融|贷|数科))")


_EXACT_DAYS = re.compile(r"(?<![\d.])(\d{1,4})\s*(?:天|days?\b)(?!\s*(?:以?内|之内|后|前|ago))", re.IGNORECASE)


# The minimum as a share of the bill: "最低还款是账单的10%", "min is 3% of the balance" (stop 30 red team: the bill itself was
# stored as the minimum, and "10%" could read as the rate)
_MIN_SHARE = re.compile(r"(?:最低(?:还款额?|还)?|\bmin(?:imum)?(?: payment)?)\s*(?:which\s+|that\s+)?(?:是|为|:|is|=|'s)?\s*(?:(?:账单|欠款|余额|总额|本金)(?:金额)?的?)?"
                        r"\s*(?P<share>\d{1,2}(?:\.\d+)?)\s*%(?:\s*of\s*(?:the\s*|my\s*)?(?:balance|statement|bill|total))?",
                        re.IGNORECASE)


# "No interest" and "no minimum" said in words: the usual answers for a loan from family or friends
NO_INTEREST = re.compile(r"(?:没有?|无|不收|不要|不算|不用付?|零|免)\s*(?:任何|什么)?\s*(?:利息|息|利率)|无息|免息|"
                         r"\b(?:no|zero|without|0)\s*(?:%\s*)?interest\b|interest[- ]free|"
                         r"\b(?:does ?n[o']t|doesnt|don'?t|isn'?t|not) (?:charg\w*|ask\w* for|charging) (?:me )?(?:any )?interest",
                         re.IGNORECASE)
NO_MINIMUM = re.compile(r"没有?(?:固定的?)?最低|无最低|不固定|随时还|随便还|有钱就还|没有?固定(?:的)?(?:还款|月供)|"
                        r"\bno (?:fixed )?minimum\b|whenever i can|\bno (?:set|fixed|regular) (?:amount|payments?)\b|"
                        # "he said there is no rush", "just pay him back whenever" (stop 34 red team: read as a crisis)
                        r"\bno rush\b|\bno hurry\b|\bback whenever\b|\bwhenever (?:you|i|we) (?:can|want)\b|不急|不着急|慢慢还",
                        re.IGNORECASE)


# A share of the balance said with no word of the minimum: at the minimum's step it is one ("idk like 2% of the balance?" was
# kept as the rate, over the rate given before: stop 33 red team)
_SHARE_OF = re.compile(r"(?P<share>\d{1,2}(?:\.\d+)?)\s*%\s*of\s*(?:the\s*|my\s*|what i owe|the\s*total\s*)?"
                       r"(?:balance|statement|bill|total|what i owe)|(?:账单|欠款|余额|总额|本金)(?:金额)?的\s*(?P<zh>\d{1,2}(?:\.\d+)?)\s*%",
                       re.IGNORECASE)


def minimum_share(text: str, at_its_step: bool = False) -> Decimal | None:
    """The minimum payment said as a share of the balance ("最低还款是账单的10%" -> 0.10, and at the minimum's own step
    "like 2% of the balance"); None when it is not."""
    match = _MIN_SHARE.search(normalise(text))
    if match is None and at_its_step and (share_of := _SHARE_OF.search(normalise(text))) is not None:
        share = Decimal(share_of.group("share") or share_of.group("zh")) / 100
        return share if 0 < share <= Decimal("0.5") else None
    if match is None:
        return None
    share = Decimal(match.group("share")) / 100
    return share if 0 < share <= Decimal("0.5") else None


@per_message(copy=dict)
def extract_loan(text: str) -> dict[str, Any]:
    """The loan fields a sentence states, each as the parsers' value (Decimal / int / str)."""
    lowered = _mask_refused(normalise(text))
    display = unicodedata.normalize("NFKC", text).strip()
    original = display if len(display) == len(lowered) else lowered  # spans of `lowered` map onto it
    found: dict[str, Any] = {}
    kind = loan_kind(lowered)
    if kind:
        found["kind"] = kind[0]
    rest = _after_promotion(_BRAND_NUMBER.sub(lambda m: " " * len(m.group(0)), lowered))
    share = _MIN_SHARE.search(rest)
    if share is not None:
        rest = _blanked(rest, share)
    # a message states one rate: "月息1分5" (FEN_RATE) is read only when no "%" or "万五" form was
    for pattern, field in ((_RATE, "annual_rate"), (FEN_RATE, "annual_rate"), (_DAYS, "days_overdue"),
                           (_MINIMUM, "min_payment"), (_OVERDUE_AMOUNT, "overdue_amount")):
        match = pattern.search(rest)
        if not match or field in found:
            continue
        if pattern is _RATE and not match.group("label") and not match.group("unit") and (
                match.group("value").startswith("万")):
            continue  # a bare "万五" is a rate only beside 日息/利率 or a unit; "万一还不上" is not
        try:
            if field == "annual_rate":
                found[field] = parse_rate_detail(_rate_said(match, rest, pattern is _RATE), field).annual
            elif field == "days_overdue":
                found[field] = parse_days(match.group("zh") or match.group("en") or match.group("en2"), field)
            elif pattern is _MINIMUM and not match.group("value"):
                if _INCOME_BEFORE.search(rest[max(0, match.start() - 30):match.start()]):
                    continue  # "I make 3000 a month", "rent is 1200 a month"
                found[field] = parse_amount((match.group("monthly") or match.group("monthly2")
                                             or match.group("monthly3")).strip(), field)
            else:
                found[field] = parse_amount(match.group("value").strip(), field)
        except PlanInputError:
            continue
        rest = _blanked(rest, match)
    if "days_overdue" not in found and _OVERDUE_WORD.search(lowered) and (bare := _BARE_DAYS.search(rest)):
        try:
            found["days_overdue"] = parse_days(bare.group("zh") or bare.group("en"), "days_overdue")
            rest = _blanked(rest, bare)
        except PlanInputError:
            pass
    if "overdue_amount" not in found and (late := _OVERDUE_AMOUNT_EN.search(rest)) is not None:
        try:  # "past due 420", "$75 past due" (stop 27 red team: dropped)
            found["overdue_amount"] = parse_amount((late.group("v1") or late.group("v2")).strip(), "overdue_amount")
            rest = _blanked(rest, late)
        except PlanInputError:
            pass
    if "days_overdue" in found and (days := _EXACT_DAYS.search(rest)) is not None and 0 < int(days.group(1)) <= 3650:
        # "逾期一个多月了，40天左右": the days said, not the month (stop 28 second red team: 30 days)
        found["days_overdue"] = int(days.group(1))
        rest = _blanked(rest, days)
    amount_at = None
    if (best := _balance_in(rest)) is not None:
        found["balance"], amount_at = best
    # "also owe my brother like 2 grand, no interest, no set payment" (stop 30 red team: its rate and minimum asked for)
    if "annual_rate" not in found and NO_INTEREST.search(lowered):
        found["annual_rate"] = Decimal(0)
    if "min_payment" not in found and found.get("annual_rate") == 0 and NO_MINIMUM.search(lowered):
        found["min_payment"] = Decimal(0)  # a loan from family: no interest and no set payment ("收入不固定" is no minimum)
    if share is not None and (fraction := minimum_share(share.group(0))) is not None and "balance" in found:
        found.setdefault("min_payment", (found["balance"] * fraction).quantize(Decimal("0.01")))
    if found and (name := _name(original, lowered, kind[1] if kind else None, amount_at)):
        found["name"] = name
        # the kind the loan's own name says ("招行信用卡") beats a word elsewhere in the message ("…借呗1万")
        if (own := loan_kind(name)) is not None:
            found["kind"] = own[0]
    return found


# A number after these is an identifier, a date, a limit or an income, never what is owed ("客服电话95188",
# "尾号6789", "额度5000", "工资只有3500", "今年35岁").
_NOT_OWED = re.compile(r"(?:电话|热线|尾号|卡号|号码|账号|手机|账单日|还款日|额度|限额|工资|收入|月薪|年薪|薪水|到手|今年|年龄|"
                       r"打了?|拨打?|存款|积蓄|卡里|余额|值|押金|"
                       r"salary|income|limit|phone|number|ending in|call(?:ed)?|dial(?:ed)?|savings|worth)"
                       r"\s*(?:是|为|只有|才|有|:|of|is)?\s*$", re.IGNORECASE)
_OWED_BEFORE = re.compile(r"(?:欠|借了|贷了|还有|剩|共|总共|一共|本金|owe|borrowed|balance|debt)[^\d]{0,6}$", re.IGNORECASE)
_MONEY_UNIT = re.compile(r"[万千百亿kw元块¥$]|yuan|rmb|dollars?", re.IGNORECASE)


# A year, not money: "in 2021", "since 2019", "January 2024" (stop 26 red team: "went to collections in January
# 2024" was a second debt of 2,024)
_YEAR = re.compile(r"(?:19|20)\d{2}")
_BEFORE_YEAR = re.compile(r"\b(?:in|since|from|until|by|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
                          r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s*(?:\d{1,2}(?:st|nd|rd|th)?,?\s*)?$")


_DOT_THREE = re.compile(r"\d\.\d{3}(?!\d)")


def _amounts(rest: str) -> Iterator[tuple[re.Match[str], Decimal, str]]:
    """Each amount of a normalised text that may be money owed, with its value and the words before it:
    not an identifier, date, limit or income ("客服电话95188", "额度5000", "工资只有3500"), nor a year ("in 2021")."""
    for match in _AMOUNT.finditer(rest):
        before = rest[max(0, match.start() - 12):match.start()]
        if _NOT_OWED.search(before) or (_YEAR.fullmatch(match.group(0).strip()) and _BEFORE_YEAR.search(before)):
            continue
        if (_COUNT_BEFORE.search(before) or _COUNT_AFTER.match(rest, match.end())) and re.fullmatch(r"\d{1,2}", match.group(0).strip()):
            continue  # "credit card, all 3 are credit cards" saved a $3 debt (stop 26 red team)
        if re.fullmatch(r"\d{1,2}", match.group(0).strip()) and (
                _TIME_AFTER.match(rest, match.end()) or (_DAY_PART.search(before) and rest.startswith("点", match.end()))):
            continue  # "can a debt collector call me at 10pm" started a plan of $10 (stop 34 red team): a time of day
        try:
            # a debt word or a kind of loan right before it says it is money: "best buy card 1.200" is 1,200 (stop 33 red team)
            money = bool(_OWED_BEFORE.search(before) or (_DOT_THREE.search(match.group(0)) and loan_kind(before)))
            yield match, parse_amount(match.group(0).strip(), "balance", money=money), before
        except PlanInputError:
            continue


# A time of day, not an amount: "10pm", "9 p.m.", "8 o'clock", "10点钟", "晚上10点"
_TIME_AFTER = re.compile(r"(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock)(?![a-z])|\s*点(?:钟|半)", re.IGNORECASE)
_DAY_PART = re.compile(r"(?:早上|上午|中午|下午|晚上|凌晨|夜里|半夜)\s*$")
# A count of debts, not an amount: "all 3 are credit cards", "3 of them are cards", "these 2 loans"
_COUNT_BEFORE = re.compile(r"\b(?:all|both|these|those)\s*$", re.IGNORECASE)
_COUNT_AFTER = re.compile(r"\s*(?:of (?:them|my|those|these)\b|are (?:all )?(?:credit|cards?\b|loans?\b|debts?\b|online|bank|from|with|"
                          r"overdue|late|behind|maxed)|"
                          # "2 missed payments so 240" (stop 28 second red team: the debt became $2)
                          r"(?:missed |late |monthly )?(?:payments?|instal+ments?|bills?)\b|(?:months?|weeks?|days?|years?) "
                          r"(?:behind|late|overdue|past due)\b)", re.IGNORECASE)
# A fee is no amount owed: "plus the 40 fee", "a 40 dollar late fee", "手续费200" (stop 28 second red team: a $40 debt)
_FEE_AFTER = re.compile(r"\s*(?:dollars?|bucks|元|块)?\s*(?:late |service |annual |processing )?(?:fees?|charges?)\b|"
                        r"\s*(?:的)?(?:手续费|服务费|违约金|滞纳金)", re.IGNORECASE)
_FEE_BEFORE = re.compile(r"(?:\bfees?|手续费|服务费|违约金|滞纳金)(?:\s*(?:of|is|was|是|为|:|：))?\s*[$¥]?\s*$", re.IGNORECASE)
# not what is left after the rent ("only 400 left after rent": stop 33 verification red team, the $3,000 loan became $400)
_LEFT_AFTER = re.compile(r"\s*(?:元|块|块钱)?\s*(?:没还|未还|没有还|还没还|left(?!\s+(?:after|over|for|each|a|per|every)\b)|remaining|"
                         r"to go|outstanding)", re.IGNORECASE)
_LEFT_BEFORE = re.compile(r"(?:还剩|剩下|剩余|还欠|还差)\s*(?:的)?\s*$")


_OWE_NOW_BEFORE = re.compile(r"(?:\bnow\b|现在|\bstill\b)[^\d]{0,16}$|(?:\bowe|\bowing)[^\d]{0,6}$")


def _balance_in(rest: str) -> tuple[Decimal, int] | None:
    """The amount owed among a message's numbers, and where it starts: a number right after a debt word
    first, then one with a money unit, then the first of equals ("我在四川，欠网贷3万" is 30,000, not 4;
    "双十一买的，欠了5000" is 5,000, not 11)."""
    best: tuple[int, Decimal, int] | None = None
    for match, value, before in _amounts(rest):
        if _FEE_AFTER.match(rest, match.end()) or _FEE_BEFORE.search(before):
            continue
        weight = bool(_MONEY_UNIT.search(match.group(0))) + 2 * bool(_OWED_BEFORE.search(before))
        # what is left ("…借了银行12万，7万没还", "3k left") is what is owed, whatever was borrowed
        weight += 4 * bool(_LEFT_AFTER.match(rest, match.end()) or _LEFT_BEFORE.search(before))
        # owed now over borrowed then: "I borrowed 500 but now they say I owe 575" (stop 27 red team)
        weight += bool(_OWE_NOW_BEFORE.search(rest[max(0, match.start() - 24):match.start()]))
        if best is None or weight > best[0]:
            best = (weight, value, match.start())
    return (best[1], best[2]) if best else None


def amounts_in(text: str) -> list[Decimal]:
    """Every amount a sentence states, in order (identifiers, dates and incomes skipped as for a balance)."""
    return [value for _, value, _ in _amounts(_mask_refused(normalise(text[:MAX_SPLIT_CHARS])))]


def money_in(text: str) -> list[tuple[int, Decimal]]:
    """Every amount of money a sentence states, with where it starts in the normalised text, incomes and all
    ("工资5千左右" -> 5000, "月薪八千" -> 8000): what a budget answer is read from."""
    rest = _mask_refused(normalise(text[:MAX_SPLIT_CHARS]))
    found = []
    for match in _AMOUNT.finditer(rest):
        if _YEAR.fullmatch(match.group(0).strip()) and _BEFORE_YEAR.search(rest[max(0, match.start() - 12):match.start()]):
            continue
        try:
            found.append((match.start(), parse_amount(match.group(0).strip(), "amount", money=True)))
        except PlanInputError:
            continue
    return found


@per_message()
def looks_like_loan(text: str) -> bool:
    """A message that describes a debt: a debt word or a kind of loan, and an amount (remembered for one message
    only: the raw message, personal data and all, must not stay in process memory)."""
    found = extract_loan(text)
    stated = "balance" in found or refused_number(text) is not None  # a refused amount is explained, not ignored
    return stated and (bool(_DEBT.search(text)) or "kind" in found)


@dataclass(frozen=True)
class Edit:
    field: str  # a loan field, or monthly_income / essential_expenses
    value: str
    index: int | None = None  # 1-based loan number
    loan: str | None = None  # or the loan's name


_FIELD_WORDS = (
    ("overdue_amount", ("逾期金额", "overdue amount")),
    ("days_overdue", ("逾期天数", "逾期", "days overdue", "days late")),
    # "change the car loan's monthly payment to 389" (stop 31 red team: a new $389 loan)
    ("min_payment", ("最低还款额", "最低还款", "最低", "月供", "每月还款", "minimum payment", "monthly payment", "min payment",
                     "minimum", "payment")),
    ("annual_rate", ("年化利率", "年化", "利率", "利息", "rate", "apr", "interest")),
    # the compound words first: "把第三笔的欠款金额改成10000" read 欠款 as a debt's name (stop 28 red team, the bot's own example)
    ("balance", ("欠款金额", "欠款总额", "欠款额", "欠的金额", "欠款", "余额", "金额", "本金", "欠的钱", "amount owed", "balance owed",
                 "balance", "amount")),
    ("monthly_income", ("月收入", "收入", "工资", "income", "salary")),
    ("essential_expenses", ("必需开销", "开销", "支出", "生活费", "expenses", "essentials")),
)
_ORDINALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2, "3rd": 3}
_FIELD_ALTERNATION = "|".join(re.escape(word) for _, words in _FIELD_WORDS for word in words)
_EDIT_ZH = re.compile(
    rf"(?:把|将)?\s*(?:第(?P<ordinal>\d+|[一二两三四五六七八九十])笔|(?P<loan>[^\s的，,]{{1,16}}?))?\s*的?\s*"
    rf"(?P<field>{_FIELD_ALTERNATION})\s*(?:改成|改为|换成|变成|应该是|其实是|改)\s*(?P<value>.+)$")
_EDIT_EN = re.compile(
    rf"(?:change|set|update|make)\s+(?:the\s+)?(?:(?P<ordinal>first|second|third|fourth|fifth|1st|2nd|3rd|\d+(?:th)?)\s+"
    rf"loan'?s?\s+|loan\s+(?P<number>\d+)'?s?\s+|(?P<loan>[\w ]+?)(?:'s)?\s+|my\s+)?"
    rf"(?P<field>{_FIELD_ALTERNATION})\s+(?:to|=)\s+(?P<value>.+)$")


# A loan's amount corrected with no field named: "借呗改成8000", "等下 借呗改成8000，我记错了", "change visa to 2500"
# (stop 26 red team: "没看懂", or a fifth debt named "借呗改成")
_EDIT_AMOUNT = re.compile(
    rf"(?:^|[\s，,])(?:把|将)?\s*(?P<loan>[^\s的，,\d]{{1,16}}?)\s*(?:改成|改为|应该是|其实是)\s*(?P<value>{AMOUNT})"
    r"\s*(?:[，,。]?\s*(?:我|是我)?(?:记错|写错|说错|打错)了?)?$"
    rf"|(?:change|set|update|make)\s+(?:the\s+|my\s+)?(?P<loan_en>[a-z][\w ]{{0,30}}?)\s+(?:to|=)\s+(?P<value_en>{AMOUNT})$")


def parse_edit(text: str) -> Edit | None:
    """ "把第二笔的利率改成24%" -> Edit("annual_rate", "24%", index=2); "借呗改成8000" -> Edit("balance", "8000",
    loan="借呗"); None if it is not an edit."""
    lowered = normalise(text).rstrip("。.!！ ")
    match = _EDIT_ZH.search(lowered) or _EDIT_EN.search(lowered)
    if not match:
        amount = _EDIT_AMOUNT.search(lowered)
        loan = amount and (amount.group("loan") or amount.group("loan_en") or "").strip(" 把将")
        if not amount or not loan or loan in ("我", "我的", "my", "the", "it") or _FIELD_NAME.search(loan):
            return None
        return Edit(field="balance", value=(amount.group("value") or amount.group("value_en")).strip(), loan=loan)
    word = match.group("field")
    field = next(name for name, words in _FIELD_WORDS if word in words)
    ordinal = match.group("ordinal") or (match.groupdict().get("number"))
    index = None
    if ordinal:
        ordinal = ordinal.removesuffix("th")
        index = int(ordinal) if ordinal.isdigit() else _ORDINALS.get(ordinal)
    loan = (match.group("loan") or "").strip(" 把将") or None
    if loan in ("我", "我的", "my", "the"):
        loan = None
    return Edit(field=field, value=match.group("value").strip(), index=index, loan=loan)


@dataclass(frozen=True)
class Removal:
    """A debt to take out of the plan: by its number, or by (part of) its name."""

    index: int | None = None
    loan: str | None = None
    paid: bool = False  # said to be paid off, not only unwanted
    it: bool = False  # "把这笔删掉吧", "remove this one": the debt being described (stop 31 red team: it became a debt's name)


_ORDINAL_ZH = r"第\s*(?P<ordinal>\d+|[一二两三四五六七八九十])\s*(?:笔|个|项)"
_REMOVE_ZH = re.compile(
    rf"^(?:请|帮我|麻烦)?\s*(?:把|将)?\s*(?:删掉|删除|删了|去掉|移除|拿掉|不要算|别算|不算|不用算)\s*(?:{_ORDINAL_ZH}|(?P<loan>[^\s，,。]{{1,16}}?))"
    r"\s*(?:这笔|那笔|的?欠款)?\s*(?:吧|了|吧谢谢)?$"
    rf"|^(?:把|将)?\s*(?:{_ORDINAL_ZH.replace('ordinal', 'ordinal2')}|(?P<loan2>[^\s，,。]{{1,16}}?))\s*(?:删掉|删除|删了|去掉|拿掉|不算了?|不用算了?)\s*(?:吧|了)?$"
    r"|^(?P<paid>(?P<loan3>[^\s，,。]{1,16}?)\s*(?:(?:已经|早就|刚刚?|刚才|昨天|今天|前天|上周|上个月|这个月|终于|全部|都)\s*)*"
    r"(?:还清|还完|结清|还光)了?)"
    r"(?:\s*[，,]?\s*(?:不用算了?|别算了?|删掉吧?|去掉吧?))?\s*(?:吧|了)?$")
_REMOVE_EN = re.compile(
    r"^(?:please\s+)?(?:remove|delete|drop|take out|take off|forget(?: about)?|scratch|cross off)\s+(?:the\s+|my\s+)?"
    r"(?:(?:loan|debt|card)\s+(?:number\s+|#\s*)?(?P<number>\d+)|(?:number\s+|#\s*)(?P<number2>\d+)|"
    r"(?P<ordinal>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+(?:one|loan|debt|card)|(?P<loan>[\w .&'-]{2,30}?))"
    r"(?:\s+(?:one|loan|debt|card))?(?:\s+(?:from (?:the |my )?(?:plan|list)|please))*$"
    r"|^(?P<paid>(?:(?:(?:actually|oh|wait|ok|okay|so|well|also|and|good news)[,!\s]+)*i\s+(?:(?:just|already|actually|finally|fully)\s+)*paid\s+off\s+(?:the\s+|my\s+)?(?P<loan2>[\w .&'-]{2,30}?)"
    r"(?:\s+(?:yesterday|today|last (?:week|month|night)|this (?:week|month|morning)|in full))?)|"
    r"(?:the\s+|my\s+)?(?P<loan3>[\w .&'-]{2,30}?)\s+is\s+(?:(?:now|already|all)\s+)?(?:paid off|paid in full|gone|closed|cleared))"
    r"(?:\s*[,.]?\s*(?:so\s+)?(?:remove it|take it out|drop it))?$", re.IGNORECASE)


@dataclass(frozen=True)
class Relabel:
    """A debt's name or kind changed: "把第一笔改名叫工行", "rename loan 2 to Ally", "Chase Freedom is a credit card"."""

    index: int | None
    loan: str | None
    name: str | None = None
    kind: str | None = None
    it: bool = False  # "its a bank loan not a credit card": the debt being described (else the last one)


_TARGET_ZH = r"(?:第\s*(?P<ordinal>\d+|[一二两三四五六七八九十])\s*笔|(?P<loan>[^\s，,。的]{1,16}?))"
_RENAME_ZH = re.compile(rf"^(?:请|帮我)?\s*(?:把|将)?\s*{_TARGET_ZH}\s*(?:的名字)?\s*(?:改名|改名字|名字改|重命名)\s*(?:叫|为|成|做)?\s*"
                        r"(?P<new>[^\s，,。]{1,20})$")
_RENAME_EN = re.compile(r"^(?:please\s+)?(?:rename|call)\s+(?:the\s+)?(?:(?:loan|debt|card)\s+(?:number\s+|#)?(?P<number>\d)|"
                        r"(?P<ordinal>first|second|third|fourth|fifth)\s+(?:one|loan|debt|card)|(?P<loan>[\w .&'-]{2,30}?))\s+"
                        r"(?:to|as)\s+(?P<new>[\w .&'-]{2,30})$"
                        r"|^(?:change|set)\s+(?P<loan2>[\w .&'-]{2,30}?)'s\s+name\s+to\s+(?P<new2>[\w .&'-]{2,30})$", re.IGNORECASE)
_KIND_ZH = re.compile(rf"^(?:不对[，,]?\s*)?{_TARGET_ZH}\s*(?:是|其实是|应该是|是一张|是一笔|改成|类型改成|的类型是)\s*(?:一张|一笔|个)?"
                      r"(?P<kind>信用卡|网贷|银行贷款|贷款|私人借款|私人借的|亲戚朋友借的)(?:[，,]\s*不是\S{1,8})?$")
_KIND_EN = re.compile(r"^(?:no[,\s]+)?(?P<loan>[\w .&'-]{2,30}?)\s+is\s+(?:actually\s+)?(?:a|an)\s+(?P<kind>credit card|card|online loan|"
                      r"bank loan|personal loan|private loan|loan from family)(?:[,\s]+not\s+(?:a|an)\s+[\w ]{2,20})?$", re.IGNORECASE)
_KINDS_EN = r"credit card|card|online loan|bank loan|personal loan|private loan|loan from family"
# stop 28 red team: "change the first loan's kind to bank loan", "wait its not a credit card its a bank loan"
_KIND_CHANGE_EN = re.compile(
    r"^(?:please\s+)?(?:change|set|make|switch)\s+(?:the\s+)?(?:(?P<ordinal>first|second|third|fourth|fifth)\s+(?:loan|debt|one)'?s?"
    r"|(?:loan|debt)\s+(?:number\s+|#)?(?P<number>\d)'?s?|(?P<loan>[\w .&'-]{2,30}?)'s)\s+(?:kind|type)\s+(?:to|into)\s+"
    rf"(?:an?\s+)?(?P<kind>{_KINDS_EN})$", re.IGNORECASE)
_KIND_IT_EN = re.compile(
    r"^(?:(?:wait|no|nope|sorry|oh|actually|ok)[,.!\s]+)*(?:it'?s|its|it is|this is|that'?s|thats|that is)\s+(?:actually\s+)?"
    rf"(?:not\s+(?:an?\s+)?(?:{_KINDS_EN})[,.\s]+(?:it'?s|its|it is)\s+)?(?:an?\s+)?(?P<kind>{_KINDS_EN})"
    rf"(?:[,.\s]+not\s+(?:an?\s+)?(?:{_KINDS_EN}))?(?:\s+(?:btw|actually))?$", re.IGNORECASE)
_KIND_IT_ZH = re.compile(r"^(?:不对[，,]?\s*)?(?:它|这笔|这个|那笔)?(?:不是\S{1,6}?[，,]\s*)?(?:是|其实是|应该是)(?:一张|一笔|个)?"
                         r"(?P<kind>信用卡|网贷|银行贷款|私人借款)(?:[，,]\s*不是\S{1,8})?$")
_KIND_OF = {"信用卡": "credit_card", "网贷": "online_lender", "银行贷款": "bank_loan", "贷款": "bank_loan", "私人借款": "private",
            "私人借的": "private", "亲戚朋友借的": "private", "credit card": "credit_card", "card": "credit_card",
            "online loan": "online_lender", "bank loan": "bank_loan", "personal loan": "bank_loan", "private loan": "private",
            "loan from family": "private"}


def parse_relabel(text: str) -> Relabel | None:
    """ "把第一笔改名叫工行", "借呗改名叫支付宝借呗", "rename loan 2 to Ally", "Chase Freedom is a credit card, not a bank loan",
    "第二笔是信用卡": a debt's name or kind changed (stop 27 red teams: neither could be done); None for anything else."""
    lowered = normalise(text).strip().rstrip("。.!！ ")
    if len(lowered) > 80 or re.search(r"[?？]|吗", lowered):
        return None
    for pattern, what in ((_RENAME_ZH, "name"), (_RENAME_EN, "name"), (_KIND_ZH, "kind"), (_KIND_EN, "kind"),
                          (_KIND_CHANGE_EN, "kind")):
        match = pattern.search(lowered)
        if match is None:
            continue
        groups = match.groupdict()
        ordinal = groups.get("ordinal") or groups.get("number")
        index = None
        if ordinal:
            index = int(ordinal) if ordinal.isdigit() else _ORDINALS.get(ordinal)
        loan = (groups.get("loan") or groups.get("loan2") or "").strip(" 把将") or None
        if loan and loan.lower() in _PRONOUNS | {"my", "the", "this loan", "this debt"}:
            loan = None
        if index is None and loan is None:
            continue
        if what == "name":
            new = (groups.get("new") or groups.get("new2") or "").strip()
            original = text.strip()
            # the new name as typed (its case), found again in the original text
            at = original.lower().rfind(new.lower())
            return Relabel(index, loan, name=(original[at:at + len(new)] if at >= 0 else new)[:30])
        return Relabel(index, loan, kind=_KIND_OF[groups["kind"].lower()])
    it = _KIND_IT_EN.search(lowered) or _KIND_IT_ZH.search(lowered)
    if it is not None:
        return Relabel(None, None, kind=_KIND_OF[it.group("kind").lower()], it=True)
    return None


_NO_SUCH_DEBT = re.compile(r"^(?:there'?s no|there is no|no such|i don'?t have (?:a|any)|i dont have (?:a|any)|没有|根本没有|我没有)"
                           r"\s*(?:第?\s*\d+\s*(?:笔|个)?|(?:\w+\s+){0,3}\d+(?:th)?(?:\s+(?:loan|debt|card))?)$", re.IGNORECASE)
_PRONOUNS = frozenset({"it", "this", "that", "this one", "that one", "它", "这个", "这笔", "那个", "我", "都"})
_THIS_ONE = frozenset({"this", "this one", "它", "这个", "这笔"})


def parse_removal(text: str) -> Removal | None:
    """ "删掉花呗" / "第二笔不算了" / "花呗已经还清了" / "remove discover" / "delete loan 2" / "chase is paid off": a debt
    to take out of the plan (stop 26 red team: there was no way to take one debt out); None for anything else."""
    lowered = normalise(text).strip().rstrip("。.!！ ")
    if len(lowered) > 120 or re.search(r"[?？]|吗|呢|怎么|多久|会不会", lowered):
        return None  # "花呗还清了征信多久恢复？" is a question
    match = (_REMOVE_ZH.search(lowered) or _REMOVE_EN.search(lowered)) if len(lowered) <= 60 else None
    if match is None:
        # "good news, I just paid off the Best Buy card", "oh wait, I actually paid off the Target card yesterday, remove
        # it": one clause says it, the others hold no number (stop 27 red team: answered as distress, nothing removed)
        # Chinese clauses parted by spaces too: "算了 房贷不用算 把这笔删掉吧" (stop 31 red team)
        clauses = [clause.strip() for clause in re.split(r"[，,;；]|\s+so\s+|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", lowered)
                   if clause.strip()]
        found = [m for clause in clauses if (m := _REMOVE_ZH.search(clause) or _REMOVE_EN.search(clause))
                 and not any((m.groupdict().get(key) or "").strip() in _PRONOUNS for key in ("loan", "loan2", "loan3"))]
        # a clause that only denies the debt may name its number ("delete loan 4, there is no loan 4": stop 29 red team)
        if len(clauses) < 2 or len(found) != 1 or any(re.search(r"\d", clause) for clause in clauses
                                                       if not (_REMOVE_ZH.search(clause) or _REMOVE_EN.search(clause)
                                                               or _NO_SUCH_DEBT.search(clause))):
            return None
        match = found[0]
    groups = match.groupdict()
    ordinal = groups.get("ordinal") or groups.get("ordinal2") or groups.get("number") or groups.get("number2")
    index = None
    if ordinal:
        ordinal = ordinal.removesuffix("th")
        index = int(ordinal) if ordinal.isdigit() else _ORDINALS.get(ordinal)
    loan = next((groups[key].strip() for key in ("loan", "loan2", "loan3") if groups.get(key)), None)
    if loan and loan.lower() in _PRONOUNS:
        # the debt being described, if there is one: the wizard knows; a paid-off "it" stays with the readers that ask
        return Removal(it=True) if loan.lower() in _THIS_ONE and not groups.get("paid") else None
    if index is None and not loan:
        return None
    return Removal(index=index, loan=loan, paid=bool(groups.get("paid")))


_SAID_WRONG = re.compile(rf"^\s*(?:(?:{HOLD_ON_ZH}|哦|啊|sorry|oops|sry|wait|no|nope|actually)[,，!！\s]*)*"
                         rf"(?:(?:刚才|刚刚|上一个|前面|上面)?\s*(?:{SAID_WRONG_ZH})|"
                         r"i meant|i mean|meant|it should be|should be|correction:?|let me correct that:?|typo:?)"
                         r"[，,。:：!！\s]*(?:是|应该是|其实是|改成|it'?s|it is)?\s*(?P<rest>.+)$", re.IGNORECASE)
_FIELD_SAID = re.compile(rf"^(?:(?:the|my|its|it'?s)\s+)?(?P<field>{_FIELD_ALTERNATION})\s*(?:是|为|应该是|其实是|改成|is|should be|=|:|：)?\s*"
                         rf"(?P<value>[^,，;；]+?)(?:\s*(?:[,，;；]|\band\b).*)?$", re.IGNORECASE)


def parse_said_wrong(text: str) -> tuple[str | None, str] | None:
    """ "刚才说错了，是1.5万", "sorry I meant 8900", "不对，利率是24%": (the field named, if any, the right value) for an answer
    just given to be corrected (stop 27 red team: each was "没看懂"); None for anything else."""
    lowered = normalise(text).strip().rstrip("。.!！ ")
    if len(lowered) > 90:
        return None
    match = _SAID_WRONG.match(lowered)
    if match is None or not re.search(r"\d|[%％]", match.group("rest")):
        return None
    rest = match.group("rest").strip()
    named = _FIELD_SAID.match(rest)
    if named:
        field = next(name for name, words in _FIELD_WORDS if named.group("field") in words)
        return field, named.group("value").strip()
    return None, rest


_VALUE = rf"{AMOUNT}\s*%?"
# a unit between ("3 days late not 14", "1200 dollars not 1.20": stop 33 red team, each a new debt)
_UNIT_SAID = r"(?:\s*(?:days?(?:\s+(?:late|overdue|past due))?|dollars?|bucks|天|元|块))?"
_NOT_THAT = re.compile(
    rf"(?<![\d.])(?:(?:it'?s|its|is|was|should be|i meant|meant|actually|是|应该是|其实是)\s*)?(?P<new>{_VALUE}){_UNIT_SAID}\s*[,，]?\s*"
    rf"(?:not|instead of|rather than|不是)\s*(?P<old>{_VALUE}){_UNIT_SAID}(?![\d.%])"
    rf"|不是\s*(?P<old2>{_VALUE})\s*[,，]?\s*(?:是|而是|应该是)\s*(?P<new2>{_VALUE})(?![\d.%])", re.IGNORECASE)


def parse_not_that(text: str) -> tuple[str, str] | None:
    """ "wait sorry it's 8900 not 9800", "是8900不是9800", "不是9800，是8900", "24% not 18%": (the right value, the wrong
    one) as written, for the value said before to be corrected (stop 27 red team: read as venting, or declined)."""
    lowered = normalise(text)
    if len(lowered) > 80:
        return None
    match = _NOT_THAT.search(lowered)
    if match is None:
        return None
    new, old = (match.group("new"), match.group("old")) if match.group("new") else (match.group("new2"), match.group("old2"))
    new, old = new.strip(), old.strip()
    if not new.endswith("%") and not old.endswith("%") and re.search(r"利率|年化|利息|\brate\b|\bapr\b|\binterest\b", lowered):
        new, old = new + "%", old + "%"  # "利率是24不是36": percents
    if new.endswith("%") != old.endswith("%"):
        # "discover is 22.5% not 25": the bare number is in the other's unit (stop 29 red team: a new $25 debt)
        new, old = new.rstrip("%") + "%", old.rstrip("%") + "%"
    if re.search(r"\d\s*(?:天|days?\b)", match.group(0)) and not new.endswith("%"):
        new, old = new + "天", old + "天"  # "3 days late not 14": days overdue, the plan's other numbers aside
    return new, old


_DELAY_ZH = re.compile(r"(?:再|晚|拖|推迟|延迟|延后|过)\s*(?:还|拖|晚|过)?\s*(?P<n>\d+|[一二两三四五六七八九十半]+)\s*(?P<unit>天|日|个月|周)")
_DELAY_EN = re.compile(r"(?P<n>\d+)\s*(?:more\s+)?(?P<unit>days?|weeks?|months?)\s*(?:later|late|more|longer)"
                       r"|(?:wait|delay|pay later by|late by)\s*(?:another\s+)?(?P<n2>\d+)\s*(?P<unit2>days?|weeks?|months?)")
_COST = re.compile(r"多付|多少|罚息|会怎样|怎么样|要多|多还|cost|how much|what if|penalt", re.IGNORECASE)


def _rate_said(match: re.Match[str], text: str, labelled: bool) -> str:
    """A rate as said, its basis made explicit: "monthly rate 2%" and "daily rate 0.04%" name it before the number (stop 27
    red team: read as 2% and 0.04% a year); "年化15% 每月要还多少" names it in the label, which wins over a word after the number
    (stop 32 red team: `rate_in` read 15% a month, 180% a year)."""
    said = match.group(0).strip()
    label = (match.group("label") or "").strip().lower() if labelled else "-"
    if label in ("", "rate", "interest", "interest rate", "the rate", "利率", "利息"):
        before = text[max(0, match.start() - 24):match.start()]
        if _MONTHLY_LABEL.search(before):
            said = "月息" + said
        elif _DAILY_LABEL.search(before):
            said = "日息" + said
    if label in ("年化利率", "年化", "年利率", "年息", "apr") and match.group("unit"):
        said = label + match.group("value")
    return said


def rate_in(text: str) -> Rate | None:
    """The first rate a message states, with its basis as written ("日息千分之一" -> daily 0.001, "月息2分" ->
    monthly 0.02, "年化18%" -> annual 0.18), read as `extract_loan` reads it; None when it states none."""
    lowered = _mask_refused(normalise(text))
    for pattern in (_RATE, FEN_RATE):
        match = pattern.search(lowered)
        if not match or (pattern is _RATE and not match.group("label") and not match.group("unit")
                         and match.group("value").startswith("万")):
            continue
        try:
            return parse_rate_detail(_rate_said(match, lowered, pattern is _RATE), "annual_rate")
        except PlanInputError:
            continue
    return None


def parse_delay(text: str) -> int | None:
    """ "再晚还10天要多付多少？" -> 10 (days); None when the text is not such a question."""
    lowered = normalise(text)
    match = _DELAY_ZH.search(lowered)
    number, unit = (match.group("n"), match.group("unit")) if match else (None, None)
    if not match and (english := _DELAY_EN.search(lowered)):
        number = english.group("n") or english.group("n2")
        unit = english.group("unit") or english.group("unit2")
    if number is None or not _COST.search(lowered):
        return None
    try:
        return parse_days(f"{number}{'天' if unit in ('天', '日') or unit.startswith('day') else unit}")
    except PlanInputError:
        return None


# "分期3年", "分3年还", "分两年" are monthly payments over so many years (36, 36, 24): 分 says the years are
# the term, so "3年前" or "年化" are no term.
# not a lateness: "已经逾期两个月了" was read as 2 payments and the whole debt refused (stop 27 red team)
# "前3个月免息", "first 6 months interest free": a promotion's months, not a term (stop 34)
_OFFER_MONTHS = re.compile(r"(?<!逾期)(?<!逾期了)(?<!拖了)(?<!晚了)(?<!超过)(?<!前)(?:分|共|1共)?\s*(?P<n>\d+)\s*"
                           r"(?:期|个月还清|个月(?!\s*(?:了|没还|未还|免息|无息|0\s*%|不要利息)))"
                           r"|(?<!overdue )(?<!overdue for )(?<!late for )(?<!behind )(?<!first )(?P<en>\d+)\s*(?:monthly\s+)?"
                           r"(?:payments|instal{1,2}ments|months(?!\s+(?:late|overdue|behind|past due|interest[- ]free|free|at 0)))"
                           r"|分期?\s*(?P<years>\d{1,3}|十)\s*年(?![化利息前后底初半])"
                           # "一年还完", "2年内还清", "paid off over 2 years": the years of a term
                           r"|(?:分期?\s*)?(?<![\d.])(?P<half>\d{1,2})\s*年半"  # "1年半": 18 payments
                           r"|(?<![\d.])(?P<term>\d{1,2}|十)\s*年(?:内|之内)?\s*(?:还完|还清|结清|还)(?!款日)"
                           r"|还\s*(?P<term2>\d{1,2})\s*年(?![化利息前后底初半])"  # "每月还1k 还一年"
                           r"|over\s+(?P<en_years>\d{1,2})\s+years?\b")
_OFFER_PAYMENT = re.compile(rf"(?:每期|每月|每个月|月供|(?<![年日])月还)\s*(?:还款|还|付|要还|需还)?\s*(?P<value>{AMOUNT})(?![\d.]*\s*%)"
                            rf"|(?P<en>{AMOUNT})\s*(?:(?:a|per|each|every)\s*(?:month|mo\b)|/\s*(?:month|mo)\b)|(?:payments?|instal{{1,2}}ments?)\s+of\s+(?P<en2>{AMOUNT})")
_OFFER_FEE = re.compile(r"(?:每期|每月|月)?\s*(?:手续费率?|费率|服务费率?|fee)\s*(?:每期|每月|/月)?\s*(?:是|为|of)?\s*(?P<rate>\d+(?:\.\d+)?\s*%)"
                        r"(?:\s*(?:每期|每月|/月|a month|per month|monthly))?")
_OFFER_UPFRONT = re.compile(rf"(?:[1一]次性|先交|先付|首付|前期收?|砍头息|先扣|预扣|upfront|up-front)\s*(?:了)?\s*"
                            rf"(?:手续费|服务费|费用|利息|fee)?\s*(?:是|为|of)?\s*(?P<value>{AMOUNT})"
                            # a fee named by its amount alone, not per period ("还有个服务费2000", "a 500 fee", "fee of 500")
                            rf"|(?<!每月)(?<!每期)(?<![每月期])(?:服务费|手续费|管理费|中介费|审核费|会员费|保险费)\s*(?:是|为|要|收|了)?\s*"
                            rf"(?P<named>{AMOUNT})(?![\d.]*\s*(?:%|每月|每期|/月|一个月))"
                            rf"|(?:交|付|收|扣)\s*(?P<pre>{AMOUNT})\s*(?:元|块)?的?(?:保险费|服务费|手续费|管理费|会员费|中介费|审核费)"
                            rf"|\b(?:fee|charge) of\s*(?P<en_of>{AMOUNT})(?![\d.]*\s*%)(?!\s*(?:a|per|each)\s*month)"
                            rf"|(?P<en_fee>{AMOUNT})\s*(?:service |processing |origination |setup |admin )?fee\b(?!\s*(?:a|per|each)\s*month)")
# Money the borrower never received: "借1万到手9000" is a fee of 1,000 taken up front.
_OFFER_RECEIVED = re.compile(rf"(?:到手|到账|实际到手|实际到账|实际拿到|拿到手|only received|received|"
                             # "they only sent me 4200 after a fee" (stop 33 red team: the IRR on the 5000 borrowed)
                             rf"\b(?:only |just )?(?:sent|gave|paid|deposited|wired|transferred)(?: me| to me)?(?: only| just)?|"
                             rf"\bi (?:only |just )?got|\bgot (?:only|just))\s*(?:只有|才|就)?\s*(?P<value>{AMOUNT})")
# The principal follows a word that says so ("借1万", "本金2万"); a stray number (a salary, a date) is not it.
_PRINCIPAL_BEFORE = re.compile(r"(?:借|借了|本金|金额|欠|欠了|贷|贷了|额度|账单|信用卡|花呗|借呗|网贷|贷款|白条|金条|loan of|loan|card|"
                               r"借我|借给我|借了我|lent me|loaned me|"
                               r"borrow(?:ed)?|principal(?: of| is)?)\s*(?:款|了)?\s*$")
# ... or the word after it: "12 payments of 250 on a 1000 loan", "on a $10.000 balance", "2万的贷款", "2万本金"
# (`_AMOUNT` refuses a number before "loan": "2 loans" is a count, so the principal is looked for here too)
_PRINCIPAL_AFTER = re.compile(rf"(?<![\d.])(?P<value>{AMOUNT})(?![\d.])\s*(?:dollars?|yuan)?\s*(?:loan|balance|debt|的?贷款|的?借款|本金)")


@dataclass(frozen=True)
class OfferText:
    """A restructuring offer as described in chat: "分24期，每期还983" or "分12期，手续费每期0.75%"."""

    months: int
    monthly_payment: Decimal | None = None
    fee_per_period: Decimal | None = None
    upfront_fee: Decimal = Decimal(0)
    principal: Decimal | None = None  # "借1万分12期每期1000"


def parse_offer(text: str) -> OfferText | None:
    """An instalment offer in a message, or None: it needs a number of periods and a payment or a fee."""
    lowered = _mask_refused(normalise(text))
    months = _OFFER_MONTHS.search(lowered)
    if not months:
        return None
    upfront = _OFFER_UPFRONT.search(lowered)
    fee = _OFFER_FEE.search(lowered)
    payment = _OFFER_PAYMENT.search(lowered)
    try:
        value = payment and (payment.group("value") or payment.group("en") or payment.group("en2"))
        monthly = parse_amount(value.strip(), "offer.monthly_payment") if value else None
        rate = parse_rate_detail(fee.group("rate"), "offer.fee_per_period").per_period if fee else None
        fee_text = upfront and next(v for v in upfront.group("value", "named", "pre", "en_of", "en_fee") if v)
        upfront_fee = parse_amount(fee_text.strip(), "offer.upfront_fee") if fee_text else Decimal(0)
    except PlanInputError:
        return None
    if (monthly is None) == (rate is None):
        return None
    received = _OFFER_RECEIVED.search(lowered)
    rest = lowered
    for match in (months, payment, fee, upfront, received):
        if match:
            rest = _blanked(rest, match)
    principal = None
    named = _PRINCIPAL_AFTER.search(rest)
    for candidate in ([named] if named else []) + list(_AMOUNT.finditer(rest)):
        before = rest[max(0, candidate.start() - 10):candidate.start()]
        if candidate is not named and _NOT_OWED.search(before):
            continue  # "工资5000 分12期…": a salary, a limit or a phone number is no principal
        borrowed = (candidate is named or _PRINCIPAL_BEFORE.search(before) is not None
                    # "平台说3万分36期": the amount right before "分N期" is what is split into the periods
                    or (months.group(0).lstrip().startswith("分")
                        and rest[candidate.end():months.start()].strip() in ("", "可以", "能", "可", "能够", "可以帮你"))
                    # "10000 over 12 months": likewise in English
                    or rest[candidate.end():months.start()].strip() in ("over", "for", "in"))
        if not (borrowed or not before.strip(" #，,：:")):  # "5万分24期…": the message's first words
            continue
        try:
            principal = parse_amount(candidate.group("value" if candidate is named else 0).strip(), "offer.principal",
                                     money=borrowed)
            break
        except PlanInputError:
            continue
    if received is not None and principal is not None and not upfront:
        try:
            got = parse_amount(received.group("value").strip(), "offer.received")
        except PlanInputError:
            got = principal
        if got < principal:
            upfront_fee = principal - got
    count = months.group("n") or months.group("en")
    if half := months.group("half"):
        periods = int(half) * 12 + 6
    elif years := months.group("years") or months.group("term") or months.group("term2") or months.group("en_years"):
        periods = (10 if years == "十" else int(years)) * 12  # "分十年": 十 alone is left a word by `normalise`
    else:
        periods = int(count) if len(count) <= 6 else 10**6
    # More digits than any term: kept out of range, so the offer check says "1 to 600 months".
    return OfferText(periods, monthly, rate, upfront_fee, principal)


def offer_without_periods(text: str) -> bool:
    """A sum and a monthly payment but no number of periods ("借了2万 每月还1100 利率高吗"): an offer whose
    true rate cannot be worked until the borrower says how many payments."""
    lowered = _mask_refused(normalise(text[:MAX_SPLIT_CHARS]))
    payment = _OFFER_PAYMENT.search(lowered)
    if payment is None or _OFFER_MONTHS.search(lowered) or _OFFER_FEE.search(lowered):
        return False
    # a salary, a rent or a deposit is no sum borrowed ("我工资5000，每个月要还2000，利息是不是太高了？")
    return next(_amounts(_blanked(lowered, payment)), None) is not None


_SNOWBALL = re.compile(r"雪球|snowball|(?:先还|pay off)\s*(?:欠得|金额|余额)?最(?:少|小)|smallest (?:balance|debt|loan) first")
_AVALANCHE = re.compile(r"雪崩|avalanche|(?:先还)?利率最高|利息最高|highest (?:rate|interest) first")
_FIRST = re.compile(r"(?:我想|我要|想|打算|能不能|可以)?\s*先还\s*(?P<name>[^，,。？?！!\s]{1,20}?)(?:再|然后|吗|呢|$|[，,。？?！!\s])"
                    r"|pay (?:off )?(?P<en>[\w ]{1,30}?) first")


def mentions_strategy(text: str) -> bool:
    """False when `parse_strategy` finds nothing whatever the loans' names (so they need not be loaded)."""
    lowered = normalise(text)
    return bool(_SNOWBALL.search(lowered) or _AVALANCHE.search(lowered) or _FIRST.search(lowered))


def parse_strategy(text: str, names: list[str]) -> str | list[str] | None:
    """ "用雪球法" -> "snowball"; "我想先还借呗" -> ["借呗"] (a custom order); None if neither."""
    lowered = normalise(text)
    if _SNOWBALL.search(lowered):
        return "snowball"
    if _AVALANCHE.search(lowered):
        return "avalanche"
    match = _FIRST.search(lowered)
    wanted = (match.group("name") or match.group("en") or "").strip() if match else ""
    chosen = [name for name in names if wanted and (name.lower() in wanted or wanted in name.lower())]
    return chosen[:1] or None


def decimal_text(value: Decimal) -> str:
    """A Decimal as plain text for JSON-able wizard state."""
    return format(value, "f")
