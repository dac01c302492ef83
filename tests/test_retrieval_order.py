"""bot.core.retrieval: the top of the fused search is ordered by meaning (best chunk and best sentence)."""

from dataclasses import replace

import numpy as np

from bot.core.passages import ArticleMatch
from bot.core.retrieval import Retriever, by_meaning, meaning_score
from tests.support.core import FakeSearcher, hit

QUESTION = np.array([1.0, 0.0, 0.0], dtype=np.float32)


def _with_sentences(h, *cosines):
    """A hit whose stored sentences have these cosines to QUESTION."""
    rows = np.array([[c, float(np.sqrt(1 - c * c)), 0.0] for c in cosines], dtype=np.float32)
    return replace(h, sentences=tuple(f"s{i}" for i in range(len(cosines))), sentence_vectors=rows)


def _match(article, chunk, *sentences):
    h = _with_sentences(hit(article, "text", chunk), *sentences) if sentences else hit(article, "text", chunk)
    return ArticleMatch(article, article, "zh", chunk, [h])


def test_the_meaning_score_is_the_mean_of_best_chunk_and_best_sentence():
    assert abs(meaning_score(_match("a.md", 0.80, 0.70, 0.90), QUESTION) - 0.85) < 1e-6
    assert abs(meaning_score(_match("b.md", 0.80), QUESTION) - 0.80) < 1e-9  # no sentences stored: the chunk alone


def test_an_article_with_a_sentence_that_answers_moves_up_past_a_word_match():
    words = _match("borrowing/checklist-zh.md", 0.879, 0.870)
    answer = _match("repayment/which-first-zh.md", 0.883, 0.930)
    assert [m.article for m in by_meaning([words, answer], QUESTION)] == ["repayment/which-first-zh.md",
                                                                          "borrowing/checklist-zh.md"]


def test_the_search_order_counts_a_place_is_worth_the_rank_cost():
    first = _match("first.md", 0.880, 0.880)
    close = _match("second.md", 0.884, 0.884)  # 0.004 better: less than one place (0.01)
    assert [m.article for m in by_meaning([first, close], QUESTION)] == ["first.md", "second.md"]


def test_only_the_top_places_are_reordered():
    matches = [_match(f"{i}.md", 0.80, 0.80) for i in range(3)] + [_match("fourth.md", 0.99, 0.99)]
    assert [m.article for m in by_meaning(matches, QUESTION)][-1] == "fourth.md"
    assert by_meaning(matches, None) == matches


class _Embedder:
    name, dim = "fake", 3

    def embed_query(self, text):
        return QUESTION.tolist()

    def embed_passages(self, texts):
        return [QUESTION.tolist() for _ in texts]


def test_ask_and_search_see_the_reordered_list():
    words = _with_sentences(hit("borrowing/checklist-zh.md", "借钱前先问清楚", 0.879), 0.870)
    answer = _with_sentences(hit("repayment/which-first-zh.md", "先还利率高的", 0.883), 0.930)
    retriever = Retriever(FakeSearcher(default=[words, answer]), embedder=_Embedder())
    found = retriever.retrieve("借呗和花呗先还哪个", "zh")
    assert [m.article for m in found.matches][:2] == ["repayment/which-first-zh.md", "borrowing/checklist-zh.md"]


def test_an_article_in_the_other_language_is_not_outranked_by_the_embedders_language_gap():
    # the same article scores about 0.06 lower across languages: a Chinese article on a nearby topic
    # 0.01 closer no longer beats the English article that answers; a clearly closer one still does
    nearby = _match("guides/nearby-zh.md", 0.860, 0.860)
    answer = replace(_match("us/answer-en.md", 0.850, 0.850), lang="en")
    assert [m.article for m in by_meaning([nearby, answer], QUESTION, "zh")] == ["us/answer-en.md",
                                                                              "guides/nearby-zh.md"]
    assert [m.article for m in by_meaning([nearby, answer], QUESTION)] == ["guides/nearby-zh.md", "us/answer-en.md"]
    closer = _match("guides/closer-zh.md", 0.900, 0.900)
    assert [m.article for m in by_meaning([closer, answer], QUESTION, "zh")][0] == "guides/closer-zh.md"
    same = _match("guides/same-zh.md", 0.840, 0.840)
    assert [m.article for m in by_meaning([nearby, same], QUESTION, "zh")][0] == "guides/nearby-zh.md"


def test_ask_puts_the_other_languages_answer_first_but_the_decision_reads_the_same_language_order():
    nearby = _with_sentences(hit("guides/nearby-zh.md", "附近的话题", 0.860), 0.860)
    answer = _with_sentences(hit("us/answer-en.md", "the answer", 0.850, lang="en"), 0.850)
    retriever = Retriever(FakeSearcher(default=[nearby, answer]), embedder=_Embedder())
    found = retriever.retrieve("催收能几点打电话", "zh")
    assert [m.article for m in found.matches] == ["us/answer-en.md", "guides/nearby-zh.md"]
    assert abs(found.decision.features.top - 0.860) < 1e-6  # the same-language article's score, as calibrated
    mixed = retriever.retrieve("debt collector 几点 call 算违法", "zh")  # writes both: no bonus
    assert [m.article for m in mixed.matches] == ["guides/nearby-zh.md", "us/answer-en.md"]


def test_the_retrieval_search_shows_is_the_one_ask_answers_from_formula_article_first():
    """Stop 24: `ask` moved the article with the formula first after retrieving, so `search` listed another
    first ("2% a month legal?" showed a hardship article). The move is now the retriever's last step."""
    other = hit("repayment/credit-card-individual-instalment-zh.md", "个性化分期最长不超过5年。", 0.92, title="个性化分期")
    cap = hit("borrowing/interest-cap-and-true-apr-zh.md", "单利年化 = 0.05% × 365 = 18.25%。", 0.9, title="日息万五")
    penalty = hit("repayment/penalty-interest-and-fees-zh.md", "罚息一般在合同利率基础上加收30%-50%。", 0.89, title="逾期罚息怎么算")
    retriever = Retriever(FakeSearcher(default=[other, cap, penalty]))
    assert [m.article for m in retriever.retrieve("日息万五换算成年化是多少", "zh").matches][0] == cap.article
    assert [m.article for m in retriever.retrieve("信用卡欠了2万，逾期15天了，罚息大概要多少", "zh").matches][0] == penalty.article
    assert [m.article for m in retriever.retrieve("个性化分期最长几年", "zh").matches][0] == other.article
