"""Retrieved chunks grouped by article, the user's language preferred when the library has both."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.drafting import Passage
from bot.core.instructions import safe_title
from bot.core.messages import Hit, Source


@dataclass
class ArticleMatch:
    """One article among the search results, with its chunks in retrieval order."""

    article: str
    title: str
    lang: str
    score: float  # the best chunk's score
    hits: list[Hit] = field(default_factory=list)

    @property
    def role(self) -> str:
        return self.hits[0].role if self.hits else "article"

    @property
    def jurisdiction(self) -> str:
        return self.hits[0].jurisdiction if self.hits else "general"

    @property
    def source(self) -> Source:
        return Source(article=self.article, title=self.title)


def group_by_article(hits: list[Hit], language: str, language_lift: int = 1) -> list[ArticleMatch]:
    """Articles in the order their best chunk was retrieved, each lifted `language_lift` places
    ahead of other-language articles when written in the user's language."""
    matches: dict[str, ArticleMatch] = {}
    for hit in hits:
        match = matches.get(hit.article)
        if match is None:
            matches[hit.article] = ArticleMatch(hit.article, safe_title(hit.title, hit.article), hit.lang, hit.score, [hit])
        else:
            match.hits.append(hit)
            match.score = max(match.score, hit.score)
    ordered = list(matches.values())
    if language_lift <= 0:
        return ordered
    ranked = sorted(
        enumerate(ordered),
        key=lambda pair: pair[0] - (language_lift + 0.5 if pair[1].lang == language else 0),
    )
    return [match for _, match in ranked]


def to_passages(matches: list[ArticleMatch], articles: int = 2, per_article: int = 2) -> list[Passage]:
    """Numbered passages from the best chunks of the best articles, for a writer."""
    passages: list[Passage] = []
    chosen = matches[:articles]
    if chosen and all(m.role == "story" for m in chosen):
        # A story is context only: bring in the best article that states the rules.
        chosen += [m for m in matches[articles:] if m.role != "story"][:1]
    for match in chosen:
        for hit in match.hits[:per_article]:
            passages.append(
                Passage(len(passages) + 1, hit.article, match.title, hit.heading, hit.text, hit.lang or match.lang,
                        hit.summary, hit.role, hit.sentences, hit.sentence_vectors, hit.lead_vector)
            )
    return passages
