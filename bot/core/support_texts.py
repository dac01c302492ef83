"""What the support desk says: to borrowers in zh/en, and to agents in the support group."""

from __future__ import annotations

# Borrower-facing strings, by language. `{n}` is the ticket number.
_USER: dict[str, dict[str, str]] = {
    "zh": {
        "opened": "已为你转接人工（工单 #{n}）。工作人员会在这里回复你，你可以继续写下你的情况，我们都会转给他们。",
        "opened_urgent": "已为你紧急转接人工（工单 #{n}），工作人员会尽快在这里回复你。你可以继续写，我们都会转给他们。",
        "still_open": "你的工单 #{n} 仍在处理中，工作人员会在这里回复你。你写的内容都会转给他们。",
        "no_desk": "抱歉，现在无法通过机器人联系到工作人员。",
        "timeout": "抱歉，工作人员暂时都在忙，还没有人接手你的工单 #{n}。在等待期间你可以继续向我提问；工单仍然保留，有人接手后会在这里回复你。",
        "closed": "工作人员已结束本次人工服务（工单 #{n}）。现在我会继续回答你的问题。请为这次服务打分（1 最差，5 最好）：",
        "rated": "谢谢你的评分（{stars}）！",
        "rate_unknown": "这个评分按钮已失效。",
    },
    "en": {
        "opened": "I'm handing you to a person (ticket #{n}). Someone from our team will reply here; "
        "you can keep writing and everything you send reaches them.",
        "opened_urgent": "I've asked a person to reply to you urgently (ticket #{n}). Someone will write to you "
        "here as soon as possible; you can keep writing and everything you send reaches them.",
        "still_open": "Your ticket #{n} is still open; a person will reply here. Everything you write reaches them.",
        "no_desk": "Sorry, no one from the team can be reached through the bot right now.",
        "timeout": "Sorry, everyone on the team is busy and nobody has picked up ticket #{n} yet. You can ask me "
        "questions meanwhile; the ticket stays open and a person will reply here when they are free.",
        "closed": "The person helping you has closed ticket #{n}; I will answer your questions again. "
        "How was the help (1 poor, 5 great)?",
        "rated": "Thank you for your rating ({stars})!",
        "rate_unknown": "This rating button is no longer valid.",
    },
}


def user_text(key: str, language: str, **values: object) -> str:
    """A borrower-facing string in their language (Chinese unless English)."""
    table = _USER["en" if language == "en" else "zh"]
    return table[key].format(**values)


# Support-group strings: the team works in one place, so one bilingual-friendly English set.
GROUP: dict[str, str] = {
    "card_title": "{icon} Ticket #{n}",
    "urgent": "URGENT",
    "normal": "normal",
    "claimed": "🙋 Ticket #{n} claimed by {agent}.",
    "already_claimed": "Ticket #{n} is already claimed by {agent}.",
    "closed": "✅ Ticket #{n} closed by {agent}.",
    "already_closed": "Ticket #{n} is already closed.",
    "no_ticket": "There is no ticket #{n}.",
    "note_saved": "📝 Note saved on ticket #{n} (internal, not sent to the user).",
    "no_open": "No open tickets.",
    "timeout": "⏰ Ticket #{n}: nobody claimed it within {minutes} min; the user was told and may use the bot meanwhile.",
    "refused": "Only support agents can do that here.",
    "usage_id": "Usage: /{command} N  (N is the ticket number, e.g. /{command} 12)",
    "usage_note": "Usage: /note N TEXT  (an internal note on ticket N, never sent to the user)",
    "user_wrote": "👤 #{n}: {text}",
    "user_sent_media": "👤 #{n} sent this:",
    "user_asked_again": "🔔 #{n}: the user asked for a person again ({reason}).",
    "rated": "⭐ Ticket #{n} rated {rating}/5 by the user.",
    "reply_closed": "Ticket #{n} is closed; your message was not sent. Reopen by asking the user to write /human.",
    "forgotten": "🗑 #{n}: the user asked to delete their data (/forget); the ticket is closed and its text erased.",
    "delivery_failed": "Could not deliver your message to the user of ticket #{n}: {error}",
}


def group_text(key: str, **values: object) -> str:
    return GROUP[key].format(**values)
