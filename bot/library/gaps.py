"""Editors' to-do list: the questions the bot could not answer well, grouped by meaning.

A question counts as a gap when the bot declined it, a user pressed 👎 on the answer, or it was
escalated to a person. Questions are embedded with the same embedder as the library and grouped
greedily: each question joins the most similar existing group when its cosine similarity to the
group's centroid reaches `threshold`, else it starts a new group. multilingual-e5 puts unrelated
sentences at 0.73-0.86 and same-language paraphrases at 0.92-0.98 (measured on seeded
questions), hence the default. A paraphrase in the other language scores about 0.80, so a Chinese and an
English phrasing of one gap stay two groups.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import numpy as np

from bot.core.messages import Hit
from bot.core.ports import Exchange

DEFAULT_THRESHOLD = 0.89
EXAMPLES_PER_GROUP = 3


@dataclass
class GapGroup:
    questions: list[str] = field(default_factory=list)
    reasons: dict[str, int] = field(default_factory=dict)
    closest_article: str | None = None
    closest_title: str | None = None
    closest_score: float | None = None

    @property
    def count(self) -> int:
        return len(self.questions)

    @property
    def examples(self) -> list[str]:
        unique: list[str] = []
        for question in self.questions:
            if question not in unique:
                unique.append(question)
        return unique[:EXAMPLES_PER_GROUP]

    def as_json(self) -> dict:
        return {
            "count": self.count,
            "examples": self.examples,
            "reasons": self.reasons,
            "closest_article": self.closest_article,
            "closest_title": self.closest_title,
            "closest_score": None if self.closest_score is None else round(self.closest_score, 3),
        }


def gap_reason(exchange: Exchange) -> str | None:
    """Why an exchange is on the editors' list, or None when it is not."""
    if exchange.kind == "decline":
        return "declined"
    if exchange.feedback < 0:
        return "thumbs_down"
    if exchange.escalated and exchange.kind not in ("crisis",):
        return "escalated"
    return None


def select_gaps(exchanges: Sequence[Exchange]) -> list[tuple[str, str]]:
    """(question, reason) for every exchange that is a gap and has a question worth reading."""
    selected = []
    for exchange in exchanges:
        reason = gap_reason(exchange)
        question = exchange.question.strip()
        if reason and question and not question.startswith("/"):
            selected.append((question, reason))
    return selected


def group_questions(
    items: Sequence[tuple[str, str]],
    embed: Callable[[list[str]], Sequence[Sequence[float]]],
    threshold: float = DEFAULT_THRESHOLD,
) -> list[GapGroup]:
    """Group (question, reason) pairs by meaning, most frequent group first."""
    if not items:
        return []
    vectors = np.asarray(embed([question for question, _ in items]), dtype=np.float64)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True).clip(min=1e-12)
    groups: list[GapGroup] = []
    sums: list[np.ndarray] = []
    for (question, reason), vector in zip(items, vectors):
        best, best_score = None, threshold
        for index, total in enumerate(sums):
            score = float(vector @ (total / np.linalg.norm(total)))
            if score >= best_score:
                best, best_score = index, score
        if best is None:
            groups.append(GapGroup())
            sums.append(np.zeros_like(vector))
            best = len(groups) - 1
        groups[best].questions.append(question)
        groups[best].reasons[reason] = groups[best].reasons.get(reason, 0) + 1
        sums[best] = sums[best] + vector
    groups.sort(key=lambda group: -group.count)
    return groups


def attach_closest_articles(groups: list[GapGroup], search: Callable[[str, int], list[Hit]]) -> None:
    """Name the existing article nearest to each group, so editors see what to extend or add."""
    for group in groups:
        hits = search(group.questions[0], 1)
        if hits:
            group.closest_article = hits[0].article
            group.closest_title = hits[0].title
            group.closest_score = hits[0].score


def find_gaps(
    exchanges: Sequence[Exchange],
    embed: Callable[[list[str]], Sequence[Sequence[float]]],
    search: Callable[[str, int], list[Hit]] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[GapGroup]:
    groups = group_questions(select_gaps(exchanges), embed, threshold)
    if search is not None:
        attach_closest_articles(groups, search)
    return groups


def since_days(days: float, now: datetime | None = None) -> datetime:
    return (now or datetime.now(timezone.utc)) - timedelta(days=days)
