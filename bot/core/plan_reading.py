"""What a message says to the repayment-plan wizard at its step: giving up, resuming, starting over, skipping, an answer
said with a doubt or corrected in the same breath, debts described rather than asked about, a question. The readers
`bot.core.plan_conversation.PlanConversation` decides with; each takes the message (and the step) and keeps nothing."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from bot.core.messages import Language
from bot.core.plan_texts import field_name, text
from bot.core.plan_wizard import BUDGET_STEPS, LOAN_STEPS, OVERDUE_STEPS, PlanDraft, parse_answer
from bot.core.ports import Reading
from bot.core.rate_words import ASKS_COST
from bot.planner.budget_text import only_amount_a_month, read_budget, stated_budget
from bot.planner.corrections import HOLD_ON_ZH, SAID_WRONG_ZH, TAKE_BACK_EN
from bot.planner.errors import PlanInputError
from bot.planner.extraction import (
    money_in,
    loan_kind, Edit, NOT_OVERDUE, parse_relabel, extract_loan, loans_named, looks_like_loan, OfferText, parse_offer, split_loans,
)
from bot.planner.formatting import money, percent
from bot.planner.short_loans import ShortLoanText, parse_short_loan
from bot.planner.models import check_annual_rate, check_days, check_positive


# Giving up, typed the way people say it (stop 22: "算了不弄了" and "stop it" were answered from an article, the wizard kept):
# a short message that is only a way of giving up
_CANCEL_SAID = re.compile(r"\s*(?:取消|算了|不算了|不弄了|不做了|不要了|不想弄了|退出|cancel|/cancel|stop|quit|exit|never\s*mind)"
                          r"(?:\s*(?:了|吧|啦|啊|不弄了|不做了|不要了|算了|it|this|please|[!！。.~,，]))*\s*", re.IGNORECASE)
# "继续" typed instead of pressing "continue my plan"; "跳过" instead of the step's skip button
# "好的，那继续", "ok back to my plan", "let's continue" (stop 27 red team: an article again, or "couldn't read")
_RESUME_SAID = re.compile(r"\s*(?:(?:ok|okay|好的?|好吧|嗯|那|行|唉|哎|算了|alright|so|ugh|sorry|fine|yes|yeah|hmm|sure)[,，.。!！\s]*)*"
                          r"(?:我们|let'?s\s+|lets\s+|can we\s+(?:just\s+)?|(?:i )?want to\s+)?"
                          r"(?:继续|接着|接着来|继续(?:我的)?(?:做)?(?:还款)?计划|回到计划|continue|resume|go on|carry on|"
                          r"keep going(?: with (?:the|my) plan)?|(?:go\s+)?back to (?:my|the) plan|"
                          r"(?:continue|finish|do)(?: with)? (?:my|the) plan|finish (?:this|it|my plan|the plan|up))"
                          r"(?:\s*(?:吧|啊|呀|please|pls|now|[!！。.?？]))*\s*",
                          re.IGNORECASE)
_LAST_SENTENCE = re.compile(r"[.。!！?？]\s*")


def after_resume(message: str) -> str:
    """The answer after a resume phrase that opens it: "好吧 继续 没逾期", "ok back to the plan. upstart is 15.9 apr" (stop 29 red
    team: an article, and the answer lost) are "没逾期" and "upstart is 15.9 apr"; any other message as it is."""
    said = _RESUME_SAID.match(message)
    if said is None or not said.group(0) or not re.search(r"[\s,，.。!！:：]$", said.group(0)):
        return message  # "继续逾期会怎样": 继续 is the question's verb
    rest = message[said.end():].strip()
    return rest or message


_SHOW_PLAN = re.compile(r"\b(?:show|see|send|give|view)(?: me)? (?:my|the) (?:repayment )?plan\b|\bmy plan (?:is )?(?:gone|still there|saved|"
                        r"deleted)\b|\bwhere(?:'s| is) my plan\b|(?:看看|看一下|看下|发一下|再发|显示|调出)(?:一下)?(?:我的)?(?:还款)?计划|"
                        r"我的(?:还款)?计划(?:呢|在哪|还在吗|没了吗|丢了吗)", re.IGNORECASE)


def shows_plan(message: str) -> bool:
    """ "hmm so is my plan gone? can you show it again", "看看我的计划": the stored plan asked for (stop 31 red team: declined)."""
    return len(message) <= 100 and bool(_SHOW_PLAN.search(message))


def resumes(message: str) -> bool:
    """ "continue my plan", "好吧 那继续", "继续我的计划", "ugh. continue my plan", and the same as the last sentence of a short
    message ("i called my sister, shes coming over. can we finish the plan": stop 28 red team, each got an article)."""
    if _RESUME_SAID.fullmatch(message):
        return True
    sentences = [s for s in _LAST_SENTENCE.split(message) if s.strip()]
    return len(message) <= 120 and len(sentences) > 1 and bool(_RESUME_SAID.fullmatch(sentences[-1]))


# "start over", "重新开始": the wizard begins again (stop 27 red team: a greeting, and the old one went on)
_RESTART_SAID = re.compile(r"\s*(?:(?:ok|okay|好的?|嗯|那|算了|lets|let'?s|can we|just)[,，\s]*)*(?:start over|start again|restart|"
                           r"begin again|from scratch|start from scratch|start fresh|redo (?:it|this|everything)|"
                           r"重新开始|重来|重新来|从头开始|从头来|从头再来|重新算|重新做|重新填|重新填写|重新输入)(?:\s*(?:吧|啊|please|[!！。.]))*\s*", re.IGNORECASE)
# At the days step the skip button says "not overdue": typed, it is the button (stop 23: "not overdue" got a greeting
# and the step was lost); "跳过" and "不知道" are no 0 days there, so they are asked again.
_SKIP_WORDS = {"name": r"跳过|略过|skip|默认|default|随便",
               # "idk", "I don't know", "no" at the penalty step got "no article on that" (stop 27 red team)
               # the rate not known ("利率不清楚", "我说了不清楚啊": "no article on that", stop 27 red team): a typical one
               "annual_rate": r"(?:我说了|我都说了|都说了|i said|i told you)?\s*(?:利率|利息|年化)?\s*(?:不知道|不清楚|不记得|忘了|没注意|"
                              r"(?:i\s+)?(?:don'?t|dont|do not)\s+know|(?:i'?m\s+)?not\s+sure|no\s+idea|idk|dunno)(?:\s*啊)?"
                              r"(?:\s+(?:the|my|what the|its|it'?s)\s+(?:rate|apr|interest)(?:\s+rate)?(?:\s+is)?)?"
                              r"(?:\s+(?:honestly|tbh|exactly|sorry|either))?",
               "overdue_amount": r"跳过|略过|skip|不知道|不清楚|不记得|忘了|(?:i\s+)?(?:don'?t|dont|do not)\s+know|"
                                 r"(?:i'?m\s+)?not\s+sure|no\s+idea|idk|dunno",
               "penalty_daily_rate": r"跳过|略过|skip|不知道|不清楚|不记得|忘了|没写|(?:i\s+)?(?:don'?t|dont|do not)\s+know|"
                                     r"(?:i'?m\s+)?not\s+sure|no\s+idea|idk|dunno|no|nope|not\s+really|"
                                     # "没有别的了" / "that's all": nothing more to say of it (stop 33 red team: "没看懂")
                                     r"没有?别的|没(?:有)?其他的?|就这些|就这样|没了|that'?s\s+(?:all|it)|nothing\s+else",
               # "Is X overdue?" answered "no" / "nope" / "没有" (stop 27 red team: "no article on that")
               "days_overdue": r"(?:(?:it'?s|it is|i'?m|i am)\s+)?not\s+(?:overdue|late)(?:\s+yet)?|never\s+late|on\s+time|"
                               r"no|nope|nah|no[,，]?\s+(?:it'?s|it is|i'?m|i am)\s+not|not\s+really|"
                               r"(?:no|nope|nah)[,，]?\s+(?:(?:it'?s|its|i'?m)\s+)?not\s+(?:late|overdue)(?:\s+yet)?|"
                               r"(?:none|neither)(?:\s+of\s+them)?\s+(?:are|is)\s+(?:overdue|late)|all\s+(?:are\s+)?(?:current|on time)|"
                               r"都没有?逾期|都没有?晚|都按时还|都正常|"
                               r"没有?逾期|未逾期|不逾期|还没(?:有)?逾期|没有?晚还?|按时还(?:的|款)?|正常还款(?:中)?|没有|没|否|不是|还没|"
                               # "no its fine", "not yet", "all good" (stop 34 red team: "I couldn't read")
                               r"(?:(?:no|nope|nah)[,，]?\s+)?(?:it'?s|its|it is|im|i'?m|we'?re)\s+(?:fine|good|ok|okay|all\s+good)|"
                               r"not\s+yet|all\s+good|(?:no|nope)[,，]?\s+all\s+good|没事|还好"}


# a skip word at a step with no skip ("skip" at the amount step got a greeting, "跳过" "no article")
ANY_SKIP = re.compile(r"\s*(?:跳过|略过|skip)(?:\s*(?:吧|啊|[!！。.]))*\s*", re.IGNORECASE)


def skips(step: str | None, message: str) -> bool:
    words = _SKIP_WORDS.get(step or "")
    return bool(words and re.fullmatch(rf"\s*(?:{words})(?:\s*(?:吧|啊|了|[!！。.]))*\s*", message, re.IGNORECASE))
# A message that asks for a plan in so many words, beside the debts it lists
WANTS_PLAN = re.compile(r"还款计划|还款方案|(?:做|排|定|出)(?:个|一个|一份)?(?:还款)?计划|帮我(?:算算|规划|安排)|"
                         r"(?:算一下|算一算|算算|算下|规划一下)(?:我)?(?:该)?怎么还|帮我算(?:下|一下)|(?:^|\s)/plan\b|"
                         r"(?:repayment|payoff|pay-off|payment|debt) plan|help me plan|plan (?:my|out my) (?:debts?|repayments?)|"
                         r"make (?:me )?a plan|plan (?:my )?repayments|"
                         # "hi i need help making a plan, i have a capital one card…" (stop 30 second red team: declined)
                         r"\b(?:making|build(?:ing)?|need|want|help (?:me )?(?:with|make|making)?) (?:me )?(?:a|my) "
                         r"(?:repayment |payoff |pay-off |debt )?plan\b", re.IGNORECASE)


def field_word(field: str, language: Language) -> str:
    return field_name(field, language).lower() if language == "en" else field_name(field, language)


def edited_line(edit: Edit, name: object, language: Language) -> str:
    """ "已把「借呗」的欠款金额改成 3500。": the loan named, or "这笔欠款" / "this debt" while it has no name yet."""
    target = (f"「{name}」" if language == "zh" else str(name)) if name else ("这笔欠款" if language == "zh" else "this debt")
    return text("edited", language, target=target, field=field_word(edit.field, language), value=edit.value)


def redescribes(draft: PlanDraft, step: str | None, message: str) -> bool:
    """Whether a message with two loan fields may describe the loan being collected: a loan whose amount is known is
    described again only at a describing step or in words of owing or a kind of loan ("最低还2000还是1000好？" at the
    minimum's step overwrote a balance of 20,000 with 1,000; stop 25 red team)."""
    return not (draft.current or {}).get("balance") or step in ("kind", "name", "more") or looks_like_loan(message)


_EARLY = ("annual_rate", "min_payment", "days_overdue", "overdue_amount")  # "逾期金额1000" at the minimum's step


def said_again(fields: dict[str, Any], draft: PlanDraft, step: str | None) -> dict[str, Any]:
    """A rate, minimum, overdue days or amount the loan being described already has, said again with nothing else at
    another step: a correction ("chase freedom: 24%" at the overdue step; stop 27 red team: "couldn't read")."""
    current = draft.current or {}
    said = {field: value for field, value in fields.items() if field not in ("kind", "name")}
    if not current or step not in LOAN_STEPS + OVERDUE_STEPS or not said or set(said) - set(_EARLY):
        return {}
    return said if all(field in current and field != step for field in said) else {}


def early_fields(fields: dict[str, Any], draft: PlanDraft, step: str | None) -> list[str]:
    """The loan fields a message gives that the loan being described lacks and its step is not asking for: a rate, a
    minimum or overdue days, alone (with no amount, which would describe a loan: see `_answer`)."""
    if draft.current is None or "balance" in fields or step not in LOAN_STEPS:
        return []
    early = [field for field in _EARLY if field in fields and field != step and field not in draft.current]
    # the step's own answer beside them is kept too ("白条年化24%，最低还80" at the rate step kept the minimum only)
    return early + [step] if early and step in fields else early


def offer_in(message: str) -> OfferText | None:
    """A lender's instalment offer in the message, unless it is a list of debts ("分期乐8000，每月还800，剩12期；借呗5000"
    got 141.69% on 借呗's 5000) or a debt described without the offer's amount ("欠银行10万，月供3000，还剩20期")."""
    offer = parse_offer(message)  # first: most messages are no offer, and this is the cheap test
    if offer is None or loans_named(message) >= 2:
        return None
    if offer.principal is None and _OWES.search(message) and "balance" in extract_loan(message):
        return None
    return offer


def costing(message: str, reading: Reading | None) -> OfferText | ShortLoanText | None:
    """A lender's offer or a loan of days whose cost is asked about, or stated with no other question:
    "借了2万 分两年还 每月还1100 利率高吗", "12 payments of 983 on a 10000 loan, good deal?" (stop 23: the article's own
    example was quoted instead), "借了5000，到手3500，7天后还5000"; not "…每期983，逾期会怎样", a question of its own,
    nor a report of harassment or a request for a person."""
    offer = parse_short_loan(message) or offer_in(message)
    if offer is not None and (not QUESTION.search(message) or ASKS_COST.search(message)) and (
            reading is None or reading.intent not in ("harassment", "human")):
        return offer
    return None


_NOW_LEFT = re.compile(r"现在|剩|还欠|只欠|变成|\b(?:now|left|down to|remaining)\b", re.IGNORECASE)


def restates_balance(draft: PlanDraft, step: str, fields: dict[str, Any], message: str) -> bool:
    """A new amount left on the loan being described, said at a later step ("现在剩4000了", "600 now", "discover is 600
    now"): an amount alone, in words of what is left now."""
    current = draft.current or {}
    return (step in LOAN_STEPS[3:] and "balance" in current and set(fields) - {"kind", "name"} == {"balance"}
            and bool(_NOW_LEFT.search(message)) and len(message) <= 60)


# Not a request to start a plan, though it names one: a question about negotiating one with a lender, or a cost
# (a count of debts is no cost, and "i mean a repayment plan" asks for one: stop 28 red team, both got articles)
_NOT_A_START = re.compile(r"\d(?![\d,.]*\s*(?:debts?|loans?|cards?|lenders?|apps?|笔|张|个|家))|协商|银行|分期|个性化|罚息|利息|年化|"
                          r"利率|什么是|是什么|区别|意思|\b(?:bank|lender|negotiat\w*|hardship|rate|interest|penalt\w*|what is|"
                          r"what's|how does|difference|(?:does|do|did) (?:\w+ ){0,3}mean|meaning)\b", re.IGNORECASE)


def relabels(message: str, step: str) -> bool:
    """A debt's new name or kind; "its a bank loan" names the kind of the debt being described, except at the kind step,
    where it is the step's own answer."""
    relabel = parse_relabel(message)
    return relabel is not None and not (relabel.it and step == "kind")


def asks_to_start(message: str) -> bool:
    """ "I want to make a repayment plan", "can you help me make a payoff plan", "帮我算算怎么还钱": a plan asked for with
    no debt given (stop 27 red team: each got an article, and every answer after it was lost)."""
    return (len(message) <= 160 and bool(WANTS_PLAN.search(message)) and not _NOT_A_START.search(message)
            and not message.startswith("/"))


ALL_OF_IT = re.compile(r"全部|全都|都逾期|整笔|所有的?钱|\ball of it\b|\bthe (?:whole|full|entire) (?:thing|amount|balance)\b|"
                        r"^\s*(?:all|everything|the whole thing)\s*[.!]?\s*$", re.IGNORECASE)


def typical_rate(kind: object, currency: str) -> Decimal:
    """A rate to plan with when the borrower does not know theirs, said to be an estimate: cards at 日息万五 (18.25%; 24%
    for a dollar card), online loans at 24% (the top of the range courts protect), bank loans at 8%, family at 0."""
    if kind == "credit_card":
        return Decimal("0.24") if currency == "USD" else Decimal("0.1825")
    return {"online_lender": Decimal("0.24"), "bank_loan": Decimal("0.08"), "private": Decimal("0")}.get(str(kind),
                                                                                                      Decimal("0.24"))


def another_named(message: str) -> dict[str, Any] | None:
    """ "有，还有微粒贷", "yes, a Discover card": another debt by its lender or kind, with nothing else said of it."""
    if len(message) > 30 or re.search(r"\d", message) or QUESTION.search(message):
        return None
    said = re.sub(r"^\s*(?:有的?|是的?|对|嗯|yes|yeah|yep|yup|sure)?[，,.!\s]*(?:还有|另外|再加|also|another|and|plus)?\s*"
                  r"(?:一个|一笔|一张|个|笔|张|an?|my|one more)?\s*", "", message, flags=re.IGNORECASE).strip(" 。.!！")
    found = loan_kind(said) if said else None
    if found is None:
        return None
    name = said if said.lower() != found[1].lower() or not said.isascii() else None
    return {"kind": found[0]} | ({"name": name} if name and len(name) <= 20 else {})


def restarts(message: str) -> bool:
    """ "start over", "算了太乱了，重新开始" (stop 27 red team: an article): a short message ending in a restart."""
    if _RESTART_SAID.fullmatch(message):
        return True
    last = re.split(r"[，,。.!！;；…]+", message.strip().rstrip("。.!！… "))[-1]
    # "this is a mess. start over", "算了…重新来" (stop 28 red team: both got articles)
    return len(message) <= 40 and bool(_RESTART_SAID.fullmatch(last))


ONE_MINIMUM = re.compile(r"(?:just |only )?(?:that|this|one|a|last) month'?s? (?:minimum|payment)|one (?:missed )?payment|"
                          r"一期(?:的)?(?:最低|还款)?|一个月的?(?:最低|还款)|就是最低还款|就是那期|上个月那期", re.IGNORECASE)
_NOT_KNOWN = re.compile(r"不知道|不清楚|没算过|没算|说不好|不好说|忘了|不记得|(?:don'?t|dont|do not) know|not sure|no idea|idk|never (?:added|counted)",
                        re.IGNORECASE)


# "where do I look": what the step's help says ("这个我不知道啊 去哪看" at the rate step: stop 30 red team, "no article on that")
_WHERE_TO_LOOK = re.compile(r"(?:要|该|去|在|上)?(?:哪|哪里|哪儿)(?:看|查|找)(?:啊|呢|呀)?|where (?:do|can|would|should) i (?:find|see|check|look)"
                            r"(?: (?:it|that|this))?|where(?:'s| is) (?:it|that)", re.IGNORECASE)


def not_known(step: str, message: str) -> bool:
    """ "不知道", "忘了", "not sure" at an amount's or the rate's step with no number nor other question: the step says where
    to find it."""
    plain = _WHERE_TO_LOOK.sub(" ", message)
    return (step in ("balance", "min_payment", "essential_expenses", "annual_rate") and len(message) <= 40
            and bool(_NOT_KNOWN.search(message)) and not re.search(r"\d|[?？]|吗", plain))


_NOTHING_OVERDUE = re.compile(r"\s*(?:0|0\.0+|[$¥]\s*0|0\s*(?:元|块|dollars?)|none|nothing|zero|零|没有)\s*[.!。！]?\s*", re.IGNORECASE)


def not_overdue_after_all(step: str, message: str) -> bool:
    """ "0", "it is NOT overdue", "its not past due. i pay on time" when the overdue amount or penalty is asked: the debt is
    not overdue (stop 28 red team: "must be more than 0", then "no article on that", stuck until a special phrase)."""
    return (step in ("overdue_amount", "penalty_daily_rate") and len(message) <= 80 and not re.search(r"[1-9]", message)
            # "没有逾期罚息" at the penalty's step says there is no penalty, not that the debt is not overdue (stop 33: the 15 days
            # and the amount past due were dropped)
            and not (step == "penalty_daily_rate" and _NO_PENALTY.search(message))
            and ((step == "overdue_amount" and bool(_NOTHING_OVERDUE.fullmatch(message))) or bool(NOT_OVERDUE.search(message))))


_NO_PENALTY = re.compile(r"没有?(?:逾期)?(?:罚息|违约金|滞纳金)|不收(?:逾期)?(?:罚息|违约金|滞纳金)|\bno (?:penalty|late fees?|fees?)\b|"
                         r"\b(?:don'?t|doesn'?t|dont|doesnt) charge (?:a )?(?:penalty|late fees?|fees?)", re.IGNORECASE)


def not_known_in_words(step: str, message: str) -> bool:
    """ "idk. i think they charge a 15 dollar late fee" at the penalty step, "不知道，app里没写" or "我也不清楚逾期金额，跳过吧"
    at the overdue amount's: not known (stop 28 red teams: an article, or "no article on that")."""
    return (step in ("penalty_daily_rate", "overdue_amount") and len(message) <= 100
            and bool(_NOT_KNOWN.search(message) or re.search(r"跳过|skip", message, re.IGNORECASE))
            and not re.search(r"%|％|万[分一二三四五六七八九]|[?？]|吗", message)
            and not (step == "overdue_amount" and re.search(r"\d", message)))


# A value said with a doubt, its question mark no question: "24.99 apr?", "$126 i think?", "4300?"
_HEDGED = re.compile(r"\d[\d,.]*\s*(?:%|％|k|w|万|千|元|块|apr|a year|a month|/mo|dollars?|bucks)?\s*"
                     r"(?:i think|i guess|maybe|probably|or so|ish|吧|左右|好像)?\s*[?？]", re.IGNORECASE)
# The words that name a step's field in an answer ("min is 40", "逾期3天"), to leave a value to its own step.
_NAMED_FIELDS = (("min_payment", re.compile(r"\bmin(?:imum)?\b|最低|月供", re.IGNORECASE)),
                 ("annual_rate", re.compile(r"\bapr\b|\brate\b|\binterest\b|%|年化|利率|利息|日息|月息", re.IGNORECASE)),
                 ("days_overdue", re.compile(r"\blate\b|\boverdue\b|\bbehind\b|\bdays?\b|逾期|天", re.IGNORECASE)),
                 ("balance", re.compile(r"\bowe\b|\bbalance\b|欠", re.IGNORECASE)))
_HEDGE_WORD = re.compile(r"\bi think\b|\bi guess\b|\bmaybe\b|\bprobably\b|\bor so\b|好像|大概|应该是|估计|吧|左右|差不多",
                         re.IGNORECASE)
# a correction said after a first value: the last one is meant ("最低还款3000 等下不对 是2800", "3000 wait no 3200": stop 29
# second red team, "没看懂"), even where the loan reader takes the first
_CORRECTION_WORD = re.compile(rf"\b(?:{TAKE_BACK_EN})\b|\bno,? (?:it'?s )?(?=\d)|{SAID_WRONG_ZH}|{HOLD_ON_ZH}|说错|写错",
                              re.IGNORECASE)
_ASKS_SOMETHING = re.compile(r"\b(?:how|what|why|when|where|which(?! is| was)|should|can|could|will|would|does|is it|is that)\b|吗|怎么|"
                             r"什么|为什么|多少|哪|能不能|会不会|是不是", re.IGNORECASE)


GREETING_SAID = re.compile(r"\bhi\b|hello|\bhey\b|你好|您好|在吗|在不在|谢谢|多谢|感谢|thanks|thank you|\bthx\b|\bok\b|okay|好的|"
                            r"^\s*[嗯哦哈]|\bbye\b|再见|早上好|晚上好|good (?:morning|evening|night)", re.IGNORECASE)


def describes_debts(message: str) -> bool:
    """Two debts or more, each with its amount and another fact, and nothing asked: "…car loan with ally, 14,250 left, 7.9%,
    389 a month… payday loan from CashNetUSA 600, they said 390% APR?? due in 2 weeks" (stop 28 second red team: an article
    on APRs, every number lost)."""
    if _ASKS_SOMETHING.search(message) or len(message) > 600:
        return False
    described = [loan for loan in split_loans(message) if "balance" in loan and set(loan) - {"kind", "name", "balance"}]
    return len(described) >= 2


def _read_whole(step: str, message: str) -> bool:
    """Whether the step's own readers take the whole message: its parser, the budget reader ("工资5千左右，房租吃饭要3千"), the
    loan reader finding the step's field."""
    try:
        parse_answer(step, message)
        return True
    except PlanInputError:
        pass
    if step in BUDGET_STEPS:
        return read_budget(message, step) is not None
    return step in extract_loan(message)


# the exact value said after a rough one: "3千多 具体3280", "about 5k, exactly 4,870" (stop 31: "它逾期了要全额还吧 3千多 具体3280" at the
# balance step got an article)
_EXACT = re.compile(r"(?:具体|准确|确切|精确|实际)(?:来说|地说|点说?|的?数字?|是|为|[:：,，\s])*(?P<zh>[¥$]?\d[\d,.]*\s*(?:%|％|元|块|k|w|万|千)?)"
                    r"|\b(?:exactly|to be exact|precisely|the exact (?:number|amount|figure) is)\W*(?P<en>[$¥]?\d[\d,.]*\s*(?:%|k)?)",
                    re.IGNORECASE)


_ZERO_FIRST = re.compile(r"\s*(?:zero|none|nothing|nil|零|0(?![\d.,]))\s*(?:%|percent)?\s*[,，.。!！;；]\s*\S", re.IGNORECASE)


def hedged_clause(step: str, message: str) -> str | None:
    """The first clause of a hedged answer that the step reads ("i think its 24.99 apr? maybe 26, not sure honestly" at the
    rate step: stop 28 second red team, "no article on that"), or the exact value said after a rough one ("3千多 具体3280"); None
    when the message asks something or is no such answer."""
    if step not in NUMBER_STEPS or len(message) > 100:
        return None
    if _ZERO_FIRST.match(message):
        # "zero, he's family" at the rate step (stop 31 red team: "no article on that"): a zero said first, then why
        try:
            parse_answer(step, "0")
            return "0"
        except PlanInputError:
            pass
    if (exact := _EXACT.search(message)) is not None:
        value = (exact.group("zh") or exact.group("en")).strip()
        try:
            parse_answer(step, value)
            return value
        except PlanInputError:
            pass
    if _ASKS_SOMETHING.search(message):
        return None
    if not _HEDGED.search(message):
        # a doubt said in words, the value in a piece of its own: "最低好像是三百多 350吧", "29.99 i think. min is 40. not late"
        # (stop 29 red team: "没看懂", "I couldn't read"); the last value said is the one meant
        # (the budget reader takes its own corrections, "3200 take home. wait no its 3020")
        corrected = (step not in BUDGET_STEPS and bool(_CORRECTION_WORD.search(message))
                     and len(re.findall(r"\d+(?:\.\d+)?", message)) >= 2)
        if not corrected and (not _HEDGE_WORD.search(message) or _read_whole(step, message)):
            return None
        clauses = re.split(r"[,，;；。]|(?<!\d)\.|\.(?!\d)", message)
        # corrected: the last value said is meant ("1300 不对，是1950" kept 1,300: stop 30 second red team)
        for clause in reversed(clauses) if corrected else clauses:
            if any(field != step and words.search(clause) for field, words in _NAMED_FIELDS):
                continue  # "min is 40" at the rate's step: another step's value
            for piece in reversed(clause.split()):
                if re.search(r"\d", piece):
                    try:
                        parse_answer(step, piece.strip())
                    except PlanInputError:
                        continue
                    return piece.strip()
        return None
    for clause in re.split(r"[,，;；?？]|\bmaybe\b|\bor\b|还是|或者", message):
        if not re.search(r"\d", clause):
            continue
        core = re.sub(r"^(?:(?:i think|i guess|i believe|it'?s|it is|like|about|around|probably|um|uh|so|我觉得|好像|大概|应该是|可能)"
                      r"\s*)+", "", clause.strip(), flags=re.IGNORECASE)
        for said in (clause.strip(), core):
            try:
                parse_answer(step, said)
            except PlanInputError:
                continue
            return said
    return None


def no_penalty(step: str, message: str) -> bool:
    """ "没有罚息吧 应该", "no late fees i think" at the penalty step: none (stop 28 second red team: "no article on that")."""
    return step == "penalty_daily_rate" and len(message) <= 60 and bool(_NO_PENALTY.search(message)) and not re.search(
        r"[?？]|吗|\d", message)


def early_budget(message: str) -> dict[str, Decimal] | None:
    """Income or costs said while the debts are asked about, and nothing about a debt."""
    budget = stated_budget(message)
    return budget if budget is not None and not looks_like_loan(message) and not QUESTION.search(message) else None


def check_field(field: str, value: Any) -> None:
    """The checks a step's own answer gets, for a value read from a sentence ("借呗年化5000%")."""
    if field == "annual_rate":
        check_annual_rate(Decimal(value), field)
    elif field == "days_overdue":
        check_days(int(value), field)
    elif field in ("balance", "min_payment", "overdue_amount"):
        check_positive(Decimal(value), field)
    elif field == "penalty_daily_rate":
        check_annual_rate(Decimal(value) * 365, field)


def cancels(message: str) -> bool:
    return bool(_CANCEL_SAID.fullmatch(message))
# "吃饭什么的" ("and so on") asks nothing (stop 29 red team: a budget answer read as a question, then as distress)
QUESTION = re.compile(r"[?？]|吗|呢|怎么|怎样|什么(?![的都])|为什么|如何|能不能|可以吗|多少|多久|几天|会不会|是不是|"
                       r"\b(?:how|what|why|when|where|which|can i|will|should|does|do i|is it|is there)\b|"
                       # "whats the interest if i owe 3000…", "can a debt collector call me at 10pm" (stop 34 red team: a plan)
                       r"\b(?:whats|hows)\b(?! left)|\bcan (?:a|an|the|they|he|she|my|collectors?|lenders?|banks?)\b|"
                       r"\bis (?:that|this) (?:even )?(?:legal|normal|allowed|true|real|ok)\b",
                       re.IGNORECASE)
BUDGET_SAID = re.compile(r"最多(?:能|可以)?还|(?:只|就)?能(?:拿出|还)|还得起|\bcan (?:only )?(?:pay|afford)\b|\bafford\b|"
                         # "i can put about $300/month toward debt", "300 is whats left after rent and food" (stop 33 red team)
                         r"\bcan (?:only )?put\b|\btoward(?:s)? (?:the |my )?(?:debts?|loans?|cards?)\b|\bleft(?: over)? after\b|"
                         # "i can do maybe $650 a month total", "650 for the debts" (stop 33 verification red team: an income)
                         r"\bcan (?:only )?do\b|\bfor (?:the |my |all (?:the |my )?)?debts?\b|"
                         r"\bleftover after\b|剩下的?钱?(?:都)?(?:能|可以)?(?:拿来)?还|扣掉.{0,12}(?:还剩|剩下)",
                          re.IGNORECASE)
# "what if I can only pay 300 a month instead", "如果每个月只能还2000呢" after a plan (stop 30 red team: an article on which
# bills to pay first): the plan worked again on that budget for debts
_WHAT_IF = re.compile(r"\bwhat if\b|\binstead\b|如果|假如|要是|假设", re.IGNORECASE)
_A_MONTH = re.compile(r"\b(?:a|per|every|each) month\b|\bmonthly\b|/\s*mo(?:nth)?\b|每个?月|一个月|月供|"
                      # a week's or two weeks' worth, made a month's (`only_amount_a_month`)
                      r"\b(?:a|per|every|each) week\b|\b(?:bi-?)?weekly\b|\bevery (?:two|2|other) weeks?\b|每周|"
                      # what is left after the rent is a month's ("only 400 left after rent": stop 33 red team)
                      r"\bafter (?:the )?(?:rent|bills|expenses|essentials)\b|(?:交完|扣掉|付完)房租", re.IGNORECASE)
_A_MINIMUM = re.compile(r"最低|\bminimum\b|\bmin\b", re.IGNORECASE)


def affordable(message: str, monthly: bool = False) -> Decimal | None:
    """The monthly amount a what-if says the borrower can put toward the debts, when it says one and only one; `monthly`
    where a month is understood (the wizard asks for a month's income or costs)."""
    if len(message) > 160 or not ((BUDGET_SAID.search(message) or _WHAT_IF.search(message))
                                  and (monthly or _A_MONTH.search(message))):
        return None
    if re.search(r"\b(?:more|extra|additional|on top)\b|多还|再多|额外|还清|一次性", message, re.IGNORECASE):
        return None  # "500 more a month", "一次性还清": not the whole budget for debts
    if _A_MINIMUM.search(message):
        # "每月最低能还500": a debt's minimum, answered at its step; but "min is 105. only 400 left after rent" says both
        # (stop 33 red team: it left the wizard and was declined): the budget is read from the sentence that says it
        said = [part for part in re.split(r"[.。;；!！\n]+", message) if part.strip() and not _A_MINIMUM.search(part)]
        if len(said) != 1 or said[0] == message:
            return None
        return affordable(said[0], monthly=True)
    if _OWES.search(message) or re.search(r"\bborrow|借了", message, re.IGNORECASE):
        return None  # a debt described ("欠花呗3000，每月还500"), not a budget to try
    return only_amount_a_month(message)  # "50 bucks a week towards debt" is 216.67 a month (stop 34 red team: 50)


_OWES = re.compile(r"欠|\bowe|\bmy (?:car |personal |bank |student )?loan is\b", re.IGNORECASE)
# A question about what an offer costs: its true rate answers it.
# The steps that ask for a number, and a short message that tries to give one (digits, %, money or number words).
NUMBER_STEPS = tuple(step for step in LOAN_STEPS + OVERDUE_STEPS + BUDGET_STEPS if step not in ("kind", "name"))
NUMBERISH = re.compile(r"\d|[%％¥$]|[一二两三四五六七八九十百千万]|percent|dollars?|bucks|\b(?:one|two|three|four|five|six|"
                        r"seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                        r"hundred|thousand|grand|million|few|couple|half)\b", re.IGNORECASE)
# Intents that are not an answer to a wizard step (crisis is released before, by `release`).
ELSEWHERE = ("question", "off_topic", "human", "harassment", "greeting", "venting", "crisis")


_FILLERS = re.compile(r"\b(?:a|an|my|the|it'?s|its|it is|is|just|um|uh|oh|one|of|from|with|at)\b|就是|是|一张|一笔|一个|那个|的|吧|啊|"
                      r"[.。!！,，]", re.IGNORECASE)
# what a kind word may carry that is still no name: "student loan", "car loan", "私人借款"
_KIND_MODIFIERS = re.compile(r"\b(?:student|car|auto|personal|medical|home|house|mortgage|payday|private|bank|online|credit|"
                             r"installment|instalment|consumer|business|title|federal)\b|车|房|学生|助学|经营|消费|个人|私人|银行|网络",
                             re.IGNORECASE)


def brand_name(message: str) -> str | None:
    """The name in a kind's answer that says more than the kind ("discover card", "chase visa"); None for a kind alone
    ("credit card", "it's a credit card", "student loan", "车贷")."""
    said = message.strip()
    found = loan_kind(said)
    if found is None or len(said) > 30 or re.search(r"\d", said):
        return None
    rest = re.sub(re.escape(found[1]), " ", said, count=1, flags=re.IGNORECASE)
    rest = _KIND_MODIFIERS.sub(" ", _FILLERS.sub(" ", rest))
    rest = re.sub(r"\b(?:loan|card|credit card|lender)s?\b|贷款|借款|信用卡|网贷", " ", rest, flags=re.IGNORECASE)
    if not re.search(r"[^\W\d_]", rest):
        return None
    return re.sub(r"^(?:(?:my|a|an|the|it'?s|its|it is)\s+)+", "", said, flags=re.IGNORECASE).rstrip("。.!！ ")
