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
    pytest.param("---\ntitle: 标题\n---\n正文\n".encode("utf-16"), "saved as UTF-16; save it as UTF-8", id="utf-16"),
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


# --- hostile and careless files: each one is that file's rejection, never the run's -----------------

from tests.hostile_library import ALIAS_BOMB, EXPECTED_REJECTIONS, GOOD as GOOD_FILES, build as build_hostile  # noqa: E402


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile folder, loaded once with a 2 KB size limit (the test's stand-in for a 50 MB file)."""
    root = tmp_path_factory.mktemp("hostile")
    knowledge = build_hostile(root, big_bytes=4000)
    articles, rejected = load_articles(knowledge, max_bytes=2000)
    return articles, {e.file: e for e in rejected}


def test_the_three_good_articles_are_loaded_among_the_bad_ones(hostile):
    articles, _ = hostile
    assert sorted(a.id for a in articles) == sorted(GOOD_FILES)
    assert {a.title for a in articles} == {"逾期多久会上征信？", "罚息怎么算", "Late fees"}


def test_every_bad_file_is_rejected_and_nothing_else(hostile):
    _, rejected = hostile
    assert sorted(rejected) == sorted(EXPECTED_REJECTIONS)


@pytest.mark.parametrize(("file", "reason"), sorted(EXPECTED_REJECTIONS.items()))
def test_each_bad_file_is_rejected_with_its_reason(hostile, file, reason):
    _, rejected = hostile
    assert reason in rejected[file].reason
    assert "\n" not in str(rejected[file])  # one line, even for a name with a newline in it


def test_oversized_file_reason_gives_its_size_and_the_limit(hostile):
    _, rejected = hostile
    assert "over MAX_ARTICLE_BYTES=2,000; split it into smaller articles" in rejected["huge.md"].reason


@pytest.mark.parametrize(
    ("front", "reason"),
    [
        pytest.param("updated: 2025-02-30", "updated: not a real date (2025-02-30); write YYYY-MM-DD", id="feb-30"),
        pytest.param("updated: 2025-13-45", "updated: not a real date (2025-13-45); write YYYY-MM-DD", id="month-13"),
        pytest.param("updated: '2025-02-30'", "updated: not a real date (2025-02-30)", id="quoted"),
        pytest.param("valid_until: 2025-6-3", "valid_until: not a date (2025-6-3); write YYYY-MM-DD", id="unpadded"),
        pytest.param("updated: 2025-06-20 10:00:00", "updated: not a date (2025-06-20 10:00:00)", id="with-time"),
        pytest.param("updated: [2025-06-20]", "updated: not a date but a list", id="date-list"),
        pytest.param("updated: yes", "updated: not a date but a yes/no value", id="date-bool"),
        pytest.param("title: [a, b]", "title must be text, not a list", id="title-list"),
        pytest.param("title: {a: 1}", "title must be text, not a mapping", id="title-mapping"),
        pytest.param("title: yes", "title must be text, not a yes/no value (put the text in quotes)", id="title-bool"),
        pytest.param("tags: [a, [b]]", "tags item 2 must be text, not a list", id="tag-list"),
        pytest.param("sources: [ok, {a: 1}]", "sources item 2 must be text, not a mapping", id="source-mapping"),
        pytest.param("summary: [one, two]", "summary must be text, not a list", id="summary-list"),
        pytest.param("lang: [zh]", "lang must be one of 'zh' or 'en'", id="lang-list"),
        pytest.param("x: &a [1]\ny: *a", "YAML anchors and aliases (&name, *name) are not allowed", id="alias"),
        pytest.param("x: !!python/object:os.system {}", "invalid YAML in front matter", id="python-tag"),
        pytest.param("x: " + "[" * 5000, "invalid YAML in front matter", id="deep-nesting"),
        pytest.param("x: " + "a" * 20_000, "front matter too long (20,013 characters, at most 16,000)", id="long"),
    ],
)
def test_each_bad_field_is_rejected_naming_the_field(front, reason):
    title = "" if front.startswith("title") else "title: T\n"
    with pytest.raises(ArticleError) as caught:
        parse_article(f"---\n{title}{front}\n---\nbody\n".encode(), "x.md")
    assert reason in caught.value.reason


def test_the_alias_bomb_is_refused_before_it_is_expanded():
    with pytest.raises(ArticleError, match="anchors and aliases"):
        parse_article(ALIAS_BOMB.encode(), "bomb.md")


def test_numbers_are_accepted_as_text_and_dates_strictly_as_dates():
    raw = b"---\ntitle: 2025\ntags: [12345, a]\nupdated: '2025-06-20'\nvalid_until: 2026-03-31\n---\nbody text\n"
    article = parse_article(raw, "x.md")
    assert (article.title, article.tags) == ("2025", ("12345", "a"))
    assert (article.updated, article.valid_until) == (date(2025, 6, 20), date(2026, 3, 31))


@pytest.mark.parametrize("name", ["a b.md", "it's.md", "back\\slash.md", "tab\t.md", "semi;colon.md", "a\x7f.md"])
def test_unsafe_file_names_are_rejected_with_the_name_escaped(tmp_path, name):
    _write(tmp_path, name)
    _write(tmp_path, "good.md")
    articles, rejected = load_articles(tmp_path)
    assert [a.id for a in articles] == ["good.md"]
    assert [e.file for e in rejected] == [repr(name)]
    assert rejected[0].reason.startswith(f"unsafe file name {name!r}: rename it")


def test_chinese_names_digits_dots_and_dashes_are_safe_ids(tmp_path):
    for name in ["征信/逾期-多久_v2.1.md", "2025/a.b.md"]:
        _write(tmp_path, name)
    articles, rejected = load_articles(tmp_path)
    assert sorted(a.id for a in articles) == ["2025/a.b.md", "征信/逾期-多久_v2.1.md"] and rejected == []


def test_a_linked_folder_outside_the_library_is_not_walked(tmp_path):
    library, elsewhere = tmp_path / "library", tmp_path / "elsewhere"
    _write(elsewhere, "secret.md")
    _write(library, "good.md")
    os.symlink(elsewhere, library / "linked")
    articles, rejected = load_articles(library)
    assert [a.id for a in articles] == ["good.md"]
    assert [(e.file, e.keep_stored) for e in rejected] == [("linked/", False)]
    assert rejected[0].reason == f"outside the library: a link to the folder {elsewhere}; not read"


def test_an_unexpected_failure_in_one_file_is_that_files_rejection(tmp_path, monkeypatch):
    import bot.library.articles as articles_module

    _write(tmp_path, "good.md")
    _write(tmp_path, "odd.md", GOOD.replace("会上征信吗", "TRIGGER"))

    def cleaning(text: str) -> str:
        if "TRIGGER" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return text

    monkeypatch.setattr(articles_module, "clean_text", cleaning)
    articles, rejected = load_articles(tmp_path)
    assert [a.id for a in articles] == ["good.md"]
    assert [(e.file, e.reason) for e in rejected] == [
        ("odd.md", "cannot be read as an article (RecursionError: maximum recursion depth exceeded)")
    ]
