"""Evaluation over a JSONL question set of {"q": text, "expect": [article ids], "keys": [phrases]}:
retrieval (hit@1, hit@3, MRR), the decline decision, the offline answers (every key present, length)
and, over a JSONL of {"text", "crisis"}, crisis recall and false alarms. `python -m bot eval` runs it
on the dev set and on the blind set (tests/data/blind, never used for tuning) side by side."""

from __future__ import annotations

import json
import re
import statistics
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bot.core.errors import BotError
from bot.core.answerability import RULE, Features, Thresholds, calibrate, decide
from bot.core.assistant import Assistant
from bot.core.extractive import answer_length
from bot.core.messages import Incoming, Reply
from bot.core.redaction import mask
from bot.core.terms import script_language
from bot.core.texts import text as ui

_ARTICLE_LANG = re.compile(r"-(zh|en)\.md$")


class EvalFileError(BotError):
    """The question file is missing or a line is not a valid question."""


@dataclass(frozen=True)
class Question:
    q: str
    expect: tuple[str, ...]
    lang: str
    keys: tuple[str, ...] = ()  # phrases a good answer contains, every one of them

    @property
    def answerable(self) -> bool:
        return bool(self.expect)

    @property
    def cross(self) -> bool:
        """Every expected article is written in the other language."""
        langs = {m.group(1) for a in self.expect if (m := _ARTICLE_LANG.search(a))}
        return bool(langs) and self.lang not in langs


@dataclass
class Outcome:
    question: Question
    ranked: list[str]  # article ids, best first
    answered: bool
    features: Features
    reason: str = ""
    answer: str = ""  # the offline answer's text before the sources line ("" when not asked for)

    @property
    def keys_present(self) -> bool:
        text = _plain(self.answer)
        return self.answered and all(_plain(key) in text for key in self.question.keys)

    @property
    def length(self) -> int:
        return answer_length(self.answer, self.question.lang)

    @property
    def rank(self) -> int | None:
        for index, article in enumerate(self.ranked):
            if article in self.question.expect:
                return index + 1
        return None


def _jsonl_rows(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, parsed JSON) for each non-blank line; EvalFileError names the file and line."""
    if not path.is_file():
        raise EvalFileError(f"{path}: no such file")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalFileError(f"{path}:{number}: not JSON ({exc.msg})") from exc


def load_questions(path: Path) -> list[Question]:
    """The questions of a JSONL file; errors name the line."""
    questions = []
    for number, row in _jsonl_rows(path):
        if not isinstance(row, dict) or not isinstance(row.get("q"), str) or not row["q"].strip():
            raise EvalFileError(f'{path}:{number}: needs a non-empty "q" string')
        expect = row.get("expect", [])
        if not isinstance(expect, list) or not all(isinstance(a, str) for a in expect):
            raise EvalFileError(f'{path}:{number}: "expect" must be a list of article ids')
        lang = row.get("lang") or script_language(row["q"]) or "zh"
        if lang not in ("zh", "en"):
            raise EvalFileError(f'{path}:{number}: "lang" must be zh or en, not {lang!r}')
        keys = row.get("keys", [])
        if not isinstance(keys, list) or not all(isinstance(k, str) and k.strip() for k in keys):
            raise EvalFileError(f'{path}:{number}: "keys" must be a list of non-empty phrases')
        questions.append(Question(row["q"], tuple(expect), lang, tuple(keys)))
    if not questions:
        raise EvalFileError(f"{path}: no questions")
    return questions


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def answer_body(reply: Reply) -> str:
    """The reply's text before the sources line: what the length budget counts."""
    marker = "\n\n" + ui("sources", reply.language)
    return reply.text.split(marker, 1)[0] if reply.answered else ""


def evaluate(assistant: Assistant, questions: list[Question], *, answers: bool = False) -> list[Outcome]:
    """Run each question through the Assistant's retrieval and decline decision, and with `answers`
    through its answer path as well (nothing is stored)."""
    outcomes = []
    for question in questions:
        found = assistant.retrieve(mask(question.q), question.lang)
        answered, body = found.decision.answer, ""
        if answers:
            reply = assistant.reply_to(mask(question.q), question.lang)
            answered, body = reply.answered, answer_body(reply)
        outcomes.append(Outcome(question, [m.article for m in found.matches], answered,
                                found.decision.features, found.decision.reason, body))
    return outcomes


@dataclass(frozen=True)
class CrisisCase:
    text: str
    crisis: bool
    lang: str


def load_crisis(path: Path) -> list[CrisisCase]:
    """The messages of a crisis JSONL file ({"text", "crisis": bool, "lang"}); errors name the line."""
    cases = []
    for number, row in _jsonl_rows(path):
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not isinstance(row.get("crisis"), bool):
            raise EvalFileError(f'{path}:{number}: needs a "text" string and a "crisis" true/false')
        cases.append(CrisisCase(row["text"], row["crisis"], row.get("lang") or script_language(row["text"]) or "zh"))
    return cases


def evaluate_crisis(assistant: Assistant, cases: list[CrisisCase]) -> dict[str, Any]:
    """Each message through Assistant.handle as a new user's first message: escalated as a crisis or not. The user ids are
    new on every run: a store kept from an earlier run would otherwise hold a crisis reply just before each message (stop
    31: "after a crisis reply" readings changed the second run's results)."""
    flagged = []
    run = uuid.uuid4().hex[:8]
    for number, case in enumerate(cases):
        reply = assistant.handle(Incoming(user_id=f"eval-crisis-{run}-{number}", text=case.text, language=case.lang))
        flagged.append(reply.kind == "crisis" or reply.escalation.reason == "crisis")
    crises = [f for f, c in zip(flagged, cases) if c.crisis]
    calm = [f for f, c in zip(flagged, cases) if not c.crisis]
    return {
        "crisis_messages": len(crises),
        "recall": round(sum(crises) / len(crises), 3) if crises else None,
        "other_messages": len(calm),
        "false_alarms": sum(calm),
        "false_alarms_per_20": round(20 * sum(calm) / len(calm), 2) if calm else None,
        "missed": [c.text for f, c in zip(flagged, cases) if c.crisis and not f],
        "false_alarm_texts": [c.text for f, c in zip(flagged, cases) if not c.crisis and f],
    }


def _group(outcomes: list[Outcome]) -> dict[str, Any]:
    answerable = [o for o in outcomes if o.question.answerable]
    decline = [o for o in outcomes if not o.question.answerable]
    ranks = [o.rank for o in answerable]
    n = len(answerable)
    keyed = [o for o in answerable if o.question.keys]
    lengths = {lang: [o.length for o in answerable if o.answer and o.question.lang == lang] for lang in ("zh", "en")}
    return {
        "questions": len(outcomes),
        "answerable": n,
        "hit@1": round(sum(1 for r in ranks if r == 1) / n, 3) if n else None,
        "hit@3": round(sum(1 for r in ranks if r and r <= 3) / n, 3) if n else None,
        "mrr": round(sum(1 / r for r in ranks if r) / n, 3) if n else None,
        "answered": round(sum(o.answered for o in answerable) / n, 3) if n else None,
        "to_decline": len(decline),
        "declined": round(sum(not o.answered for o in decline) / len(decline), 3) if decline else None,
        "with_keys": len(keyed),
        "keys": round(sum(o.keys_present for o in keyed) / len(keyed), 3) if keyed and any(o.answer for o in keyed)
        else None,
        "median_zh_chars": statistics.median(lengths["zh"]) if lengths["zh"] else None,
        "median_en_words": statistics.median(lengths["en"]) if lengths["en"] else None,
    }


def _spread(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    return {"min": round(min(values), 3), "median": round(statistics.median(values), 3), "max": round(max(values), 3)}


def _best_single_threshold(outcomes: list[Outcome]) -> dict[str, float]:
    """The best one could do with a cosine threshold alone: the baseline the decision must beat."""
    best = (-1.0, 0.0, 0.0, 0.0)
    for step in range(0, 301):
        threshold = 0.70 + step * 0.001
        answered = [o.features.top >= threshold for o in outcomes if o.question.answerable]
        declined = [o.features.top < threshold for o in outcomes if not o.question.answerable]
        a = sum(answered) / max(len(answered), 1)
        d = sum(declined) / max(len(declined), 1)
        if min(a, d) > best[0]:
            best = (min(a, d), threshold, a, d)
    return {"threshold": round(best[1], 3), "answered": round(best[2], 3), "declined": round(best[3], 3)}


def report(outcomes: list[Outcome], thresholds: Thresholds) -> dict[str, Any]:
    """Metrics per language, for cross-language questions and in total, plus the decline decision's numbers."""
    groups = {
        "zh": [o for o in outcomes if o.question.lang == "zh"],
        "en": [o for o in outcomes if o.question.lang == "en"],
        "cross": [o for o in outcomes if o.question.cross],
        "total": outcomes,
    }
    samples = [(o.features, o.question.answerable) for o in outcomes]
    calibrated = calibrate(samples)
    return {
        "metrics": {name: _group(group) for name, group in groups.items() if group},
        "decision": {
            "features": "top = best chunk's cosine to the question; sentence = best cosine of one sentence of the "
                        "retrieved chunks; lead = best cosine of a retrieved article's title + summary; "
                        "offtopic = mean cosine to the 3 nearest "
                        "off-topic reference phrases; background = mean cosine to every off-topic reference phrase "
                        "(how alike the question is to questions in general); overlap = share of the question's "
                        "words in the best article",
            "rule": RULE,
            "thresholds": asdict(thresholds),
            "gap_answerable": _spread([o.features.gap for o in outcomes
                                       if o.question.answerable and o.features.gap is not None]),
            "gap_decline": _spread([o.features.gap for o in outcomes
                                    if not o.question.answerable and o.features.gap is not None]),
            "top_score_answerable": _spread([o.features.top for o in outcomes if o.question.answerable]),
            "top_score_decline": _spread([o.features.top for o in outcomes if not o.question.answerable]),
            "single_threshold_baseline": _best_single_threshold(outcomes),
            "calibrated_on_this_file": {"thresholds": asdict(calibrated.thresholds),
                                        "answered": round(calibrated.answered, 3),
                                        "declined": round(calibrated.declined, 3)},
        },
        "misses": [
            {"q": o.question.q, "expect": list(o.question.expect), "got": o.ranked[:3], "answered": o.answered,
             "reason": o.reason}
            for o in outcomes
            if (o.question.answerable and (not o.answered or not o.rank or o.rank > 3))
            or (not o.question.answerable and o.answered)
        ],
        "key_misses": [
            {"q": o.question.q, "keys": list(o.question.keys), "answer": o.answer}
            for o in outcomes if o.question.keys and o.answer and not o.keys_present
        ],
    }


def rescore(outcomes: list[Outcome], thresholds: Thresholds) -> list[Outcome]:
    """The same outcomes decided again with other thresholds (no new search)."""
    return [Outcome(o.question, o.ranked, decide(o.features, thresholds).answer, o.features, o.reason, o.answer)
            for o in outcomes]
