"""The contract between the core and whatever writes an answer: passages in, a draft out, and its checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.core.messages import Source


class AnswerUnavailable(Exception):
    """The writer could not produce a usable answer (timeout, rate limit, server error, garbled reply)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class NoGroundedAnswer(AnswerUnavailable):
    """The writer checked the passages and found they do not answer the question: decline, don't fall back."""


@dataclass(frozen=True)
class Passage:
    """One retrieved chunk as a writer sees it; `number` is what citations like [2] refer to."""

    number: int
    article: str
    title: str
    heading: str
    text: str
    lang: str = ""
    summary: str = ""
    role: str = "article"
    sentences: tuple[str, ...] = ()  # stored at ingest (bot.library.sentences); () for an old store
    sentence_vectors: Any = field(default=None, compare=False, repr=False)
    lead_vector: Any = field(default=None, compare=False, repr=False)


@dataclass
class Draft:
    text: str
    sources: list[Source] = field(default_factory=list)
    guidance: bool = False  # the answer tells the user what to do: it gets the "not advice" line


_CITATION = re.compile(r"\[(\d+)\]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_PROMISE = re.compile(
    r"保证(?:能|可以|会)|一定(?:能|可以|会)(?:减免|免除|删除|消除|成功)|肯定(?:能|会)(?:减免|删除|成功)|"
    r"guarantee[sd]?|will definitely|will certainly|(?:will|can) be (?:wiped|erased|forgiven)",
    re.IGNORECASE,
)
_GUIDANCE = re.compile(
    r"建议|可以|应该|不要|别|先|尽快|记得|保留|联系|拨打|投诉|协商|申请|要求|"
    r"\b(?:should|you can|you could|don't|do not|ask|call|contact|keep|request|negotiate|apply|write|check|try)\b",
    re.IGNORECASE,
)


def cited_numbers(text: str) -> list[int]:
    """The passage numbers the text cites, in order of first appearance."""
    seen: list[int] = []
    for match in _CITATION.finditer(text):
        number = int(match.group(1))
        if number not in seen:
            seen.append(number)
    return seen


def remove_bad_citations(text: str, passage_count: int) -> str:
    """The text without citations that point at no passage."""
    def keep(match: re.Match[str]) -> str:
        return match.group() if 1 <= int(match.group(1)) <= passage_count else ""

    return _CITATION.sub(keep, text)


def ungrounded_numbers(answer: str, passages: list[Passage]) -> set[str]:
    """Numbers in the answer that appear in no passage: figures the writer made up."""
    body = _CITATION.sub("", answer)
    known = " ".join(p.text + " " + p.title for p in passages)
    known_numbers = {n.replace(",", "") for n in _NUMBER.findall(known)}
    # Small numbers are list markers and counts ("1.", "2 steps"), not figures anyone relies on.
    return {
        n for n in _NUMBER.findall(body)
        if n.replace(",", "") not in known_numbers and not (n.isdigit() and int(n) <= 10)
    }


def promises_outcome(text: str) -> bool:
    """True when the text promises an outcome (forgiveness, a deleted record) nobody can promise."""
    return bool(_PROMISE.search(text))


def gives_guidance(text: str) -> bool:
    """True when the text advises the user to do something."""
    return bool(_GUIDANCE.search(text))
