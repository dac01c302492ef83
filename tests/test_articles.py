"""Front matter parsing and validation, ids, duplicates."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from bot.library.articles import ArticleError, content_hash, detect_language, find_article_files, load_articles, parse_article

GOOD = """---
title: 逾期多久会上征信？
lang: zh
tags: [credit-report, overdue]
sources:
  - 《征信业管理条例》第十六条
updated: 2025-06-20
jurisdiction: CN
---

## 会上征信吗

会。逾期会记入个人信用报告。
"""


def test_parses_every_front_matter_field():
    article = parse_article(GOOD.encode(), "credit/when.md")
    assert article.id == "credit/when.md"
    assert article.title == "逾期多久会上征信？"
    assert article.lang == "zh"
    assert article.tags == ("credit-report", "overdue")
    assert article.sources == ("《征信业管理条例》第十六条",)
    assert article.updated == date(2025, 6, 20)
    assert article.jurisdiction == "CN"
    assert article.body == "## 会上征信吗\n\n会。逾期会记入个人信用报告。"
    assert article.hash == content_hash(GOOD.encode())


def test_optional_fields_have_defaults_and_lang_is_detected():
    raw = "---\ntitle: Late fees\ntags: fees, overdue\nsources: 15 U.S.C. 1681c\n---\nA late payment may be reported after 30 days.\n"
    article = parse_article(raw.encode(), "en/late.md")
    assert (article.lang, article.jurisdiction, article.updated) == ("en", "general", None)
    assert article.tags == ("fees", "overdue")
    assert article.sources == ("15 U.S.C. 1681c",)


def test_body_is_cleaned_of_pasted_noise():
    raw = "---\ntitle: 導語\n---\n小編導(dǎo)語(yǔ)\n責任編輯:田劍微\n聯系 13812345678\n"
    assert parse_article(raw.encode(), "a.md").body == "小編導語\n聯系"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("逾期会影响征信吗", "zh"), ("Will a late payment hurt my credit?", "en"), ("APP借款逾期了怎么办", "zh"), ("", "en")],
)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


BAD = [
    pytest.param(b"---\ntitle: [unclosed\n---\nbody\n", "invalid YAML in front matter at line 2", id="invalid-yaml"),
    pytest.param(b"---\ntags: [a]\n---\nbody\n", "missing title", id="missing-title"),
    pytest.param(b"---\ntitle: ''\n---\nbody\n", "title", id="empty-title"),
    pytest.param("---\ntitle: 标题\n---\n正文\n".encode("gbk"), "not UTF-8", id="not-utf8"),
    pytest.param(b"---\ntitle: T\n---\n\n   \n", "empty body", id="empty-body"),
    pytest.param(b"---\ntitle: T\n---\n\xe8\xb4\xa3\xe4\xbb\xbb\xe7\xbc\x96\xe8\xbe\x91:\xe6\x9f\x90\n", "empty body",
                 id="body-only-noise"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file", id="binary"),
    pytest.param(b"# Just markdown\n\nNo front matter.\n", "no front matter", id="no-front-matter"),
    pytest.param(b"---\n- a\n- b\n---\nbody\n", "expected 'key: value' lines", id="front-matter-list"),
    pytest.param(b"---\ntitle: T\nlang: fr\n---\nbody\n", "lang must be one of 'zh' or 'en', got 'fr'", id="bad-lang"),
    pytest.param(b"---\ntitle: T\njurisdiction: EU\n---\nbody\n", "jurisdiction must be one of", id="bad-jurisdiction"),
    pytest.param(b"---\ntitle: T\nupdated: next week\n---\nbody\n", "updated", id="bad-date"),
    pytest.param(b"---\ntitle: T\ntags: {a: 1}\n---\nbody\n", "tags", id="bad-tags"),
]


@pytest.mark.parametrize(("raw", "reason"), BAD)
def test_each_bad_input_is_rejected_with_its_reason(raw, reason):
    with pytest.raises(ArticleError) as caught:
        parse_article(raw, "overdue/broken.md")
    assert caught.value.file == "overdue/broken.md"
    assert reason in caught.value.reason
    assert str(caught.value).startswith("overdue/broken.md: ")


@hsettings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: ("---\n" + t).encode()))
def test_any_bytes_give_an_article_or_an_article_error(raw):
    try:
        article = parse_article(raw, "x.md")
    except ArticleError as exc:
        assert exc.reason
    else:
        assert article.title and article.body


def _write(root: Path, rel: str, text: str = GOOD) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_ids_are_paths_relative_to_the_folder_with_forward_slashes(tmp_path):
    _write(tmp_path, "overdue/penalty-interest.md")
    _write(tmp_path, "top.md")
    _write(tmp_path, "notes.txt", "not an article")
    _write(tmp_path, ".drafts/hidden.md")
    _write(tmp_path, "_drafts/wip.md")
    _write(tmp_path, "overdue/_unfinished.md")
    files, rejected = find_article_files(tmp_path)
    assert [f.id for f in files] == ["overdue/penalty-interest.md", "top.md"]
    assert rejected == []


def test_ids_differing_only_in_case_are_both_rejected(tmp_path):
    _write(tmp_path, "a.md")
    _write(tmp_path, "A.md")
    if len(list(tmp_path.iterdir())) < 2:
        pytest.skip("case-insensitive file system: the two files cannot coexist")
    articles, rejected = load_articles(tmp_path)
    assert articles == []
    assert sorted(e.file for e in rejected) == ["A.md", "a.md"]
    assert all("differs only in letter case" in e.reason for e in rejected)


def test_a_symlink_to_an_article_is_a_duplicate_and_the_real_file_wins(tmp_path):
    _write(tmp_path, "credit/report.md")
    os.symlink(tmp_path / "credit" / "report.md", tmp_path / "copy.md")
    os.symlink(tmp_path / "credit", tmp_path / "linked")
    os.symlink(tmp_path, tmp_path / "credit" / "loop")  # must not be walked forever
    articles, rejected = load_articles(tmp_path)
    assert [a.id for a in articles] == ["credit/report.md"]
    assert {e.file for e in rejected} == {"copy.md", "linked/report.md"}
    assert all("the same file as credit/report.md" in e.reason for e in rejected)


def test_load_articles_reports_bad_files_and_keeps_the_good(tmp_path):
    _write(tmp_path, "good.md")
    (tmp_path / "bad.md").write_bytes(b"---\ntitle: [oops\n---\nx\n")
    articles, rejected = load_articles(tmp_path)
    assert [a.id for a in articles] == ["good.md"]
    assert [(e.file, e.reason.split(":")[0]) for e in rejected] == [("bad.md", "invalid YAML in front matter at line 2")]


def test_summary_role_and_valid_until_are_read_from_front_matter():
    raw = ("---\ntitle: 逾期会上征信吗\nsummary: |\n  会。记录在还清之日起\n  保存5年。\nrole: story\n"
           "valid_until: 2026-03-31\n---\n正文。\n").encode()
    article = parse_article(raw, "credit/x-zh.md")
    assert article.summary == "会。记录在还清之日起 保存5年。"
    assert article.role == "story"
    assert str(article.valid_until) == "2026-03-31"


def test_role_must_be_article_or_story():
    with pytest.raises(ArticleError, match="role must be one of"):
        parse_article(b"---\ntitle: t\nrole: advice\n---\nbody\n", "x.md")


def test_a_number_in_tags_is_a_tag_but_a_nested_list_is_refused():
    article = parse_article(b"---\ntitle: t\ntags: [\xe5\x82\xac\xe6\x94\xb6, 12378]\n---\nbody\n", "x.md")
    assert article.tags == ("催收", "12378")
    with pytest.raises(ArticleError, match="tags"):
        parse_article(b"---\ntitle: t\ntags: [[a, b]]\n---\nbody\n", "x.md")
