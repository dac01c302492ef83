"""Intent by meaning: a softmax (multinomial logistic) regression over the embedder's query vectors.

The exemplars (exemplars.yaml) are embedded once and cached on disk under a key made of the file's
bytes and the embedder's name, so editing a phrase or changing the embedder re-embeds, and nothing
is embedded at import time. The regression is trained on first use (milliseconds on a few hundred
vectors) with numpy alone: no new dependency for a model this small.

Crisis is decided in two stages, both by meaning. The regression's crisis probability proposes
(recall first, on a low threshold); a nearest-neighbour margin then checks the proposal: how much
nearer the message sits to its closest crisis exemplars than to its closest other exemplars
(everyday stress, idioms, questions). A whole message the regression is unsure of and whose
neighbours are clearly everyday is not a crisis; a clause judged alone (out of its context) counts
only when its neighbours are clearly crisis.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from bot.core.ports import INTENTS, Embedder, Reading
from bot.core.safety import (looks_like_injection, mentions_risk, negates_crisis, pinyin_debt_question, reports_a_scam,
                             without_idioms)

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
EXEMPLARS = HERE / "exemplars.yaml"
SHIPPED = HERE / "vectors.npz"  # precomputed for the default embedder; used when its key matches
EVERYDAY = HERE / "everyday.txt"  # everyday messages that are no crisis (see EVERYDAY_MARGIN)
EVERYDAY_SHIPPED = HERE / "everyday.npz"

# Recall first: a false alarm costs a kind message and a person, a miss may cost a life. The crisis
# exemplars hold about 240 hard cases per language written by a helper who saw no code or evaluation set
# (buried clauses, arrangements, means, self-harm, slang) against as many calm ones that share their
# words, and 250 ordinary borrowers' questions by another (without them the buried clauses taught the
# regression that a loan question leans crisis). With them, 0.35, VETO_MARGIN -0.005 and VETO_BELOW 0.7
# were chosen on the crisis messages of dev, tuning, the unit tests' lists and three fresh probe sets
# (tests/data/crisis_probes.jsonl; about 230 crisis, 230 calm; fewest misses, then fewest false alarms):
# 1 miss and 12 false alarms there, where 0.25 / -0.02 / 0.9 without the hard cases missed 20 and raised
# 20; 3 of the 389 dev, tuning and extra questions read as a crisis (4 before). A fourth fresh set
# (tests/data/heldout/crisis.jsonl), only checked: 1 miss and 4 false alarms of 40 each (3 and 9 before);
# a fifth, written after every change and run once: 1 miss and 2 false alarms (4 and 3 before).
CRISIS_THRESHOLD = 0.35
# A long message dilutes a crisis clause ("这钱到死也还不清，周末就去水库那边…"): when the whole
# scores in this grey zone below the threshold, or holds a word crisis clauses tend to carry
# (bot.core.safety.mentions_risk: "不在了", "letters", "won't be around"), each clause is judged alone
# too. Crisis messages that needed the grey zone scored 0.13 and up as a whole (dev, tuning, probes);
# at 0.1 a dev message costs 1.01 embeddings (1.13 at 0.01, where the hard cases put 19 dev questions).
GREY_ZONE = 0.1
MAX_CLAUSES = 8  # judged alone at most, so a message of a thousand commas costs nine embeddings, not a thousand
# a space between Chinese characters is a comma too ("交不起 到时候就只能从楼上下去了": the clause read 0.86, the
# whole 0.11; stop 28 red team, a repeated disclosure missed)
_CLAUSES = re.compile(r"[，,。.!！?？;；…]+|(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
# The second stage: the margin is the mean cosine to the NEIGHBOURS nearest crisis exemplars minus
# the mean cosine to the NEIGHBOURS nearest other exemplars. A whole message the regression is unsure
# of (below VETO_BELOW) is vetoed when its margin is under VETO_MARGIN (both chosen with the threshold,
# above; a regression this sure is not vetoed: "thinking about ending my own life ..." scores 0.86):
# the calm hard cases pull everyday hyperbole ("I nearly died when I saw ...") below it. A clause alone
# ("我整个人都炸了", "I'm losing my mind") is short and context-free, so it must sit clearly on the
# crisis side: real crisis clauses scored +0.012 and up, hyperbole up to +0.006.
NEIGHBOURS = 5
VETO_MARGIN = -0.005
# 0.7 until stop 25; 0.8 since the short debt statements joined the plan exemplars: "我给朋友做担保 他不还了 银行
# 来找我要钱 这合理吗" then read 0.72 with a margin of -0.013 and escalated. At 0.8 the ordinary questions
# alarm 5 of 474 (8 at 0.7, 6 at 0.75), the fresh probes' look-alike closures 27 of 40 (29), no crisis message
# of dev, tuning, the probes or the fresh probes missed more.
VETO_BELOW = 0.8
CLAUSE_MARGIN = 0.01
# A clause the regression is sure of (>= SURE_CLAUSE) needs less margin: "今晚我去天上找我奶奶" scored 0.80 with
# +0.009 (a farewell clause beside a break-up and a debt, missed; fresh probes written blind, stop 25).
SURE_CLAUSE, SURE_CLAUSE_MARGIN = 0.7, 0.005
# Everyday messages far from debt ("今天上海下雨吗 出门要不要带伞" 0.64, a headache question 0.83) read as a
# crisis: off_topic has few exemplars beside the crisis ones, so text far from everything leaned crisis
# (22 of 160 everyday messages written blind, tests/data/everyday.jsonl). Such messages sit nearer
# everyday.txt (160 more by the same helper) than the crisis exemplars: a crisis read by meaning alone,
# with no risk word (bot.core.safety.mentions_risk; the patterns are never vetoed), is vetoed when the
# mean cosine of its 5 nearest everyday messages exceeds that of its 5 nearest crisis exemplars by more
# than this. Chosen on dev, tuning and the probes (stop 20): at -0.01 they miss no more crisis messages
# than without it (0, 0, 1) and 5 of the 160 everyday messages (22), 7 of 474 questions (9) escalate;
# at -0.02 a probe crisis message is missed.
EVERYDAY_MARGIN = -0.01


_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def _no_words(text: str) -> bool:
    """True for a long text of fewer than three different letters or Chinese characters ("aaaa…",
    "1-1-1-…"): nothing in it can be read as a meaning. "哈哈哈" is short and still read."""
    return len(text) > 12 and len(set(_LETTERS.findall(text.lower()))) < 3


class UnderstandingError(Exception):
    """The exemplar file is missing or malformed."""


@dataclass(frozen=True)
class Exemplar:
    intent: str
    language: str
    text: str


def load_exemplars(path: Path = EXEMPLARS) -> list[Exemplar]:
    """Every exemplar phrase in the file, in file order; raises UnderstandingError naming the problem."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise UnderstandingError(f"cannot read the exemplars {path}: {exc}") from exc
    if not isinstance(raw, dict):
        raise UnderstandingError(f"{path}: expected intents at the top level")
    out: list[Exemplar] = []
    for intent, languages in raw.items():
        if intent not in INTENTS:
            raise UnderstandingError(f"{path}: unknown intent '{intent}' (known: {', '.join(INTENTS)})")
        for language, phrases in (languages or {}).items():
            for phrase in phrases or []:
                if not isinstance(phrase, str) or not phrase.strip():
                    raise UnderstandingError(f"{path}: an empty phrase under {intent}/{language}")
                out.append(Exemplar(intent, str(language), phrase.strip()))
    missing = [intent for intent in INTENTS if not any(e.intent == intent for e in out)]
    if missing:
        raise UnderstandingError(f"{path}: no exemplars for {', '.join(missing)}")
    return out


def load_everyday(path: Path = EVERYDAY) -> list[Exemplar]:
    """The everyday messages of everyday.txt (one a line, "#" comments); none when the file is missing."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    texts = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return [Exemplar("off_topic", "zh" if re.search(r"[\u4e00-\u9fff]", t) else "en", t) for t in texts]


def cache_key(path: Path, embedder_name: str) -> str:
    """What the cached vectors depend on: the exemplar file's bytes and the embedder."""
    digest = hashlib.sha256(path.read_bytes())
    digest.update(b"\0" + embedder_name.encode())
    return digest.hexdigest()[:20]


def exemplar_vectors(embedder: Embedder, exemplars: list[Exemplar], key: str, cache_dir: Path | None,
                     shipped: Path = SHIPPED, name: str = "understanding") -> np.ndarray:
    """The exemplars' query vectors: shipped with the package, cached in `cache_dir`, or embedded now."""
    for candidate in (shipped, cache_dir / f"{name}-{key}.npz" if cache_dir else None):
        if candidate is not None and candidate.exists():
            with np.load(candidate) as stored:
                if str(stored["key"]) == key and len(stored["vectors"]) == len(exemplars):
                    return stored["vectors"].astype(np.float32)
    log.info("embedding %d intent exemplars with %s (once; cached)", len(exemplars), embedder.name)
    vectors = np.asarray([embedder.embed_query(e.text) for e in exemplars], dtype=np.float32)
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(cache_dir / f"{name}-{key}.npz", key=np.array(key),
                            vectors=vectors.astype(np.float16))
    return vectors


class SoftmaxRegression:
    """Multinomial logistic regression with L2, on standardised vectors, classes weighted equally."""

    def __init__(self, labels: tuple[str, ...], l2: float = 0.01, steps: int = 400, rate: float = 0.5):
        self.labels = labels
        self.l2, self.steps, self.rate = l2, steps, rate
        self.mean = self.scale = self.weights = self.bias = np.zeros(0)

    def fit(self, vectors: np.ndarray, targets: list[str]) -> SoftmaxRegression:
        x = self._standardise(vectors, fit=True)
        y = np.array([self.labels.index(t) for t in targets])
        onehot = np.eye(len(self.labels))[y]
        counts = onehot.sum(axis=0)
        sample_weight = (len(y) / (len(self.labels) * counts))[y][:, None]  # each intent counts alike
        self.weights = np.zeros((x.shape[1], len(self.labels)))
        self.bias = np.zeros(len(self.labels))
        for _ in range(self.steps):  # full-batch gradient descent: convex, deterministic
            error = (self._softmax(x @ self.weights + self.bias) - onehot) * sample_weight / len(y)
            self.weights -= self.rate * (x.T @ error + self.l2 * self.weights)
            self.bias -= self.rate * error.sum(axis=0)
        return self

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        return self._softmax(self._standardise(vectors) @ self.weights + self.bias)

    def _standardise(self, vectors: np.ndarray, fit: bool = False) -> np.ndarray:
        vectors = np.atleast_2d(np.asarray(vectors, dtype=np.float64))
        if fit:
            self.mean, self.scale = vectors.mean(axis=0), vectors.std(axis=0) + 1e-6
        return (vectors - self.mean) / self.scale

    @staticmethod
    def _softmax(logits: np.ndarray) -> np.ndarray:
        logits = logits - logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


class Neighbours:
    """Nearest exemplars by cosine: how much nearer a vector sits to crisis than to everything else."""

    def __init__(self, vectors: np.ndarray, is_crisis: np.ndarray, k: int = NEIGHBOURS,
                 everyday: np.ndarray | None = None):
        unit = _unit_rows(vectors)
        self.crisis, self.other = unit[is_crisis], unit[~is_crisis]
        self.everyday = _unit_rows(everyday) if everyday is not None and len(everyday) else None
        self.k = k

    def everyday_margin(self, vector: np.ndarray) -> float | None:
        """Mean similarity of the k nearest everyday messages minus that of the k nearest crisis exemplars
        (None without everyday messages)."""
        if self.everyday is None:
            return None
        query = _unit_rows(np.asarray(vector).reshape(1, -1))[0]
        return self._nearest(self.everyday @ query) - self._nearest(self.crisis @ query)

    def margin(self, vector: np.ndarray) -> float:
        """Mean similarity of the k nearest crisis exemplars minus that of the k nearest others."""
        query = _unit_rows(np.asarray(vector).reshape(1, -1))[0]
        return self._nearest(self.crisis @ query) - self._nearest(self.other @ query)

    def _nearest(self, similarities: np.ndarray) -> float:
        k = min(self.k, len(similarities))
        if not k:
            return 0.0
        # the k largest without sorting them all; summed in float64 so the mean does not drift
        return float(np.partition(similarities, len(similarities) - k)[-k:].astype(np.float64).mean())


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    return vectors / (np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12)


class MeaningClassifier:
    """`Understanding` over an embedder: give it the same (caching) embedder as the searcher, so a
    message's query vector is computed once and serves both."""

    def __init__(self, embedder: Embedder, cache_dir: Path | None = None, *, exemplars: Path = EXEMPLARS,
                 shipped: Path = SHIPPED, crisis_threshold: float = CRISIS_THRESHOLD, everyday: Path = EVERYDAY,
                 everyday_shipped: Path = EVERYDAY_SHIPPED):
        self.embedder = embedder
        self.cache_dir = cache_dir
        self.exemplars_path = exemplars
        self.shipped = shipped
        self.crisis_threshold = crisis_threshold
        self.everyday_path, self.everyday_shipped = everyday, everyday_shipped
        self._model: SoftmaxRegression | None = None
        self._neighbours: Neighbours | None = None
        self._lock = threading.Lock()

    def read(self, text: str) -> Reading:
        if _no_words(text):
            # "aaaa…", "1 2 3 …": the embedder places text without words anywhere, crisis included
            scores, _ = self._judge(text)
            return Reading(max(scores, key=scores.__getitem__), scores, 0.0, crisis=False)
        scores, margin = self._judge(text)
        crisis_score, margin = self._crisis_score(text, scores["crisis"], margin)
        unsure = crisis_score < VETO_BELOW
        crisis = crisis_score >= self.crisis_threshold and not (unsure and (margin < VETO_MARGIN or negates_crisis(text)))
        # a clause of three characters is judged only when it carries a risk word ("不活了", not "不想动")
        pieces = [piece.strip() for piece in _CLAUSES.split(text) if piece.strip()]
        clauses = [c for c in pieces if len(c) >= 4 or (len(c) == 3 and mentions_risk(c))]
        # bounded (a clause costs an embedding): the clauses with a risk word first, then in order
        clauses = sorted(clauses, key=lambda c: not mentions_risk(c))[:MAX_CLAUSES]
        if (not crisis and len(pieces) > 1 and clauses and not negates_crisis(text)
                and (crisis_score >= GREY_ZONE or mentions_risk(text))):
            # a crisis clause diluted by a long message, or beside everyday stress: each clause alone
            for clause in clauses:
                clause_scores, clause_margin = self._judge(clause)
                score, clause_margin = self._crisis_score(clause, clause_scores["crisis"], clause_margin)
                crisis_score = max(crisis_score, score)
                crisis = crisis or (score >= self.crisis_threshold and clause_margin >= CLAUSE_MARGIN) or (
                    score >= SURE_CLAUSE and clause_margin >= SURE_CLAUSE_MARGIN)
        if crisis and (self._everyday(text) or (looks_like_injection(text) and not mentions_risk(text))
                       or pinyin_debt_question(text) or reports_a_scam(text)):
            # everyday talk, or orders to the bot ("ignore previous instructions ...", read near crisis
            # by meaning alone) with no word of risk: not about the writer's life
            crisis = False
        return Reading(max(scores, key=scores.__getitem__), scores, crisis_score, crisis=crisis)

    def _everyday(self, text: str) -> bool:
        """True when a message read as a crisis by meaning, with no risk word, sits nearer the everyday
        messages than the crisis exemplars (EVERYDAY_MARGIN); the vector is the cached one of `_judge`."""
        if mentions_risk(text):
            return False
        assert self._neighbours is not None  # trained with the model
        margin = self._neighbours.everyday_margin(np.asarray(self.embedder.embed_query(text)))
        return margin is not None and margin > EVERYDAY_MARGIN

    def _crisis_score(self, text: str, score: float, margin: float) -> tuple[float, float]:
        if score >= self.crisis_threshold and (plain := without_idioms(text)) != text:
            # "气死我了", "I'd kill for a lower rate": the embedder places short hyperbole near crisis
            # phrases; judge what is left without the idiom (a second embedding, only in this case)
            if not plain.strip("… "):
                return 0.0, margin
            plain_scores, plain_margin = self._judge(plain)
            return plain_scores["crisis"], plain_margin
        return score, margin

    def _judge(self, text: str) -> tuple[dict[str, float], float]:
        """Every intent's probability and the crisis neighbour margin, from one embedding of `text`."""
        model, neighbours = self.model(), self._neighbours
        assert neighbours is not None  # trained with the model
        vector = np.asarray(self.embedder.embed_query(text))
        probabilities = model.probabilities(vector)[0]
        return {label: float(p) for label, p in zip(model.labels, probabilities)}, neighbours.margin(vector)

    def _scores(self, text: str) -> dict[str, float]:
        return self._judge(text)[0]

    def model(self) -> SoftmaxRegression:
        """The trained regression, trained on first use (thread-safe)."""
        with self._lock:
            if self._model is None:
                exemplars = load_exemplars(self.exemplars_path)
                key = cache_key(self.exemplars_path, self.embedder.name)
                vectors = exemplar_vectors(self.embedder, exemplars, key, self.cache_dir, self.shipped)
                everyday = load_everyday(self.everyday_path)
                everyday_vectors = exemplar_vectors(
                    self.embedder, everyday, cache_key(self.everyday_path, self.embedder.name), self.cache_dir,
                    self.everyday_shipped, name="everyday") if everyday else None
                self._neighbours = Neighbours(vectors, np.array([e.intent == "crisis" for e in exemplars]),
                                              everyday=everyday_vectors)
                self._model = SoftmaxRegression(INTENTS).fit(vectors, [e.intent for e in exemplars])
            return self._model
