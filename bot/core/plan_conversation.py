"""The repayment-plan conversation: /plan, a borrower describing a loan, edits and what-if questions.

`claims` says whether a message belongs here; `handle` answers it with a Reply of kind "wizard"
(a question, with buttons) or "plan" (the plan, with the payoff chart). The wizard's step lives in
`Wizards` and the finished inputs in `Profiles`, so nothing is kept in this object between messages.
While a wizard is open, a question without any number in it ("什么是个性化分期？") is not claimed:
the knowledge answerer takes it and the wizard waits where it was.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any, Callable

from bot.core.actions import Action, Human, PlanKind, PlanStep
from bot.core.messages import Button, Incoming, Language, Reply
from bot.core.plan_answers import delay_reply, offer_reply, problem_text
from bot.core.plan_texts import button_label, field_name, kind_label, text
from bot.core.plan_wizard import (
    BUDGET_STEPS, FLOW, LOAN_STEPS, OVERDUE_STEPS, apply_fields, check_against_current, default_name, finish_loan, fresh_data, loan_lines, next_step, parse_answer,
    profile_of, wants_more,
)
from bot.core.ports import ChartRenderer, Profiles, WizardState, Wizards
from bot.planner.advice import NEGOTIATION_QUESTIONS
from bot.planner.errors import PlanInputError
from bot.planner.extraction import (
    Edit, extract_loan, looks_like_loan, parse_delay, parse_edit, parse_offer, parse_strategy, refused_number,
)
from bot.planner.formatting import money
from bot.planner.models import KINDS, MAX_LOANS, plan_input_from_dict
from bot.planner.plan import DEFAULT_LPR, DEFAULT_LPR_AS_OF, plan_repayments
from bot.planner.report import CHAT_LIMIT, summary_text
from bot.planner.simulation import Outcome


_CANCEL = ("取消", "算了", "不算了", "cancel", "/cancel", "stop", "quit")
_QUESTION = re.compile(r"[?？]|吗|怎么|什么|为什么|如何|能不能|可以吗|how|what|why|can i", re.IGNORECASE)


class PlanConversation:
    """Collects loans and the budget step by step, then answers with the plan."""

    def __init__(self, wizards: Wizards, profiles: Profiles, chart: ChartRenderer | Callable[..., bytes] | None,
                 lpr: Decimal = DEFAULT_LPR, lpr_as_of: date = DEFAULT_LPR_AS_OF,
                 release: Callable[[str], bool] | None = None) -> None:
        """`release(text)` True means never claim that text, even mid-wizard: pass the safety
        module's crisis check so "我欠网贷2万，不想活了" reaches the crisis path, not a form."""
        self.wizards = wizards
        self.profiles = profiles
        self.chart = chart
        self.lpr = lpr
        self.lpr_as_of = lpr_as_of
        self.release = release

    # --- routing --------------------------------------------------------------------------------
    def claims(self, incoming: Incoming) -> bool:
        """True for /plan, plan:* buttons, an open wizard, a loan described in words, a lender's
        instalment offer, or an edit / what-if question about a stored profile."""
        message = incoming.text.strip()
        if isinstance(incoming.action, (PlanStep, PlanKind)) or message.startswith("/plan"):
            return True
        if message and self.release is not None and self.release(message):
            return False
        if self._state(incoming.user_id) is not None:
            return not (_QUESTION.search(message) and not re.search(r"\d", message) and len(message) > 4)
        if looks_like_loan(message):
            # "我欠网贷2万，会坐牢吗？" is a question for the answerer; numbers beyond the amount
            # ("…年化18%，逾期15天，先还哪个？") make it a planning request
            stated = set(extract_loan(message)) - {"kind", "name"}
            return len(stated) >= 2 or not _QUESTION.search(message)
        if parse_offer(message) is not None:
            return True
        if parse_delay(message) is not None or parse_edit(message) is not None:
            return self.profiles.load(incoming.user_id) is not None
        profile = self.profiles.load(incoming.user_id)
        if profile and parse_strategy(message, [loan["name"] for loan in profile.get("loans") or []]) is not None:
            return True
        return False

    def handle(self, incoming: Incoming, language: Language) -> Reply:
        user, action, message = incoming.user_id, incoming.action, incoming.text.strip()
        state = self._state(user)
        if action == PlanStep("cancel") or (state is not None and message.lower() in _CANCEL):
            self.wizards.clear(user)
            return Reply(text("cancelled", language), language, kind="info")
        if action == PlanStep("start") or message.startswith("/plan"):
            if state is not None:
                return self._advance(user, state, language, text("resume", language))
            profile = self.profiles.load(user)
            if profile and profile.get("loans"):
                return self._offer_profile(profile, language)
            return self._advance(user, self._new(fresh_data()), language, text("intro", language))
        if action == PlanStep("new"):
            return self._advance(user, self._new(fresh_data()), language, text("intro", language))
        if action == PlanStep("show"):
            profile = self.profiles.load(user)
            return self._plan(user, profile, language) if profile else Reply(text("no_profile", language), language,
                                                                              kind="info")
        if action == PlanStep("add"):
            state = state or self._new(fresh_data(self.profiles.load(user)))
            if len(state.data["loans"]) >= MAX_LOANS:
                state.data["collecting"] = False
                return self._advance(user, state, language, text("too_many", language, n=MAX_LOANS))
            state.data["current"] = state.data.get("current") or {}
            state.data["collecting"] = True
            return self._advance(user, state, language)
        if state is None and isinstance(action, PlanKind):  # a button from before a restart or cancel
            state = self._new(fresh_data(self.profiles.load(user)))
        elif state is None and isinstance(action, PlanStep):
            return self.handle(Incoming(user, text="/plan", channel=incoming.channel), language)
        refused = refused_number(message) if not action and parse_edit(message) is None else None
        step = next_step(state.data) if state is not None else None
        if refused is not None and step != "name":
            # "-5000元", "1e309", "50亿": say why, never plan with a number read differently
            field = step if step in LOAN_STEPS + OVERDUE_STEPS + BUDGET_STEPS and step != "kind" else "balance"
            problem = problem_text(refused.at(field if state is not None else refused.field), refused.value, language)
            if state is None:
                return Reply(problem, language, kind="info")
            return self._advance(user, state, language, problem)
        if state is None:
            return self._outside_wizard(user, message, language)
        return self._answer(user, state, action, message, language)

    # --- inside the wizard ----------------------------------------------------------------------
    def _answer(self, user: str, state: WizardState, action: Action | None, message: str, language: Language) -> Reply:
        data, step = state.data, next_step(state.data)
        if isinstance(action, PlanKind) and action.kind in KINDS:
            data["current"] = data.get("current") or {}
            data["current"]["kind"] = action.kind
            return self._advance(user, state, language)
        if action == PlanStep("skip"):
            return self._skip(user, state, step, language)
        if action == PlanStep("done") or (step == "more" and message and wants_more(message) is False):
            data["collecting"], data["current"] = False, None
            return self._advance(user, state, language)
        if step == "more" and message and wants_more(message) is True and not looks_like_loan(message):
            data["current"] = {}
            return self._advance(user, state, language)
        edit = parse_edit(message) if data["loans"] else None
        if edit is not None:
            problem = self._apply_edit(data, edit, language)
            return self._advance(user, state, language, problem or self._edited_text(data, edit, language))
        fields = extract_loan(message) if step in LOAN_STEPS + ("more",) else {}
        stated = set(fields) - {"kind", "name"}  # a kind word alone is not a description of a loan
        if len(stated) >= 2 or (stated and step in ("kind", "name", "more") and looks_like_loan(message)):
            apply_fields(state.data, fields)
            return self._advance(user, state, language, text("understood", language, what=self._describe(fields, language)))
        if step == "more":
            return self._advance(user, state, language)
        try:
            value = parse_answer(step, message)
            check_against_current(data, step, value)
        except PlanInputError as error:
            balance = money(Decimal((data.get("current") or {}).get("balance") or 0), data["currency"])
            return self._advance(user, state, language, problem_text(error, message, language, balance))
        if step in BUDGET_FIELDS:
            data[step] = value
        else:
            data["current"][step] = value
        return self._advance(user, state, language)

    def _skip(self, user: str, state: WizardState, step: str, language: Language) -> Reply:
        current = state.data.get("current")
        if step == "name" and current is not None:
            current["name"] = default_name(state.data, language)
        elif step == "days_overdue" and current is not None:
            current["days_overdue"] = 0
        elif step == "penalty_daily_rate" and current is not None:
            current["penalty_daily_rate"] = None
        return self._advance(user, state, language)

    def _advance(self, user: str, state: WizardState, language: Language, prefix: str = "") -> Reply:
        """Move to the next unanswered step (finishing a loan on the way) and ask it, or plan."""
        step = next_step(state.data)
        if step == "finish_loan":
            try:
                finish_loan(state.data)
            except PlanInputError as error:
                balance = money(Decimal(state.data["current"].get("balance") or 0), state.data["currency"])
                prefix = (prefix + "\n" if prefix else "") + problem_text(error, "", language, balance)
            step = next_step(state.data)
        if step == "compute":
            self.wizards.clear(user)
            reply = self._plan(user, profile_of(state.data), language)
            reply.text = f"{prefix}\n\n{reply.text}" if prefix else reply.text
            return reply
        state.step = step
        self.wizards.save(user, state)
        question, buttons = self._question(state.data, step, language)
        return Reply(f"{prefix}\n{question}" if prefix else question, language, kind="wizard", buttons=buttons)

    def _question(self, data: dict[str, Any], step: str, language: Language) -> tuple[str, list[Button]]:
        cancel = Button(button_label("cancel", language), PlanStep("cancel"))
        name = (data.get("current") or {}).get("name", "")
        if step == "kind":
            kinds = [Button(kind_label(kind, language), PlanKind(kind)) for kind in KINDS]
            return text("ask_kind", language, n=len(data["loans"]) + 1), kinds + [cancel]
        if step == "name":
            default = default_name(data, language)
            return (text("ask_name", language, default=default),
                    [Button(button_label("use_default_name", language, default=default), PlanStep("skip")), cancel])
        if step == "days_overdue":
            return text("ask_days_overdue", language, name=name), [
                Button(button_label("not_overdue", language), PlanStep("skip")), cancel]
        if step == "penalty_daily_rate":
            return text("ask_penalty", language, name=name), [
                Button(button_label("unknown_penalty", language), PlanStep("skip")), cancel]
        if step == "more":
            loans = loan_lines(data["loans"], data["currency"], language)
            return text("ask_more", language, n=len(data["loans"]), loans=loans), [
                Button(button_label("add", language), PlanStep("add")), Button(button_label("done", language), PlanStep("done")),
                cancel]
        key = {"annual_rate": "ask_rate", "min_payment": "ask_min_payment", "overdue_amount": "ask_overdue_amount",
               "monthly_income": "ask_income", "essential_expenses": "ask_expenses"}.get(step, f"ask_{step}")
        return text(key, language, name=name), [cancel]

    # --- outside the wizard: a described loan, an edit, a what-if -------------------------------
    def _outside_wizard(self, user: str, message: str, language: Language) -> Reply:
        profile = self.profiles.load(user)
        if (offer := parse_offer(message)) is not None:
            return offer_reply(offer, profile, message, language, self.lpr, self.lpr_as_of)
        if profile and (days := parse_delay(message)) is not None:
            return delay_reply(profile, days, language)
        names = [loan["name"] for loan in (profile or {}).get("loans") or []]
        if profile and (strategy := parse_strategy(message, names)) is not None:
            profile["strategy"] = strategy
            return self._plan(user, profile, language)
        if profile and (edit := parse_edit(message)) is not None:
            problem = self._apply_edit(profile, edit, language)
            if problem:
                return Reply(problem, language, kind="info")
            reply = self._plan(user, profile, language)
            reply.text = f"{self._edited_text(profile, edit, language)}\n\n{reply.text}"
            return reply
        fields = extract_loan(message)
        if fields:
            state = self._new(fresh_data(profile))
            apply_fields(state.data, fields)
            return self._advance(user, state, language, text("understood", language, what=self._describe(fields, language)))
        return Reply(text("no_profile", language), language, kind="info")

    def _apply_edit(self, data: dict[str, Any], edit: Edit, language: Language) -> str | None:
        """Change one value in a profile (or the wizard's loans); a message if that cannot be done."""
        try:
            value = parse_answer(edit.field, edit.value)
        except PlanInputError as error:
            return problem_text(error, edit.value, language)
        if edit.field in BUDGET_FIELDS:
            data[edit.field] = value
            return None
        loan = self._find_loan(data["loans"], edit)
        if loan is None:
            target = f"第{edit.index}笔" if edit.index and language == "zh" else (f"loan {edit.index}" if edit.index else
                                                                                 edit.loan or "?")
            return text("edit_unknown_loan", language, target=target,
                        loans=loan_lines(data["loans"], data.get("currency") or "CNY", language))
        previous = dict(loan)
        loan[edit.field] = value
        if edit.field == "days_overdue" and value == 0:
            loan["overdue_amount"] = "0"
        try:
            plan_input_from_dict(profile_of(data) | {"monthly_income": data.get("monthly_income") or "0"})
        except PlanInputError as error:
            loan.clear()
            loan.update(previous)
            return problem_text(error, edit.value, language)
        return None

    @staticmethod
    def _find_loan(loans: list[dict[str, Any]], edit: Edit) -> dict[str, Any] | None:
        if edit.index is not None:
            return loans[edit.index - 1] if 1 <= edit.index <= len(loans) else None
        if edit.loan:
            exact = [loan for loan in loans if loan["name"] == edit.loan]
            partial = [loan for loan in loans if edit.loan in loan["name"] or loan["name"] in edit.loan]
            return (exact or partial or [None])[0]
        return loans[0] if len(loans) == 1 else None

    def _edited_text(self, data: dict[str, Any], edit: Edit, language: Language) -> str:
        loan = self._find_loan(data["loans"], edit) if edit.field not in BUDGET_FIELDS else None
        target = f"「{loan['name']}」" if loan and language == "zh" else (loan["name"] if loan else "")
        if not target:
            target = "你的资料" if language == "zh" else "your budget"
        return text("edited", language, target=target, field=field_name(edit.field, language).lower()
                    if language == "en" else field_name(edit.field, language), value=edit.value)

    # --- the plan -------------------------------------------------------------------------------
    def _plan(self, user: str, profile: dict[str, Any], language: Language) -> Reply:
        try:
            plan_input = plan_input_from_dict(profile)
        except PlanInputError as error:
            return Reply(problem_text(error, "", language), language, kind="error")
        self.profiles.save(user, profile)
        plan = plan_repayments(plan_input, self.lpr, self.lpr_as_of)
        labels = "，".join(f"#{i} {loan.name}" for i, loan in enumerate(plan_input.loans, start=1))
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
    def _new(data: dict[str, Any]) -> WizardState:
        return WizardState(flow=FLOW, step="kind", data=data)

    @staticmethod
    def _describe(fields: dict[str, Any], language: Language) -> str:
        parts = []
        for field, value in fields.items():
            if field == "kind":
                shown = kind_label(value, language)
            elif field == "annual_rate":
                shown = f"{Decimal(value) * 100:.2f}%"
            elif field == "days_overdue":
                shown = f"{value} 天" if language == "zh" else f"{value} days"
            elif field == "name":
                shown = str(value)
            else:
                shown = money(Decimal(value))
            parts.append(f"{field_name(field, language).lower() if language == 'en' else field_name(field, language)} "
                         f"{shown}")
        return ("，" if language == "zh" else ", ").join(parts)


BUDGET_FIELDS = ("monthly_income", "essential_expenses")
