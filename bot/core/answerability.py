"""Decide whether the library can answer a question, from several features rather than one cosine threshold.

With multilingual-e5 the top cosine score of an off-topic question ("明天天气怎么样") and of a good
question both land around 0.84-0.86, so the score alone cannot separate them. The decision adds
what the words say: whether the question uses the domain's vocabulary, how many of its content
words the library never uses at all ("公积金", "crypto", "recipe"), and how many the best article
contains. Thresholds are calibrated on the dev set
(`python -m bot eval` prints the features and the calibration).
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import asdict, dataclass
from itertools import product

from bot.core.passages import ArticleMatch
from bot.core.terms import domain_terms, tokens


@dataclass(frozen=True)
class Features:
    top: float  # best chunk's score
    margin: float  # best article's score minus the second article's
    overlap: float  # share of the question's content words found in the best article's chunks
    domain: int  # how many domain-vocabulary words the question uses
    words: int  # how many content words the question has
    unknown: float = 0.0  # share of the question's content words that appear nowhere in the library

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class Thresholds:
    """Between `floor` and `sure`, the words decide: a question with domain words is answered unless
    too many of its words are foreign to the library; one without needs every word known to the
    library and some overlap with the best article."""

    floor: float = 0.80  # below this nothing is answered
    sure: float = 0.89  # at or above this the score alone is enough
    max_unknown: float = 0.5  # with domain words: decline at or above this share of unknown words
    min_overlap: float = 0.3  # without domain words: this share of the words must be in the best article


@dataclass(frozen=True)
class Decision:
    answer: bool
    reason: str
    features: Features


def features_of(question: str, matches: list[ArticleMatch], known: Container[str] | None = None) -> Features:
    """The features of a question and its grouped search results; `known` holds the library's words."""
    words = set(tokens(question))
    unknown = sum(1 for w in words if w not in known) / len(words) if known is not None and words else 0.0
    if not matches:
        return Features(0.0, 0.0, 0.0, len(domain_terms(question)), len(words), unknown)
    best = matches[0]
    second = matches[1].score if len(matches) > 1 else 0.0
    article_words = set(tokens(best.title + " " + " ".join(h.heading + " " + h.text for h in best.hits)))
    overlap = len(words & article_words) / len(words) if words else 0.0
    return Features(best.score, best.score - second, overlap, len(domain_terms(question)), len(words), unknown)


def decide(features: Features, thresholds: Thresholds = Thresholds()) -> Decision:
    """Answer or decline, with the reason in words (it is logged with content gaps)."""
    if features.top < thresholds.floor:
        return Decision(False, f"top score {features.top:.3f} below floor {thresholds.floor}", features)
    if features.top >= thresholds.sure:
        return Decision(True, f"top score {features.top:.3f} at or above {thresholds.sure}", features)
    if features.domain:
        if features.unknown < thresholds.max_unknown:
            return Decision(True, f"{features.domain} domain word(s)", features)
        return Decision(False, f"{features.unknown:.0%} of the words are unknown to the library", features)
    if features.unknown == 0 and features.overlap >= thresholds.min_overlap:
        return Decision(True, f"no domain words, but word overlap {features.overlap:.2f}", features)
    return Decision(False, "no domain words, and words the library does not use", features)


@dataclass(frozen=True)
class Calibration:
    thresholds: Thresholds
    answered: float  # share of answerable questions answered
    declined: float  # share of the decline set declined


def calibrate(samples: list[tuple[Features, bool]]) -> Calibration:
    """The thresholds that best separate answerable (True) from decline (False) samples.

    Maximises the lower of the two shares (answered, declined), then their sum, so neither side is
    sacrificed for the other; ties prefer the stricter floor."""
    answerable = [f for f, ok in samples if ok]
    decline = [f for f, ok in samples if not ok]
    best: tuple[tuple[float, float, float], Calibration] | None = None
    floors = [round(0.70 + 0.005 * i, 3) for i in range(37)]
    sures = [round(0.85 + 0.005 * i, 3) for i in range(15)]
    for floor, sure, max_unknown, min_overlap in product(floors, sures, (0.34, 0.5, 0.67), (0.2, 0.3, 0.4, 0.5)):
        if sure < floor:
            continue
        t = Thresholds(floor, sure, max_unknown, min_overlap)
        answered = sum(decide(f, t).answer for f in answerable) / max(len(answerable), 1)
        declined = sum(not decide(f, t).answer for f in decline) / max(len(decline), 1)
        key = (min(answered, declined), answered + declined, floor)
        if best is None or key > best[0]:
            best = (key, Calibration(t, answered, declined))
    assert best is not None
    return best[1]
