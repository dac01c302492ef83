"""The offline writer: quote the sentences of the best passages that answer the question. Never invents."""

from __future__ import annotations

import re

from bot.core.instructions import without_instructions
from bot.core.drafting import AnswerUnavailable, Draft, Passage, gives_guidance
from bot.core.messages import Source
from bot.core.safety import looks_like_injection
from bot.core.terms import DOMAIN_VOCABULARY, tokens
from bot.core.texts import text as ui

# A full stop ends an English sentence only before a capital letter or a quote, so "15 U.S.C. 1681c"
# stays whole.
_SENTENCE_END = re.compile(r"(?<=[。！？；!?])|(?<=[.])\s+(?=[A-Z\"“(])|\n+")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MARKUP = re.compile(r"^\s*(?:#+\s*|[-*+]\s+|\d+[.)、]\s*|>\s*)|\*\*|__|`")


def clean_sentence(sentence: str) -> str:
    """A sentence without Markdown markup."""
    sentence = _LINK.sub(r"\1", sentence)
    sentence = _MARKUP.sub("", sentence)
    return _MARKUP.sub("", sentence).strip(" \t|")


_TERMINAL = re.compile(r"[。！？；.!?;）)”\"]\s*$")
# What kind of answer the question wants, and what a sentence giving it contains.
_WANTS = (
    (re.compile(r"多久|多长时间|几年|几天|几个月|how long|how many (?:years|months|days)|when", re.IGNORECASE),
     re.compile(r"(?<!\d)\d{1,3}\s*(?:年|个月|天|years?|months?|days?)|[一二三四五六七八九十两]+\s*(?:年|个月|天)",
                re.IGNORECASE)),
    (re.compile(r"多少|怎么算|如何计算|how much|calculate|rate", re.IGNORECASE),
     re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|倍|元|yuan|percent)|[×÷=]", re.IGNORECASE)),
)


def _balanced(sentence: str) -> bool:
    """False for a fragment cut out of a parenthesis ("June has 30 days), it is ...")."""
    return sentence.count("(") == sentence.count(")") and sentence.count("（") == sentence.count("）")


def split_sentences(passage_text: str) -> list[str]:
    """The sentences of a passage, cleaned, headings and fragments dropped."""
    out = []
    for line in passage_text.splitlines():
        # Headings, with or without their "#", are not answers.
        line = without_instructions(line)
        if line.lstrip().startswith("#") or (len(line.strip()) < 40 and not _TERMINAL.search(line)
                                             and not re.match(r"\s*(?:[-*+]|\d+[.)、])\s", line)):
            continue
        for raw in _SENTENCE_END.split(line):
            sentence = clean_sentence(raw or "")
            # Questions (FAQ headings) and lead-ins to a list or example ("按一年365天计：") answer nothing alone.
            if (len(sentence) >= 6 and not sentence.endswith(("?", "？", ":", "：")) and _balanced(sentence)
                    and not looks_like_injection(sentence)):
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
        kinds = [answer for asks, answer in _WANTS if asks.search(question)]
        candidates: list[tuple[float, int, int, str, Passage]] = []
        articles = list(dict.fromkeys(p.article for p in passages))
        for passage in passages:
            for index, sentence in enumerate(split_sentences(passage.text)):
                words = set(tokens(sentence))
                score = len(words & wanted) + 0.5 * len(words & domain)
                score += sum(2.0 for kind in kinds if kind.search(sentence))
                if score > 0 and passage.number == 1:
                    score += 0.5  # the chunk the search ranked first is the likeliest to answer
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
        if len(used) == 1:
            lead = ui("lead_in", language, title=titles[used[0]])
        else:
            lead = ui("lead_in_many", language, titles=ui("title_join", language).join(
                ui("title_quote", language, title=titles[a]) for a in used))
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
