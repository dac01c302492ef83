"""The conversation core: one message in, one Reply out, whatever the channel."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace

from bot.core.answerability import Decision, Thresholds
from bot.core.conversation_words import (
    ASKS_FOR_PERSON, ASKS_OR_CALMER, ASKS_WHO_TO_CALL, COMPLAINS, FORGET_SAID, HELP, LATER, LENDERS_PEOPLE, LINE_UNANSWERED, NO_KEEP,
    THANKS, YES_DELETE,
)
from bot.core.disguise import visible
from bot.core.drafting import AnswerUnavailable, Deadline, Draft, NoGroundedAnswer
from bot.core.extractive import ExtractiveWriter
from bot.core.jurisdiction import hinted_jurisdiction
from bot.core.plan_vocabulary import MAX_PLAIN_CHARS, only_plan_words
from bot.core.followup import KeywordRewriter, needs_context
from bot.core.actions import TOPICS, Action, Feedback, Forget, Human, PlanKind, PlanStep, SetLanguage, Topic, describe
from bot.core.messages import Button, Escalation, Incoming, Reply
from bot.core.passages import ArticleMatch, to_passages
from bot.core.ports import (AnswerWriter, Embedder, Exchange, Forgetter, History, PlanConversation, QuestionRewriter,
                            Reading, ReferenceSet, ReminderConversation, Searcher, SearchUnavailable, Understanding,
                            UserPrefs)
from bot.core.redaction import mask
from bot.core.retrieval import Retrieval, Retriever
from bot.core.safety import (about_someone_else, asks_if_a_demand_is_real, denied_question, harm_done, is_crisis,
                             mentions_risk, others_harm_done, pays_a_person, pinyin_crisis, pinyin_debt_question,
                             reports_a_scam, threatens_violence)
from bot.core.simplified import to_simplified
from bot.core.terms import script_language, spell_out
from bot.core.texts import text as ui
from bot.core.typed_buttons import typed_button
from bot.core.wrongdoing import wrongdoing_asked
from bot.core.worked_several import several_debts_numbers, several_debts_text
from bot.core.worked import (cites_penalty_formula, cites_rate_formula, completes_offer, interest_numbers, interest_text,
                             may_complete_offer, only_periods, payment_numbers, payment_text, payoff_needs, payoff_needs_text,
                             payoff_numbers, payoff_text, penalty_numbers, penalty_text,
                             periods_missing, rate_numbers, rate_text)
from bot.planner.extraction import looks_like_loan, split_loans
from bot.planner.per_message import one_message

log = logging.getLogger(__name__)
# Control characters (NUL, escape, bell ...) but not line breaks and tabs: they carry no meaning and
# break word matching ("\x00逾期\x00会上征信吗" was declined).
_LATIN_WORDS = re.compile(r"[A-Za-z]{2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

LANGUAGES = ("zh", "en")
MAX_QUESTION_CHARS = 1000
_SENTENCES = re.compile(r"[。！？!?\n]+|(?<=[.])\s+")
# A typed request for a person opens a ticket only when the classifier is sure of it ("can you help
# me write my resume" reads 0.7 "human"; real requests read above 0.95).
HUMAN_SCORE = 0.9
# A short message the classifier reads as a greeting or thanks gets a greeting, not a search.
GREETING_SCORE = 0.85  # "hi" 1.0, "thx" 0.89; "it's overdue" 0.66, "skip" 0.83 (stop 22)
GREETING_CHARS = 20
# a longer thanks when the classifier is surer: "ok cool im done, thanks" (0.97, 23 characters; stop 34 red team: "no article")
THANKS_CHARS, THANKS_SCORE = 48, 0.95
_QUESTION_MARK = re.compile(r"[?？]")
_DIGIT = re.compile(r"\d")
# After a crisis reply, a message read as a crisis by meaning alone, with no word of risk, that asks something or says it
# is calmer (conversation_words.ASKS_OR_CALMER) is answered below this crisis probability (the classifier's VETO_BELOW).
CALMER_BELOW = 0.7


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
        understanding: Understanding | None = None,
        embedder: Embedder | None = None,
        offtopic: ReferenceSet | None = None,
        default_language: str = "zh",
        thresholds: Thresholds = Thresholds(),
        k: int = 8,
        language_lift: int = 1,
        reminders: ReminderConversation | None = None,
        llm_timeout: float = 20.0,
        simplify: Callable[[str], str] | None = None,
        support_desk: bool = True,
        contact_line: str = "",
    ):
        """`support_desk` False (the console, a bot without SUPPORT_CHAT_ID): no "talk to a person"
        button is offered and /human says how to reach one: `contact_line` (SUPPORT_CONTACT_LINE)."""
        self.history = history
        self.prefs = prefs
        self.forgetter = forgetter
        self.crisis_lines = {"zh": crisis_line_zh, "en": crisis_line_other}
        self.writer = writer or ExtractiveWriter(embedder)
        self.llm = llm
        self.rewriter = rewriter
        self.plan = plan
        self.understanding = understanding  # intent and crisis by meaning; None: patterns only
        self.default_language = default_language
        self.retriever = Retriever(searcher, embedder=embedder, offtopic=offtopic, thresholds=thresholds, k=k,
                                   language_lift=language_lift)
        self.reminders = reminders  # plan reminders: the opt-in under plans, their buttons, /reminders, /progress
        self.llm_timeout = llm_timeout  # OPENAI_TIMEOUT: one deadline for the whole answer
        self.simplify = simplify  # Traditional -> Simplified (OpenCC), injected by the wiring
        self.support_desk = support_desk
        self.contact_line = contact_line

    @property
    def searcher(self) -> Searcher:
        return self.retriever.searcher

    @searcher.setter
    def searcher(self, searcher: Searcher) -> None:
        """Swap the search (e.g. for one that refreshes when another process ingests)."""
        self.retriever.searcher = searcher

    @property
    def thresholds(self) -> Thresholds:
        return self.retriever.thresholds

    # --- entry point ------------------------------------------------------------------------
    def handle(self, incoming: Incoming) -> Reply:
        """The reply to one message or button press; every exchange is stored, masked."""
        deadline = Deadline(self.llm_timeout)  # from the moment the message arrives, not from the LLM call
        if incoming.text and not incoming.text.isascii():
            # Unpaired surrogates (a terminal's undecodable bytes, "\ud800" escapes in JSON) cannot be
            # encoded, stored or converted: each becomes "?" and the rest of the message is read.
            readable = incoming.text.encode("utf-8", "replace").decode("utf-8")
            if readable != incoming.text:
                incoming = replace(incoming, text=readable)
        if incoming.text and (shown := visible(incoming.text)) != incoming.text:
            incoming = replace(incoming, text=shown)  # "ｋｍｓ" is "kms", "su\u200bicide" is "suicide"
        if incoming.text and _CONTROL.search(incoming.text):
            incoming = replace(incoming, text=_CONTROL.sub("", incoming.text))  # NUL bytes, escapes: no meaning
        if incoming.text and incoming.text.startswith("/"):
            command, space, rest = incoming.text.partition(" ")
            if command != command.lower():
                incoming = replace(incoming, text=command.lower() + space + rest)  # "/PLAN" is "/plan"
        simplified, traditional = to_simplified(incoming.text or "", self.simplify)
        if traditional and not incoming.action and not simplified.startswith("/"):
            incoming = replace(incoming, text=simplified)  # search, patterns and the planner read Simplified
        else:
            traditional = False
        if not incoming.action and (typed := typed_button(incoming.text or "")) is not None:
            incoming = replace(incoming, text="", action=typed)  # a button's label typed: its action
        with one_message():  # the parsers read this text many times: once each (bot.planner.per_message)
            reply = self._reply(incoming, deadline)
        if traditional and reply.language == "zh":
            reply.text = ui("simplified_notice", "zh") + "\n" + reply.text
        return reply

    def _reply(self, incoming: Incoming, deadline: Deadline) -> Reply:
        language = self.language_for(incoming)
        text = (incoming.text or "").strip()[:MAX_QUESTION_CHARS]
        if (reminded := self._reminders(incoming, text, language)) is not None:
            return self._record(incoming.user_id, mask(text or (incoming.action and str(incoming.action)) or ""), reminded)
        if incoming.action is not None:
            if incoming.action == Forget(confirmed=True):
                return self._forget_now(incoming.user_id, language)
            reply = self._action(incoming, language)
            # A topic button stands for its question: store that, so follow-ups can build on it.
            topic = _topic_question(incoming.action)
            question = topic if topic is not None else describe(incoming.action)
        elif text.startswith("/"):
            reply = self._command(incoming, text, language)
            question = text
        elif not text or all(unicodedata.category(c)[0] in "PZ" for c in text):
            # nothing, or punctuation alone ("...", "？？？"): no question to search for
            reply = Reply(ui("empty", language), language, kind="info")
            question = text
        elif (confirmed := self._forget_answer(incoming.user_id, text)) is not None:
            # "yes" / "确定" typed after the confirmation instead of pressing its button (stop 30 red team: the data stayed)
            if confirmed:
                return self._forget_now(incoming.user_id, language)  # nothing recorded after it
            reply = Reply(ui("forget_kept", language), language, kind="info")
            question = text
        else:
            masked = mask(text)  # masked once: what the classifier reads, what is answered, what is stored
            return self._record(incoming.user_id, masked, self._message(incoming, text, masked, language, deadline))
        return self._record(incoming.user_id, mask(question), reply)

    def _message(self, incoming: Incoming, text: str, masked: str, language: str, deadline: Deadline,
                 calmer: bool = False) -> Reply:
        """A typed message (`masked`: the same, masked): crisis first (patterns or meaning), then the
        planner if it is an answer to its step or a list of debts to plan, a request for a person, else
        a knowledge answer. While a wizard waits, anything it does not claim is answered and offers to
        continue the plan."""
        if (asked := denied_question(text)) is not None and not self._crisis_beyond(incoming.text or ""):
            # "不是要自杀啦，就是想问问催收天天打电话怎么办" (stop 30: the crisis text again, the question unanswered): what is
            # left of the message is read again, crisis first, and answered after a line that keeps the door open
            reply = self._message(replace(incoming, text=asked), asked, mask(asked), language, deadline)
            if reply.kind != "crisis":
                line = self._crisis_line(language)
                if line:
                    reply.text = ui("crisis_denied", language, line=line) + "\n\n" + reply.text
            return reply
        if FORGET_SAID.search(text) and not is_crisis(text) and not mentions_risk(text):
            # what /forget asks, asked in words: the same confirmation (a word of risk beside it is read for a crisis first)
            return self._command(incoming, "/forget", language)
        reading = self._read(masked)
        if calmer and reading is not None:
            reading = replace(reading, crisis=False)  # read as a crisis by meaning alone, and asked in calmer words
        if LINE_UNANSWERED.search(text) and not is_crisis(text) and self._crisis_lately(incoming.user_id):
            # "打了没人接" (stop 31 red team: the same crisis text again): try again, another line, someone to be with
            line = self._crisis_line(language)
            reply = self._crisis(language, again=True)
            reply.text = ui("crisis_unanswered", language, line=line)
            return reply
        if self.is_crisis(text, reading) or self._crisis_beyond(incoming.text or ""):
            if self._calmer(text, reading) and self._crisis_lately(incoming.user_id):
                # "我没事了 刚才就是情绪上来了 帮我算算吧 每月工资6000" right after a crisis reply (stop 31 red team: the crisis
                # text again and again; only /plan got out): answered, with the line kept in view above the answer
                reply = self._message(incoming, text, masked, language, deadline, calmer=True)
                line = self._crisis_line(language)
                if reply.kind != "crisis" and line:
                    reply.text = ui("crisis_kept", language, line=line) + "\n\n" + reply.text
                return reply
            if not self._plain_plan_answer(incoming, text, reading):
                # Checked before the planner too: a crisis mid-wizard must not get a wizard step.
                kept = self._keep_plan_answer(incoming, text, reading, language)
                if pinyin_crisis(text):
                    language = "zh"  # "bu xiang huo le": written by someone who reads Chinese
                reply = self._crisis(language, someone_else=about_someone_else(text), again=self._after_crisis(incoming.user_id))
                done = "crisis_harm_done" if harm_done(text) else "crisis_others_harm" if others_harm_done(text) else None
                if done is not None:
                    reply.text = ui(done, language) + ("" if language == "zh" else "\n\n") + reply.text
                if self.plan is not None and self.plan.waiting(incoming.user_id):
                    # the plan waits, and says what it kept: a "235" said next must not fill the step after it
                    # unnoticed (stop 28 red team: stored as 235 days overdue after a kept minimum)
                    self._plan_waits(reply, kept, language)
                return reply
            log.info("crisis by meaning alone set aside: every word is a plan answer's")
            assert reading is not None
            reading = replace(reading, crisis=False, intent="plan")  # what its words say it is
        if (wrong := wrongdoing_asked(text)) is not None:
            # "怎么伪造一个失业证明", "我想找到他家去教训他一顿" (stop 31 red team: an article or "no article on that"): refused,
            # with why and what helps instead
            return Reply(ui(f"wrongdoing_{wrong}", language), language, kind="info")
        if (LATER.search(text) and len(text) <= 80 and self.plan is not None and self.plan.waiting(incoming.user_id)
                and not (reading is not None and reading.crisis)):
            return Reply(ui("plan_later", language), language, kind="info",
                         buttons=[Button(ui("continue_plan", language), PlanStep("resume"))])
        if ASKS_FOR_PERSON.search(text) and self.plan is not None and self.plan.waiting(incoming.user_id):
            # "每个月要还九百左右，我能不能找个真人聊聊啊" mid-wizard (stop 28 red team: an article, the 900 lost): the answer is
            # kept and said back, and the person is asked for
            calm = replace(reading, intent="plan") if reading is not None else None
            answer = re.sub(r"[，,。.\s]*(?:我|i)?[，,。.\s]*(?:能不能|可以|想|要|帮我|can i|could i|i want to|i need to)?\s*$", "",
                            ASKS_FOR_PERSON.split(text)[0], flags=re.IGNORECASE)
            kept = self._keep_plan_answer(replace(incoming, text=answer), answer, calm, language) if answer else None
            reply = self._handoff(language, incoming.user_id)
            self._plan_waits(reply, kept, language)
            return reply
        if ASKS_WHO_TO_CALL.search(text) and self._after_crisis(incoming.user_id):
            # "im in ohio not china. who do i even call" right after a crisis reply: the lines again, in the user's
            # language (stop 28 red team: China's complaint line and 110 from an article, the crisis dropped)
            return self._crisis(language, again=True)
        if self.plan is not None and (offer := self._completed_offer(incoming.user_id, masked)) is not None:
            # "24期" after the bot asked how many payments the offer has: the offer, whole, goes to the planner
            incoming = replace(incoming, text=offer)
            text = masked = offer
        claimed, waiting = self.plan.route(incoming, reading) if self.plan is not None else (False, False)
        if claimed:
            assert self.plan is not None
            return self.plan.handle(incoming, language)
        if self.plan is not None and not waiting and only_periods(masked):
            # "24期" with no offer asked about before: say what an offer's rate needs (stop 25 red team: declined)
            return Reply(ui("periods_without_offer", language), language, kind="info")
        if COMPLAINS.search(text) and not ASKS_FOR_PERSON.search(text):
            # "你们这个回答太垃圾了，我要投诉" (stop 30 red team: "no article on that"): sorry, how to say what was wrong, a person
            reply = self._handoff(language, incoming.user_id)
            reply.text = ui("complaint", language) + "\n\n" + reply.text
        elif ((reading is not None and reading.intent == "human" and reading.score("human") >= HUMAN_SCORE)
                or (ASKS_FOR_PERSON.search(text) and not LENDERS_PEOPLE.search(text))):
            reply = self._handoff(language, incoming.user_id)
        elif (reading is not None and reading.intent == "greeting" and reading.score("greeting") >= GREETING_SCORE
              and (len(text) <= GREETING_CHARS or (len(text) <= THANKS_CHARS and THANKS.search(text)
                                                   and reading.score("greeting") >= THANKS_SCORE))
              and not _QUESTION_MARK.search(text) and not _DIGIT.search(text)):
            # "hi", "ok", "thx", "好的": a greeting or thanks, not a question the library lacks (stop 22: each got
            # "no article on that" and was logged as a content gap for the editors)
            key = self._help_key() if HELP.fullmatch(text.strip()) else "thanks" if THANKS.search(text) else "greeting"
            reply = Reply(ui(key, language), language, kind="info", buttons=self._topic_buttons(language))
        else:
            try:
                reply = self._knowledge(incoming.user_id, masked, language, deadline,
                                        harassment=reading is not None and reading.intent == "harassment")
            except SearchUnavailable as exc:
                log.error("search unavailable: %s", exc)
                reply = Reply(ui("search_unavailable", language), language, kind="error",
                              buttons=[Button(ui("human", language), Human())])
        if reply.kind == "decline" and reading is not None and reading.intent == "venting":
            # Everyday stress with no question the library answers ("烦死了", "this bank's hold music"):
            # "no article on that" is true but cold; say what the bot can do, with the topics, a plan, a person.
            buttons = self._topic_buttons(language)
            if not self.support_desk:  # nobody to hand over to: neither offered nor sent to the lender's hotline
                buttons = [b for b in buttons if not isinstance(b.action, Human)]
            reply = Reply(ui("venting" if self.support_desk else "venting_no_desk", language), language,
                          kind="decline", buttons=buttons)
        if waiting:  # the wizard, open before this message, waits while it is answered
            reply.buttons.append(Button(ui("continue_plan", language), PlanStep("resume")))
        elif self.plan is not None and reply.answered and looks_like_loan(text):
            # a question that carries the user's own debts ends with an offer to plan them
            reply.buttons.append(Button(ui("plan_offer", language), PlanStep("start")))
        return reply

    @staticmethod
    def _plan_waits(reply: Reply, kept: Reply | None, language: str) -> None:
        """The reply says the open plan waits, with what it kept of this message, and offers to continue it."""
        if kept is not None:
            noted = kept.text.splitlines()[0] if kept.text else ""
            said = noted if noted.startswith(("记下了", "Noted", "已把", "Changed", "I took")) else ""
            reply.text += "\n\n" + (ui("plan_kept", language, noted=said) if said else ui("plan_kept_plain", language))
        reply.buttons.append(Button(ui("continue_plan", language), PlanStep("resume")))

    def _crisis_lately(self, user_id: str, exchanges: int = 4) -> bool:
        """Whether one of the user's last few exchanges was a crisis reply."""
        return any(turn.kind == "crisis" for turn in self.history.recent(user_id, exchanges))

    def _after_crisis(self, user_id: str) -> bool:
        """Whether the user's last exchange was a crisis reply."""
        last = self.history.recent(user_id, 1)
        return bool(last) and last[-1].kind == "crisis"

    def _forget_answer(self, user_id: str, text: str) -> bool | None:
        """True for a yes, False for a no, typed right after the "delete everything?" confirmation; None otherwise."""
        said = YES_DELETE.fullmatch(text) is not None, NO_KEEP.fullmatch(text) is not None
        if not any(said) or not re.search(r"\w", text):
            return None
        last = self.history.recent(user_id, limit=1)
        asked = bool(last) and any(last[-1].answer.startswith(ui("forget_confirm", lang)) for lang in ("zh", "en"))
        return said[0] if asked else None

    def _forget_now(self, user_id: str, language: str) -> Reply:
        count = self.forgetter.forget(user_id)
        # Nothing is recorded afterwards: the user just asked for no trace.
        return Reply(ui("forget_done", language, count=count), language, kind="info")

    def _crisis_line(self, language: str) -> str:
        """The crisis line to name in a short line of the user's language (China's when none is set for it)."""
        return self.crisis_lines[language].strip() or self.crisis_lines["zh"].strip()

    @staticmethod
    def _calmer(text: str, reading: Reading | None) -> bool:
        """Whether a message read as a crisis by meaning alone, after a crisis reply, asks something or says the writer is
        calmer: no crisis pattern, no word of risk, the meaning unsure (below VETO_BELOW), and a question, a number or
        "我没事了"; "真的好累，不想再撑了" says none of these and keeps the crisis reply (recall first)."""
        return (reading is not None and not is_crisis(text) and not mentions_risk(text) and reading.score("crisis") < CALMER_BELOW
                and bool(ASKS_OR_CALMER.search(text) or _DIGIT.search(text)))

    def _plain_plan_answer(self, incoming: Incoming, text: str, reading: Reading | None) -> bool:
        """A wizard's answer read as a crisis by meaning alone, every word of it a number, a debt's name or a word of a
        plan answer ("min is $126 i think? not overdue yet" read 0.53, "没有“只”这笔，删掉它" 0.46: stop 28 red team).
        Never on a crisis pattern, a long message, or with no wizard open; any other word keeps the crisis reply."""
        if self.plan is None or reading is None or is_crisis(text) or len(incoming.text or "") > MAX_PLAIN_CHARS:
            return False
        if not self.plan.waiting(incoming.user_id):
            # with no wizard open, only a message that states a number: "yea missed last month so like 35 days, 310
            # overdue" read 0.85, "我说了下个月就降到4500了 按4500算" 0.56 (stop 29 red team: a person paged for each)
            # nor one without a number and without a word of risk: "there isnt one, whenever i can" read 0.85 (stop 30 red team)
            return ((bool(_DIGIT.search(text)) or not mentions_risk(text))
                    and only_plan_words(text, [str(loan.get("name", "")) for loan in split_loans(text)]))
        return only_plan_words(text, self.plan.debt_names(incoming.user_id))

    def _keep_plan_answer(self, incoming: Incoming, text: str, reading: Reading | None, language: str) -> Reply | None:
        """An answer to an open wizard's step read as a crisis by its meaning alone ("the chase min is $130, not late",
        stop 27 red team) is still kept, silently: the reply is the crisis reply, and the plan has the answer when the
        borrower comes back to it. Never on a crisis pattern, never to start a plan."""
        if self.plan is None or reading is None or is_crisis(text) or len(text) > 200:
            return None
        calm = replace(reading, crisis=False)
        claimed, waiting = self.plan.route(incoming, calm)
        return self.plan.handle(incoming, language) if claimed and waiting else None

    def is_crisis(self, text: str, reading: Reading | None = None) -> bool:
        """The crisis decision (what `evaluate` should measure too): the patterns, or the meaning's
        crisis probability above its low threshold. Pass the message's reading if you have it."""
        if is_crisis(text):
            return True
        reading = reading if reading is not None else self.read(text)
        return reading is not None and reading.crisis

    def _crisis_beyond(self, full: str) -> bool:
        """A crisis said past the first MAX_QUESTION_CHARS characters, which are all the rest reads
        (Telegram allows 4096): the patterns over the whole message, the meaning over its end."""
        full = full.strip()
        if len(full) <= MAX_QUESTION_CHARS:
            return False
        if is_crisis(full):
            return True
        # the end read whole, and its last two sentences alone (a filler of a thousand characters dilutes
        # a sentence in the whole's vector): at most three readings, for the rare message this long
        sentences = [part for part in _SENTENCES.split(full[-MAX_QUESTION_CHARS:]) if len(part.strip()) >= 4]
        for part in [full[-MAX_QUESTION_CHARS:], *sentences[-2:]]:
            reading = self.read(part)
            if reading is not None and reading.crisis:
                return True
        return False

    def read(self, text: str) -> Reading | None:
        """The message's intent by meaning, read from the text retrieval will search (masked, shorthand
        spelt out) so the embedder's cache serves both; None without a classifier or when it fails
        (the patterns still decide crisis then)."""
        if self.understanding is None:
            return None
        return self._read(mask(text))

    def _read(self, masked: str) -> Reading | None:
        """`read` of a text already masked."""
        if self.understanding is None:
            return None
        try:
            return self.understanding.read(spell_out(masked))
        except Exception as exc:  # an adapter's failure (the embedder down) must not lose the message
            log.error("understanding unavailable, deciding by patterns only: %s", exc)
            return None

    def _completed_offer(self, user_id: str, message: str) -> str | None:
        """The last question with the periods this message gives, when that question lacked them (`completes_offer`)."""
        # the offer may be a few questions back ("逾期了会怎么样" asked in between); an answered offer since ends it
        if not may_complete_offer(message):
            return None
        for earlier in reversed(self.history.recent(user_id, 4)):
            if earlier.kind == "wizard":
                # a message the wizard took is no offer asked about: "24" at the rate step after "欠1.5w，每月还1300块" was
                # costed as 24 payments (stop 27 red team)
                return None
            if (offer := completes_offer(earlier.question, message)) is not None:
                return offer
            if earlier.kind == "plan":
                return None
        return None

    def language_for(self, incoming: Incoming) -> str:
        """Explicit preference > the message's own script > the channel's hint > the default."""
        preferred = self.prefs.language(incoming.user_id)
        if preferred in LANGUAGES:
            return preferred
        text = incoming.text or ""
        if incoming.action:
            # a button carries no words: the conversation's language stays (stop 25 final red team: an English wizard
            # answered in Chinese after "Continue my plan")
            last = self.history.recent(incoming.user_id, 1)
            if last and last[-1].language in LANGUAGES:
                return last[-1].language
        if not incoming.action:
            scripted = None if text.startswith("/") else script_language(text)
            # a command, a message with no letters ("$250", "200") or one Latin "word" says little of the
            # language: the user's last one stays (stop 22: "$250" mid-wizard switched an English plan to Chinese)
            if scripted is None or (scripted == "en" and len(_LATIN_WORDS.findall(text)) <= 1):
                # one Latin "word" ("asdfghjkl", "<b>x</b>", "3k", "ok") says little: a user writing Chinese
                # keeps Chinese replies (a mid-wizard typo switched the wizard to English)
                last = self.history.recent(incoming.user_id, 1)
                if last and last[-1].language in LANGUAGES:
                    return last[-1].language
            if scripted == "zh" and _mostly_english(text):
                # "i owe my 舅舅 1500, no interest", "…whenever 没关系": English with a Chinese word or two (stop 34 red team:
                # the plan went on in Chinese and in yuan)
                scripted = "en"
            if scripted == "en" and pinyin_debt_question(text):
                return "zh"  # "xinyongka yuqi le zenme ban": written by someone who reads Chinese (stop 32 red team)
            if scripted:
                return scripted
        if incoming.language in LANGUAGES:
            return incoming.language
        return self.default_language

    # --- commands and buttons -----------------------------------------------------------------
    def _help_key(self) -> str:
        """The command list: /human finds a person where a desk answers, else says how to reach one."""
        return "help" if self.support_desk else "help_no_desk"

    def _command(self, incoming: Incoming, text: str, language: str) -> Reply:
        name, _, argument = text.partition(" ")
        name = name.split("@")[0].lower()
        argument = argument.strip()
        if name == "/start":
            return Reply(ui("welcome", language), language, kind="info", buttons=self._topic_buttons(language))
        if name == "/help":
            extra = "\n" + ui("help_reminders", language) if self.reminders is not None else ""
            return Reply(ui(self._help_key(), language) + extra, language, kind="info")
        if name == "/lang":
            if argument:
                return self._set_language(incoming.user_id, argument.lower(), language)
            return Reply(ui("lang_prompt", language), language, kind="info",
                         buttons=_language_buttons())
        if name == "/forget":
            return Reply(ui("forget_confirm", language), language, kind="info",
                         buttons=[Button(ui("forget_yes", language), Forget(confirmed=True)),
                                  Button(ui("forget_no", language), Forget(confirmed=False))])
        if name == "/human":
            return self._handoff(language, incoming.user_id)
        if name in ("/plan", "/cancel") and self.plan is not None and self.plan.claims(incoming, None):
            return self.plan.handle(incoming, language)
        if name == "/cancel":
            return Reply(ui("cancelled", language), language, kind="info")
        return Reply(ui("unknown_command", language, value=name) + "\n" + ui(self._help_key(), language), language,
                     kind="error")

    def _action(self, incoming: Incoming, language: str) -> Reply:
        action = incoming.action
        if isinstance(action, Human):
            return self._handoff(language, incoming.user_id)
        if action == Forget(confirmed=False):
            return Reply(ui("forget_kept", language), language, kind="info")
        if isinstance(action, SetLanguage):
            return self._set_language(incoming.user_id, action.language, language)
        if isinstance(action, Feedback):
            return self._feedback(incoming.user_id, action, language)
        question = _topic_question(action)
        if question is not None:
            return self._knowledge(incoming.user_id, mask(question), language)
        if isinstance(action, (PlanStep, PlanKind)) and self.plan is not None and self.plan.claims(incoming, None):
            return self.plan.handle(incoming, language)
        return Reply(ui("unknown_action", language, value=describe(action)), language, kind="error")

    def _set_language(self, user_id: str, value: str, language: str) -> Reply:
        if value not in LANGUAGES:
            return Reply(ui("lang_unknown", language, value=value), language, kind="error",
                         buttons=_language_buttons())
        self.prefs.set_language(user_id, value)
        return Reply(ui("lang_set", value), value, kind="info")

    def _feedback(self, user_id: str, action: Feedback, language: str) -> Reply:
        value = 1 if action.up else -1
        if not self.history.set_feedback(action.turn_id, user_id, value):
            return Reply(ui("feedback_missing", language), language, kind="error")
        if value == 1:
            return Reply(ui("feedback_thanks_up", language), language, kind="info")
        rated = [e for e in self.history.recent(user_id, limit=20) if e.feedback != 0]
        if len(rated) >= 2 and rated[-1].feedback < 0 and rated[-2].feedback < 0:
            return Reply(ui("feedback_offer_human", language), language, kind="info",
                         buttons=[Button(ui("human", language), Human())])
        return Reply(ui("feedback_thanks_down", language), language, kind="info")

    def _topic_buttons(self, language: str) -> list[Button]:
        buttons = [Button(ui(f"topic_{key}", language), Topic(key, language)) for key in TOPICS]
        if self.plan is not None:
            buttons.append(Button(ui("topic_plan", language), PlanStep("start")))
        buttons.append(Button(ui("human", language), Human()))
        return buttons

    def _handoff(self, language: str, user_id: str | None = None) -> Reply:
        if not self.support_desk:
            if user_id is not None and self._crisis_lately(user_id):
                # "i want to talk to a real person now" after a crisis reply, where no desk exists: the people at the
                # crisis lines, never "contact your lender" (stop 29 red team)
                return self._crisis(language, again=True)
            return Reply(ui("no_desk", language, contact=self._contact(language)), language, kind="info")
        return Reply(ui("handoff", language), language, kind="handoff", escalation=Escalation.now("user request"))

    def _contact(self, language: str) -> str:
        """How to reach a person where this bot has no support desk (SUPPORT_CONTACT_LINE)."""
        if self.contact_line:
            return ui("no_desk_contact", language, line=self.contact_line)
        return ui("no_desk_contact_default", language)

    def _decline(self, language: str) -> Reply:
        """No article answers: said so, with a person offered where a support desk would answer (elsewhere the button
        becomes how to reach one: `_without_desk`)."""
        text = ui("decline", language) + (ui("decline_person", language) if self.support_desk else "")
        return Reply(text, language, kind="decline", buttons=[Button(ui("human", language), Human())])

    def _without_desk(self, reply: Reply) -> None:
        """Nobody would answer a "talk to a person" button: drop it, and where the reply suggests a
        person (a decline, an error, collector threats) say how to reach one instead."""
        offered = any(isinstance(b.action, Human) for b in reply.buttons)
        reply.buttons = [b for b in reply.buttons if not isinstance(b.action, Human)]
        if offered and (reply.kind in ("decline", "error") or reply.escalation.level == "offer"):
            reply.text += "\n\n" + self._contact(reply.language)

    # --- safety -------------------------------------------------------------------------------
    def _crisis(self, language: str, someone_else: bool = False, again: bool = False) -> Reply:
        """The crisis reply; `again` right after one (a shorter text that still gives the lines: the same long text
        twice read as canned, stop 28 red team)."""
        line = self.crisis_lines[language].strip()
        # an unset line (or the old default, which only repeated the emergency-number advice) is not a line
        has_line = line.lower().strip(".") not in ("", "your local emergency number")
        key = "crisis_someone" if someone_else else "crisis_again" if again else "crisis"
        text = ui(key, language, line=line) if has_line else ui("crisis_no_line", language)
        china = self.crisis_lines["zh"].strip()
        if language != "zh" and china:
            # English readers include expats in China and people typing pinyin ("wo bu xiang huo le")
            text += " " + ui("crisis_china", language, line=china)
        if self.support_desk:
            text += ui("crisis_staff", language) if language == "zh" else " " + ui("crisis_staff", language)
        return Reply(text, language, kind="crisis",
                     escalation=Escalation.now("crisis", urgent=True), buttons=[Button(ui("human", language), Human())])

    # --- knowledge answers --------------------------------------------------------------------
    def retrieve(self, query: str, language: str, harassment: bool = False, context: str | None = None) -> Retrieval:
        """The articles for a standalone, masked question and whether to answer from them;
        `harassment` when the classifier read the message as collectors' harassment; `context` the country the
        conversation points to."""
        return self.retriever.retrieve(query, language, harassment, context)

    def preview(self, question: str, language: str) -> tuple[Retrieval, Reply]:
        """How a standalone question would be answered now, with what was found; records nothing (/try)."""
        found = self.retrieve(mask(question.strip()[:MAX_QUESTION_CHARS]), language)
        if found.matches and found.decision.answer:
            try:
                return found, self._answer(found.query, found.matches, language, Deadline(self.llm_timeout))
            except NoGroundedAnswer as exc:
                found.decision = Decision(False, f"LLM grounding check: {exc.reason}", found.decision.features)
        return found, self._decline(language)

    def _knowledge(self, user_id: str, question: str, language: str, deadline: Deadline | None = None,
                   harassment: bool = False) -> Reply:
        """A grounded answer with sources, or an honest decline; `question` is already masked."""
        deadline = deadline or Deadline(self.llm_timeout)
        standalone = self._standalone(user_id, question, language, deadline)
        context = None if hinted_jurisdiction(standalone) else self._country_so_far(user_id)  # read only when needed
        return self.reply_to(standalone, language, deadline, harassment, context=context)

    def _country_so_far(self, user_id: str) -> str | None:
        """The country the user's last few questions named or hinted at ("$8,000 on a Discover card"), latest first."""
        for turn in reversed(self.history.recent(user_id, limit=4)):
            if (country := hinted_jurisdiction(turn.question)) is not None:
                return country
        return None

    def reply_to(self, question: str, language: str, deadline: Deadline | None = None,
                 harassment: bool = False, context: str | None = None) -> Reply:
        """The answer or decline for a standalone, masked question; stores nothing (`eval` uses it)."""
        deadline = deadline or Deadline(self.llm_timeout)
        threat = threatens_violence(question)
        found = self.retrieve(question, language, harassment, context)  # a threat is harassment stated (safety.is_harassment)
        # the article with the formula is already first (`Retriever.retrieve`, `worked.worked_order`)
        estimate = penalty_numbers(question)
        interest = interest_numbers(question) if estimate is None else None
        rate = rate_numbers(question) if estimate is None and interest is None else None
        # several debts, each with its rate, and one monthly budget: the planner's orders, never one debt at the first rate
        several = several_debts_numbers(question) if estimate is None and interest is None else None
        monthly = payment_numbers(question) if estimate is None and interest is None and several is None else None
        payoff = (payoff_numbers(question) if estimate is None and interest is None and several is None and monthly is None
                  else None)
        no_periods = (estimate is None and interest is None and rate is None and payoff is None and several is None
                      and monthly is None and periods_missing(question))
        needs = (payoff_needs(question) if estimate is None and interest is None and rate is None and payoff is None
                 and several is None and monthly is None and not no_periods else None)
        reply: Reply | None = None
        if found.matches and found.decision.answer:
            try:
                reply = self._answer(found.query, found.matches, language, deadline)
                cited = {s.article for s in reply.sources}
                if estimate is not None and cites_penalty_formula(found.matches, cited):
                    self._work_numbers(reply, penalty_text(estimate, language, question))
                elif interest is not None and cites_rate_formula(found.matches, cited):
                    self._work_numbers(reply, interest_text(interest, language, question))
                elif rate is not None and cites_rate_formula(found.matches, cited):
                    self._work_numbers(reply, rate_text(rate, language))
                elif several is not None:
                    self._work_numbers(reply, several_debts_text(several, language))
                elif monthly is not None:
                    self._work_numbers(reply, payment_text(monthly, language, question))
                elif payoff is not None:
                    # how long a payment takes is the planner's sum, whichever article is quoted
                    self._work_numbers(reply, payoff_text(payoff, language, question))
                elif no_periods:
                    self._work_numbers(reply, ui("offer_needs_periods", language))
                elif needs is not None:
                    self._work_numbers(reply, payoff_needs_text(needs, language))
            except NoGroundedAnswer as exc:
                found.decision = Decision(False, f"LLM grounding check: {exc.reason}", found.decision.features)
            except AnswerUnavailable as exc:  # the offline writer found nothing it may quote
                found.decision = Decision(False, f"nothing to quote: {exc.reason}", found.decision.features)
        if reply is None and no_periods:
            # an offer without its periods is asked for them even when no article is near enough to quote
            return Reply(ui("offer_needs_periods", language), language, kind="info")
        if reply is None and monthly is not None:
            # the payment that clears the debt in the term asked is the planner's sum, whichever article is near
            return Reply(payment_text(monthly, language, question), language, kind="info",
                         buttons=[Button(ui("plan_offer", language), PlanStep("start"))] if self.plan is not None else [])
        if reply is None and needs is not None:
            # "我欠了十万 月薪八千 多久能还完" (stop 32 red team: the article on 砍头息): what the sum needs, and the plan
            return Reply(payoff_needs_text(needs, language), language, kind="info",
                         buttons=[Button(ui("plan_offer", language), PlanStep("start"))] if self.plan is not None else [])
        if reply is None:
            log.info("content gap (%s): %s", found.decision.reason, found.query)
            reply = self._decline(language)
            if reports_a_scam(question) and not pays_a_person(question):
                # "a guy says he's from the sheriff's office … unless I pay $900 in gift cards" (stop 31 red team: declined, no
                # word of warning): no article on it, but the marks of a scam are told before money goes
                reply.text = ui("scam_warning", language) + "\n\n" + reply.text
            elif _LEGAL_MATTER.search(question):
                # "i got served papers, midland funding is suing me for 2800, what do i do" (stop 34 red team: a bare decline
                # to someone with a court deadline): no article, but never "ignore it"
                reply.text += "\n\n" + ui("decline_legal", language)
        if pays_a_person(question) and not threat:
            reply.text = ui("pay_the_lender_only", language) + "\n\n" + reply.text
        elif asks_if_a_demand_is_real(question) and not threat and reply.answered:
            # gift cards, a "safe account", a code: the marks of a scam said outright (the decline above says so already)
            reply.text = ui("scam_warning" if reports_a_scam(question) else "verify_demand", language) + "\n\n" + reply.text
        if threat:
            # "催收说再不还钱就弄死我全家" (stop 32: an article on talking to one's family, no person): the police first, and a
            # person at once where a desk answers
            staff = ui("threat_staff", language) if self.support_desk else ""
            reply.text = ui("threat", language) + ("" if language == "zh" or not staff else " ") + staff + "\n\n" + reply.text
            reply.escalation = Escalation.now("threat", urgent=True) if self.support_desk else Escalation.offer("threat")
            if not any(isinstance(b.action, Human) for b in reply.buttons):
                reply.buttons.append(Button(ui("human", language), Human()))
        elif found.harassment:
            reply.text += "\n\n" + ui("harassment_offer" if self.support_desk else "harassment_no_desk", language)
            reply.escalation = Escalation.offer("harassment")
            if not any(isinstance(b.action, Human) for b in reply.buttons):
                reply.buttons.append(Button(ui("human", language), Human()))
        return reply

    @staticmethod
    def _work_numbers(reply: Reply, worked: str) -> None:
        """Work the question's own numbers into the answer (where the cited article gives the
        formula), after the quoted sentences and before the "general information" line and the sources."""
        disclaimer = ui("disclaimer", reply.language)
        if disclaimer in reply.text:
            body, _, rest = reply.text.partition(disclaimer)
            reply.text = f"{body.rstrip()}\n\n{worked}\n\n{disclaimer}{rest}"
            return
        body, sep, sources = reply.text.rpartition("\n\n")
        reply.text = f"{body}\n\n{worked}{sep}{sources}" if sep else f"{reply.text}\n\n{worked}"

    def _standalone(self, user_id: str, question: str, language: str, deadline: Deadline) -> str:
        if not needs_context(question):
            return question
        previous = [e.question for e in self.history.recent(user_id, limit=4) if e.kind in ("answer", "decline")]
        if not previous:
            return question
        if self.rewriter is not None:
            try:
                return self.rewriter.rewrite(question, previous, language, deadline=deadline)
            except AnswerUnavailable as exc:
                log.warning("LLM rewrite unavailable (%s); using the previous question's terms", exc.reason)
        return KeywordRewriter().rewrite(question, previous, language)

    def _answer(self, query: str, matches: list[ArticleMatch], language: str, deadline: Deadline) -> Reply:
        passages = to_passages(matches, per_article=3)  # the answering sentence is often in a third chunk
        notice = ""
        draft: Draft | None = None
        if self.llm is not None:
            try:
                draft = self.llm.write(query, passages, language, deadline=deadline)
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
                     followups=followups, answered=True, buttons=[Button(ui("human", language), Human())])

    # --- history ------------------------------------------------------------------------------
    def _record(self, user_id: str, question: str, reply: Reply) -> Reply:
        """Store the exchange; `question` is masked by the caller."""
        if self.reminders is not None:
            reply = self.reminders.offer(reply)  # a plan reply offers reminders (opt-in)
        if not self.support_desk:
            self._without_desk(reply)
        exchange = Exchange(
            user_id=user_id, question=question, answer=mask(reply.text), language=reply.language,
            kind=reply.kind, answered=reply.answered, escalated=reply.escalation.requested,
            sources=[s.article for s in reply.sources],
        )
        reply.turn_id = self.history.record(exchange)
        if reply.kind == "answer":
            reply.buttons = [Button(ui("thumbs_up", reply.language), Feedback(reply.turn_id, up=True)),
                             Button(ui("thumbs_down", reply.language), Feedback(reply.turn_id, up=False)),
                             *reply.buttons]
        return reply

    # --- plan reminders -----------------------------------------------------------------------
    def _reminders(self, incoming: Incoming, text: str, language: str) -> Reply | None:
        """The reminders' reply when the message is theirs (crisis words always go to the crisis path);
        "I can't pay" answers the negotiation question the normal way, through the library."""
        if self.reminders is None or (text and is_crisis(text)) or not self.reminders.claims(incoming):
            return None
        return self.reminders.handle(incoming, language,
                                     lambda question: self._knowledge(incoming.user_id, mask(question), language))


_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
# A court or a lawyer's matter: a declined question about it is told not to let a court's deadline pass
_LEGAL_MATTER = re.compile(r"\bsu(?:e|ed|es|ing)\b|lawsuit|\bcourt\b|summons|\bserved\b|garnish\w*|judg(?:e)?ment|"
                           r"bankrupt\w*|\brepo(?:s|'d|ed)?\b|repossess\w*|statute of limitations?|起诉|告我|法院|传票|判决|"
                           r"强制执行|破产|诉讼时效|扣工资|收车|拖车", re.IGNORECASE)


def _mostly_english(text: str) -> bool:
    """Three English words or more and fewer Chinese characters than English words: a Chinese term in an English
    sentence ("what's 个性化分期 exactly, how many years max"), not an English term in a Chinese one."""
    words = len(_LATIN_WORDS.findall(text))
    return words >= 3 and len(_CJK_CHAR.findall(text)) < words


def _language_buttons() -> list[Button]:
    return [Button("中文", SetLanguage("zh")), Button("English", SetLanguage("en"))]


def _topic_question(action: Action | None) -> str | None:
    """The starter question a topic button stands for, in the language it was shown in."""
    if isinstance(action, Topic) and action.key in TOPICS:
        return ui(f"topic_{action.key}_q", action.language)
    return None
