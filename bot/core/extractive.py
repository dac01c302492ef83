"""The offline writer: quote the sentences of the best passages that answer the question. Never invents."""

from __future__ import annotations

import re

from bot.core.drafting import AnswerUnavailable, Draft, Passage, gives_guidance
from bot.core.messages import Source
from bot.core.safety import looks_like_injection
from bot.core.terms import DOMAIN_VOCABULARY, tokens
from bot.core.texts import text as ui

_SENTENCE_END = re.compile(r"(?<=[。！？；!?])|(?<=[.;])\s+|\n+")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MARKUP = re.compile(r"^\s*(?:#+\s*|[-*+]\s+|\d+[.)、]\s*|>\s*)|\*\*|__|`")


def clean_sentence(sentence: str) -> str:
    """A sentence without Markdown markup."""
    sentence = _LINK.sub(r"\1", sentence)
    sentence = _MARKUP.sub("", sentence)
    return _MARKUP.sub("", sentence).strip(" \t|")


def split_sentences(passage_text: str) -> list[str]:
    """The sentences of a passage, cleaned, headings and fragments dropped."""
    out = []
    for line in passage_text.splitlines():
        if line.lstrip().startswith("#"):
            continue
        for raw in _SENTENCE_END.split(line):
            sentence = clean_sentence(raw or "")
            if len(sentence) >= 6 and not looks_like_injection(sentence):
                out.append(sentence)
    return out


class ExtractiveWriter:
    """Picks the passages' sentences that share most words with the question, in article order."""

    def __init__(self, max_sentences: int = 4):
        self.max_sentences = max_sentences

    def write(self, question: str, passages: list[Passage], language: str) -> Draft:
        """A lead-in, the best sentences as bullet points, and the articles they came from."""
        if not passages:
            raise AnswerUnavailable("no passages to quote")
        wanted = set(tokens(question))
        domain = {w for w in wanted if w in DOMAIN_VOCABULARY}
        candidates: list[tuple[float, int, int, str, Passage]] = []
        articles = list(dict.fromkeys(p.article for p in passages))
        for passage in passages:
            for index, sentence in enumerate(split_sentences(passage.text)):
                words = set(tokens(sentence))
                score = len(words & wanted) + 0.5 * len(words & domain)
                candidates.append((score, articles.index(passage.article), passage.number * 1000 + index, sentence, passage))
        if not candidates:
            raise AnswerUnavailable("the passages hold no quotable sentence")
        primary = passages[0].article
        best_primary = max((c[0] for c in candidates if c[4].article == primary), default=0.0)
        chosen = [
            c for c in candidates
            if c[0] > 0 and (c[4].article == primary or c[0] >= max(best_primary, 1.0))
        ]
        chosen.sort(key=lambda c: (-c[0], c[1], c[2]))
        chosen = chosen[: self.max_sentences]
        if not chosen:
            # No sentence shares a word with the question: the search still judged this chunk
            # the best match, so quote its opening sentences rather than nothing.
            chosen = [c for c in candidates if c[4].number == passages[0].number][:2]
        chosen.sort(key=lambda c: (c[1], c[2]))
        used = list(dict.fromkeys(c[4].article for c in chosen))
        titles = {p.article: p.title for p in passages}
        lead = ui("lead_in", language, title=titles[used[0]])
        lines = [lead] + [f"• {c[3]}" for c in chosen]
        langs = {p.article: p.lang for p in passages}
        if langs[used[0]] and langs[used[0]] != language:
            lines.insert(0, ui("other_language", language))
        body = "\n".join(lines)
        return Draft(
            text=body,
            sources=[Source(article=a, title=titles[a]) for a in used],
            guidance=gives_guidance(" ".join(c[3] for c in chosen)),
        )
