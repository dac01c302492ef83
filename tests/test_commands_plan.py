"""`python -m bot plan`: tables, --json, --chart, and clear errors with exit status 2."""

import io
import json
import struct
from pathlib import Path

import pytest

from bot.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(autouse=True)
def _isolated(settings, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no developer .env


def test_tables_and_chart(capsys, tmp_path):
    chart = tmp_path / "plan.png"
    assert main(["plan", str(EXAMPLES / "three-loans.json"), "--chart", str(chart), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "What waiting costs" in out and "Plans side by side" in out and "Month by month" in out
    assert "¥10,918.71" in out  # avalanche's total interest
    assert f"Chart written to {chart}" in out
    assert struct.unpack(">II", chart.read_bytes()[16:24]) == (800, 450)


def test_json_output(capsys):
    assert main(["plan", str(EXAMPLES / "three-loans.json"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["budget", "minimums", "feasible", "overdue", "strategies", "recommended", "schedule",
                          "suggestions"]
    assert data["strategies"]["avalanche"]["months"] == 21


def test_infeasible_gives_advice_and_no_chart(capsys, tmp_path):
    chart = tmp_path / "none.png"
    assert main(["plan", str(EXAMPLES / "infeasible.json"), "--chart", str(chart)]) == 0
    captured = capsys.readouterr()
    assert "每月缺 ¥1,900.00" in captured.out and "以贷养贷" in captured.out
    assert "没有可画的还款计划" in captured.err and not chart.exists()


def test_standard_input(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO((EXAMPLES / "three-loans.json").read_text(encoding="utf-8")))
    assert main(["plan", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["recommended"] == "avalanche"


@pytest.mark.parametrize("text, message", [
    ("{bad", "error: file: not valid JSON at line 1, column 2"),
    ('{"monthly_income": 100, "loans": [{"balance": "abc"}]}', "error: loans[1].balance: 'abc' is not an amount"),
    ('{"monthly_income": 100, "loans": [{"balance": 5, "annual_rate": "5000%", "min_payment": 1}]}',
     "error: loans[1].annual_rate: 5000% a year is above 1000%"),
    ('[1, 2]', "error: input: is not a JSON object"),
])
def test_bad_input_names_the_field_and_exits_2(text, message, capsys, tmp_path):
    path = tmp_path / "in.json"
    path.write_text(text, encoding="utf-8")
    assert main(["plan", str(path), "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and "Traceback" not in captured.err and captured.out == ""


def test_missing_file(capsys, tmp_path):
    assert main(["plan", str(tmp_path / "nope.json"), "--lang", "en"]) == 2
    assert "error: file: cannot read" in capsys.readouterr().err


@pytest.mark.parametrize("text, line", [
    ("[" * 100000, "error: input: JSON 嵌套太深（最多 20 层）。"),
    ('{"monthly_income": NaN, "loans": []}', "error: input: JSON 里不能用 NaN，请写一个数字。"),
    ('{"monthly_income": 1e309, "loans": []}', "error: input: 「1e309」是科学计数法，请直接写出数字，比如 25000 或 2.5万。"),
    ('{"monthly_income": ' + "9" * 5000 + ', "loans": []}', "error: input: 输入超出了合理范围（最多 10 亿）：「99999999999999999999…」。"),
    ('{"monthly_income": 10000, "loans": [{"name": "卡", "balance": 20000, "annual_rate": 0.18, "min_payment": 1000}],'
     ' "offer": {"months": 12, "monthly_payment": 1000, "principal": 1}}',
     "error: offer.monthly_payment: 每期还款相对借款金额高得不合理（折合年化超过 1000%），请核对金额和期数。"),
])
def test_hostile_input_on_stdin_prints_one_chinese_line_and_exits_2(text, line, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert main(["plan", "-", "--lang", "zh"]) == 2
    captured = capsys.readouterr()
    assert captured.err == line + "\n" and captured.out == ""
