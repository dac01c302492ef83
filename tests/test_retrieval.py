"""Hybrid retrieval fuses BM25 and dense rankings and keeps cosine scores."""

from bot.search.hybrid import BM25Index, HybridSearcher
from tests.support.core import hit

CHUNKS = [
    hit("credit/a-zh.md", "逾期记录会上征信，保存5年。", 0.0, title="征信", position=0),
    hit("repayment/b-zh.md", "罚息按日计算，合同利率上浮30%-50%。", 0.0, title="罚息", position=0),
    hit("rights/c-zh.md", "催收不得爆通讯录。", 0.0, title="催收", position=0),
    hit("credit/d-en.md", "Late payments can stay on a credit report for 7 years.", 0.0, title="Credit", lang="en"),
]


class FakeDense:
    def __init__(self, ranking):
        self.ranking = ranking
        self.asked = []

    def search(self, query, k=5, *, lang=None, terms=None):
        self.asked.append((query, k) if lang is None else (query, k, lang))
        return [h for h in self.ranking if lang is None or h.lang == lang][:k]

    def all_chunks(self):
        return CHUNKS


def test_bm25_finds_chunks_by_jieba_words():
    found = BM25Index(CHUNKS).search("罚息怎么算", 3)
    assert found[0][0].article == "repayment/b-zh.md" and found[0][1] > 0
    assert BM25Index(CHUNKS).search("天气", 3) == []


def test_fusion_lifts_a_chunk_both_rankings_agree_on():
    dense = FakeDense([hit("credit/a-zh.md", CHUNKS[0].text, 0.87, position=0),
                       hit("repayment/b-zh.md", CHUNKS[1].text, 0.86, position=0)])
    hits = HybridSearcher(dense).search("罚息怎么算", 3)
    assert hits[0].article == "repayment/b-zh.md" and hits[0].score == 0.86
    assert dense.asked == [("罚息怎么算", 30)]


def test_a_chunk_only_bm25_found_gets_the_lowest_dense_score():
    dense = FakeDense([hit("credit/a-zh.md", CHUNKS[0].text, 0.87), hit("credit/d-en.md", CHUNKS[3].text, 0.84)])
    hits = HybridSearcher(dense).search("催收 通讯录", 3)
    rights = next(h for h in hits if h.article == "rights/c-zh.md")
    assert rights.score == 0.84


def test_hits_carry_the_words_the_index_holds_so_nothing_is_tokenised_again():
    dense = FakeDense([hit("repayment/b-zh.md", CHUNKS[1].text, 0.86, position=0)])
    found = HybridSearcher(dense).search("罚息怎么算", 3)
    assert "罚息" in found[0].tokens and all(h.tokens for h in found)


def test_an_other_language_search_reuses_the_question_and_matches_translated_terms():
    dense = FakeDense([hit("credit/a-zh.md", CHUNKS[0].text, 0.87), hit("credit/d-en.md", CHUNKS[3].text, 0.80,
                                                                        lang="en")])
    found = HybridSearcher(dense).search("逾期会上征信多久", 3, lang="en", terms="credit report late payment")
    assert [h.article for h in found] == ["credit/d-en.md"]
    assert dense.asked == [("逾期会上征信多久", 30, "en")]  # the question itself: its vector is cached


class VectorDense(FakeDense):
    """A store whose chunks carry their vectors, so the hybrid searcher ranks in memory."""

    def __init__(self):
        from tests.support.embedders import FakeEmbedder

        super().__init__([])
        self.embedder = FakeEmbedder()

    def all_chunks(self):
        return [type(c)(**{**c.__dict__, "vector": self.embedder.embed_passages([c.text])[0]}) for c in CHUNKS]


def test_with_vectors_in_the_index_the_dense_half_never_asks_the_store():
    import math

    dense = VectorDense()
    hits = HybridSearcher(dense).search("罚息按日计算，合同利率上浮30%-50%。", 2)
    assert dense.asked == [] and hits[0].article == "repayment/b-zh.md"
    assert math.isclose(hits[0].score, 1.0, abs_tol=1e-5)  # exact cosine of the same text
    english = HybridSearcher(dense).search("罚息按日计算", 3, lang="en", terms="late payments credit report")
    assert [h.article for h in english] == ["credit/d-en.md"]


def test_the_in_memory_fusion_ranks_and_scores_as_the_general_one():
    from tests.support.embedders import FakeEmbedder

    embedder = FakeEmbedder()

    def found(searcher, query, **options):
        return [(h.article, h.position, h.score, h.tokens, h.text) for h in searcher.search(query, 3, **options)]

    # a shallow dense ranking, so that BM25 brings in chunks of its own (scored with the floor)
    fast, general = HybridSearcher(VectorDense(), depth=2), HybridSearcher(VectorDense(), depth=2)
    general.index.unique_keys = False  # the fusion keyed by (article, position), as for a store's own ranking
    for query, options in [("罚息怎么算", {}), ("催收 通讯录", {}), ("天气", {}), ("credit report", {"lang": "en"}),
                           ("逾期会上征信多久", {"lang": "zh", "terms": "征信 逾期"})]:
        assert found(fast, query, **options) == found(general, query, **options)
    # the case the floor is for: a chunk outside the dense top two, found by its words alone
    dense, _ = fast.index.ranked_by_vector(embedder.embed_query("罚息怎么算"), 2)
    assert "repayment/b-zh.md" not in [fast.index.chunks[i].article for i in dense]
    assert "repayment/b-zh.md" in [article for article, *_ in found(fast, "罚息怎么算")]
