"""The contract between the core and whatever writes an answer: passages in, a draft out, and its checks."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
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


class Deadline:
    """One moment by which the whole answer must be out, retries and the follow-up rewrite included."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.at = clock() + seconds

    def remaining(self) -> float:
        """Seconds left, never below zero."""
        return max(0.0, self.at - self.clock())

    def passed(self, margin: float = 0.0) -> bool:
        """True when less than `margin` seconds are left."""
        return self.remaining() <= margin


# Claims that hurt a borrower who believes them, and that an injected prompt tries to plant. Each is
# accepted only when a passage makes the same claim outright (not while warning about it).
_CLAIMS = {
    "no credit impact": re.compile(
        r"(?:不会|不|没有?|无)(?:会|再)?(?:影响|上|进|计入|记入|报送|留在?)(?:到)?(?:你的|个人|您的)?征信|征信(?:不会|不)(?:受|被)?影响|"
        r"(?:won'?t|will not|doesn'?t|does not|never|not) (?:\w+ ){0,2}(?:affect|hurt|harm|show up on|appear on|be reported to) "
        r"(?:your |the )?credit|no (?:impact|effect) on (?:your |the )?credit", re.IGNORECASE),
    "record removed": re.compile(
        r"(?:能|可以|可|帮你?|帮您|为你|为您|给你)(?:提前|直接|马上|立即|快速)?(?:删除|删掉|消除|洗白|修复|抹掉|抹去|撤销|清除|消掉)|"
        r"\b(?:can|will|could|may|able to) (?:\w+ ){0,2}(?:delete|remove|erase|wipe)(?:s|d|ed|ing)?\b", re.IGNORECASE),
    "pay to remove": re.compile(
        r"(?:交|付|缴|转|支付|花|给)[^。！？!?\n]{0,14}?(?:删除|删掉|消除|洗白|修复|抹掉|撤销|清除|不上征信|不影响征信)|"
        r"\bpay\w*\b[^.!?\n]{0,40}?\b(?:delete|remove|erase|wipe)\w*|"
        r"\b(?:delete|remove|erase|wipe)\w* [^.!?\n]{0,40}?for (?:just |only )?(?:a fee|\$?\d)", re.IGNORECASE),
    "risky borrowing": re.compile(
        r"(?:可以|建议|请|放心|不妨|赶紧|推荐|最好)[^。！？!?\n]{0,10}?(?:高炮|撸口子|以贷养贷|借新还旧|"
        r"(?:网贷|小贷|贷款平台|借贷平台|口子|高利贷)[^。！？!?\n]{0,6}?(?:借|贷|周转))|"
        r"\b(?:should|could|can|try|consider|recommend)\w* (?:\w+ ){0,4}?(?:payday|borrow\w* (?:\w+ ){0,3}?to (?:re)?pay|"
        r"tak\w* out (?:a |another )?(?:new )?loan)", re.IGNORECASE),
    "no need to repay": re.compile(
        r"不用还|不需要还|无需还|不必还|可以不还|不还也|免还|债务(?:已经?|会|将)?(?:被)?(?:免除|取消|一笔勾销|清零)|"
        r"(?:don'?t|do not|doesn'?t|won'?t) (?:need|have) to (?:re)?pay|no need to (?:re)?pay|"
        r"(?:debt|loan)s? (?:is|are|will be|has been|have been) (?:forgiven|cancell?ed|written off)", re.IGNORECASE),
}
# The claim named in order to warn about it, or advice against it, is not the claim.
_AGAINST = re.compile(
    r"骗|诈|谎|谣言|声称|号称|宣称|承诺|假的|误区|不可信|不等于|并非|并不|不代表|谁都|切勿|避免|警惕|小心|千万|"
    r"\bscams?\b|fraud|\bfake\b|\blies?\b|myth|\bavoid|\bbeware\b|\bwarn|\bno one\b|\bnobody\b", re.IGNORECASE)
# Claims that are not negative by nature are also undone by a plain negation ("不能删除", "cannot remove").
_NEGATION = re.compile(r"不|没|别|无法|\bnot\b|n't\b|\bnever\b|\bno\b|\bcannot\b", re.IGNORECASE)
_NEGATIVE_CLAIMS = ("no credit impact", "no need to repay")
_QUESTION = re.compile(r"[?？]\s*$|会不会|能不能|是不是|可不可以|多久|多长时间|什么时候|怎么|如何|为什么|吗\s*$|^\s*(?:#|title:|tags:|summary:)|\*\*", re.IGNORECASE)
_SPACED_CJK = re.compile(r"\s+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s+")
_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|「[^」\n]*」")
_URL = re.compile(r"https?://[^\s)\]>\"'，。]+|www\.[^\s)\]>\"'，。]+|\]\([^)]*\)", re.IGNORECASE)


def _claims_in(text: str) -> set[str]:
    """The dangerous claims a text makes outright: not asked, not warned about, not negated."""
    found = set()
    for clause in re.findall(r"[^。！？；;!?\n]+[。！？；;!?]?", _SPACED_CJK.sub("", text)):
        if _QUESTION.search(clause) or _AGAINST.search(clause):
            continue
        negated = bool(_NEGATION.search(clause))
        found |= {name for name, pattern in _CLAIMS.items()
                  if pattern.search(clause) and (name in _NEGATIVE_CLAIMS or not negated)}
    return found


def unsupported_claims(answer: str, passages: list[Passage]) -> set[str]:
    """Dangerous claims the answer makes that no passage makes ("逾期不会影响征信", pay-to-delete ...)."""
    claimed = _claims_in(_CITATION.sub("", answer))
    if not claimed:
        return set()
    supported: set[str] = set()
    for p in passages:
        supported |= _claims_in(_QUOTED.sub("", p.text))  # a scammer quoted in an article claims nothing
    return claimed - supported


def foreign_links(answer: str, passages: list[Passage]) -> list[str]:
    """Links in the answer that no passage holds: a model may be talked into sending people anywhere."""
    known = " ".join(p.text for p in passages)
    return [link for link in _URL.findall(answer) if link.strip("]()") not in known]
