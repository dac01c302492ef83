"""The payoff chart: each loan's balance month by month under the recommended plan, as PNG bytes.

matplotlib runs on the Agg backend (no display) with a fixed size, so the image is always
WIDTH_PX x HEIGHT_PX. Title, axes and legend speak the borrower's language (zh or en); loans are
labelled "#1 name", "#2 name"... in the order the borrower gave them. The CJK font comes from a
Python package (noto-cjk-sans-otc: Noto Sans CJK, pinned in pyproject.toml) registered with
matplotlib when the first chart is drawn, so no system font is needed; should the package be
missing, an installed system CJK font is used, and failing that the chart falls back to English
with labels "#1" (the text reply lists "#1 招行信用卡, ..." either way).
"""

from __future__ import annotations

import io
import warnings
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402  (after choosing the backend)
from matplotlib.font_manager import FontProperties, findfont, fontManager  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from bot.planner.simulation import Outcome  # noqa: E402

NEVER_ENDING_MONTHS = 60  # a plan that never ends is drawn over five years: the trend is the point
FIGSIZE = (8.0, 4.5)  # inches
DPI = 100
WIDTH_PX, HEIGHT_PX = int(FIGSIZE[0] * DPI), int(FIGSIZE[1] * DPI)
_CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "SimHei",
                 "Microsoft YaHei", "PingFang SC", "Heiti SC", "AR PL UMing CN")


@lru_cache(maxsize=1)
def _cjk_family() -> str | None:
    """The CJK font family to draw with: the packaged Noto Sans CJK SC, registered here once."""
    _register_packaged_font()
    installed = {font.name for font in fontManager.ttflist}
    return next((family for family in _CJK_FAMILIES if family in installed), None)


def _register_packaged_font() -> None:
    try:
        import noto_cjk_sans_otc
    except ImportError:  # a deployment that left the font out: a system CJK font may still be there
        return
    fontManager.addfont(str(noto_cjk_sans_otc.FONT_PATH))  # all faces of the collection: JP, SC, TC, KR


@lru_cache(maxsize=1)
def _default_charmap() -> frozenset[int]:
    return frozenset(FT2Font(findfont(FontProperties())).get_charmap())


def _label(name: str, index: int) -> str:
    """ "#1 招行信用卡", or just "#1" when no installed font can draw the name (the reply lists them)."""
    if _cjk_family() or all(ord(char) in _default_charmap() for char in name):
        return f"#{index} {name}"
    return f"#{index}"


def render_payoff_chart(outcome: Outcome, language: str = "zh", currency: str = "CNY") -> bytes:
    """A line per loan: what it owes at the end of each month (month 0 = today). Returns PNG bytes."""
    figure = draw_payoff_chart(outcome, language, currency)
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # missing glyphs are handled by _label
        figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def draw_payoff_chart(outcome: Outcome, language: str = "zh", currency: str = "CNY") -> Figure:
    """The chart's figure, in the borrower's language (zh needs a CJK font; without one it is English)."""
    family = _cjk_family()
    chinese = language == "zh" and family is not None
    figure = Figure(figsize=FIGSIZE, dpi=DPI)
    axes = figure.add_subplot()
    names = list(outcome.payoff_month)
    start = {name: outcome.schedule[0].balances[name] + outcome.schedule[0].payments[name]
             - outcome.schedule[0].interest[name] - outcome.schedule[0].penalty[name] for name in names} \
        if outcome.schedule else {}
    rows = outcome.schedule if outcome.finished else outcome.schedule[:NEVER_ENDING_MONTHS]
    months = [0] + [row.month for row in rows]
    for index, name in enumerate(names, start=1):
        values = [float(start[name])] + [float(row.balances[name]) for row in rows]
        axes.plot(months, values, marker="o" if len(months) <= 24 else None, markersize=3,
                  label=_label(name, index))
    if family:  # Noto Sans CJK has Latin letters too: an English chart can still name a Chinese loan
        for text_owner in (axes.xaxis.label, axes.yaxis.label, axes.title):
            text_owner.set_family(family)
    axes.set_xlabel("月份" if chinese else "month")
    axes.set_ylabel(f"欠款（{currency}）" if chinese else f"owed ({currency})")
    done = f"{outcome.months}"
    if outcome.finished:
        axes.set_title(f"还款计划：第 {done} 个月还清" if chinese else f"Payoff plan: debt-free in month {done}")
    else:
        axes.set_title("按这个还法还不完：欠款越滚越多" if chinese else "Never paid off at this rate: the debt grows")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlim(left=0)
    axes.set_ylim(bottom=0)
    axes.grid(True, alpha=0.3)
    axes.legend(prop={"family": family} if family else None)
    figure.tight_layout()
    return figure
