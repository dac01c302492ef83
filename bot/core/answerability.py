"""Decide whether the library can answer a question, from several features rather than one cosine threshold.

With multilingual-e5 the top cosine score of an off-topic question ("明天天气怎么样") and of a good
question both land around 0.84-0.86, so the score alone cannot separate them. The decision adds
what the words say: whether the question uses the domain's vocabulary, and how many of its content
words the best article actually contains. Thresholds are calibrated on the dev set
(`python -m bot eval` prints the features and the calibration).
"""

from __future__ import annotations

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

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class Thresholds:
    """Answer when the score is high enough AND the words say the question is in the domain."""

    floor: float = 0.80  # below this nothing is answered
    sure: float = 0.90  # at or above this the score alone is enough
    min_domain: int = 1  # domain words needed between floor and sure ...
    min_overlap: float = 0.34  # ... or this share of the question's words in the best article


@dataclass(frozen=True)
class Decision:
    answer: bool
    reason: str
    features: Features


def features_of(question: str, matches: list[ArticleMatch]) -> Features:
    """The features of a question and its grouped search results."""
    words = set(tokens(question))
    if not matches:
        return Features(0.0, 0.0, 0.0, len(domain_terms(question)), len(words))
    best = matches[0]
    second = matches[1].score if len(matches) > 1 else 0.0
    article_words = set(tokens(best.title + " " + " ".join(h.heading + " " + h.text for h in best.hits)))
    overlap = len(words & article_words) / len(words) if words else 0.0
    return Features(best.score, best.score - second, overlap, len(domain_terms(question)), len(words))


def decide(features: Features, thresholds: Thresholds = Thresholds()) -> Decision:
    """Answer or decline, with the reason in words (it is logged with content gaps)."""
    if features.top < thresholds.floor:
        return Decision(False, f"top score {features.top:.3f} below floor {thresholds.floor}", features)
    if features.top >= thresholds.sure:
        return Decision(True, f"top score {features.top:.3f} at or above {thresholds.sure}", features)
    if features.domain >= thresholds.min_domain:
        return Decision(True, f"{features.domain} domain word(s)", features)
    if features.overlap >= thresholds.min_overlap:
        return Decision(True, f"word overlap {features.overlap:.2f}", features)
    return Decision(False, "no domain words and little word overlap with the best article", features)


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
    floors = [round(0.70 + 0.005 * i, 3) for i in range(41)]
    sures = [round(0.84 + 0.01 * i, 2) for i in range(12)]
    for floor, sure, min_domain, min_overlap in product(floors, sures, (1, 2), (0.34, 0.5, 0.67, 1.01)):
        if sure < floor:
            continue
        t = Thresholds(floor, sure, min_domain, min_overlap)
        answered = sum(decide(f, t).answer for f in answerable) / max(len(answerable), 1)
        declined = sum(not decide(f, t).answer for f in decline) / max(len(decline), 1)
        key = (min(answered, declined), answered + declined, floor)
        if best is None or key > best[0]:
            best = (key, Calibration(t, answered, declined))
    assert best is not None
    return best[1]
