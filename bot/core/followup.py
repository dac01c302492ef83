"""Make a follow-up question ("那要多久才能消?") standalone before it is searched."""

from __future__ import annotations

import re

from bot.core.terms import domain_terms, tokens

# Openings that lean on what was said before, whatever follows them.
_ANAPHORA = re.compile(
    r"^\s*(?:那|那么|那要|那我|这|这个|这样|它|还有|还会|如果|要是|另外|那如果|"
    r"what about|how about|and |then |what if|so )",
    re.IGNORECASE,
)
# Openings that only ask a question ("多久", "how long"): a follow-up unless the question names its
# own subject ("how long does a late payment stay on my credit report?" stands alone).
_QUESTION_OPENING = re.compile(
    r"^\s*(?:会不会|多久|要多久|is it|does it|do they|will it|can they|how long)", re.IGNORECASE
)
# 那 as "that" (before a verb: "那会影响征信吗", "那要多久"), not as "then" before a subject of its own ("那逾期了……")
_THAT = re.compile(r"^\s*(?:那|这)(?:么|样|个|种)?(?:会|要|能|可以|就|是|算|还|也|它|得)")
_OWN_QUESTION = re.compile(r"(?:能|会|可以|影响|算)[^呢]{0,12}(?:吗|么)\s*[?？]?\s*$|\b(?:can|will|does|is|do) (?:i|it|a|an|my|the)\b",
                           re.IGNORECASE)
_PRONOUN = re.compile(r"它|这个|那个|这种|那种|\b(?:it|that|this|they|them|those)\b", re.IGNORECASE)


def needs_context(question: str) -> bool:
    """True for a short question that leans on the previous one instead of naming its subject."""
    words = tokens(question)
    if len(words) > 6:
        return False
    if _ANAPHORA.search(question):
        # unless it names its own subject and asks its own question: "那逾期了还能办房贷吗" (stop 29 red team: the jail article of
        # the question before it); "那信用卡呢", "那要多久才能消" still lean on the one before
        return (bool(_THAT.match(question)) or not (domain_terms(question) and len(words) >= 3
                                                     and _OWN_QUESTION.search(question)))
    if _QUESTION_OPENING.search(question):
        return not domain_terms(question)
    return not domain_terms(question) and bool(_PRONOUN.search(question)) and len(words) <= 4


def key_terms(question: str, limit: int = 3) -> list[str]:
    """The previous question's words most worth carrying over: domain words first, then others."""
    words = list(dict.fromkeys(tokens(question)))
    domain = domain_terms(question)
    ranked = [w for w in words if w in domain] + [w for w in words if w not in domain]
    # Drop words contained in a longer chosen word (jieba's search mode yields "通讯" and "通讯录").
    out: list[str] = []
    for word in sorted(ranked, key=len, reverse=True):
        if not any(word in kept for kept in out):
            out.append(word)
    return sorted(out, key=ranked.index)[:limit]


class KeywordRewriter:
    """The offline rewriter: prefix the question with the key terms of the last question that had some."""

    def rewrite(self, question: str, previous: list[str], language: str) -> str:
        for earlier in reversed(previous):
            terms = [t for t in key_terms(earlier) if t not in question.lower()]
            if terms and domain_terms(earlier):
                return " ".join(terms) + " " + question.strip()
        return question
