"""Rendering a Reply for Telegram: splitting, escaping, sources, the chart, the buttons."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core.actions import Feedback, PlanKind, Topic, decode, encode
from bot.core.messages import Button, Escalation, Reply, Source
from bot.telegram.rendering import (
    TEXT_LIMIT,
    Key,
    PhotoPart,
    TextPart,
    build_keyboard,
    followup_question,
    render_reply,
    split_text,
    utf16_len,
)


def _squash(text: str) -> str:
    return "".join(text.split())


def test_short_text_is_one_part():
    assert split_text("  逾期会怎样？\n\n会产生罚息。 ") == ["逾期会怎样？\n\n会产生罚息。"]


def test_long_text_splits_at_paragraph_boundaries():
    paragraphs = [f"第{i}段：" + "逾期后果说明。" * 60 for i in range(20)]  # ~430 chars each
    parts = split_text("\n\n".join(paragraphs))
    assert len(parts) > 1
    assert all(utf16_len(part) <= TEXT_LIMIT for part in parts)
    for part in parts:  # every part starts and ends on a paragraph boundary
        assert part.startswith("第") and part.endswith("。")
    assert "\n\n".join(parts) == "\n\n".join(paragraphs)


def test_a_paragraph_longer_than_the_limit_splits_after_sentences():
    paragraph = "This is one sentence about overdue fees. " * 200  # 8,200 chars, no line breaks
    parts = split_text(paragraph)
    assert len(parts) == 3
    assert all(part.endswith(".") for part in parts)


def test_text_without_any_boundary_is_cut_hard_without_breaking_emoji():
    parts = split_text("😀" * 3000)  # 6,000 UTF-16 units
    assert [utf16_len(p) for p in parts] == [4096, 1904]
    assert "".join(parts) == "😀" * 3000


@given(st.text(alphabet=st.sampled_from(list("ab 。.\n😀<&征")), max_size=3000),
       st.integers(min_value=20, max_value=400))
def test_split_parts_fit_and_lose_nothing(text, limit):
    parts = split_text(text, limit)
    assert all(part and utf16_len(part) <= limit for part in parts)
    assert _squash("".join(parts)) == _squash(text)


def test_answer_is_escaped_html_with_followups_then_the_cores_buttons_once():
    reply = Reply(text="年化<36%的部分受保护 & 超出部分可协商\n\n来源：《逾期<后果>》", language="zh", kind="answer",
                  sources=[Source("a/overdue.md", "逾期<后果>")],
                  followups=["逾期多久上征信？", "可以协商分期吗？", "罚息怎么算？", "第四个不显示"],
                  buttons=[Button("👍", decode("feedback:up:42")), Button("👎", decode("feedback:down:42")), Button("找人工", decode("human"))],
                  turn_id=42)
    [part] = render_reply(reply)
    assert isinstance(part, TextPart)
    # the core's text names its sources; the channel adds no second list
    assert part.html == "年化&lt;36%的部分受保护 &amp; 超出部分可协商\n\n来源：《逾期&lt;后果&gt;》"
    assert part.keyboard == (
        (Key("逾期多久上征信？", "fu:0:42"),),
        (Key("可以协商分期吗？", "fu:1:42"),),
        (Key("罚息怎么算？", "fu:2:42"),),
        (Key("👍", "feedback:up:42"), Key("👎", "feedback:down:42")),
        (Key("找人工", "human"),),
    )


def test_long_answer_puts_buttons_on_the_last_part_only():
    text = "\n\n".join(["Paragraph about negotiating with the lender. " * 40] * 6)
    parts = render_reply(Reply(text=text + "\n\nSources: \"Negotiating\" (x.md)", language="en",
                               sources=[Source("x.md", "Negotiating")], buttons=[Button("👍", decode("feedback:up:7"))],
                               turn_id=7))
    assert len(parts) == 3
    assert [bool(p.keyboard) for p in parts] == [False, False, True]
    assert parts[-1].html.endswith('Sources: "Negotiating" (x.md)')
    assert all(utf16_len(p.html.replace("<b>", "").replace("</b>", "")) <= TEXT_LIMIT for p in parts)


def test_plan_reply_is_text_then_chart_photo_with_short_caption_and_the_buttons():
    reply = Reply(text="先还招行信用卡（年化18%），每月还 2,000 元。", language="zh", kind="plan",
                  chart_png=b"\x89PNG...", buttons=[Button("重新计算", decode("plan:new"))], turn_id=9)
    text, photo = render_reply(reply)
    assert isinstance(text, TextPart) and text.keyboard == ()
    assert isinstance(photo, PhotoPart) and photo.png == b"\x89PNG..."
    assert photo.caption_html == "📉 你的还款计划图" and len(photo.caption_html) < 1024
    assert photo.keyboard == ((Key("重新计算", "plan:new"),),)


def test_core_buttons_short_labels_pair_up_and_no_duplicate_human_button():
    reply = Reply(text="欢迎", kind="info", buttons=[
        Button("逾期后果", decode("topic:overdue:zh")), Button("征信", decode("topic:credit:zh")),
        Button("协商还款", decode("topic:negotiate:zh")), Button("制定还款计划", decode("plan:start")),
        Button("找人工", decode("human"))])
    assert build_keyboard(reply) == (
        (Key("逾期后果", "topic:overdue:zh"), Key("征信", "topic:credit:zh")),
        (Key("协商还款", "topic:negotiate:zh"), Key("制定还款计划", "plan:start")),
        (Key("找人工", "human"),),
    )


def test_every_button_is_rendered_with_its_encoded_action():
    """Nothing is dropped: a plan kind with a long key, big ids, a topic, each one fits (see test_actions)."""
    buttons = [Button("long kind", PlanKind("k" * 32)), Button("feedback", Feedback(2**62, up=False)),
               Button("topic", Topic("negotiate", "en")), Button("ok", decode("lang:en"))]
    keys = [key for row in build_keyboard(Reply(text="x", kind="info", buttons=buttons)) for key in row]
    assert [key.data for key in keys] == [f"plan:kind:{'k' * 32}", f"feedback:down:{2**62}", "topic:negotiate:en",
                                          "lang:en"]


def test_handoff_reply_offers_no_second_human_button_and_no_feedback():
    assert build_keyboard(Reply(text="已转人工", kind="handoff", escalation=Escalation.now("user request"), turn_id=3)) == ()


def test_followup_question_is_read_from_the_pressed_button_label():
    keyboard = [[("逾期多久上征信？这是一个很长很长的问题，超过六十四个字节也没关系", "fu:0:42")], [("👍", "feedback:up:42")]]
    assert followup_question("fu:0:42", keyboard) == keyboard[0][0][0]
    assert followup_question("fu:1:42", keyboard) is None
    assert followup_question("feedback:up:42", keyboard) is None
