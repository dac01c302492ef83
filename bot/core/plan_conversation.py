"""The repayment-plan conversation: /plan, a borrower describing a loan, edits and what-if questions.

`claims` says whether a message belongs here; `handle` answers it with a Reply of kind "wizard"
(a question, with buttons) or "plan" (the plan, with the payoff chart). The wizard's state (a typed
`PlanDraft`, stored as JSON) lives in `Wizards` and the finished inputs in `Profiles`, so nothing is
kept in this object between messages. While a wizard is open, a message that is not an answer to
the step (a question, a new topic, a request for a person: by the intent `Reading` when there is one)
is not claimed: the rest of the bot answers it and the wizard waits, resumed by "plan:resume".
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any, Callable

from bot.core.actions import Action, Human, PlanKind, PlanStep
from bot.core.messages import Button, Incoming, Language, Reply
from bot.core.safety import looks_like_injection, reports_a_scam, threatens_violence
from bot.core.plan_named import Part, by_name, holding, without_current_name
from bot.core.worked import payment_numbers, payoff_numbers
from bot.core.plan_answers import delay_reply, offer_reply, problem_text, short_loan_reply
from bot.core.plan_texts import button_label, field_name, kind_label, text
from bot.core.plan_wizard import (
    ACKNOWLEDGEMENT, BUDGET_STEPS, FLOW, LOAN_STEPS, MONEY_STEPS, NO_WORDS, OVERDUE_STEPS, PlanDraft, apply_fields,
    check_against_current, currency_in, add_fields, default_name, finish_loan, is_amount, loan_lines, next_step,
    parse_answer, profile_of, queue_loans, relabel_loan, remove_loan, stored_fields, says_done, wants_more,
)
from bot.core.ports import ChartRenderer, Profiles, Reading, WizardState, Wizards
from bot.core.rate_words import ASKS_COST
from bot.core.texts import text as ui_text
from bot.planner.advice import NEGOTIATION_QUESTIONS
from bot.planner.budget_text import read_budget
from bot.planner.due_dates import days_since_due
from bot.planner.errors import PlanInputError
from bot.planner.extraction import (
    Edit, Relabel, Removal, decimal_text, minimum_share, parse_relabel, extract_loan, parse_not_that, parse_removal, parse_said_wrong,
    loans_named, looks_like_loan, mentions_strategy, offer_without_periods, parse_delay, parse_edit, OfferText,
    parse_strategy, refused_number, split_loans, with_not_overdue,
)
from bot.planner.formatting import money, percent
from bot.planner.instalments import Instalments, from_instalments, payments_left
from bot.planner.short_loans import parse_short_loan
from bot.planner.models import KINDS, MAX_LOANS, plan_input_from_dict
from bot.planner.plan import DEFAULT_LPR, DEFAULT_LPR_AS_OF, plan_repayments
from bot.planner.report import CHAT_LIMIT, summary_text
from bot.core.plan_reading import (
    ALL_OF_IT, ANY_SKIP, BUDGET_SAID, ELSEWHERE, GREETING_SAID, NUMBERISH, NUMBER_STEPS, ONE_MINIMUM, QUESTION,
    WANTS_PLAN, affordable, after_resume, brand_name, another_named, asks_to_start, cancels, check_field, costing, describes_debts,
    early_budget, early_fields, edited_line, field_word, hedged_clause, no_penalty, not_known, not_known_in_words,
    not_overdue_after_all, offer_in, redescribes, relabels, restarts, restates_balance, resumes, said_again, shows_plan,
    skips, typical_rate,
)


# another debt announced ("还有一个 借了3万…", "i also have a loan of…"), not more about the one being described
_ANOTHER_DEBT = re.compile(r"^\s*(?:还有|另外还有|另外|再加|加一笔)(?:一个|一笔|个|笔)|\b(?:i also have|also have|another (?:loan|debt|one)|"
                          r"plus a)\b", re.IGNORECASE)


def _debt_by_instalments(offer: OfferText, message: str) -> tuple[dict[str, Any], Instalments] | None:
    """A debt told whole by its instalments: what is owed, the rate by IRR and the instalment as its minimum, with the kind,
    name and days overdue its words say (a bank loan when they name no kind); None when the offer lacks the principal or
    the instalment. Raises PlanInputError for instalments that cannot be."""
    loan = from_instalments(offer, message)
    if loan is None:
        return None
    said = {field: value for field, value in with_not_overdue(extract_loan(message), message).items()
            if field in ("kind", "name", "days_overdue")}
    return {"kind": "bank_loan"} | said | {"balance": loan.balance, "annual_rate": loan.annual_rate,
                                           "min_payment": loan.payment}, loan


def _said(text: str) -> str:
    """A short answer as typed, for comparing with a label: lower case, no quotes, spaces or end marks."""
    return re.sub(r"[\s\"'“”‘’「」.。!！]+", "", text.lower())


class PlanConversation:
    """Collects loans and the budget step by step, then answers with the plan."""

    def __init__(self, wizards: Wizards, profiles: Profiles, chart: ChartRenderer | Callable[..., bytes] | None,
                 lpr: Decimal = DEFAULT_LPR, lpr_as_of: date = DEFAULT_LPR_AS_OF,
                 release: Callable[[str], bool] | None = None, today: Callable[[], date] = date.today) -> None:
        """`release(text)` True means never claim that text, even mid-wizard: pass the safety
        module's crisis check so "我欠网贷2万，不想活了" reaches the crisis path, not a form."""
        self.wizards = wizards
        self.profiles = profiles
        self.chart = chart
        self.lpr = lpr
        self.lpr_as_of = lpr_as_of
        self.release = release
        self.today = today  # for a due date said instead of days overdue ("上个月15号该还的")

    # --- routing --------------------------------------------------------------------------------
    def claims(self, incoming: Incoming, reading: Reading | None = None) -> bool:
        """True for /plan, plan:* buttons, an answer to the open wizard's step, a message that lists
        debts to plan, a lender's instalment offer, or an edit / what-if about a stored profile.
        `reading` (the intent by meaning) tells a question that carries numbers from a plan request."""
        return self._claims(incoming, reading, lambda: self._state(incoming.user_id))

    def route(self, incoming: Incoming, reading: Reading | None = None) -> tuple[bool, bool]:
        """(`claims`, `waiting`) from one read of the wizard: the core asks both about every message."""
        read: list[WizardState | None] = []

        def state() -> WizardState | None:
            if not read:
                read.append(self._state(incoming.user_id))
            return read[0]

        claimed = self._claims(incoming, reading, state)
        return claimed, state() is not None

    def debt_names(self, user_id: str) -> list[str]:
        """The names of the debts in the user's open wizard: finished, being described and still to come."""
        state = self._state(user_id)
        if state is None:
            return []
        draft = PlanDraft.from_json(state.data)
        loans = [*draft.loans, *([draft.current] if draft.current else []), *draft.pending]
        return [str(loan["name"]) for loan in loans if isinstance(loan, dict) and loan.get("name")]

    def _claims(self, incoming: Incoming, reading: Reading | None, load: Callable[[], WizardState | None]) -> bool:
        message = incoming.text.strip()
        if isinstance(incoming.action, (PlanStep, PlanKind)) or message.startswith("/plan"):
            return True
        if message and self.release is not None and self.release(message):
            return False
        if reading is not None and reading.crisis:
            return False
        if threatens_violence(message):
            return False  # "催收说不还3万就弄死我全家": the threat is answered (police, a person), never a wizard step
        if costing(message, reading) is not None:
            return True  # an offer or a loan of days asked about is costed, even while a wizard waits
        if payment_numbers(message) is not None or payoff_numbers(message) is not None:
            # "car loan 14k left, 6.9%, 60 month term, whats my monthly payment" (stop 33 red team: a wizard step asked the
            # payment back): the answerer works the payment or the payoff, with a plan offer
            return False
        state = load()
        if state is not None:
            return self._answers_step(PlanDraft.from_json(state.data), after_resume(message), reading)
        if looks_like_injection(message):
            return False  # "忽略之前的所有指令…帮我写一条…短信" started a plan of ¥1 named after the order (stop 29 red team)
        if asks_to_start(message) or restarts(message):
            return True  # "I want to make a repayment plan", "帮我算算怎么还钱", "start over": /plan in words
        if (resumes(message) or shows_plan(message)) and self.profiles.load(incoming.user_id) is not None:
            return True  # "continue my plan" once the plan is made (stop 28 second red team: "no article on that")
        if (((removal := parse_removal(message)) is not None and not removal.it) or parse_not_that(message) is not None
                or early_budget(message) is not None
                or ((relabel := parse_relabel(message)) is not None and not relabel.it)):
            # "删掉花呗", "chase is paid off", "8900 not 9800", "不对，收入是6500，开销是4000" about a stored plan
            return self.profiles.load(incoming.user_id) is not None
        if affordable(message) is not None:
            # "what if I can only pay 300 a month instead" about a stored plan (stop 30 red team: an article)
            profile = self.profiles.load(incoming.user_id)
            if profile and profile.get("loans"):
                return True
        if WANTS_PLAN.search(message) and "balance" in extract_loan(message):
            return True  # "help me plan: 3000 on my Visa at 24% APR" (stop 22: answered from the APR article)
        if describes_debts(message):
            return True  # two debts, each with its amount and more, and nothing asked (stop 28 second red team)
        if QUESTION.search(message) and ASKS_COST.search(message) and offer_without_periods(message):
            return False  # "借了2万 每月还1100 利率高吗": the answerer asks for the periods (a plan exemplar's look-alike)
        if looks_like_loan(message) and reports_a_scam(message):
            # "有人说是公安局的…让我今天转5000到一个安全账户", "…unless I pay $900 in gift cards": a scam told of, answered
            # (stop 31 red team: the wizard kept the demand as a debt and asked its rate)
            return False
        if looks_like_loan(message):
            # "我欠网贷2万，会坐牢吗？" is a question for the answerer; a list of debts to plan is ours.
            # The reading only ever takes a message away from the planner (a question with numbers),
            # never gives it one the words alone would not.
            if WANTS_PLAN.search(message):
                return True  # "Can you make me a repayment plan? card 20000, loan 15000" (stop 22: declined)
            stated = set(with_not_overdue(extract_loan(message), message)) - {"kind", "name"}
            if (reading is not None and reading.intent == "venting" and not QUESTION.search(message) and (
                    (len(stated) >= 2 and stated & {"annual_rate", "min_payment"})
                    or sum(1 for loan in split_loans(message) if "balance" in loan) >= 2)):
                # a loan's rate or minimum beside its amount is a plan's input, however it sounds: "I owe 900 on discover,
                # 27% apr, min 35, not overdue" read as venting by meaning (stop 27)
                return True
            if reading is not None and reading.intent in ("harassment", "venting", "human"):
                # "催收说3天内不还就爆我通讯录，我欠了8000", "a collector calls me at work 10 times a day":
                # a report or a cry, not a list to plan (stop 22: the wizard took them); the answer offers a plan
                return False
            if reading is not None and QUESTION.search(message) and (reading.intent != "plan" or loans_named(message) < 2):
                # a question about one loan is answered (with a plan offer), even when it reads like a plan by meaning:
                # "欠了12345元，要还多久？每月还500" started the wizard (stop 25 red team)
                return False
            stated = set(extract_loan(message)) - {"kind", "name"}
            return len(stated) >= 2 or not QUESTION.search(message)
        if (edit := parse_edit(message)) is not None and re.search(r"\d", edit.value) and len(message) <= 40:
            return True  # "金额改成3000" with nothing to change says so, not an article on 砍头息 (stop 25 red team)
        if parse_delay(message) is not None:
            return self.profiles.load(incoming.user_id) is not None
        if not mentions_strategy(message):
            return False  # most messages: no need to read the profile
        profile = self.profiles.load(incoming.user_id)
        if profile and parse_strategy(message, [loan["name"] for loan in profile.get("loans") or []]) is not None:
            return True
        return False

    def waiting(self, user_id: str) -> bool:
        """True while the user has a wizard open (it waits while other messages are answered)."""
        return self._state(user_id) is not None

    def _answers_step(self, draft: PlanDraft, message: str, reading: Reading | None) -> bool:
        """Whether a message mid-wizard answers the step: cancel words, a parsable answer, a loan
        described, an edit; a question (by meaning, or by its words) that is none of these leaves."""
        step = next_step(draft)
        if (parse_removal(message) is not None or parse_not_that(message) is not None or parse_said_wrong(message) is not None
                or restarts(message) or relabels(message, step)):
            return True  # "删掉花呗", "第二笔不算了", "chase is paid off", "wait sorry it's 8900 not 9800", "刚才说错了，是1.5万"
        if (not_known(step, message) or not_overdue_after_all(step, message) or not_known_in_words(step, message)
                or no_penalty(step, message) or hedged_clause(step, message) is not None):
            return True  # "多少我忘了，我不知道": where to find it (its "多少" reads as a question)
        if step == "min_payment" and minimum_share(message, at_its_step=True) is not None:
            return True  # "最低还款是10%吧 我也不太确定" (stop 31 red team: an article on the snowball method)
        if step == "kind" and len(message) <= 40 and not QUESTION.search(message) and not (
                reading is not None and reading.intent in ("human", "harassment") and reading.score(reading.intent) >= 0.5):
            return True  # "medical bill", "other": the step says which kinds there are (stop 27 red team: declined)
        if cancels(message) or resumes(message) or skips(step, message) or ANY_SKIP.fullmatch(message) or (
                step == "name" and (is_amount(message) or ACKNOWLEDGEMENT.fullmatch(message))):
            return True
        if step not in ("more", "name") and ACKNOWLEDGEMENT.fullmatch(message):
            return True  # "ok" mid-wizard was greeted and the step left unasked (stop 33 verification red team): asked again
        if reading is not None and reading.intent in ("human", "harassment") and reading.score(reading.intent) >= 0.5:
            # "转人工" at the name step was saved as the loan's name, and the request for a person was lost
            return False
        if NO_WORDS.fullmatch(message):
            # "0", "24%", "5000%", "🙂": an attempt at the step (the classifier reads such text as anything),
            # so the step says what it expects instead of "no article on that"
            return True
        if (step in NUMBER_STEPS and reading is not None and reading.intent == "greeting" and len(message) <= 12
                and not QUESTION.search(message) and not GREETING_SAID.search(message)):
            # "很多" at the minimum's step read as a greeting by meaning: the step says what it expects, not "hi, I'm here"
            return True
        elsewhere = reading.intent in ELSEWHERE if reading is not None else bool(QUESTION.search(message))
        if not elsewhere:
            # read as a plan by meaning, yet a question that answers nothing here ("最低还2000还是1000好？" at the minimum's
            # step got "没看懂…"): answered while the wizard waits (stop 25 red team)
            return not (QUESTION.search(message) and len(message) > 4 and not self._parses(draft, message))
        if (step in NUMBER_STEPS and len(message) <= 40 and NUMBERISH.search(message) and not QUESTION.search(message)
                and (reading is None or reading.intent != "venting")):
            # "one point five percent a month", "a few hundred": an attempt at the step that was not read; the step
            # says what it expects, rather than "no article on that" (stop 23). Not a cry ("我一分钱都没有了"): that is
            # answered kindly while the wizard waits.
            return True
        if QUESTION.search(message) and len(message) > 4:
            return False
        return self._parses(draft, message)

    def _parses(self, draft: PlanDraft, message: str) -> bool:
        step = next_step(draft)
        if by_name(draft, step, message) is not None:
            return True  # "花呗最低还500", "我还欠微粒贷4000，年化24%": about another loan of the plan, or a new one
        if step in LOAN_STEPS + OVERDUE_STEPS + ("more",) and early_budget(message) is not None:
            return True
        if step in LOAN_STEPS + OVERDUE_STEPS + BUDGET_STEPS + ("more",) and affordable(
                message, monthly=step in BUDGET_STEPS) is not None:
            return True  # "min is 105. i only have 400 left after rent": the budget for the debts (stop 33 red team)
        message = without_current_name(draft, step, message)  # "借呗年化18%" at 借呗's rate step
        if restates_balance(draft, step, extract_loan(message), message):
            return True
        if step in LOAN_STEPS and early_fields(with_not_overdue(extract_loan(message), message), draft, step):
            return True  # a rate, a minimum or days given before their step
        if (draft.loans or draft.current or draft.pending) and parse_edit(message) is not None:
            return True
        if len(set(extract_loan(message)) - {"kind", "name"}) >= 2 and redescribes(draft, step, message):
            return True  # a loan described
        if step == "more":
            return wants_more(message) is not None or looks_like_loan(message) or another_named(message) is not None
        if step in BUDGET_STEPS and read_budget(message, step, single=True) is not None:
            return True
        if said_again(extract_loan(message), draft, step) and step not in extract_loan(message):
            return True
        if step == "days_overdue" and days_since_due(message, self.today()) is not None:
            return True
        if step == "overdue_amount" and (ALL_OF_IT.search(message) or ONE_MINIMUM.search(message)) and len(message) <= 40:
            return True
        try:
            parse_answer(step, message)
        except PlanInputError:
            return False
        return True

    def handle(self, incoming: Incoming, language: Language) -> Reply:
        user, action, message = incoming.user_id, incoming.action, incoming.text.strip()
        state = self._state(user)
        if state is not None and not action:
            message = after_resume(message)
            incoming = replace(incoming, text=message)
        if action == PlanStep("cancel") or (state is not None and cancels(message)):
            self.wizards.clear(user)
            return Reply(text("cancelled", language), language, kind="info")
        if (action in (PlanStep("start"), PlanStep("resume")) or message.startswith("/plan")
                or (not action and resumes(message) and (state is not None or self.profiles.load(user) is not None))
                or (state is None and not action and asks_to_start(message))):
            return self._start(user, state, language)
        if action == PlanStep("new") or (not action and restarts(message)):
            # "start over" after a plan too: re-entering the debts doubled them (stop 27 second red team)
            return self._advance(user, PlanDraft(), language, text("intro", language))
        if action == PlanStep("show") or (state is None and not action and shows_plan(message)):
            profile = self.profiles.load(user)
            return self._plan(user, profile, language) if profile else Reply(text("no_profile", language), language,
                                                                              kind="info")
        if action == PlanStep("add"):
            draft = PlanDraft.from_json(state.data) if state else PlanDraft.from_profile(self.profiles.load(user))
            if len(draft.loans) >= MAX_LOANS:
                draft.collecting = False
                return self._advance(user, draft, language, text("too_many", language, n=MAX_LOANS))
            draft.current = draft.current or {}
            draft.collecting = True
            return self._advance(user, draft, language)
        if state is None and isinstance(action, PlanKind):  # a button from before a restart or cancel
            return self._answer(user, PlanDraft.from_profile(self.profiles.load(user)), action, message, language)
        if state is None and isinstance(action, PlanStep):  # any other stale button: start as /plan would
            return self._start(user, None, language)
        draft = PlanDraft.from_json(state.data) if state is not None else None
        refused = refused_number(message) if not action and parse_edit(message) is None else None
        step = next_step(draft) if draft is not None else None
        if refused is not None and step != "name":
            # "-5000元", "1e309", "50亿": say why, never plan with a number read differently
            field = step if step in LOAN_STEPS + OVERDUE_STEPS + BUDGET_STEPS and step != "kind" else "balance"
            problem = problem_text(refused.at(field if draft is not None else refused.field), refused.value, language)
            if draft is None:
                return Reply(problem, language, kind="info")
            return self._advance(user, draft, language, problem)
        if draft is None:
            return self._outside_wizard(user, message, language)
        if not action and (filled := self._instalments(user, draft, message, language)) is not None:
            return filled
        if not action and costing(message, None) is not None:
            # costed while the wizard waits (its step is not answered by an offer): it was answered from an article
            reply = self._outside_wizard(user, message, language)
            reply.buttons.append(Button(ui_text("continue_plan", language), PlanStep("resume")))
            return reply
        return self._answer(user, draft, action, message, language)

    def _start(self, user: str, state: WizardState | None, language: Language) -> Reply:
        """/plan, the plan button or "continue my plan": resume an open wizard, offer a stored
        profile, or start collecting."""
        if state is not None:
            return self._advance(user, PlanDraft.from_json(state.data), language, text("resume", language))
        profile = self.profiles.load(user)
        if profile and profile.get("loans"):
            return self._offer_profile(profile, language)
        return self._advance(user, PlanDraft(), language, text("intro", language))

    # --- inside the wizard ----------------------------------------------------------------------
    def _answer(self, user: str, draft: PlanDraft, action: Action | None, message: str, language: Language) -> Reply:
        step = next_step(draft)
        picked = False
        whole = message  # before a hedged answer's first clause is picked out of it
        if not action and parse_not_that(message) is None and (clause := hedged_clause(step, message)) is not None:
            message = clause  # "i think its 24.99 apr? maybe 26, not sure honestly": the first value said
            picked = True  # said back, so a value picked out of several can be caught (stop 30 second red team)
        if (not action and step == "min_payment" and draft.current is not None
                and (share := minimum_share(message, at_its_step=True)) is not None):
            # "最低还款是账单的10%，账单是4万2" (stop 30 red team: the bill was stored as the minimum): the share of the bill
            # said, or else of the balance already given
            bill = extract_loan(message).get("balance") or draft.current.get("balance")
            if bill:
                minimum = (Decimal(str(bill)) * share).quantize(Decimal("0.01"))
                draft.current.update(stored_fields({"min_payment": minimum}))
                return self._advance(user, draft, language, text("noted_for", language, name=draft.current.get("name") or "?",
                                                                 what=self._describe({"min_payment": minimum}, language,
                                                                                     draft.currency)))
        if not action and step == "name" and draft.current is not None and _said(message) == _said(default_name(draft, language)):
            # the name the step offers, typed ("credit card 1", "网贷1"): a name, not a debt of 1 (stop 33 red team: the amount
            # owed became $1.00 and no edit could fix it)
            draft.current["name"] = default_name(draft, language)
            draft.last = step
            return self._advance(user, draft, language)
        if not action and step not in ("more", "name") and ACKNOWLEDGEMENT.fullmatch(message):
            return self._advance(user, draft, language)  # "ok", "好的": no answer, so the step is asked again
        if isinstance(action, PlanKind) and action.kind in KINDS:
            draft.current = draft.current or {}
            draft.current["kind"] = action.kind
            return self._advance(user, draft, language)
        if not action and (removal := parse_removal(message)) is not None:
            if removal.it:
                if not draft.current:
                    return self._advance(user, draft, language)  # nothing being described: the step asked again
                removal = replace(removal, loan=str(draft.current.get("name") or ""), it=False)
            return self._remove(user, draft, removal, language)
        if not action and relabels(message, step) and (relabel := parse_relabel(message)) is not None:
            return self._relabel(user, draft, relabel, language)
        if not action and (said := parse_not_that(message)) is not None:
            return self._correct(user, draft, said, language)
        if not action and (wrong := parse_said_wrong(message)) is not None and (reply := self._said_wrong(
                user, draft, step, wrong, language)) is not None:
            return reply
        if not action and not_overdue_after_all(step, message) and draft.current is not None:
            draft.current["days_overdue"] = 0
            draft.current.pop("overdue_amount", None)
            draft.current.pop("penalty_daily_rate", None)
            return self._advance(user, draft, language, text("noted_for", language, name=draft.current.get("name") or "?",
                                                             what=self._describe({"days_overdue": 0}, language)))
        if not action and no_penalty(step, message) and draft.current is not None:
            draft.current["penalty_daily_rate"] = "0"
            return self._advance(user, draft, language)
        if action == PlanStep("skip") or (not action and (skips(step, message) or not_known_in_words(step, message))):
            return self._skip(user, draft, step, language, message)
        if action == PlanStep("done") or (step == "more" and message and wants_more(message) is False):
            draft.collecting, draft.current = False, None
            return self._advance(user, draft, language)
        if step == "more" and message and wants_more(message) is True:
            draft.current = {}
            return self._advance(user, draft, language)
        if step == "more" and (named := another_named(message)) is not None:
            # "有，还有微粒贷" (stop 27 red team: "no article on that"): the next debt, by its lender
            draft.current = dict(named)
            return self._advance(user, draft, language)
        self._note_currency(draft, message, language)
        edit = parse_edit(message) if draft.loans or draft.current or draft.pending else None
        if edit is not None and (waiting := self._pending_named(draft, edit)) is not None:
            # "车贷的金额改成8万" while another loan of the same message is asked about (stop 25 red team: "没看懂")
            try:
                waiting[edit.field] = parse_answer(edit.field, edit.value)
            except PlanInputError as error:
                return self._advance(user, draft, language, problem_text(error, edit.value, language))
            return self._advance(user, draft, language, edited_line(edit, waiting.get("name"), language))
        if edit is not None and self._edits_current(draft, edit):
            # "金额改成3000" while the loan is being described (stop 24 red team: a count read as the amount made
            # every minimum "above the balance", and only /cancel got out)
            problem = self._apply_to_current(draft, edit, language)
            return self._advance(user, draft, language, problem or edited_line(edit, (draft.current or {}).get("name"),
                                                                                  language))
        if edit is not None and draft.loans:
            problem = self._apply_edit(draft, edit, language)
            return self._advance(user, draft, language, problem or self._edited_text(draft, edit, language))
        named = by_name(draft, step, message)
        if named is not None:
            return self._apply_named(user, draft, step, named, language)
        if step in LOAN_STEPS + OVERDUE_STEPS + BUDGET_STEPS + ("more",) and (
                amount := affordable(message, monthly=step in BUDGET_STEPS)) is not None:
            # "不对，我每个月只能拿出2000还债" (stop 33: "没看懂" at the days step; at the income step it was the income, and the
            # costs then asked were taken off it): the budget for the debts, said outright
            draft.set_for_debts(decimal_text(amount))
            if step == "more" and (says_done(message) or wants_more(re.split(r"[，,.。]", message)[0]) is False):
                draft.collecting, draft.current = False, None  # "没了，每月能拿出3000还债", "nope. i can put $300/month toward debt"
            noted = text("for_debts_noted", language, amount=money(amount, draft.currency))
            minimum = self._minimum_beside(whole) if step == "min_payment" and draft.current is not None else None
            if minimum is not None and draft.current is not None:
                # "最低好像是400吧 我每个月最多能拿出2500还债" (stop 33 verification red team: the 400 was asked again)
                draft.current["min_payment"] = minimum
                noted += "\n" + text("noted_for", language, name=draft.current.get("name") or "?",
                                     what=self._describe({"min_payment": Decimal(minimum)}, language, draft.currency))
            elif step == "min_payment":  # "每个月最多能还3000" is no minimum (stop 25 final red team: saved as one)
                name = (draft.current or {}).get("name") or default_name(draft, language)
                noted += "\n" + text("minimum_still_asked", language, name=name)
            return self._advance(user, draft, language, noted)
        if step in LOAN_STEPS + OVERDUE_STEPS + ("more",) and (budget := early_budget(message)) is not None:
            # "i make about 3.2k a month, rent+food ~2500" while a loan is asked about: kept for later, the step asked again
            if step == "more" and (says_done(message) or len(budget) == 2):
                # "填完了。工资到手5500，房租1500", "done. take home is 4800": no more debts (stop 28 red team: asked again)
                draft.collecting, draft.current = False, None
            return self._budget(user, draft, budget, language)
        message = without_current_name(draft, step, message)
        loans = split_loans(message) if step in LOAN_STEPS + ("more",) else [{}]
        fields = with_not_overdue(loans[0], message) if len(loans) == 1 and step in LOAN_STEPS + ("more",) else loans[0]
        if restates_balance(draft, step, fields, message):
            # "(discover is) 600 now" at its rate step: what is left of the loan described (it was "没看懂")
            edit = Edit(field="balance", value=str(fields["balance"]))
            problem = self._apply_to_current(draft, edit, language)
            return self._advance(user, draft, language, problem or edited_line(edit, (draft.current or {}).get("name"),
                                                                                  language))
        stated = set(fields) - {"kind", "name"}  # a kind word alone is not a description of a loan
        if (len(stated) >= 2 and redescribes(draft, step, message)) or (stated and step in ("kind", "name", "more") and looks_like_loan(message)):
            apply_fields(draft, fields)
            queue_loans(draft, loans[1:])
            return self._advance(user, draft, language,
                                 self._understood(fields, loans[1:], message, language, draft.currency))
        early = early_fields(fields, draft, step)
        if early:
            # "年化18%" when the kind is asked: kept for the loan being described, and the step asked again
            # (stop 25 final red team: it left the wizard and was declined, the rate lost)
            add_fields(draft, {field: fields[field] for field in early})
            return self._advance(user, draft, language, self._understood(
                {field: fields[field] for field in early}, [], message, language, draft.currency))
        if step in OVERDUE_STEPS and not fields and set(said := extract_loan(message)) - {"kind", "name"} == {"days_overdue"}:
            fields = {"days_overdue": said["days_overdue"]}  # "its 20 days late actually" at the overdue amount's step (stop 33)
        if (again := said_again(fields, draft, step)) and (not draft.current or step not in fields):
            # "chase freedom: 24%" at its overdue step, its rate already noted: the rate is corrected, the step asked again
            part = Part("current", str((draft.current or {}).get("name") or ""), message, again)
            problem = self._put(draft, part, again, language)
            return self._advance(user, draft, language, problem or text("noted_for", language, name=part.name or "?",
                                                                          what=self._describe(again, language, draft.currency)))
        if step == "more":
            return self._advance(user, draft, language)
        if step == "min_payment" and BUDGET_SAID.search(message) and not re.search(r"最低|minimum", message, re.I):
            # "每个月最多能还3000", "I can pay 600 a month": what the borrower can afford, not this loan's minimum
            # (stop 25 final red team: saved as the minimum, 2,500 for a debt of 3,500)
            name = (draft.current or {}).get("name") or default_name(draft, language)
            return self._advance(user, draft, language, text("budget_not_minimum", language, name=name))
        if step == "name" and is_amount(message):
            # "3万多" at the name step: the name skipped, the amount given (stop 22: it became the name)
            draft.current = draft.current or {}
            draft.current["name"] = default_name(draft, language)
            step = "balance"
            picked = True  # said back with the name it got: "3千多吧" read as ¥3,000 for 信用卡1 (stop 31)
        if step in BUDGET_STEPS and (budget := read_budget(message, step)) is not None:
            return self._budget(user, draft, budget, language)
        if step == "days_overdue" and draft.current is not None and (days := days_since_due(message, self.today())) is not None:
            # "上个月15号该还的没还上" (stop 27 red teams: "没看懂"): the days since, said back
            draft.current["days_overdue"] = days
            return self._advance(user, draft, language, text("days_from_due", language, days=days))
        if step == "overdue_amount" and draft.current and draft.current.get("balance") and ALL_OF_IT.search(message) and (
                len(message) <= 24 and not re.search(r"\d", message)):
            draft.current["overdue_amount"] = draft.current["balance"]  # "全部", "all of it" (stop 27 red team: "没看懂")
            return self._advance(user, draft, language)
        if step == "overdue_amount" and draft.current and draft.current.get("min_payment") and ONE_MINIMUM.search(message) and (
                len(message) <= 40 and not re.search(r"\d", message)):
            draft.current["overdue_amount"] = draft.current["min_payment"]  # "just that month's minimum": an article
            return self._advance(user, draft, language)
        if not_known(step, message):
            # "多少我忘了，我不知道", "不知道，没算过" got "no article on that" or an article: where to find it, or how to
            # put a number on it, and that an estimate will do
            return self._advance(user, draft, language, text(f"{step}_help", language))
        try:
            value = parse_answer(step, message)
            check_against_current(draft, step, value)
        except PlanInputError as error:
            if step in BUDGET_STEPS and (budget := read_budget(message, step, single=True)) is not None:
                return self._budget(user, draft, budget, language)  # "月薪八千"
            if (raised := self._rounded_balance_raised(draft, step, message, language)) is not None:
                return self._advance(user, draft, language, raised)
            balance = money(Decimal((draft.current or {}).get("balance") or 0), draft.currency)
            return self._advance(user, draft, language, problem_text(error, message, language, balance))
        if step in BUDGET_STEPS:
            draft.set_budget(step, value)
        elif draft.current is not None:
            draft.current[step] = value
            if step == "kind" and "name" not in draft.current and (name := brand_name(message)) is not None:
                draft.current["name"] = name  # "discover card", "chase visa": named too (stop 30 red team: asked its name)
        draft.last = step
        if picked and step in LOAN_STEPS + OVERDUE_STEPS and draft.current is not None:
            return self._advance(user, draft, language, text("noted_for", language, name=draft.current.get("name") or "?",
                                                             what=self._describe({step: value}, language, draft.currency)))
        return self._advance(user, draft, language)

    def _rounded_balance_raised(self, draft: PlanDraft, step: str, message: str, language: Language) -> str | None:
        """The minimum or the overdue amount a little above a round balance ("3千多" kept as 3,000, then "3280" as the
        whole amount due: stop 30 red team, refused as above the balance): the balance was said roughly, so it becomes
        the exact figure and both are kept; a value far above it (a slip, "5000" for a debt of 1,500) is still refused.
        The line that says so, or None."""
        current = draft.current
        if step not in ("min_payment", "overdue_amount") or current is None or not current.get("balance"):
            return None
        try:
            value = Decimal(str(parse_answer(step, message)))
        except PlanInputError:
            return None
        balance = Decimal(str(current["balance"]))
        if not (balance < value <= balance * Decimal("1.2")) or balance % 500 != 0:
            return None
        current["balance"] = decimal_text(value)
        current[step] = decimal_text(value)
        return text("noted_for", language, name=current.get("name") or "?",
                    what=self._describe({"balance": value, step: value}, language, draft.currency))

    def _apply_named(self, user: str, draft: PlanDraft, step: str, parts: list[Part], language: Language) -> Reply:
        """Each part's facts put on the loan it names (the one described, one waiting its turn, one finished, or a new
        debt queued after the others), each said back; a value that cannot be right is named and not kept."""
        lines: list[str] = []
        for part in parts:
            fields = {field: value for field, value in part.fields.items() if field not in ("kind", "name")}
            if part.where == "new":
                queue_loans(draft, [part.fields])
                what = self._describe(fields, language, draft.currency)
                shown = part.name or kind_label(str(part.fields.get("kind") or "bank_loan"), language)
                lines.append(text("queued", language, n=1, names=f"{shown}{'：' if language == 'zh' else ': '}{what}"))
                continue
            if part.where == "current" and not fields and part.text:
                try:
                    fields = {step: parse_answer(step, part.text)}
                except PlanInputError:
                    continue
            if not fields:
                continue
            problem = self._put(draft, part, fields, language)
            lines.append(problem or text("noted_for", language, name=part.name,
                                         what=self._describe(fields, language, draft.currency)))
        return self._advance(user, draft, language, "\n".join(lines))

    @staticmethod
    def _put(draft: PlanDraft, part: Part, fields: dict[str, Any], language: Language) -> str | None:
        """Put one part's facts on its loan, checked as the step's answer would be; the problem, if any."""
        values = stored_fields(fields)
        loan = draft.current if part.where == "current" else part.loan
        assert loan is not None
        try:
            for field, value in values.items():
                check_field(field, value)
                check_against_current(PlanDraft(current=loan | values), field, value)  # a minimum within the balance
        except PlanInputError as error:
            balance = money(Decimal(loan.get("balance") or 0), draft.currency)
            return problem_text(error, part.text, language, balance)
        if part.where == "current":
            loan.update(values)
            return None
        assert part.loan is not None
        previous = dict(part.loan)
        part.loan.update(values)
        if part.where == "finished":
            try:
                plan_input_from_dict(profile_of(draft) | {"monthly_income": draft.monthly_income or "0"})
            except PlanInputError as error:
                part.loan.clear()
                part.loan.update(previous)
                return problem_text(error, part.text, language)
        return None

    def _instalments(self, user: str, draft: PlanDraft, message: str, language: Language) -> Reply | None:
        """ "借了2万，分24期，每期1050，还剩18期" while the loan it describes is asked about: its minimum, rate and what is
        owed from the instalments (stop 27 red team: costed as an offer, nothing saved); None for anything else."""
        step = next_step(draft)
        current = draft.current
        offer = costing(message, None)
        if (step == "more" and current is None and isinstance(offer, OfferText) and offer.principal is None
                and offer.monthly_payment is not None and not QUESTION.search(message) and not ASKS_COST.search(message)):
            return self._instalments_left(user, draft, offer, message, language)
        told_whole = (isinstance(offer, OfferText) and offer.principal is not None and offer.monthly_payment is not None
                      and not QUESTION.search(message) and not ASKS_COST.search(message))
        if told_whole and step in ("kind", "name", "more"):
            return self._new_by_instalments(user, draft, offer, message, language)
        if told_whole and current and step in LOAN_STEPS and _ANOTHER_DEBT.search(message):
            # "还有一个 借了3万分24期每期1500 已经还了6期" while 借呗 is asked about (stop 33 verification red team: read as
            # 借呗's instalments, the second loan lost): kept to be asked about after this one
            assert isinstance(offer, OfferText)
            try:
                found = _debt_by_instalments(offer, message)
            except PlanInputError as error:
                return self._advance(user, draft, language, problem_text(error, message, language))
            if found is not None:
                waiting = found[0]
                queue_loans(draft, [waiting])
                names = str(waiting.get("name") or kind_label(str(waiting["kind"]), language))
                return self._advance(user, draft, language, text("queued", language, n=1, names=names))
        if (current is None or step not in ("balance", "annual_rate", "min_payment") or not isinstance(offer, OfferText)
                or QUESTION.search(message) or ASKS_COST.search(message)):
            return None
        try:
            loan = from_instalments(offer, message)
        except PlanInputError as error:
            return self._advance(user, draft, language, problem_text(error, message, language))
        if loan is None and offer.monthly_payment is not None and "balance" in current and "min_payment" not in current:
            # "每月还2800，分了12期，还剩11期" at the minimum's step, the amount owed known: the instalment is the minimum
            # (stop 27 red team: "这个方案是针对多少欠款的？")
            current["min_payment"] = decimal_text(offer.monthly_payment)
            return self._advance(user, draft, language, text("noted_for", language, name=current.get("name") or "?",
                                 what=self._describe({"min_payment": offer.monthly_payment}, language, draft.currency)))
        if loan is None:
            return None
        for field, value in (("balance", loan.balance), ("annual_rate", loan.annual_rate), ("min_payment", loan.payment)):
            current.setdefault(field, decimal_text(value))
        said = text("instalments_read", language, name=current.get("name") or "?", payment=money(loan.payment, draft.currency),
                    left=loan.left, months=loan.months, rate=percent(loan.annual_rate),
                    balance=money(Decimal(current["balance"]), draft.currency))
        return self._advance(user, draft, language, said)

    @staticmethod
    def _minimum_beside(message: str) -> str | None:
        """The minimum said in its own clause of a message that also gives the budget ("最低好像是400吧", "min is 105")."""
        for clause in re.split(r"[，,。.;；!！?？]+|\s{1,}(?=我|i\b)", message):
            if re.search(r"最低|\bmin(?:imum)?\b", clause, re.IGNORECASE) and affordable(clause, monthly=True) is None:
                try:
                    return str(parse_answer("min_payment", re.sub(r"最低(?:还款)?|\bmin(?:imum)?\b", " ", clause,
                                                                  flags=re.IGNORECASE)))
                except PlanInputError:
                    continue
        return None

    def _new_by_instalments(self, user: str, draft: PlanDraft, offer: OfferText, message: str,
                            language: Language) -> Reply | None:
        """A new debt told whole by its instalments in a wizard ("微粒贷借了2w分20期，每期还1180，已经还了5期，逾期半个月了":
        stop 33 red team, costed as an offer and nothing kept): what is owed, the rate and the minimum from the instalments,
        the kind, name and days overdue from the words."""
        try:
            found = _debt_by_instalments(offer, message)
        except PlanInputError as error:
            return self._advance(user, draft, language, problem_text(error, message, language))
        if found is None:
            return None
        fields, loan = found
        apply_fields(draft, fields)
        current = draft.current or {}
        if not current.get("name"):
            current["name"] = default_name(draft, language)
        self._note_currency(draft, message, language)
        reply = text("instalments_read", language, name=current["name"], payment=money(loan.payment, draft.currency),
                     left=loan.left, months=loan.months, rate=percent(loan.annual_rate),
                     balance=money(Decimal(current["balance"]), draft.currency))
        return self._advance(user, draft, language, reply)

    def _instalments_left(self, user: str, draft: PlanDraft, offer: OfferText, message: str, language: Language) -> Reply:
        """Another debt told by its instalments alone ("还有个美团 月供800 还剩6期": stop 30, costed as an offer and nothing
        kept): what is left to pay is the payments left, so it is kept as that total at 0% with the instalment as its minimum,
        which repays it on the very same schedule; the interest is inside the instalments."""
        try:
            left = payments_left(message, offer.months)
        except PlanInputError as error:
            return self._advance(user, draft, language, problem_text(error, message, language))
        payment = offer.monthly_payment
        assert payment is not None
        total = payment * left
        fields = {field: value for field, value in extract_loan(message).items() if field in ("kind", "name")}
        apply_fields(draft, fields | {"balance": total, "annual_rate": Decimal(0), "min_payment": payment})
        current = draft.current or {}
        if not current.get("name"):
            current["name"] = default_name(draft, language)  # "a car loan, 350 a month with 10 left": named for its kind
        said = text("instalments_left_read", language, name=(draft.current or {}).get("name") or "?",
                    payment=money(payment, draft.currency), left=left, total=money(total, draft.currency))
        return self._advance(user, draft, language, said)

    def _said_wrong(self, user: str, draft: PlanDraft, step: str, wrong: tuple[str | None, str],
                    language: Language) -> Reply | None:
        """ "刚才说错了，是1.5万" (the answer just given), "不对，利率是24%" (the field named, of the loan being described or the
        budget): corrected, checked as its step's answer, and the step asked again; None when there is nothing to correct."""
        field, value_text = wrong
        field = field or draft.last
        current = draft.current or {}
        if field is None or not (field in BUDGET_STEPS or field in current or field == step):
            return None
        try:
            value = parse_answer(field, value_text)
            if field not in BUDGET_STEPS:
                check_against_current(draft, field, value)
        except PlanInputError as error:
            return self._advance(user, draft, language, problem_text(error, value_text, language))
        if field in BUDGET_STEPS:
            draft.set_budget(field, value)
            name = None
        else:
            current[field] = value
            name = current.get("name")
        if re.search(r"[^\d.,%万千百kKwW元块¥$\s]", value_text):  # "招联的利率是24%": the value, not the sentence
            value_text = percent(Decimal(value)) if field == "annual_rate" else (
                money(Decimal(value), draft.currency) if field in MONEY_STEPS else str(value))
        edit = Edit(field=field, value=value_text)
        said = edited_line(edit, name, language) if name or field not in BUDGET_STEPS else text(
            "edited", language, target="你的资料" if language == "zh" else "your budget", field=field_word(field, language),
            value=value_text)
        return self._advance(user, draft, language, said)

    def _correct(self, user: str, draft: PlanDraft, said: tuple[str, str], language: Language,
                 planned: bool = False) -> Reply:
        """ "8900 not 9800": the value said before, wherever it is (the loan being described first), becomes the right
        one, checked as its step's answer; the stored plan is planned again."""
        new, old = said
        loans = ([draft.current] if draft.current else []) + draft.loans + draft.pending
        found = holding(loans, old)
        if found is None:
            names = "\n".join(f"{number}. {loan.get('name') or '?'}" for number, loan in enumerate(loans, start=1))
            problem = text("edit_unknown_loan", language, target=old, loans=names)
            return Reply(problem, language, kind="info") if planned else self._advance(user, draft, language, problem)
        loan, field = found
        try:
            value = parse_answer(field, new)
        except PlanInputError as error:
            problem = problem_text(error, new, language)
            return Reply(problem, language, kind="info") if planned else self._advance(user, draft, language, problem)
        where = "current" if loan is draft.current else "finished" if any(loan is done for done in draft.loans) else "pending"
        part = Part(where, str(loan.get("name") or ""), new, {field: Decimal(str(value))}, None if where == "current" else loan)
        problem = self._put(draft, part, part.fields, language)
        shown = new.removesuffix("天") if language != "zh" else new  # "3 days late not 14": "to 3", not "to 3天"
        said_back = problem or edited_line(Edit(field=field, value=shown), loan.get("name"), language)
        if planned and problem is None:
            reply = self._plan(user, profile_of(draft), language)
            reply.text = f"{said_back}\n\n{reply.text}"
            return reply
        if planned:
            return Reply(said_back, language, kind="info")
        return self._advance(user, draft, language, said_back)

    def _relabel(self, user: str, draft: PlanDraft, relabel: Relabel, language: Language, planned: bool = False) -> Reply:
        """A debt's new name or kind (of the wizard's draft, or of the stored plan, which is planned again); when none
        matches, which debts there are."""
        loan = relabel_loan(draft, relabel.index, relabel.loan, relabel.name, relabel.kind, relabel.it)
        if loan is None:
            target = (f"第{relabel.index}笔" if language == "zh" else f"debt number {relabel.index}") if relabel.index else (
                f"「{relabel.loan}」" if language == "zh" else str(relabel.loan))
            loans = draft.loans + ([draft.current] if draft.current else []) + draft.pending
            listed = "\n".join(f"{number}. {other.get('name') or '?'}" for number, other in enumerate(loans, start=1))
            problem = text("edit_unknown_loan", language, target=target, loans=listed)
            return Reply(problem, language, kind="info") if planned else self._advance(user, draft, language, problem)
        said = text("relabelled", language, name=loan.get("name") or "?",
                    what=kind_label(str(loan.get("kind") or "bank_loan"), language))
        if planned:
            reply = self._plan(user, profile_of(draft), language)
            reply.text = f"{said}\n\n{reply.text}"
            return reply
        return self._advance(user, draft, language, said)

    def _remove(self, user: str, draft: PlanDraft, removal: Removal, language: Language, planned: bool = False) -> Reply:
        """Take one debt out (of the wizard's draft, or of the stored plan, which is planned again); when none matches,
        say which debts there are."""
        removed = remove_loan(draft, removal.index, removal.loan)
        if removed is None:
            target = (f"第{removal.index}笔" if language == "zh" else f"debt number {removal.index}") if removal.index else (
                f"「{removal.loan}」" if language == "zh" else str(removal.loan))
            names = [str(loan.get("name") or "?") for loan in draft.loans + ([draft.current] if draft.current else []) + draft.pending]
            listed = "\n".join(f"{number}. {name}" for number, name in enumerate(names, start=1))
            if planned:
                return Reply(text("edit_unknown_loan", language, target=target, loans=listed), language, kind="info")
            return self._advance(user, draft, language, text("edit_unknown_loan", language, target=target, loans=listed))
        name = str(removed.get("name") or (f"第{removal.index}笔" if language == "zh" else f"debt number {removal.index}"))
        said = text("removed_paid" if removal.paid else "removed", language, name=name)
        if planned:
            if not draft.loans:
                self.profiles.save(user, profile_of(draft))
                return Reply(f"{said}\n{text('removed_last', language)}", language, kind="info")
            reply = self._plan(user, profile_of(draft), language)
            reply.text = f"{said}\n\n{reply.text}"
            return reply
        return self._advance(user, draft, language, said)

    def _budget(self, user: str, draft: PlanDraft, budget: dict[str, Decimal], language: Language) -> Reply:
        """Income and costs read from one answer ("工资5千左右，房租吃饭要3千", "rent 1200 food 400 phone 50"), each checked
        as its own step's answer and said back."""
        try:
            values = {field: parse_answer(field, decimal_text(value)) for field, value in budget.items()}
        except PlanInputError as error:
            return self._advance(user, draft, language, problem_text(error, "", language))
        for field, value in values.items():
            draft.set_budget(field, value)
        what = self._describe(dict(budget), language, draft.currency)
        return self._advance(user, draft, language, text("understood", language, what=what))

    @staticmethod
    def _note_currency(draft: PlanDraft, message: str, language: Language | None = None) -> None:
        """The first amount written with a currency ("$5,000") or a US lender's name ("SoFi" at the name step) sets the
        plan's currency; until one does, bare amounts are in the conversation's currency (an English plan of "personal
        loan", "SoFi", "9800" was in yuan, stop 27 red team), unless the debt has a Chinese name ("借呗"). One plan,
        one currency, so it is fixed once a loan is finished."""
        if draft.loans:
            return
        step = next_step(draft)
        named = currency_in(message)
        if named and (step in MONEY_STEPS or step in ("kind", "name") or looks_like_loan(message)):
            draft.currency, draft.currency_said = named, True
        elif not draft.currency_said and language is not None and (step in MONEY_STEPS or looks_like_loan(message)) and (
                re.search(r"\d", message)):
            chinese = re.search(r"[\u4e00-\u9fff]", message + str((draft.current or {}).get("name") or ""))
            draft.currency = "CNY" if language == "zh" or chinese else "USD"

    def _skip(self, user: str, draft: PlanDraft, step: str, language: Language, message: str = "") -> Reply:
        current = draft.current
        if step == "name" and current is not None:
            current["name"] = default_name(draft, language)
        elif step == "days_overdue" and current is not None:
            current["days_overdue"] = 0
            if re.search(r"none|neither|all|都", message, re.IGNORECASE):
                for loan in draft.pending:  # "none of them are overdue", "都没逾期": the debts waiting their turn too
                    loan.setdefault("days_overdue", 0)
        elif step == "penalty_daily_rate" and current is not None:
            current["penalty_daily_rate"] = None
        elif step == "annual_rate" and current is not None:
            rate = typical_rate(current.get("kind"), draft.currency)
            current["annual_rate"] = decimal_text(rate)
            return self._advance(user, draft, language, text("rate_guessed", language, name=current.get("name") or "",
                                                               rate=percent(rate)))
        elif step == "overdue_amount" and current is not None and current.get("balance"):
            # not known: the payments missed so far, at the minimum each (one a month, at least one), at most the balance
            balance, minimum = Decimal(current["balance"]), Decimal(current.get("min_payment") or 0)
            missed = max(1, -(-int(current.get("days_overdue") or 0) // 30))
            guess = min(balance, minimum * missed) if minimum > 0 else balance
            current["overdue_amount"] = decimal_text(guess)
            return self._advance(user, draft, language, text("overdue_guessed", language, name=current.get("name") or "",
                                                               amount=money(guess, draft.currency), n=missed))
        return self._advance(user, draft, language)

    def _advance(self, user: str, draft: PlanDraft, language: Language, prefix: str = "") -> Reply:
        """Move to the next unanswered step (finishing a loan on the way) and ask it, or plan."""
        step, rounds = next_step(draft), 0
        while step == "finish_loan" and rounds <= MAX_LOANS:
            rounds += 1
            # the next debt waiting its turn may already be complete too ("借呗年化18%，每月最低还600，没有逾期" said
            # before its turn): it is finished in turn (stop 27 red team: KeyError 'ask_finish_loan')
            try:
                finish_loan(draft)
            except PlanInputError as error:
                balance = money(Decimal((draft.current or {}).get("balance") or 0), draft.currency)
                prefix = (prefix + "\n" if prefix else "") + problem_text(error, "", language, balance)
            step = next_step(draft)
        if step == "compute":
            self.wizards.clear(user)
            reply = self._plan(user, profile_of(draft), language)
            reply.text = f"{prefix}\n\n{reply.text}" if prefix else reply.text
            return reply
        self.wizards.save(user, WizardState(flow=FLOW, step=step, data=draft.to_json()))
        question, buttons = self._question(draft, step, language)
        return Reply(f"{prefix}\n{question}" if prefix else question, language, kind="wizard", buttons=buttons)

    def _question(self, draft: PlanDraft, step: str, language: Language) -> tuple[str, list[Button]]:
        cancel = Button(button_label("cancel", language), PlanStep("cancel"))
        name = (draft.current or {}).get("name", "")
        if step == "kind":
            kinds = [Button(kind_label(kind, language), PlanKind(kind)) for kind in KINDS]
            # a debt named in an earlier message ("…and chase is 24%") is asked about by its name
            return (text("ask_kind_named", language, n=len(draft.loans) + 1, name=name) if name else
                    text("ask_kind", language, n=len(draft.loans) + 1)), kinds + [cancel]
        if step == "name":
            default = default_name(draft, language)
            return (text("ask_name", language, default=default),
                    [Button(button_label("use_default_name", language, default=default), PlanStep("skip")), cancel])
        if step == "days_overdue":
            return text("ask_days_overdue", language, name=name), [
                Button(button_label("not_overdue", language), PlanStep("skip")), cancel]
        if step == "penalty_daily_rate":
            return text("ask_penalty", language, name=name), [
                Button(button_label("unknown_penalty", language), PlanStep("skip")), cancel]
        if step == "more":
            loans = loan_lines(draft.loans, draft.currency, language)
            return text("ask_more", language, n=len(draft.loans), loans=loans), [
                Button(button_label("add", language), PlanStep("add")), Button(button_label("done", language), PlanStep("done")),
                cancel]
        key = {"annual_rate": "ask_rate", "min_payment": "ask_min_payment", "overdue_amount": "ask_overdue_amount",
               "monthly_income": "ask_income", "essential_expenses": "ask_expenses"}.get(step, f"ask_{step}")
        return text(key, language, name=name), [cancel]

    # --- outside the wizard: a described loan, an edit, a what-if -------------------------------
    def _outside_wizard(self, user: str, message: str, language: Language) -> Reply:
        profile = self.profiles.load(user)
        if (short := parse_short_loan(message)) is not None:  # "7天后还5000", "每周还500，还8周": before "8期"
            return short_loan_reply(short, message, language, self.lpr, self.lpr_as_of)
        if (offer := offer_in(message)) is not None:
            return offer_reply(offer, profile, message, language, self.lpr, self.lpr_as_of)
        if profile and (days := parse_delay(message)) is not None:
            return delay_reply(profile, days, language)
        names = [loan["name"] for loan in (profile or {}).get("loans") or []]
        if profile and (removal := parse_removal(message)) is not None and not removal.it:  # "it": a debt being described
            return self._remove(user, PlanDraft.from_profile(profile, collecting=False), removal, language, planned=True)
        if profile and (relabel := parse_relabel(message)) is not None and not relabel.it:
            return self._relabel(user, PlanDraft.from_profile(profile, collecting=False), relabel, language, planned=True)
        said = parse_not_that(message) if profile else None
        if profile and said is not None and holding(PlanDraft.from_profile(profile, collecting=False).loans, said[1]):
            # "wait no the car payment is 389 not 89": a loan's value said before, though "car payment" reads as a cost too
            # (stop 31 red team: kept as $389 of essential expenses)
            return self._correct(user, PlanDraft.from_profile(profile, collecting=False), said, language, planned=True)
        if profile and (budget := early_budget(message)) is not None:
            # "不对，收入是6500，开销是4000" after the plan (stop 27 red team: answered from an article)
            draft = PlanDraft.from_profile(profile, collecting=False)
            try:
                for field, value in budget.items():
                    draft.set_budget(field, parse_answer(field, decimal_text(value)))
            except PlanInputError as error:
                return Reply(problem_text(error, "", language), language, kind="info")
            reply = self._plan(user, profile_of(draft), language)
            reply.text = text("understood", language, what=self._describe(dict(budget), language, draft.currency)) + \
                "\n\n" + reply.text
            return reply
        if profile and said is not None:
            return self._correct(user, PlanDraft.from_profile(profile, collecting=False), said, language, planned=True)
        if profile and profile.get("loans") and (amount := affordable(message)) is not None:
            return self._what_if_budget(user, profile, amount, language)
        if profile and (strategy := parse_strategy(message, names)) is not None:
            profile["strategy"] = strategy
            return self._plan(user, profile, language)
        if profile and (edit := parse_edit(message)) is not None:
            draft = PlanDraft.from_profile(profile, collecting=False)
            problem = self._apply_edit(draft, edit, language)
            if problem:
                return Reply(problem, language, kind="info")
            reply = self._plan(user, profile_of(draft), language)
            reply.text = f"{self._edited_text(draft, edit, language)}\n\n{reply.text}"
            return reply
        if not profile and parse_edit(message) is not None:
            return Reply(text("no_profile", language), language, kind="info")
        loans = split_loans(message)
        fields = with_not_overdue(loans[0], message) if len(loans) == 1 and loans[0] else loans[0]
        if fields:
            draft = PlanDraft.from_profile(profile)
            self._note_currency(draft, message, language if not draft.loans else None)
            apply_fields(draft, fields)
            queue_loans(draft, loans[1:])
            return self._advance(user, draft, language,
                                 self._understood(fields, loans[1:], message, language, draft.currency))
        return Reply(text("no_profile", language), language, kind="info")

    def _understood(self, fields: dict, others: list[dict], message: str, language: Language, currency: str) -> str:
        """"Noted: …", with the other debts the message named (asked in turn), or, when it named more
        than it gave amounts for, that they come one at a time: nothing is dropped without a word."""
        noted = text("understood", language, what=self._describe(fields, language, currency))
        if others:
            names = [str(loan.get("name") or kind_label(loan.get("kind", "bank_loan"), language)) for loan in others]
            joined = ("、" if language == "zh" else ", ").join(names)
            return noted + "\n" + text("queued", language, n=len(others), names=joined)
        return noted + ("\n" + text("one_at_a_time", language) if loans_named(message) >= 2 else "")

    @staticmethod
    def _pending_named(draft: PlanDraft, edit: Edit) -> dict[str, Any] | None:
        """The loan waiting its turn that an edit names ("车贷的金额改成8万"), if it names one and no finished loan."""
        if not edit.loan or edit.field in BUDGET_STEPS or edit.loan.lower() == str((draft.current or {}).get("name")).lower():
            return None
        if any(edit.loan.lower() == str(loan.get("name")).lower() for loan in draft.loans):
            return None
        wanted = edit.loan.lower()
        named = [loan for loan in draft.pending if loan.get("name") and (
            wanted == loan["name"].lower() or wanted in loan["name"].lower() or loan["name"].lower() in wanted)]
        return named[0] if named else None

    @staticmethod
    def _edits_current(draft: PlanDraft, edit: Edit) -> bool:
        """An edit of the loan being described: one of its fields, no other loan named (by number or name)."""
        current = draft.current or {}
        if not current or edit.field in BUDGET_STEPS or edit.index is not None:
            return False
        return not edit.loan or edit.loan.lower() == str(current.get("name")).lower() or edit.loan in ("这笔", "这个", "this", "it")

    @staticmethod
    def _apply_to_current(draft: PlanDraft, edit: Edit, language: Language) -> str | None:
        """Change one field of the loan being described; a message naming the problem if the value is wrong."""
        assert draft.current is not None
        try:
            value = parse_answer(edit.field, edit.value)
            if edit.field != "balance":
                check_against_current(draft, edit.field, value)
        except PlanInputError as error:
            balance = money(Decimal(draft.current.get("balance") or 0), draft.currency)
            return problem_text(error, edit.value, language, balance)
        draft.current[edit.field] = value
        if edit.field == "balance":
            # a smaller balance drops what no longer fits in it; the step asks for it again
            for field in ("min_payment", "overdue_amount"):
                if field in draft.current and Decimal(draft.current[field]) > Decimal(value):
                    del draft.current[field]
        return None

    def _apply_edit(self, draft: PlanDraft, edit: Edit, language: Language) -> str | None:
        """Change one value in the draft's loans or budget; a message if that cannot be done."""
        try:
            value = parse_answer(edit.field, edit.value)
        except PlanInputError as error:
            return problem_text(error, edit.value, language)
        if edit.field in BUDGET_STEPS:
            draft.set_budget(edit.field, value)
            return None
        loan = self._find_loan(draft.loans, edit)
        if loan is None:
            target = f"第{edit.index}笔" if edit.index and language == "zh" else (f"loan {edit.index}" if edit.index else
                                                                                 edit.loan or "?")
            return text("edit_unknown_loan", language, target=target,
                        loans=loan_lines(draft.loans, draft.currency, language))
        previous = dict(loan)
        loan[edit.field] = value
        if edit.field == "days_overdue" and value == 0:
            loan["overdue_amount"] = "0"
        try:
            plan_input_from_dict(profile_of(draft) | {"monthly_income": draft.monthly_income or "0"})
        except PlanInputError as error:
            loan.clear()
            loan.update(previous)
            return problem_text(error, edit.value, language)
        return None

    @staticmethod
    def _find_loan(loans: list[dict[str, Any]], edit: Edit) -> dict[str, Any] | None:
        if edit.index is not None:
            return loans[edit.index - 1] if 1 <= edit.index <= len(loans) else None
        if edit.loan:  # names compared without case ("change Visa amount" is read lowered)
            wanted = edit.loan.lower()
            exact = [loan for loan in loans if loan["name"].lower() == wanted]
            partial = [loan for loan in loans if wanted in loan["name"].lower() or loan["name"].lower() in wanted]
            return (exact or partial or [None])[0]
        return loans[0] if len(loans) == 1 else None

    def _edited_text(self, draft: PlanDraft, edit: Edit, language: Language) -> str:
        loan = self._find_loan(draft.loans, edit) if edit.field not in BUDGET_STEPS else None
        if loan:
            return edited_line(edit, loan["name"], language)
        return text("edited", language, target="你的资料" if language == "zh" else "your budget",
                    field=field_word(edit.field, language), value=edit.value)

    # --- the plan -------------------------------------------------------------------------------
    def _plan(self, user: str, profile: dict[str, Any], language: Language, save: bool = True) -> Reply:
        try:
            plan_input = plan_input_from_dict(profile)
        except PlanInputError as error:
            return Reply(problem_text(error, "", language), language, kind="error")
        if save:
            self.profiles.save(user, profile)
        plan = plan_repayments(plan_input, self.lpr, self.lpr_as_of)
        labels = ("，" if language == "zh" else ", ").join(
            f"#{i} {loan.name}" for i, loan in enumerate(plan_input.loans, start=1))
        footer = text("after_plan", language)
        outcome = plan.recommended_outcome
        chart = self.chart(outcome, language, plan_input.currency) if outcome is not None and self.chart else None
        if chart:
            footer = text("chart_labels", language, labels=labels) + "\n" + footer
        body = summary_text(plan, language, limit=CHAT_LIMIT - len(footer) - 2)
        buttons = [Button(button_label("add", language), PlanStep("add")), Button(button_label("new", language), PlanStep("new"))]
        followups: list[str] = []
        if plan.needs_help or plan.first_month_short:
            buttons.append(Button(button_label("human", language), Human()))
            followups = list(NEGOTIATION_QUESTIONS[language])  # the negotiation articles, by topic
        return Reply(f"{body}\n\n{footer}", language, kind="plan", buttons=buttons, answered=True, chart_png=chart,
                     followups=followups)

    def _what_if_budget(self, user: str, profile: dict[str, Any], amount: Decimal, language: Language) -> Reply:
        """The plan worked again with `amount` a month for the debts; the saved numbers stay as they are."""
        reply = self._plan(user, profile | {"for_debts": decimal_text(amount)}, language, save=False)
        if reply.kind == "plan":
            reply.text = text("what_if_budget", language, amount=money(amount, profile.get("currency") or "CNY")) + \
                "\n\n" + reply.text
        return reply

    def _offer_profile(self, profile: dict[str, Any], language: Language) -> Reply:
        cur = profile.get("currency") or "CNY"
        income = money(Decimal(profile.get("monthly_income") or 0), cur)
        expenses = money(Decimal(profile.get("essential_expenses") or 0), cur)
        body = text("saved_profile", language, loans=loan_lines(profile["loans"], cur, language), income=income,
                    expenses=expenses)
        return Reply(body, language, kind="wizard", buttons=[
            Button(button_label("show", language), PlanStep("show")), Button(button_label("add", language), PlanStep("add")),
            Button(button_label("new", language), PlanStep("new")), Button(button_label("cancel", language), PlanStep("cancel"))])

    # --- helpers --------------------------------------------------------------------------------
    def _state(self, user: str) -> WizardState | None:
        state = self.wizards.load(user)
        return state if state is not None and state.flow == FLOW else None

    @staticmethod
    def _describe(fields: dict[str, Any], language: Language, currency: str = "CNY") -> str:
        parts = []
        for name, value in fields.items():
            if name == "kind":
                shown = kind_label(value, language)
            elif name == "annual_rate":
                shown = f"{Decimal(value) * 100:.2f}%"
            elif name == "penalty_daily_rate":
                shown = f"{Decimal(value) * 100:.4f}%" + ("/天" if language == "zh" else " a day")
            elif name == "days_overdue":
                shown = f"{value} 天" if language == "zh" else f"{value} days"
            elif name == "name":
                shown = str(value)
            else:
                shown = money(Decimal(value), currency)
            parts.append(f"{field_name(name, language).lower() if language == 'en' else field_name(name, language)} "
                         f"{shown}")
        return ("，" if language == "zh" else ", ").join(parts)
