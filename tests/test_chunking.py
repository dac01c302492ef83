"""Chunking: headings and paragraphs first, then sentences; sizes per language; context and metadata."""

from __future__ import annotations

import re

import pytest

from bot.library.articles import parse_article
from bot.library.chunking import SIZES, split_article

METADATA_KEYS = {"article", "title", "lang", "tags", "heading", "position", "hash", "jurisdiction", "sources",
                 "summary", "role"}  # summary and role: the offline writer leads with one, never rests on a story

ZH_SENTENCES = [
    f"第{i}句：逾期以后，银行通常会先发短信和打电话提醒，然后把逾期记录报送给征信系统，记录会保留五年。"
    for i in range(1, 31)
]
EN_SENTENCES = [
    f"Sentence {i}: a payment is usually reported late to the credit bureaus only once it is thirty days past due, "
    "although a late fee can be charged from the first day."
    for i in range(1, 41)
]


def _article(body: str, lang: str = "zh", title: str = "逾期与征信"):
    raw = (
        f"---\ntitle: {title}\nlang: {lang}\ntags: [credit-report, overdue]\n"
        "sources: [《征信业管理条例》第十六条, https://example.org/rule]\njurisdiction: CN\n---\n\n" + body
    )
    return parse_article(raw.encode(), "credit/report.md")


def test_zh_long_section_is_split_at_sentence_ends_within_size():
    article = _article("## 逾期记录\n\n" + "".join(ZH_SENTENCES))
    chunks = split_article(article)
    assert len(chunks) >= 3
    for chunk in chunks:
        assert len(chunk.text) <= SIZES["zh"].maximum
        assert chunk.text.endswith(("。", "！", "？", "；"))
        assert chunk.heading == "逾期记录"
    assert all(len(c.text) >= SIZES["zh"].minimum for c in chunks[:-1])
    joined = "".join(c.text for c in chunks)
    assert all(sentence in joined for sentence in ZH_SENTENCES)  # nothing lost


def test_zh_splits_on_semicolons_and_question_marks_too():
    body = "；".join(["逾期后银行会催收并上报征信记录" * 3] * 20) + "？"
    chunks = split_article(_article(body))
    assert len(chunks) > 1
    assert all(len(c.text) <= SIZES["zh"].maximum for c in chunks)
    assert all(c.text.endswith(("；", "？")) for c in chunks)


def test_en_chunks_are_sentences_within_size():
    article = _article("# Late payments\n\n" + " ".join(EN_SENTENCES), lang="en", title="Late payments and credit")
    chunks = split_article(article)
    assert len(chunks) >= 3
    for chunk in chunks:
        assert len(chunk.text) <= SIZES["en"].maximum
        assert chunk.text.endswith("day.")
        assert chunk.text.startswith("Sentence")
    assert all(len(c.text) >= SIZES["en"].minimum for c in chunks[:-1])


def test_headings_become_paths_and_every_chunk_carries_title_and_path():
    body = (
        "导语一句话。\n\n# 征信\n\n" + "".join(ZH_SENTENCES[:12]) + "\n\n## 保留多久\n\n" + "".join(ZH_SENTENCES[12:24])
        + "\n\n# 罚息\n\n" + "".join(ZH_SENTENCES[24:])
    )
    chunks = split_article(_article(body))
    headings = [c.heading for c in chunks]
    assert headings[0] == ""
    assert "征信" in headings and "征信 > 保留多久" in headings and "罚息" in headings
    assert headings.index("征信") < headings.index("征信 > 保留多久") < headings.index("罚息")
    for chunk in chunks:
        expected_context = "逾期与征信" + (f"\n{chunk.heading}" if chunk.heading else "")
        assert chunk.embed_text == f"{expected_context}\n\n{chunk.text}"
        assert not chunk.text.startswith("#")


def test_metadata_has_exactly_the_agreed_keys():
    article = _article("## 一\n\n" + "".join(ZH_SENTENCES))
    chunks = split_article(article)
    assert [c.position for c in chunks] == list(range(len(chunks)))
    for chunk in chunks:
        assert set(chunk.metadata) == METADATA_KEYS
        assert chunk.metadata["article"] == "credit/report.md"
        assert chunk.metadata["title"] == "逾期与征信"
        assert chunk.metadata["lang"] == "zh"
        assert chunk.metadata["tags"] == "credit-report,overdue"
        assert chunk.metadata["sources"] == "《征信业管理条例》第十六条 | https://example.org/rule"
        assert chunk.metadata["jurisdiction"] == "CN"
        assert chunk.metadata["hash"] == article.hash
        assert chunk.metadata["position"] == chunk.position
        assert chunk.metadata["heading"] == chunk.heading


def test_short_sibling_sections_are_merged_under_their_common_heading():
    body = (
        "## 一、概述\n\n### 1.1 背景\n\n公司成立多年，提供线上借贷。\n\n### 1.2 特点\n\n申请流程简便，审批迅速。\n\n"
        "## 二、逾期\n\n逾期会产生罚息。"
    )
    chunks = split_article(_article(body))
    assert [c.heading for c in chunks] == ["一、概述", "二、逾期"]
    assert chunks[0].text == "## 1.1 背景\n公司成立多年，提供线上借贷。\n\n## 1.2 特点\n申请流程简便，审批迅速。"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_single_short_paragraph_is_one_chunk(lang):
    chunks = split_article(_article("Short answer." if lang == "en" else "简短的回答。", lang=lang))
    assert len(chunks) == 1 and chunks[0].position == 0 and chunks[0].heading == ""


def test_code_block_comment_is_not_a_heading():
    chunks = split_article(_article("# 真标题\n\n说明。\n\n```\n# 不是标题\n```\n"))
    assert {c.heading for c in chunks} == {"真标题"}
    assert re.search("# 不是标题", chunks[0].text)
