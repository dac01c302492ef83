"""The payoff chart is a PNG of the fixed size, one line per loan."""

import io
import json
import struct
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
