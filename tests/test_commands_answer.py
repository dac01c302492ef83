"""`python -m bot ask | chat | eval` over the real library (ingested once per session), asserting output."""

from __future__ import annotations

import io
import json

import pytest

from bot.cli import main
from tests.support.library import library_env, library_settings  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow


def ask_json(capsys, question: str, *extra: str) -> dict:
    assert main(["ask", question, "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_ask_penalty_interest_in_chinese(library_env, capsys):
    out = ask_json(capsys, "逾期一个月罚息怎么算")
    assert set(out) == {"answer", "sources", "answered", "language", "escalate", "escalation", "kind", "buttons"}
    assert out["answered"] and out["language"] == "zh" and not out["escalate"]
    assert out["sources"][0]["article"] == "repayment/penalty-interest-and-fees-zh.md"
    assert "罚息" in out["answer"] and "来源" in out["answer"]


def test_ask_about_a_credit_report_gone_messy_gets_the_article_on_inquiries(library_env, capsys):
    """Stop 33 red team: "征信花了" (too many lenders' inquiries) was answered from the article on objections."""
    out = ask_json(capsys, "征信花了还能贷款吗", "--user", "messy-report")  # its own user: a conversation about China
    # would point the next tests' questions to China's rules
    assert out["answered"] and out["sources"][0]["article"] == "credit/credit-inquiries-zh.md"


def test_ask_in_english(library_env, capsys):
    out = ask_json(capsys, "how long does a late payment stay on my credit report?")
    assert out["answered"] and out["language"] == "en"
    assert out["sources"][0]["article"] == "credit/late-payments-credit-report-en.md"
    assert "7 years" in out["answer"]


def test_ask_weather_declines(library_env, capsys):
    out = ask_json(capsys, "明天天气怎么样")
    assert out == {"answer": out["answer"], "sources": [], "answered": False, "language": "zh", "escalate": False,
                   "escalation": {"level": "none", "reason": "", "urgent": False}, "kind": "decline", "buttons": []}
    assert "没有关于这个问题的文章" in out["answer"]


def test_ask_crisis_escalates(library_env, capsys):
    out = ask_json(capsys, "欠了太多钱，活着没意思，想一了百了")
    assert out["escalate"] and not out["answered"] and out["sources"] == []
    assert out["escalation"] == {"level": "now", "reason": "crisis", "urgent": True}
    assert library_env.crisis_line_zh in out["answer"]


def test_ask_harassment_gives_rights_and_escalates(library_env, capsys):
    out = ask_json(capsys, "催收爆我通讯录，还说要上门")
    assert out["escalate"] and out["answered"]
    assert out["escalation"] == {"level": "offer", "reason": "harassment", "urgent": False}
    assert out["sources"][0]["article"].startswith("rights/")


def test_ask_a_question_with_numbers_gets_the_penalty_worked_out_and_a_plan_offer(library_env, capsys):
    out = ask_json(capsys, "我的网贷欠了8千，已经逾期20天，会多出多少罚息")
    assert out["kind"] == "answer" and out["sources"][0]["article"] == "repayment/penalty-interest-and-fees-zh.md"
    assert "¥8,000.00 × 0.0641% × 20 天 ≈ ¥102.58" in out["answer"] and "按你的合同为准" in out["answer"]
    assert {"label": "用我的数字做完整还款计划", "action": "plan:start"} in out["buttons"]


def test_ask_empty_question_is_explained(library_env, capsys):
    assert main(["ask", "  "]) == 2
    assert "empty" in capsys.readouterr().out


def test_ask_stores_the_exchange_masked(library_env, capsys):
    from bot.storage.database import Database

    ask_json(capsys, "我手机13812345678，逾期了会上征信吗", "--user", "masked-user")
    db = Database.from_url(library_env.database_url)
    stored = db.history.recent("masked-user")
    db.dispose()
    assert stored and "13812345678" not in stored[-1].question and "[手机号]" in stored[-1].question


def test_chat_transcript_with_followup_and_plan(library_env, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("逾期了会上征信吗\n那要多久才能消?\n/plan\n/quit\n"))
    assert main(["chat", "--user", "chat-user"]) == 0
    out = capsys.readouterr().out
    assert out.count("bot · answer") == 2 and "征信" in out
    assert "bot · wizard" in out or "bot · plan" in out


@pytest.mark.parametrize("args,env,first", [
    (["--lang", "en"], {}, "Let's build a repayment plan"),
    ([], {"LANG": "en_US.UTF-8"}, "Let's build a repayment plan"),
    ([], {"LANG": "zh_CN.UTF-8"}, "我来帮你按你自己的数字排一个还款计划"),
    ([], {"LANG": "C.UTF-8"}, "我来帮你按你自己的数字排一个还款计划"),
])
def test_plan_in_the_console_speaks_the_chosen_or_the_locales_language(library_env, capsys, monkeypatch, args, env, first):
    """Stop 31 note: /plan, with no words to read a language from, always started in Chinese under an English banner."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stdin", io.StringIO("/plan\n/quit\n"))
    assert main(["chat", "--user", f"console-lang-{len(args)}-{sorted(env.items())}", *args]) == 0
    out = capsys.readouterr().out
    assert "/lang en" in out.split("you>")[0]
    assert first in " ".join(out.split("you>")[1].split())


def test_the_console_has_no_support_desk_so_human_gives_the_contact_line(library_env, capsys, monkeypatch):
    monkeypatch.setenv("SUPPORT_CONTACT_LINE", "客服热线 400-000-0000")
    monkeypatch.setattr("sys.stdin", io.StringIO("/human\n/start\n/quit\n"))
    assert main(["chat", "--user", "console-human"]) == 0
    out = capsys.readouterr().out
    assert "在这里联系不到工作人员" in out and "客服热线 400-000-0000" in out
    assert "已经请工作人员" not in out and "找人工" not in out.split("bot · info")[-1]  # /start offers no person


def test_eval_prints_the_table_and_the_decision(library_env, capsys, tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"q": "逾期一个月罚息怎么算", "expect": ["repayment/penalty-interest-and-fees-zh.md"]},
        {"q": "how long does a late payment stay on my credit report", "expect": ["credit/late-payments-credit-report-en.md"]},
        {"q": "红烧肉怎么做", "expect": []},
    ]), encoding="utf-8")
    assert main(["eval", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["metrics"]["total"]["hit@1"] == 1.0 and result["metrics"]["total"]["declined"] == 1.0
    assert set(result["decision"]) >= {"thresholds", "top_score_answerable", "top_score_decline",
                                       "single_threshold_baseline", "calibrated_on_this_file"}
    assert main(["eval", str(path)]) == 0
    table = capsys.readouterr().out
    assert "hit@3" in table and "decline decision" in table


def test_eval_also_measures_another_library_in_a_column_of_its_own(library_env, capsys, tmp_path):
    """`--also DIR`: a further tuning library (no crisis set needed), in its own store, named after its folder."""
    folder = tmp_path / "smalllib"
    (folder / "library").mkdir(parents=True)
    (folder / "library" / "grace-en.md").write_text(
        "---\ntitle: Is a payment two days late already overdue?\nlang: en\n---\n\n"
        "Many card issuers give a grace period of a few days before a payment counts as late. "
        "Check your card agreement for the exact number of days.\n", encoding="utf-8")
    rows = [{"q": "my card payment is two days late, is it overdue already", "expect": ["grace-en.md"],
             "keys": ["grace period"]}, {"q": "how do I bake sourdough bread", "expect": []}]
    (folder / "questions.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    dev = tmp_path / "q.jsonl"
    dev.write_text(json.dumps({"q": "红烧肉怎么做", "expect": []}, ensure_ascii=False), encoding="utf-8")
    assert main(["eval", str(dev), "--also", str(folder), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"dev", "smalllib"} and "crisis" not in result["smalllib"]
    small = result["smalllib"]["metrics"]["total"]
    assert small["hit@1"] == 1.0 and small["answered"] == 1.0 and small["declined"] == 1.0 and small["keys"] == 1.0
    blind_named = tmp_path / "blind"
    folder.rename(blind_named)
    assert main(["eval", str(dev), "--also", str(blind_named)]) == 2
    assert "a folder name of its own" in capsys.readouterr().out


def test_eval_dev2_asks_more_questions_of_the_dev_library_in_a_column_of_its_own(library_env, capsys, tmp_path):
    """`--dev2 FILE`: a second question file on the dev library (no store of its own); a bad one is named."""
    dev = tmp_path / "q.jsonl"
    dev.write_text(json.dumps({"q": "红烧肉怎么做", "expect": []}, ensure_ascii=False), encoding="utf-8")
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({"q": "how do I bake sourdough bread", "expect": []}), encoding="utf-8")
    assert main(["eval", str(dev), "--dev2", str(more), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"dev", "dev2"}
    assert result["dev2"]["metrics"]["total"]["questions"] == 1 and result["dev2"]["metrics"]["total"]["declined"] == 1.0
    assert main(["eval", str(dev), "--dev2", str(more)]) == 0
    assert f"dev2: {more}" in capsys.readouterr().out
    more.write_text("{not json", encoding="utf-8")
    assert main(["eval", str(dev), "--dev2", str(more)]) == 2
    assert f"{more}:1: not JSON" in capsys.readouterr().out


def test_eval_bad_file_is_named(library_env, capsys, tmp_path):
    assert main(["eval", str(tmp_path / "missing.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().out


def test_ask_through_the_llm_stand_in(library_env, capsys, monkeypatch):
    from tests.support.openai_standin import OpenAIStandIn, Script

    server = OpenAIStandIn(script=Script(content="银行逾期罚息通常在合同利率基础上上浮30%到50% [1]。"))
    server.start()
    try:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        out = ask_json(capsys, "我卡号4111111111111111，逾期一个月罚息怎么算")
        prompt = server.last_prompt()
    finally:
        server.stop()
    assert out["answered"] and out["answer"].startswith("银行逾期罚息通常在合同利率基础上上浮30%到50% [1]。")
    assert out["sources"][0]["article"] == "repayment/penalty-interest-and-fees-zh.md"
    assert "4111111111111111" not in prompt and "[银行卡号]" in prompt
    # Passages travel as JSON with code-assigned numbers and titles (no article ids for a model to echo or forge).
    assert '"n": 1' in prompt and '"title": "逾期后的罚息、违约金和各种费用是怎么算的？"' in prompt
    assert "Simplified Chinese" in prompt
