"""The borrower conversation the end-to-end test and `bench/telegram_transcript.py` play through the
stand-in against `telegram_fakes.scripted_core()`: /start, a sourced answer, 👎, the /plan wizard to
its chart, /forget."""

from __future__ import annotations

from tests.botapi_standin import BotApiStandIn, StandInChat


async def borrower_conversation(standin: BotApiStandIn, chat: StandInChat) -> None:
    """Play the conversation, each step waiting for the bot's answer before the next."""
    steps = [
        (lambda: chat.say("/start"), 1),
        (lambda: chat.say("信用卡逾期三个月会怎样？"), 2),
        (lambda: chat.press("feedback:down:100"), None),
        (lambda: chat.say("/plan"), 3),
        (lambda: chat.press("plan:type:card"), 4),
        (lambda: chat.say("20000 18%"), 6),  # the plan text, then the chart photo
        (lambda: chat.say("/forget"), 7),
        (lambda: chat.press("forget:yes"), 8),
    ]
    for act, sent_in_all in steps:
        act()
        if sent_in_all is None:  # a vote: a notification and the vote buttons removed, no message
            await standin.wait_for(lambda s: s.calls_to("editMessageReplyMarkup", chat.id))
        else:
            await standin.wait_for_sent(chat.id, sent_in_all)
