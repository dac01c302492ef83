"""The conversation core: one message in, one Reply out, whatever the channel."""

from __future__ import annotations

import logging

from bot.core.answerability import Decision, Thresholds
from bot.core.drafting import AnswerUnavailable, Draft, NoGroundedAnswer
from bot.core.extractive import ExtractiveWriter
from bot.core.followup import KeywordRewriter, needs_context
from bot.core.messages import Button, Incoming, Reply
from bot.core.passages import ArticleMatch, to_passages
from bot.core.ports import (AnswerWriter, Embedder, Exchange, Forgetter, History, PlanConversation, QuestionRewriter,
                            ReferenceSet, Searcher, SearchUnavailable, UserPrefs)
from bot.core.redaction import mask
from bot.core.retrieval import Retrieval, Retriever
from bot.core.safety import is_crisis
from bot.core.terms import script_language
from bot.core.texts import text as ui

log = logging.getLogger(__name__)

LANGUAGES = ("zh", "en")
MAX_QUESTION_CHARS = 1000


class Assistant:
    """Routes a message: commands and buttons, the planner, safety, then a grounded answer or a decline."""

    def __init__(
        self,
        searcher: Searcher,
        history: History,
        prefs: UserPrefs,
        forgetter: Forgetter,
        *,
        crisis_line_zh: str,
        crisis_line_other: str,
        writer: AnswerWriter | None = None,
        llm: AnswerWriter | None = None,
        rewriter: QuestionRewriter | None = None,
        plan: PlanConversation | None = None,
        embedder: Embedder | None = None,
        offtopic: ReferenceSet | None = None,
        default_language: str = "zh",
        thresholds: Thresholds = Thresholds(),
        k: int = 8,
        language_lift: int = 1,
    ):
        self.searcher = searcher
        self.history = history
        self.prefs = prefs
        self.forgetter = forgetter
        self.crisis_lines = {"zh": crisis_line_zh, "en": crisis_line_other}
        self.writer = writer or ExtractiveWriter(embedder)
        self.llm = llm
        self.rewriter = rewriter
        self.plan = plan
        self.default_language = default_language
        self.retriever = Retriever(searcher, embedder=embedder, offtopic=offtopic, thresholds=thresholds, k=k,
                                   language_lift=language_lift)

    @property
    def thresholds(self) -> Thresholds:
        return self.retriever.thresholds

    # --- entry point ------------------------------------------------------------------------
    def handle(self, incoming: Incoming) -> Reply:
        """The reply to one message or button press; every exchange is stored, masked."""
        language = self.language_for(incoming)
        text = (incoming.text or "").strip()[:MAX_QUESTION_CHARS]
        if incoming.action:
            if incoming.action == "forget:yes":
                count = self.forgetter.forget(incoming.user_id)
                # Nothing is recorded afterwards: the user just asked for no trace.
                return Reply(ui("forget_done", language, count=count), language, kind="info")
            reply = self._action(incoming, language)
            # A topic button stands for its question: store that, so follow-ups can build on it.
            question = incoming.action.removeprefix("ask:").strip() if incoming.action.startswith("ask:") \
                else incoming.action
        elif text.startswith("/"):
            reply = self._command(incoming, text, language)
            question = text
        elif not text:
            reply = Reply(ui("empty", language), language, kind="info")
            question = text
        elif is_crisis(text):
            # Checked before the planner too: a crisis mid-wizard must not get a wizard step.
            reply = self._crisis(language)
            question = text
        elif self.plan is not None and self.plan.claims(incoming):
            reply = self.plan.handle(incoming, language)
            question = text
        else:
            try:
                reply = self._knowledge(incoming.user_id, mask(text), language)
            except SearchUnavailable as exc:
                log.error("search unavailable: %s", exc)
                reply = Reply(ui("search_unavailable", language), language, kind="error",
                              buttons=[Button(ui("human", language), "human")])
            question = text
        return self._record(incoming.user_id, question, reply)

    def language_for(self, incoming: Incoming) -> str:
        """Explicit preference > the message's own script > the channel's hint > the default."""
        preferred = self.prefs.language(incoming.user_id)
        if preferred in LANGUAGES:
            return preferred
        text = incoming.text or ""
        if not text.startswith("/") and not incoming.action:
            scripted = script_language(text)
            if scripted:
                return scripted
        if incoming.language in LANGUAGES:
            return incoming.language
        return self.default_language

    # --- commands and buttons -----------------------------------------------------------------
    def _command(self, incoming: Incoming, text: str, language: str) -> Reply:
        name, _, argument = text.partition(" ")
        name = name.split("@")[0].lower()
        argument = argument.strip()
        if name == "/start":
            return Reply(ui("welcome", language), language, kind="info", buttons=self._topic_buttons(language))
        if name == "/help":
            return Reply(ui("help", language), language, kind="info")
        if name == "/lang":
            if argument:
                return self._set_language(incoming.user_id, argument.lower(), language)
            return Reply(ui("lang_prompt", language), language, kind="info",
                         buttons=[Button("中文", "lang:zh"), Button("English", "lang:en")])
        if name == "/forget":
            return Reply(ui("forget_confirm", language), language, kind="info",
                         buttons=[Button(ui("forget_yes", language), "forget:yes"),
                                  Button(ui("forget_no", language), "forget:no")])
        if name == "/human":
            return self._handoff(language)
        if name in ("/plan", "/cancel") and self.plan is not None and self.plan.claims(incoming):
            return self.plan.handle(incoming, language)
        if name == "/cancel":
            return Reply(ui("cancelled", language), language, kind="info")
        return Reply(ui("unknown_command", language, value=name) + "\n" + ui("help", language), language, kind="error")

    def _action(self, incoming: Incoming, language: str) -> Reply:
        action = incoming.action or ""
        if action == "human":
            return self._handoff(language)
        if action == "forget:no":
            return Reply(ui("forget_kept", language), language, kind="info")
        if action.startswith("lang:"):
            return self._set_language(incoming.user_id, action.removeprefix("lang:"), language)
        if action.startswith("feedback:"):
            return self._feedback(incoming.user_id, action, language)
        if action.startswith("ask:") and action.removeprefix("ask:").strip():
            question = action.removeprefix("ask:").strip()[:MAX_QUESTION_CHARS]
            if is_crisis(question):
                return self._crisis(language)
            return self._knowledge(incoming.user_id, mask(question), language)
        if action.startswith("plan:") and self.plan is not None and self.plan.claims(incoming):
            return self.plan.handle(incoming, language)
        return Reply(ui("unknown_action", language, value=action), language, kind="error")

    def _set_language(self, user_id: str, value: str, language: str) -> Reply:
        if value not in LANGUAGES:
            return Reply(ui("lang_unknown", language, value=value), language, kind="error",
                         buttons=[Button("中文", "lang:zh"), Button("English", "lang:en")])
        self.prefs.set_language(user_id, value)
        return Reply(ui("lang_set", value), value, kind="info")

    def _feedback(self, user_id: str, action: str, language: str) -> Reply:
        parts = action.split(":")
        if len(parts) != 3 or parts[1] not in ("up", "down") or not parts[2].isdigit():
            return Reply(ui("unknown_action", language, value=action), language, kind="error")
        value = 1 if parts[1] == "up" else -1
        if not self.history.set_feedback(int(parts[2]), user_id, value):
            return Reply(ui("feedback_missing", language), language, kind="error")
        if value == 1:
            return Reply(ui("feedback_thanks_up", language), language, kind="info")
        rated = [e for e in self.history.recent(user_id, limit=20) if e.feedback != 0]
        if len(rated) >= 2 and rated[-1].feedback < 0 and rated[-2].feedback < 0:
            return Reply(ui("feedback_offer_human", language), language, kind="info",
                         buttons=[Button(ui("human", language), "human")])
        return Reply(ui("feedback_thanks_down", language), language, kind="info")

    def _topic_buttons(self, language: str) -> list[Button]:
        buttons = [Button(ui(f"topic_{key}", language), "ask:" + ui(f"topic_{key}_q", language))
                   for key in ("overdue", "credit", "negotiate")]
        if self.plan is not None:
            buttons.append(Button(ui("topic_plan", language), "plan:start"))
        buttons.append(Button(ui("human", language), "human"))
        return buttons

    def _handoff(self, language: str) -> Reply:
        return Reply(ui("handoff", language), language, kind="handoff", escalate=True,
                     escalation_reason="user request")

    # --- safety -------------------------------------------------------------------------------
    def _crisis(self, language: str) -> Reply:
        return Reply(ui("crisis", language, line=self.crisis_lines[language]), language, kind="crisis",
                     escalate=True, urgent=True, escalation_reason="crisis",
                     buttons=[Button(ui("human", language), "human")])

    # --- knowledge answers --------------------------------------------------------------------
    def retrieve(self, query: str, language: str) -> Retrieval:
        """The articles for a standalone, masked question and whether to answer from them."""
        return self.retriever.retrieve(query, language)

    def _knowledge(self, user_id: str, question: str, language: str) -> Reply:
        """A grounded answer with sources, or an honest decline; `question` is already masked."""
        return self.reply_to(self._standalone(user_id, question, language), language)

    def reply_to(self, question: str, language: str) -> Reply:
        """The answer or decline for a standalone, masked question; stores nothing (`eval` uses it)."""
        found = self.retrieve(question, language)
        reply: Reply | None = None
        if found.matches and found.decision.answer:
            try:
                reply = self._answer(found.query, found.matches, language)
            except NoGroundedAnswer as exc:
                found.decision = Decision(False, f"LLM grounding check: {exc.reason}", found.decision.features)
            except AnswerUnavailable as exc:  # the offline writer found nothing it may quote
                found.decision = Decision(False, f"nothing to quote: {exc.reason}", found.decision.features)
        if reply is None:
            log.info("content gap (%s): %s", found.decision.reason, found.query)
            reply = Reply(ui("decline", language), language, kind="decline",
                          buttons=[Button(ui("human", language), "human")])
        if found.harassment:
            reply.text += "\n\n" + ui("harassment_offer", language)
            reply.escalate = True
            reply.escalation_reason = "harassment"
            if not any(b.action == "human" for b in reply.buttons):
                reply.buttons.append(Button(ui("human", language), "human"))
        return reply

    def _standalone(self, user_id: str, question: str, language: str) -> str:
        if not needs_context(question):
            return question
        previous = [e.question for e in self.history.recent(user_id, limit=4) if e.kind in ("answer", "decline")]
        if not previous:
            return question
        if self.rewriter is not None:
            try:
                return self.rewriter.rewrite(question, previous, language)
            except AnswerUnavailable as exc:
                log.warning("LLM rewrite unavailable (%s); using the previous question's terms", exc.reason)
        return KeywordRewriter().rewrite(question, previous, language)

    def _answer(self, query: str, matches: list[ArticleMatch], language: str) -> Reply:
        passages = to_passages(matches, per_article=3)  # the answering sentence is often in a third chunk
        notice = ""
        draft: Draft | None = None
        if self.llm is not None:
            try:
                draft = self.llm.write(query, passages, language)
            except NoGroundedAnswer:
                raise
            except AnswerUnavailable as exc:
                log.warning("LLM answer unavailable (%s); answering offline", exc.reason)
                notice = ui("llm_fallback", language) + "\n"
        if draft is None:
            draft = self.writer.write(query, passages, language)
        lines = [notice + draft.text]
        if draft.guidance:
            lines.append(ui("disclaimer", language))
        if language == "zh":
            lines.append(ui("sources", language) + "；".join(f"《{s.title}》（{s.article}）" for s in draft.sources))
        else:
            lines.append(ui("sources", language) + " " + "; ".join(f"\"{s.title}\" ({s.article})" for s in draft.sources))
        used = {s.article for s in draft.sources}
        # Related articles in the reader's own language make the follow-up buttons; others stay out.
        followups = [m.title for m in matches[1:] if m.article not in used and m.lang == language][:2]
        return Reply("\n\n".join(lines), language, kind="answer", sources=list(draft.sources),
                     followups=followups, answered=True, buttons=[Button(ui("human", language), "human")])

    # --- history ------------------------------------------------------------------------------
    def _record(self, user_id: str, question: str, reply: Reply) -> Reply:
        exchange = Exchange(
            user_id=user_id, question=mask(question), answer=mask(reply.text), language=reply.language,
            kind=reply.kind, answered=reply.answered, escalated=reply.escalate,
            sources=[s.article for s in reply.sources],
        )
        reply.turn_id = self.history.record(exchange)
        if reply.kind == "answer":
            reply.buttons = [Button(ui("thumbs_up", reply.language), f"feedback:up:{reply.turn_id}"),
                             Button(ui("thumbs_down", reply.language), f"feedback:down:{reply.turn_id}"),
                             *reply.buttons]
        return reply
