"""The off-topic reference set: embedded once, cached on disk by file and embedder, never at import."""

from __future__ import annotations

import numpy as np

from bot.search.embedders import QueryCache
from bot.search.reference import DEFAULT_PHRASES, OffTopicReference, read_phrases
from tests.support.embedders import FakeEmbedder


def test_the_shipped_reference_set_covers_both_languages_and_the_other_finance():
    phrases = read_phrases(DEFAULT_PHRASES)
    zh = [p for p in phrases if any("\u4e00" <= c <= "\u9fff" for c in p)]
    assert len(phrases) >= 100 and len(zh) >= 45 and len(phrases) - len(zh) >= 45
    text = " ".join(phrases).lower()
    for topic in ("天气", "做法", "签证", "mortgage", "insurance", "stock", "bitcoin", "养老金", "tax", "python"):
        assert topic in text, topic


def test_vectors_are_embedded_once_then_read_from_the_cache(tmp_path):
    phrases = tmp_path / "ref.txt"
    phrases.write_text("# comment\n明天天气怎么样\n\nhow do I bake bread\n", encoding="utf-8")
    first = FakeEmbedder()
    reference = OffTopicReference(first, tmp_path / "cache", phrases, nearest=1)
    assert first.passage_calls == []  # nothing happens before the first question
    score = reference.similarity(first.embed_query("明天天气怎么样"))
    assert first.passage_calls == [["明天天气怎么样", "how do I bake bread"]] and score > 0.99
    again = FakeEmbedder()
    assert OffTopicReference(again, tmp_path / "cache", phrases, nearest=1).similarity(
        again.embed_query("明天天气怎么样")) == score
    assert again.passage_calls == []


def test_the_cache_key_changes_with_the_file_and_the_embedder(tmp_path):
    phrases = tmp_path / "ref.txt"
    phrases.write_text("明天天气怎么样\n", encoding="utf-8")
    one = OffTopicReference(FakeEmbedder(), tmp_path, phrases).cache_file
    other_embedder = OffTopicReference(FakeEmbedder(name="fake/other"), tmp_path, phrases).cache_file
    phrases.write_text("明天天气怎么样\n红烧肉怎么做\n", encoding="utf-8")
    edited = OffTopicReference(FakeEmbedder(), tmp_path, phrases).cache_file
    assert len({one, other_embedder, edited}) == 3


def test_similarity_is_the_mean_of_the_nearest_phrases(tmp_path):
    phrases = tmp_path / "ref.txt"
    phrases.write_text("a\nb\nc\n", encoding="utf-8")

    class Axes(FakeEmbedder):
        def embed_passages(self, texts):
            return [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]]

    reference = OffTopicReference(Axes(), tmp_path, phrases, nearest=2)
    assert np.isclose(reference.similarity([1.0, 0.0]), 0.5)
    assert np.isclose(reference.background([1.0, 0.0]), 0.0)  # the mean over every phrase
    assert np.isclose(reference.background([0.0, 2.0]), 1 / 3)


def test_query_cache_embeds_a_question_once():
    inner = FakeEmbedder()
    cache = QueryCache(inner, size=2)
    assert cache.embed_query("q1") == cache.embed_query("q1") and inner.query_calls == ["q1"]
    cache.embed_query("q2"), cache.embed_query("q3"), cache.embed_query("q1")
    assert inner.query_calls == ["q1", "q2", "q3", "q1"]  # the oldest was forgotten
    assert cache.name == inner.name and cache.dim == inner.dim
