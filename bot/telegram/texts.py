"""The Telegram adapter's own words (zh/en): what it says when the core is not the one speaking."""

from __future__ import annotations

from bot.core.messages import Language

UNSUPPORTED = {
    "zh": "我现在只能读文字消息 ✍️ 图片、语音、贴纸、文件和位置我还看不懂。"
          "请把你的问题打字发给我，比如：“信用卡逾期了会怎样？”",
    "en": "I can only read text messages for now ✍️ I can't open photos, voice messages, stickers, "
          "files or locations. Please type your question, for example: \"What happens if my card payment is late?\"",
}
RATE_LIMITED = {
    "zh": "你发得有点快 🙏 请稍等一分钟再发，我会继续帮你。",
    "en": "That's a lot of messages in a short time 🙏 Please wait a minute and send it again; I'll keep helping.",
}
ERROR = {
    "zh": "抱歉，刚才出了点问题，没能处理你的消息。请再发一次试试，或者点下面的按钮找人工帮你。",
    "en": "Sorry, something went wrong and I couldn't handle your message. Please try again, "
          "or tap the button below to reach a person.",
}
BUTTON_GONE = {
    "zh": "这个按钮已经失效了，请直接把问题打字发给我。",
    "en": "That button has expired; please type your question instead.",
}
HUMAN_BUTTON = {"zh": "🙋 找人工", "en": "🙋 Talk to a person"}
SOURCES = {"zh": "来源", "en": "Sources"}
CHART_CAPTION = {"zh": "📉 你的还款计划图", "en": "📉 Your repayment plan chart"}

# (command, zh description, en description), in the order Telegram shows them.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("start", "开始使用 / 隐私说明", "Start and privacy note"),
    ("help", "我能帮你做什么", "What I can help with"),
    ("plan", "制定还款计划", "Make a repayment plan"),
    ("reminders", "还款提醒：查看、暂停、停止", "Payment reminders: see, pause, stop"),
    ("progress", "还款进度", "How far my plan has come"),
    ("human", "找人工客服", "Talk to a person"),
    ("lang", "切换语言 中文/English", "Switch language 中文/English"),
    ("forget", "删除我的所有数据", "Delete everything stored about me"),
    ("cancel", "取消当前操作", "Cancel what we're doing"),
)


def language_of(language_code: str | None) -> Language | None:
    """Telegram's IETF language tag ("zh-hans", "en-GB") as the core's language, when it is one of ours."""
    code = (language_code or "").lower()
    if code.startswith("zh"):
        return "zh"
    if code.startswith("en"):
        return "en"
    return None
