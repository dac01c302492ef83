"""Decide whether the library can answer a question, by meaning and relative to the library itself.

With multilingual-e5 the top cosine score of an off-topic question ("明天天气怎么样") and of a good
question both land around 0.84-0.86, so the score alone cannot separate them. What separates them
is which the question is closer to: the library's best chunk, or a reference set of questions the
library is not for (everyday life, recipes, travel, sports, programming, and other finance:
mortgages, insurance, stocks, crypto, pensions, tax; bot/search/offtopic_reference.txt). Both
numbers come from the one question vector the search already computed, and neither grows or shrinks
with the number of articles, so a 10-article library decides like a 1,000-article one. The share of
the question's words found in the best article breaks near-ties; it is measured against that one
article, never against the whole library's vocabulary.

Question-to-question similarity runs higher than question-to-passage similarity, and how much higher
depends on the question: a short colloquial Chinese question ("借1万到手只有7千 这合法吗") sits near
every short question, so its nearest off-topic phrases are near too without sharing its topic. The
question's mean cosine to the whole reference set (`background`, about 0.80 in the middle) measures
that pull, and half of it above or below 0.80 is credited to the gap (`BACKGROUND_WEIGHT`): the
off-topic side counts only for how much nearer its nearest phrases are than questions in general (the
hubness correction of cross-lingual retrieval, CSLS). Measured on dev and tuning, each on its own
library: it separates answerable from decline questions better on both (AUC of the gap 0.991 -> 0.998
on dev, 0.964 -> 0.996 on tuning; a weight of 0.5-0.75 is best on each set alone). Chinese questions
have the higher backgrounds, so the credit reaches Chinese off-topic questions too ("哪个信用卡积分换里程
最划算"): that is why `min_gap` is 0.02, chosen on dev and tuning together; dev alone, whose declines
all sit far below the boundary, would place it too low for the tuning library.

The library side is not the best chunk alone. A question is a short question; a chunk is 500
characters of several points, so a good question's cosine to its chunk is diluted, while its nearest
off-topic phrases (short questions too) are not. The library side (`Features.library`) is the mean of
three closeness measures from the vectors stored at ingest: the best chunk, the best single sentence of
the retrieved chunks, and the best title + summary of a retrieved article (question-like, as the
reference phrases are). No embedding is added. Measured on dev, tuning and the second tuning library
(tests/data/tuning2, new styles: a glossary, a memo, a forum thread), with thresholds shared by all
three: the best rule on the chunk alone answers 0.975 / 0.962 / 0.931 and declines 1.0 / 0.933 / 1.0;
with the mean, 0.975 / 0.985 / 0.958 and 1.0 / 0.956 / 1.0. On the held-out questions (read only as
totals) answered went 0.969 -> 0.985 and declined 0.92 -> 0.96. Either added alone helps less; the
three are averaged, not weighted, so nothing was fitted but `min_gap`.

What it costs: the mean tells the library's topic from other topics better, not a covered question
from an uncovered one on the same topic. With each question's own articles hidden from its search
(an in-domain question the library lacks), the share still answered, from a neighbouring article,
went 0.61 -> 0.77 on dev, 0.41 -> 0.48 on tuning, 0.53 -> 0.60 on tuning2; how well covered and
hidden separate (AUC 0.84 / 0.91 / 0.77) is the chunk alone's (0.84 / 0.88 / 0.76): the point moved
along the same curve, towards answering, which is what a small library needed.

Rule (`decide`): decline below `floor`; answer when the library is closer than the reference set by
`min_gap` (after the background credit); answer a near-tie (within `slack` of `min_gap`) when the best
article holds at least `min_overlap` of the question's words; decline otherwise. Without a reference set (tests, an
embedder-less searcher) the gap is unknown and `sure` alone decides. `python -m bot eval` prints the
features, the rule and thresholds calibrated on the dev set.

A complement by words (`asks_about_a_loan_rate`): a question whether a loan's rate is legal, usurious or
normal ("年化36%合法吗", "利率多少算高利贷", "2% a month legal?") is the library's core topic, yet it sits
at the boundary, beside off-topic rate questions (房贷利率4.2%高吗, 余额宝年化2%正常吗, mortgage 6.5% APR
good?) that the embedder cannot tell from it. Such a question is answered when it names a rate and asks
whether it is legal or normal, and names no other-finance product (mortgage, deposit, fund, wealth
product, stock, insurance); those stay with the rule above. No off-topic question of dev, tuning,
tuning2 or the everyday set matches it. On 60 fresh probes a helper wrote without the code (stop 24), the
first version also took a rent rise, a pay rise, a tax rate, an insurance return and an exchange fee (7
of 30 off-topic): a bare percent now needs a loan word beside it, and those words name other finance. A
second fresh set, measured before any change: in-scope answered 30 of 30 (9 by this rule), off-topic declined
26 of 30 (two business loans by this rule: a company's loan is not a consumer's; now other finance).
A second complement: a question that names a borrower's trouble (overdue, owing, collectors, sued, a guarantor) and is closer to the library than to the off-topic set at all (gap >= 0, i.e.
within 0.015 of `min_gap`) is answered (`by_words`, `names_trouble`).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from itertools import product
from typing import Any

import numpy as np

from bot.core.extractive import unit_vector
from bot.core.passages import ArticleMatch
from bot.core.rate_words import LEGAL_OR_NORMAL, RATE_WORD
from bot.core.terms import library_tokens, tokens


# Half of the question's background similarity above (below) BACKGROUND_CENTER is added to (taken from)
# the gap; the center is the median background on dev and tuning, so min_gap keeps its old meaning.
BACKGROUND_WEIGHT = 0.5
BACKGROUND_CENTER = 0.80


@dataclass(frozen=True)
class Features:
    top: float  # best chunk's cosine to the question
    margin: float  # best article's score minus the second article's
    overlap: float  # share of the question's content words found in the best article's chunks
    words: int  # how many content words the question has
    offtopic: float | None = None  # cosine to the nearest off-topic reference phrases (None: no reference)
    background: float | None = None  # mean cosine to every off-topic reference phrase (None: not known)
    sentence: float | None = None  # best cosine of one sentence of the retrieved chunks (None: not stored)
    lead: float | None = None  # best cosine of a retrieved article's title + summary (None: not stored)

    @property
    def library(self) -> float:
        """How close the library comes to the question: the mean of the best chunk, the best single
        sentence and the best article lead (title + summary) among the retrieved, those known."""
        known = [v for v in (self.top, self.sentence, self.lead) if v is not None]
        return sum(known) / len(known)

    @property
    def gap(self) -> float | None:
        """How much closer the question is to the library than to the off-topic reference set, with the
        background credit (module docstring) when the background is known."""
        if self.offtopic is None:
            return None
        credit = 0.0 if self.background is None else BACKGROUND_WEIGHT * (self.background - BACKGROUND_CENTER)
        return self.library - self.offtopic + credit

    def as_dict(self) -> dict[str, float | None]:
        return {**asdict(self), "gap": self.gap}


@dataclass(frozen=True)
class Thresholds:
    # Chosen on dev, tuning and tuning2 together (maximising the lowest of the six shares answered and
    # declined, thresholds shared by the three libraries): answered 0.975 / 0.985 / 0.958, declined 1.0 /
    # 0.956 / 1.0 (0.977 answered on tuning once the reference set gained health, fitness and home
    # phrases, which cut the everyday messages of tests/data/everyday.jsonl answered from 6 to 1 of 160).
    # With the three-way library side a near-tie rescued by word overlap no longer helps (slack 0.005
    # answers a few more and declines fewer on tuning), so slack is 0: the words never decide. The blind
    # and held-out sets are never used to choose them.
    floor: float = 0.75  # below this cosine nothing is answered
    min_gap: float = 0.015  # library closer than the off-topic reference by at least this: answer
    slack: float = 0.0  # a gap this far below min_gap is answered when the words agree
    min_overlap: float = 0.5  # share of the question's words the best article must hold in a near-tie
    sure: float = 0.88  # without a reference set: answer at or above this cosine


@dataclass(frozen=True)
class Decision:
    answer: bool
    reason: str
    features: Features


RULE = (f"gap = mean(top, sentence, lead) - offtopic + {BACKGROUND_WEIGHT} * (background - {BACKGROUND_CENTER}); "
        "decline if top < floor; "
        "answer if gap >= min_gap; answer if gap >= min_gap - slack and overlap >= min_overlap; else decline "
        "(no reference set: answer if top >= sure); "
        "and by words: answer a question whether a loan's rate is legal or normal that names no other-finance product, "
        "and a question closer to the library than to the off-topic set (gap >= min_gap - 0.015) that names a borrower's trouble "
        "(overdue, owing, collectors, sued)")

# A loan's rate, a question whether it is legal or normal, and no other-finance product (`asks_about_a_loan_rate`).
# A bare percent counts only beside a loan word ("title loan at 25% a month"): a rent rise, a pay rise, a tax
# or exchange rate asked about in the same words is not a loan's rate (fresh probes, stop 24).
_PERCENT = re.compile(r"\d\s*(?:%|％|percent|pct)", re.IGNORECASE)
_LOAN_WORD = re.compile(r"借|贷|欠|信用卡|花呗|白条|分期|\bloans?\b|borrow|\blen[dt]|\bcards?\b|\bdebts?\b|payday|\bowe",
                        re.IGNORECASE)
_OTHER_FINANCE = re.compile(r"房贷|按揭|公积金|存款|存单|定期|活期|基金|余额宝|理财|股|债券|保险|寿险|国债|比特币|收益|房租|租金|"
                            r"涨薪|工资|税|汇率|经营贷|企业贷|公司贷|business|\bLLC\b|mortgage|saving|deposit|"
                            r"\bfunds?\b|stock|bond|insurance|\bCDs?\b|treasury|\bETF|crypto|bitcoin|yield|return|"
                            r"\brent\b|landlord|\braise\b|salary|\btax|exchange|currency|inflation|dividend", re.IGNORECASE)


# Whether something is legal ("合法吗", "是不是高利贷", "is that legal"): an offer's answer then adds the 4x LPR cap.


def asks_about_a_loan_rate(question: str) -> bool:
    """Whether a question asks if a loan's rate is legal or normal ("年化36%合法吗", "2% a month legal?"),
    naming no other-finance product ("房贷利率4.2%高吗", "savings account 4% is that good" do not)."""
    question = question[:500]
    rate = RATE_WORD.search(question) or (_PERCENT.search(question) and _LOAN_WORD.search(question))
    return bool(rate and LEGAL_OR_NORMAL.search(question) and not _OTHER_FINANCE.search(question))


# A borrower's trouble named in words: overdue, owing, collectors, being sued, a guarantor (`names_trouble`).
_TROUBLE = re.compile(r"逾期|欠|还不上|还不起|催收|催债|失信|被执行|起诉|传票|罚息|违约金|征信|老赖|担保|以贷养贷|"
                      r"overdue|\blate\b|missed|forgot to pay|\bowe|\bowing|\bdebts?\b|collector|collection|guarantor|"
                      r"default|arrears|behind on|sued|lawsuit|garnish|can'?t pay|cannot pay|couldn'?t pay", re.IGNORECASE)
# How far below `min_gap` a question that names a borrower's trouble is still answered: the whole gap, so such a question is
# answered whenever it is closer to the library than to the off-topic reference at all. Chosen on dev, dev2, tuning 1-3 and the
# everyday messages (stop 31): 0.005 -> 0.015 answers 2 more in-scope questions there, both from the right article, and no
# off-topic one. Naming "negotiate", "hardship" or "少还" as trouble, or another product as what the trouble may affect ("会影响
# 房贷吗"), answered more, but from the wrong article as often as not (the decline was hiding a retrieval miss): not taken.
# The blind and held-out sets measured only.
TROUBLE_SLACK = 0.015


def names_other_finance(question: str) -> bool:
    """Whether a question names a finance product the library does not cover (a mortgage, a fund, insurance ...)."""
    return bool(_OTHER_FINANCE.search(question[:500]))


def names_trouble(question: str) -> bool:
    """Whether a question names a borrower's trouble ("forgot to pay my personal loan last week", "guarantor on
    my brother's loan", "失信名单") and no other-finance product."""
    question = question[:500]
    return bool(_TROUBLE.search(question)) and not _OTHER_FINANCE.search(question)


def by_words(question: str, decision: Decision, thresholds: Thresholds) -> Decision:
    """The complements by words to a decline by meaning (never below `floor`): a question whether a loan's
    rate is legal or normal, and a near-tie (within TROUBLE_SLACK of `min_gap`) that names a borrower's
    trouble. Chosen on dev, tuning and tuning2 (slack 0.005; widened in stop 31, see TROUBLE_SLACK): the near-tie rule answers 4 more in-scope questions there
    ("forgot to pay my personal loan last week, am i screwed??" at +0.014) and declines as many off-topic
    ones; the off-topic near-ties name products, not trouble (信用卡积分换里程, a bank account, a car loan's
    credit score). The held-out questions, measured after the choice: unchanged."""
    f = decision.features
    if decision.answer or f.top < thresholds.floor:
        return decision
    if asks_about_a_loan_rate(question):
        return Decision(True, f"asks whether a loan's rate is legal or normal ({decision.reason})", f)
    if f.gap is not None and f.gap >= thresholds.min_gap - TROUBLE_SLACK and names_trouble(question):
        return Decision(True, f"near-tie naming a borrower's trouble ({decision.reason})", f)
    return decision


# Subjects a question can name that an article must name too to answer it: a library without an article on bankruptcy or
# on a debt left by someone who died answered "Should I file for bankruptcy?" with "Short answer: no… mainland China" (the
# jail article) and "父母去世了留下网贷欠款 子女要还吗" from the article on talking to one's family (stop 32 red team). The
# subject is read in the question and looked for in the best article's title, summary and retrieved chunks.
_SUBJECTS = (
    ("bankruptcy", re.compile(r"bankrupt\w*|chapter (?:7|13)\b|破产", re.IGNORECASE)),
    ("a statute of limitations", re.compile(r"statute of limitations?|limitations? period|诉讼时效", re.IGNORECASE)),
    ("a debt left by someone who died", re.compile(r"inherit\w*|passed away|deceased|\b(?:mom|mother|dad|father|parents?|husband|"
                                                  r"wife|son|daughter|relative)\b[^.!?]{0,20}\bdied\b|遗产|继承|去世|过世|离世|"
                                                  r"走了以后|死后", re.IGNORECASE)),
    ("wage garnishment", re.compile(r"garnish\w*|扣工资|扣薪水?", re.IGNORECASE)),
    ("repossession", re.compile(r"\brepo(?:s|'d|ed)?\b|repossess\w*|收车|拖车|扣车", re.IGNORECASE)),
    ("a bank taking money from another account", re.compile(r"set-?off|take (?:the )?money (?:out )?(?:from|of) my (?:checking|savings)|"
                                                             r"扣(?:我)?(?:其他|别的)(?:卡|账户)|划扣(?:我)?(?:其他|别的)", re.IGNORECASE)),
    # not "a lender that closed down" (倒闭, 跑路, shut down): said in too many other words in an article that answers it, and
    # "shut down" is also a card closed (tried in stop 32; it declined an answered question)
)


def absent_subject(question: str, match: ArticleMatch) -> str | None:
    """The subject the question names (bankruptcy, a statute of limitations, a dead person's debt, wage garnishment) when
    the article names it nowhere it was retrieved: an answer from it would be about something else."""
    wanted = [(name, pattern) for name, pattern in _SUBJECTS if pattern.search(question)]
    if not wanted:
        return None
    text = " ".join([match.title, *(f"{h.heading} {h.summary} {h.text}" for h in match.hits)])
    return next((name for name, pattern in wanted if not pattern.search(text)), None)


def passage_closeness(vector: Any, matches: list[ArticleMatch]) -> tuple[float | None, float | None]:
    """(best sentence, best lead): the question vector's highest cosine to one sentence of the retrieved
    chunks and to one retrieved article's title + summary, from the vectors stored at ingest (no
    embedding); None for what the store does not hold."""
    if vector is None:
        return None, None
    query = unit_vector(vector)
    sentence: float | None = None
    lead: float | None = None
    for match in matches:
        for hit in match.hits:
            if hit.sentence_vectors is not None and len(hit.sentence_vectors):
                best = float(np.max(hit.sentence_vectors @ query))
                sentence = best if sentence is None else max(sentence, best)
            if hit.lead_vector is not None:
                cosine = float(hit.lead_vector @ query)
                lead = cosine if lead is None else max(lead, cosine)
    return sentence, lead


def features_of(question: str, matches: list[ArticleMatch], offtopic: float | None = None,
                background: float | None = None, vector: Any = None) -> Features:
    """The features of a question and its grouped search results; hits carry their words from the index,
    and their sentence and lead vectors when `vector` (the question's) is given."""
    words = set(tokens(question))
    if not matches:
        return Features(0.0, 0.0, 0.0, len(words), offtopic, background)
    best = matches[0]
    second = matches[1].score if len(matches) > 1 else 0.0
    article_words = set(library_tokens(best.title))
    for h in best.hits:
        article_words.update(h.tokens or library_tokens(h.heading + " " + h.text))
    overlap = len(words & article_words) / len(words) if words else 0.0
    return Features(best.score, best.score - second, overlap, len(words), offtopic, background,
                    *passage_closeness(vector, matches))


def decide(features: Features, thresholds: Thresholds = Thresholds()) -> Decision:
    """Answer or decline, with the reason in words (it is logged with content gaps)."""
    f, t = features, thresholds
    if f.top < t.floor:
        return Decision(False, f"top score {f.top:.3f} below floor {t.floor}", f)
    gap = f.gap
    if gap is None:
        if f.top >= t.sure:
            return Decision(True, f"top score {f.top:.3f} at or above {t.sure} (no off-topic reference)", f)
        return Decision(False, f"top score {f.top:.3f} below {t.sure} (no off-topic reference)", f)
    parts = [f"top {f.top:.3f}"] + [f"{name} {value:.3f}" for name, value in (("sentence", f.sentence),
                                                                               ("lead", f.lead)) if value is not None]
    library = f"library {f.library:.3f} = mean of {', '.join(parts)}" if len(parts) > 1 else parts[0]
    scores = f"{library}; off-topic {f.offtopic:.3f}" + ("" if f.background is None else
                                                        f", background {f.background:.3f}")
    if gap >= t.min_gap:
        return Decision(True, f"closer to the library than to off-topic questions: gap {gap:+.3f} ({scores})", f)
    if gap >= t.min_gap - t.slack and f.overlap >= t.min_overlap:
        return Decision(True, f"near-tie with off-topic questions (gap {gap:+.3f}; {scores}), the best article "
                              f"holds {f.overlap:.0%} of the words", f)
    return Decision(False, f"not clearly closer to the library than to off-topic questions: gap {gap:+.3f} below "
                           f"{t.min_gap} ({scores})", f)


@dataclass(frozen=True)
class Calibration:
    thresholds: Thresholds
    answered: float  # share of answerable questions answered
    declined: float  # share of the decline set declined


def calibrate(samples: list[tuple[Features, bool]]) -> Calibration:
    """The thresholds that best separate answerable (True) from decline (False) samples.

    Maximises the lower of the two shares (answered, declined), then their sum, so neither side is
    sacrificed for the other; ties prefer the larger gap (the stricter rule)."""
    answerable = [f for f, ok in samples if ok]
    decline = [f for f, ok in samples if not ok]
    best: tuple[tuple[float, float, float], Calibration] | None = None
    floors = [round(0.70 + 0.01 * i, 2) for i in range(13)]
    gaps = [round(-0.10 + 0.005 * i, 3) for i in range(41)]
    for floor, min_gap, slack, min_overlap in product(floors, gaps, (0.0, 0.01, 0.02, 0.04), (0.5, 0.67, 0.8)):
        t = Thresholds(floor, min_gap, slack, min_overlap)
        answered = sum(decide(f, t).answer for f in answerable) / max(len(answerable), 1)
        declined = sum(not decide(f, t).answer for f in decline) / max(len(decline), 1)
        key = (min(answered, declined), answered + declined, min_gap)
        if best is None or key > best[0]:
            best = (key, Calibration(t, answered, declined))
    assert best is not None
    return best[1]
