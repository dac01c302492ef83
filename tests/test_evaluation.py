"""The evaluation: question files, metrics, and (slow) floors on the real library."""

from __future__ import annotations

import json

import pytest

from bot.core.assistant import Assistant
from pathlib import Path

from bot.core.answerability import Thresholds
from bot.library.evaluation import EvalFileError, evaluate, evaluate_crisis, load_crisis, load_questions, report
from tests.support.core import FakeForgetter, FakeHistory, FakePrefs, FakeSearcher, hit
from tests.support.library import blind_settings, library_settings, tuning_settings, tuning2_settings  # noqa: F401,E501  (fixtures)

DATA = Path(__file__).parent / "data"
# Floors just under what `make eval` measured on the blind set (never tuned on); targets in bot/commands/eval.py.
# Measured (make eval, 2026-12-01, stop 17): hit@1 0.855, hit@3 0.971, answered 0.855, declined 0.947, keys 0.544,
# median 104.5 zh characters / 59 en words, crisis recall 1.0 (48 of 48) with 3 false alarms in 28 (2.14 per 20).
# Up to 5 sentences within the budget (2026-12-06, stop 20): keys 0.574, median 152 zh characters / 77 en words.
# The library side of the decline decision as the mean of chunk, sentence and lead (stop 21): answered 0.928,
# declined 1.0, keys 0.632.
BLIND_FLOORS = {"hit@1": 0.83, "hit@3": 0.95, "answered": 0.9, "declined": 0.9, "keys": 0.6, "crisis_recall": 0.95,
                "false_alarms_per_20": 2.5}
# The tuning set (written blind, tuned on beside the dev set), measured the same day: hit@1 0.9, hit@3 0.986,
# answered 0.971, declined 0.9, keys 0.582, crisis recall 1.0 with 3 false alarms in 40. With the background
# credit in the decline decision (2026-12-06): answered 0.986, declined 1.0, keys 0.597, the rest unchanged;
# with merged sub-headings kept as headings as well: hit@1 0.914, answered 0.971, declined 1.0, keys 0.642;
# with the everyday-stress exemplars: crisis recall 1.0, 1 false alarm in 40. With the first held-out questions
# appended (175 questions, stop 20) and up to 5 sentences: hit@1 0.915, hit@3 0.977, answered 0.946,
# declined 0.933, keys 0.603. Chunk, sentence and lead on the library side (stop 21): answered 0.985, declined 0.956.
TUNING_FLOORS = {"hit@1": 0.89, "hit@3": 0.95, "answered": 0.95, "declined": 0.92, "keys": 0.57, "crisis_recall": 0.95,
                 "false_alarms_per_20": 1.5}


def _write(tmp_path, rows):
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("rows,message", [
    (["{not json"], ":1: not JSON"),
    ([{"expect": []}], ':1: needs a non-empty "q"'),
    ([{"q": "x", "expect": "a.md"}], '"expect" must be a list'),
    ([{"q": "x", "expect": [], "lang": "fr"}], '"lang" must be zh or en'),
    ([], "no questions"),
])
def test_bad_question_files_are_named(tmp_path, rows, message):
    with pytest.raises(EvalFileError) as caught:
        load_questions(_write(tmp_path, rows))
    assert message in str(caught.value)


def test_missing_file(tmp_path):
    with pytest.raises(EvalFileError, match="no such file"):
        load_questions(tmp_path / "nope.jsonl")


def test_metrics_per_language_and_decline_numbers(tmp_path):
    path = _write(tmp_path, [
        {"q": "逾期罚息怎么算", "expect": ["p-zh.md"]},
        {"q": "征信记录怎么消除", "expect": ["c-zh.md"]},
        {"q": "how long does a late payment stay on my credit report", "expect": ["c-en.md"]},
        {"q": "明天天气怎么样", "expect": []},
    ])
    searcher = FakeSearcher({
        "罚息": [hit("p-zh.md", "罚息按日计算", 0.91)],
        "征信": [hit("x-zh.md", "别的", 0.9), hit("c-zh.md", "征信保存5年", 0.89)],
        "credit": [hit("c-en.md", "late payments stay 7 years on a credit report", 0.9, lang="en")],
    }, default=[hit("p-zh.md", "罚息按日计算", 0.78)])
    history = FakeHistory()
    assistant = Assistant(searcher, history, FakePrefs(), FakeForgetter(history), crisis_line_zh="x",
                          crisis_line_other="y")
    result = report(evaluate(assistant, load_questions(path)), assistant.thresholds)
    zh, en, total = result["metrics"]["zh"], result["metrics"]["en"], result["metrics"]["total"]
    assert zh["hit@1"] == 0.5 and zh["hit@3"] == 1.0 and zh["mrr"] == 0.75 and zh["declined"] == 1.0
    assert en["hit@1"] == 1.0 and total["answered"] == 1.0 and total["to_decline"] == 1
    assert result["decision"]["top_score_decline"]["max"] == 0.78
    assert result["decision"]["single_threshold_baseline"]["declined"] == 1.0
    assert history.exchanges == []  # the evaluation stores nothing


def test_keys_and_answer_length_are_measured_on_the_offline_answers(tmp_path):
    path = _write(tmp_path, [
        {"q": "不良记录保存多久", "expect": ["c-zh.md"], "keys": ["5年"]},
        {"q": "罚息怎么算", "expect": ["p-zh.md"], "keys": ["按日计算", "上浮50%"]},
        {"q": "明天天气怎么样", "expect": []},
    ])
    searcher = FakeSearcher({
        "不良": [hit("c-zh.md", "不良信息自不良行为终止之日起保存5年。还清才算终止。", 0.93)],
        "罚息": [hit("p-zh.md", "罚息按日计算，一般在合同利率上浮30%。", 0.93)],
    }, default=[hit("p-zh.md", "罚息按日计算。", 0.70)])
    history = FakeHistory()
    assistant = Assistant(searcher, history, FakePrefs(), FakeForgetter(history), crisis_line_zh="x",
                          crisis_line_other="y")
    outcomes = evaluate(assistant, load_questions(path), answers=True)
    assert [o.keys_present for o in outcomes] == [True, False, False]
    assert outcomes[0].answer == "文章里是这样说的：\n• 不良信息自不良行为终止之日起保存5年。"  # no sources line
    assert outcomes[0].length == len("文章里是这样说的不良信息自不良行为终止之日起保存年")  # Chinese characters only
    total = report(outcomes, assistant.thresholds)["metrics"]["total"]
    assert total["with_keys"] == 2 and total["keys"] == 0.5 and total["median_zh_chars"] > 0
    assert report(outcomes, assistant.thresholds)["key_misses"][0]["keys"] == ["按日计算", "上浮50%"]
    assert history.exchanges == []


def test_crisis_recall_and_false_alarms_come_from_the_assistants_replies(tmp_path):
    path = tmp_path / "crisis.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"text": "我不想活了", "crisis": True}, {"text": "活着没意思", "crisis": True},
        {"text": "气死我了，又被催收", "crisis": False}, {"text": "穷死了", "crisis": False},
    ]), encoding="utf-8")
    history = FakeHistory()
    assistant = Assistant(FakeSearcher(), history, FakePrefs(), FakeForgetter(history), crisis_line_zh="x",
                          crisis_line_other="y")
    result = evaluate_crisis(assistant, load_crisis(path))
    assert result["crisis_messages"] == 2 and result["other_messages"] == 2
    assert result["recall"] == 1.0 and result["false_alarms"] == 0 and result["missed"] == []
    # a second run over the same store: every message is still a new user's first (stop 31)
    first = {e.user_id for e in history.exchanges}
    assert evaluate_crisis(assistant, load_crisis(path)) == result
    assert len({e.user_id for e in history.exchanges} - first) == 4


def test_bad_crisis_lines_are_named(tmp_path):
    path = tmp_path / "crisis.jsonl"
    path.write_text('{"text": "x", "crisis": "yes"}', encoding="utf-8")
    with pytest.raises(EvalFileError, match=':1: needs a "text" string and a "crisis" true/false'):
        load_crisis(path)


def test_dev_set_is_the_union_of_the_question_files():
    from pathlib import Path

    data = Path(__file__).parent / "data"
    parts = [data / f"questions_{name}.jsonl" for name in ("zh", "en", "extra")]
    combined = [line for part in parts for line in part.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert (data / "questions.jsonl").read_text(encoding="utf-8").splitlines() == combined
    questions = load_questions(data / "questions.jsonl")
    assert len(questions) >= 80 and sum(not q.answerable for q in questions) >= 15
    assert sum(q.cross for q in questions) >= 5


def _side(settings, questions, crisis=None):
    from bot.wiring import build_assistant

    assistant = build_assistant(settings)
    assistant.llm = None
    result = report(evaluate(assistant, questions, answers=True), assistant.thresholds)
    if crisis is not None:
        result["crisis"] = evaluate_crisis(assistant, crisis)
    return result


@pytest.mark.slow
def test_the_dev_set_meets_its_floors(library_settings):
    questions = load_questions(DATA / "questions.jsonl")
    result = _side(library_settings, questions)
    total, cross = result["metrics"]["total"], result["metrics"]["cross"]
    # measured (hybrid, offline answers): hit@1 0.858, hit@3 0.989, MRR 0.919, answered 0.974, declined 0.969;
    # on the content team's next dev set (with keys): hit@1 0.847, hit@3 0.979, answered 0.959, keys 0.77;
    # with the background credit in the decline decision (2026-12-06): answered 0.975, declined 1.0, keys 0.758
    assert total["hit@3"] >= 0.97, result["misses"]
    assert total["hit@1"] >= 0.82, result["misses"]
    assert total["mrr"] >= 0.89
    assert total["answered"] >= 0.95, result["misses"]
    assert total["declined"] >= 0.9, result["misses"]
    assert cross["hit@3"] >= 0.85
    for language in ("zh", "en"):
        assert result["metrics"][language]["hit@3"] >= 0.95
    assert total["median_zh_chars"] <= 300 and total["median_en_words"] <= 80
    if total["with_keys"]:
        assert total["keys"] >= 0.5, result["key_misses"]


def _meets(result, floors, *, show_texts: bool):
    """Each floor; a failure names the misses only when the set may be read (never the blind set's texts)."""
    total, crisis = result["metrics"]["total"], result["crisis"]
    texts = (lambda items: items) if show_texts else (lambda items: f"{len(items)} (texts hidden: blind set)")
    assert total["hit@1"] >= floors["hit@1"], texts(result["misses"])
    assert total["hit@3"] >= floors["hit@3"], texts(result["misses"])
    assert total["answered"] >= floors["answered"], texts(result["misses"])
    assert total["declined"] >= floors["declined"], texts(result["misses"])
    assert total["keys"] >= floors["keys"], texts(result["key_misses"])
    assert total["median_zh_chars"] <= 300 and total["median_en_words"] <= 80
    assert crisis["recall"] >= floors["crisis_recall"], texts(crisis["missed"])
    assert crisis["false_alarms_per_20"] <= floors["false_alarms_per_20"], texts(crisis["false_alarm_texts"])


@pytest.mark.slow
def test_the_blind_set_meets_its_floors(blind_settings):
    """Floors just under what was measured; the issue's targets are in bot/commands/eval.py (TARGETS)."""
    blind = DATA / "blind"
    _meets(_side(blind_settings, load_questions(blind / "questions.jsonl"), load_crisis(blind / "crisis.jsonl")),
           BLIND_FLOORS, show_texts=False)


@pytest.mark.slow
def test_the_tuning_set_meets_its_floors(tuning_settings):
    tuning = DATA / "tuning"
    _meets(_side(tuning_settings, load_questions(tuning / "questions.jsonl"), load_crisis(tuning / "crisis.jsonl")),
           TUNING_FLOORS, show_texts=True)


@pytest.mark.slow
def test_the_second_tuning_library_meets_its_floors(tuning2_settings):
    """tests/data/tuning2 (a glossary, a memo, a forum thread, a dialogue, hard-wrapped English; no crisis
    set), measured 2026-12-06 (stop 21): hit@1 0.653, hit@3 0.903, answered 0.972, declined 1.0, keys 0.556.
    Its two writers' articles overlap, and `expect` names only the writer's own: hit@1 reads low."""
    result = _side(tuning2_settings, load_questions(DATA / "tuning2" / "questions.jsonl"))
    total = result["metrics"]["total"]
    for key, floor in {"hit@1": 0.62, "hit@3": 0.87, "answered": 0.94, "declined": 0.95, "keys": 0.5}.items():
        assert total[key] >= floor, (key, total[key], result["misses"] if key != "keys" else result["key_misses"])
    assert total["median_zh_chars"] <= 300 and total["median_en_words"] <= 80


@pytest.mark.slow
def test_the_held_out_questions_meet_their_floors(tuning_settings):
    """tests/data/heldout, asked of the tuning library; the questions written 2026-12-06 (stop 20), measured
    once: hit@1 0.862, hit@3 0.985, answered 0.969, declined 0.92, keys 0.708; crisis recall 0.975, 1.5
    false alarms in 20. Chunk, sentence and lead on the decline decision's library side (stop 21): answered
    0.985, declined 0.96. Floors just under; failures give counts only."""
    result = _side(tuning_settings, load_questions(DATA / "heldout" / "questions.jsonl"),
                   load_crisis(DATA / "heldout" / "crisis.jsonl"))
    total = result["metrics"]["total"]
    for key, floor in {"hit@1": 0.83, "hit@3": 0.95, "answered": 0.95, "declined": 0.9, "keys": 0.65}.items():
        assert total[key] >= floor, (key, total[key])
    assert total["median_zh_chars"] <= 300 and total["median_en_words"] <= 80
    # crisis.jsonl (80 crisis, 79 calm), checked only: 2 misses and 6 false alarms measured 2026-12-06
    crisis = result["crisis"]
    assert crisis["recall"] >= 0.95, len(crisis["missed"])
    assert crisis["false_alarms_per_20"] <= 2.0, crisis["false_alarms"]


@pytest.mark.slow
def test_a_ten_article_library_decides_like_the_full_one(library_settings, tmp_path):
    """The decline decision has no library-size input: on a 10-article subset (the same vectors, copied),
    questions about those 10 articles are answered and off-topic ones declined about as often as with
    all of them."""
    from bot.search.embedders import build_embedder
    from bot.search.store import open_collection

    full_settings = library_settings
    embedder = build_embedder(full_settings)
    full = open_collection(full_settings, embedder)
    articles = sorted({m["article"] for m in full.get(include=["metadatas"])["metadatas"]})
    subset = articles[::max(1, len(articles) // 10)][:10]
    small_settings = full_settings.model_copy(update={"data_dir": tmp_path, "database_url": f"sqlite:///{tmp_path / 'b.db'}"})
    small = open_collection(small_settings, embedder)
    got = full.get(where={"article": {"$in": subset}}, include=["embeddings", "documents", "metadatas"])
    small.upsert(ids=got["ids"], embeddings=got["embeddings"], documents=got["documents"], metadatas=got["metadatas"])
    assert small.count() == len(got["ids"]) and len({m["article"] for m in got["metadatas"]}) == 10

    questions = [q for q in load_questions(DATA / "questions.jsonl")
                 if not q.answerable or q.expect[0] in subset]
    from bot.wiring import build_assistant

    outcomes = {}
    for name, settings in (("full", full_settings), ("small", small_settings)):
        outcomes[name] = report(evaluate(build_assistant(settings), questions), Thresholds())["metrics"]["total"]
    full_m, small_m = outcomes["full"], outcomes["small"]
    assert full_m["answerable"] >= 20 and full_m["to_decline"] >= 15
    # measured: full answered 0.983, declined 0.969; 10 articles answered 0.932 (3 of 59 questions whose best
    # chunk was in an article the subset lacks), declined 1.0
    assert small_m["answered"] >= full_m["answered"] - 0.06 and small_m["answered"] >= 0.9, outcomes
    assert small_m["declined"] >= full_m["declined"] - 0.1, outcomes
    assert small_m["hit@3"] >= full_m["hit@3"] - 0.05, outcomes
