"""The payoff chart is a PNG of the fixed size, one line per loan."""

import io
import json
import struct
import warnings
from pathlib import Path

from bot.chart import HEIGHT_PX, WIDTH_PX, render_payoff_chart
from bot.planner.models import plan_input_from_dict
from bot.planner.plan import plan_repayments

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_chart_is_a_png_of_the_expected_size():
    data = json.loads((EXAMPLES / "three-loans.json").read_text(encoding="utf-8"))
    outcome = plan_repayments(plan_input_from_dict(data)).recommended_outcome
    png = render_payoff_chart(outcome, "zh")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert (width, height) == (WIDTH_PX, HEIGHT_PX) == (800, 450)
    from matplotlib import image

    pixels = image.imread(io.BytesIO(png), format="png")
    assert pixels.shape[:2] == (450, 800)
    assert len({tuple(p) for p in pixels.reshape(-1, pixels.shape[2])[::97]}) > 5  # not a blank canvas


def test_a_never_ending_plan_is_drawn_over_five_years():
    data = {"monthly_income": "3000", "essential_expenses": "2500", "loans": [
        {"name": "online", "kind": "online_lender", "balance": "20000", "annual_rate": "36%", "min_payment": "500"}]}
    outcome = plan_repayments(plan_input_from_dict(data)).recommended_outcome
    assert not outcome.finished
    png = render_payoff_chart(outcome, "en")
    assert struct.unpack(">II", png[16:24]) == (WIDTH_PX, HEIGHT_PX)


def _three_loans():
    data = json.loads((EXAMPLES / "three-loans.json").read_text(encoding="utf-8"))
    return data, plan_repayments(plan_input_from_dict(data)).recommended_outcome


def test_the_packaged_cjk_font_is_found_without_any_system_font():
    """noto-cjk-sans-otc (pyproject.toml) carries Noto Sans CJK; it is registered when a chart is drawn."""
    import noto_cjk_sans_otc
    from matplotlib.font_manager import FontProperties, findfont

    from bot.chart import _cjk_family

    assert _cjk_family() == "Noto Sans CJK SC"
    assert Path(findfont(FontProperties(family="Noto Sans CJK SC"), fallback_to_default=False)) == Path(
        str(noto_cjk_sans_otc.FONT_PATH))


def test_a_chinese_chart_speaks_chinese_with_the_loans_names_and_no_missing_glyph():
    from bot.chart import draw_payoff_chart

    data, outcome = _three_loans()
    figure = draw_payoff_chart(outcome, "zh", "CNY")
    axes = figure.axes[0]
    assert axes.get_title() == f"还款计划：第 {outcome.months} 个月还清"
    assert axes.get_xlabel() == "月份" and axes.get_ylabel() == "欠款（CNY）"
    names = [loan["name"] for loan in data["loans"]]
    assert [text.get_text() for text in axes.get_legend().get_texts()] == [
        f"#{number} {name}" for number, name in enumerate(names, start=1)]
    assert any("\u4e00" <= char <= "\u9fff" for name in names for char in name)  # the example names are Chinese
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.savefig(io.BytesIO(), format="png")
    assert not [w for w in caught if "missing from font" in str(w.message)]  # no box instead of a character


def test_an_english_chart_speaks_english():
    from bot.chart import draw_payoff_chart

    _, outcome = _three_loans()
    axes = draw_payoff_chart(outcome, "en", "USD").axes[0]
    assert axes.get_title() == f"Payoff plan: debt-free in month {outcome.months}"
    assert (axes.get_xlabel(), axes.get_ylabel()) == ("month", "owed (USD)")
