"""The support desk's rules, with hand-written fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.core.actions import Human, Rate, encode
from bot.core.escalation import SupportDesk, summarize_profile
from bot.core.messages import Button, Escalation, Reply
from bot.core.ports import Exchange, Stats, TicketError
from bot.core.stats import format_stats
from tests.support.core import FakeHistory
from tests.support.plan import FakeProfiles
from tests.support.tickets import FakeTickets

PROFILE = {"monthly_income": "10000", "essential_expenses": "4500", "currency": "CNY", "loans": [
    {"name": "招行信用卡", "kind": "credit_card", "balance": "20000", "annual_rate": "0.18", "min_payment": "1000",
     "days_overdue": 15, "overdue_amount": "1000"},
    {"name": "借呗", "kind": "online_lender", "balance": "30000", "daily_rate": "0.0006", "min_payment": "1500",
     "days_overdue": 0, "overdue_amount": "0"}]}


@pytest.fixture
def desk(clock):
    history = FakeHistory([
        Exchange("u1", "我的手机 13812345678 一直被催收打"),
        Exchange("u1", "my card 4111 1111 1111 1111 is overdue, mail me at li@example.com"),
        Exchange("u2", "someone else's message"),
    ])
    return SupportDesk(FakeTickets(clock), history, FakeProfiles({"u1": PROFILE}), timeout=timedelta(minutes=30),
                       clock=clock)


def test_escalate_opens_a_ticket_and_tells_the_user_once(desk):
    result = desk.escalate("u1", "user_request", urgent=False, language="zh")
    assert result.created and result.ticket.id == 1 and result.ticket.status == "waiting"
    assert "#1" in result.user_reply.text and "工作人员会在这里回复你" in result.user_reply.text
    assert desk.intercept("u1").bot_may_answer is False  # later messages go to people, silently
    desk.record_user_message(1, "还在吗", group_message_id=501)
    messages = desk.tickets.messages(1)
    assert [m.author for m in messages] == ["system", "user"] and messages[1].text == "还在吗"
    assert desk.tickets.find_by_group_message(501).id == 1


def test_escalating_again_points_to_the_open_ticket(desk):
    desk.escalate("u1", "user_request", False, "en")
    again = desk.escalate("u1", "crisis", True, "en")
    assert not again.created and again.ticket.id == 1
    assert "still open" in again.user_reply.text
    assert "crisis language" in again.group_note
    assert desk.tickets.opened == 1 and desk.tickets.get(1).urgent


def test_disabled_desk_says_no_one_is_reachable(clock):
    desk = SupportDesk(FakeTickets(clock), FakeHistory(), FakeProfiles(), enabled=False, clock=clock)
    result = desk.escalate("u1", "user_request", False, "en")
    assert result.ticket is None and "no one from the team" in result.user_reply.text


def test_card_shows_reason_urgency_language_masked_messages_and_profile(desk):
    ticket = desk.escalate("u1", "crisis", urgent=True, language="zh").ticket
    card = desk.card_text(ticket)
    assert "🚨 Ticket #1" in card and "crisis language" in card and "URGENT" in card and "中文" in card
    assert "13812345678" not in card and "[手机号]" in card
    assert "4111" not in card and "[银行卡号]" in card and "li@example.com" not in card and "[邮箱]" in card
    assert "someone else's" not in card
    assert ("• 招行信用卡, balance 20000, annual rate 0.18, minimum 1000, days overdue 15, overdue 1000\n"
            "• 借呗, balance 30000, daily rate 0.0006, minimum 1500\n"
            "monthly income 10000, essential expenses 4500 (CNY)") in card


def test_intercept_lets_the_bot_answer_only_without_ticket_or_after_timeout(desk, clock):
    assert desk.intercept("u1") is None
    desk.escalate("u1", "user_request", False, "en")
    assert desk.intercept("u1").bot_may_answer is False
    clock.advance(minutes=31)
    [timeout] = desk.due_timeouts()
    assert "nobody has picked up ticket #1" in timeout.user_reply.text and "ask me" in timeout.user_reply.text
    assert "30 min" in timeout.group_note
    assert desk.due_timeouts() == []  # claimed by this scan: another process does not send it too
    assert desk.intercept("u1").bot_may_answer is False  # not told yet
    desk.timeout_sent(timeout)
    assert desk.due_timeouts() == []  # told once
    interception = desk.intercept("u1")
    assert interception.bot_may_answer is True and interception.ticket.is_open  # the ticket stays open


def test_a_timeout_notice_that_was_not_delivered_is_sent_again_on_the_next_scan(desk, clock):
    desk.escalate("u1", "user_request", False, "zh")
    clock.advance(minutes=31)
    [first] = desk.due_timeouts()
    desk.timeout_failed(first)  # e.g. Telegram did not answer
    assert desk.ticket(1).timeout_notified is False and desk.intercept("u1").bot_may_answer is False
    [again] = desk.due_timeouts()
    assert again.ticket.id == 1 and again.user_reply.text == first.user_reply.text
    desk.timeout_sent(again)
    assert desk.ticket(1).timeout_notified and desk.due_timeouts() == []
    assert [m.text for m in desk.tickets.messages(1)].count("timed out: the user was told and may use the bot") == 1


def test_a_timeout_notice_whose_sender_died_is_sent_again_after_the_lease(desk, clock):
    desk.escalate("u1", "user_request", False, "zh")
    clock.advance(minutes=31)
    assert len(desk.due_timeouts()) == 1  # claimed, then the process died before sending
    clock.advance(minutes=1)
    assert desk.due_timeouts() == []
    clock.advance(minutes=5)
    assert [t.ticket.id for t in desk.due_timeouts()] == [1]


def test_timeout_spares_claimed_and_young_tickets(desk, clock):
    desk.escalate("u1", "user_request", False, "zh")
    desk.escalate("u2", "user_request", False, "zh")
    desk.claim(2, 900, "Alice")
    clock.advance(minutes=29)
    assert desk.due_timeouts() == []
    clock.advance(minutes=2)
    assert [t.ticket.id for t in desk.due_timeouts()] == [1]


def test_claim_shows_the_agent_and_refuses_a_second_claim(desk):
    desk.escalate("u1", "user_request", False, "zh")
    assert desk.claim(1, 900, "Alice") == "🙋 Ticket #1 claimed by Alice."
    with pytest.raises(TicketError, match="already claimed by Alice"):
        desk.claim(1, 901, "Bob")
    with pytest.raises(TicketError, match="There is no ticket #7"):
        desk.claim(7, 901, "Bob")
    assert "claimed by Alice" in desk.open_list()


def test_unknown_ticket_is_a_clear_error(desk):
    with pytest.raises(TicketError, match="There is no ticket #42"):
        desk.close(42, "Alice")


def test_close_sends_a_closing_note_with_rating_buttons_and_frees_the_user(desk):
    desk.escalate("u1", "user_request", False, "en")
    closing = desk.close(1, "Alice")
    assert "closed ticket #1" in closing.user_reply.text
    assert [encode(b.action) for b in closing.user_reply.buttons] == [f"rate:1:{n}" for n in range(1, 6)]
    assert closing.group_note == "✅ Ticket #1 closed by Alice."
    assert desk.intercept("u1") is None
    with pytest.raises(TicketError, match="already closed"):
        desk.close(1, "Bob")


def test_rating_is_stored_once_for_the_owner_only(desk):
    desk.escalate("u1", "user_request", False, "en")
    assert "no longer valid" in desk.rate("u1", Rate(1, 5), "en")[0].text  # not before closing
    desk.close(1, "Alice")
    reply, note = desk.rate("u2", Rate(1, 5), "en")
    assert "no longer valid" in reply.text and note is None
    reply, note = desk.rate("u1", Rate(1, 4), "en")
    assert "⭐⭐⭐⭐" in reply.text and note == "⭐ Ticket #1 rated 4/5 by the user."
    assert desk.tickets.get(1).rating == 4
    assert "no longer valid" in desk.rate("u1", Rate(1, 9), "en")[0].text


def test_agent_reply_claims_a_waiting_ticket_and_records_first_reply(desk, clock):
    desk.escalate("u1", "user_request", False, "zh")
    clock.advance(minutes=3)
    ticket, claimed = desk.agent_reply(1, 900, "Alice", "你好，我是小李")
    assert claimed and not desk.agent_reply(1, 900, "Alice", "稍等")[1]
    assert ticket.status == "active" and ticket.agent_name == "Alice" and ticket.first_agent_reply_at == clock.now
    desk.close(1, "Alice")
    with pytest.raises(TicketError, match="is closed"):
        desk.agent_reply(1, 900, "Alice", "one more thing")


def test_notes_are_internal_and_in_the_transcript(desk):
    desk.escalate("u1", "harassment", False, "zh")
    desk.record_user_message(1, "他们打给我同事")
    desk.agent_reply(1, 900, "Alice", "请保留通话录音", group_message_id=601)
    assert "internal" in desk.note(1, "Alice", "user sounds calm")
    desk.link_copy(1, 555, "👤 #1: copy of the user's message")
    transcript = desk.transcript(1)
    assert "user: 他们打给我同事" in transcript and "Alice: 请保留通话录音" in transcript
    assert "note by Alice (internal): user sounds calm" in transcript
    assert "copy of the user's message" not in transcript
    assert desk.tickets.find_by_group_message(555).id == 1
    assert desk.tickets.find_by_group_message(601).id == 1  # replies to an agent's message route too


def test_open_list_is_oldest_first_with_urgency(desk, clock):
    assert desk.open_list() == "No open tickets."
    desk.escalate("u2", "user_request", False, "en")
    clock.advance(minutes=5)
    desk.escalate("u1", "crisis", True, "zh")
    listing = desk.open_list().splitlines()
    assert listing[1].startswith("#1 waiting") and "5 min ago" in listing[1]
    assert listing[2].startswith("#2 🚨 waiting") and "crisis language" in listing[2]


def test_only_a_hand_over_now_opens_a_ticket(desk):
    offer = Reply("我们也可以帮你联系工作人员", escalation=Escalation.offer("harassment"),
                  buttons=[Button("talk to a person", Human())])
    forced = Reply("转人工", escalation=Escalation.now("user_request"))
    crisis = Reply("热线...", escalation=Escalation.now("crisis", urgent=True), buttons=[Button("talk to a person", Human())])
    plain = Reply("答案", buttons=[Button("talk to a person", Human())])
    assert [desk.should_open(r) for r in (offer, forced, crisis, plain)] == [False, True, True, False]


def test_summarize_profile_without_one():
    assert summarize_profile(None) == "no repayment profile"


def test_stats_are_said_plainly():
    text = format_stats(Stats(40, 30, 6, 5, 2, 1, 3, 754.0), 7)
    assert text.splitlines() == [
        "📊 Last 7 days", "Messages: 40", "Answered: 30 (75%)", "Declined: 6", "Feedback: 👍 5 / 👎 2",
        "Tickets: 1 open, 3 closed", "Median time to first agent reply: 12 min 34 s"]
    assert "no agent replies yet" in format_stats(Stats(0, 0, 0, 0, 0, 0, 0, None), 30)


def test_the_desk_over_the_sql_store(clocked_database):
    """The same rules with the real Tickets store, on SQLite and PostgreSQL."""
    db, clock = clocked_database, clocked_database.clock
    db.profiles.save("u1", PROFILE)
    db.history.record(Exchange("u1", "催收打给我妈妈 13812345678"))
    desk = SupportDesk(db.tickets, db.history, db.profiles, timeout=timedelta(minutes=30), clock=clock)

    opened = desk.escalate("u1", "harassment", urgent=False, language="zh", chat_id=1001)
    assert opened.created and opened.ticket.chat_id == 1001
    assert not desk.escalate("u1", "crisis", urgent=True, language="zh").created
    assert db.tickets.get(1).urgent  # asking again in crisis makes the open ticket urgent
    card = desk.card_text(db.tickets.get(1))
    assert "[手机号]" in card and "招行信用卡" in card and "URGENT" in card
    desk.record_user_message(1, "他们还威胁我", group_message_id=77, user_message_id=5)
    assert db.tickets.find_by_group_message(77).id == 1

    clock.advance(minutes=31)
    [timeout] = desk.due_timeouts()
    assert desk.timeout_sent(timeout).timeout_notified and desk.due_timeouts() == []
    assert desk.intercept("u1").bot_may_answer

    clock.advance(minutes=4)
    desk.agent_reply(1, 900, "Alice", "我是小李，先别慌", group_message_id=78)
    ticket = db.tickets.get(1)
    assert ticket.status == "active" and ticket.first_agent_reply_at - ticket.created_at == timedelta(minutes=35)
    closing = desk.close(1, "Alice")
    assert closing.user_reply.buttons[4].action == Rate(1, 5)
    assert desk.rate("u1", Rate(1, 5), "zh")[1] == "⭐ Ticket #1 rated 5/5 by the user."
    transcript = desk.transcript(1)
    assert "user: 他们还威胁我" in transcript and "Alice: 我是小李，先别慌" in transcript
    assert desk.intercept("u1") is None and desk.open_list() == "No open tickets."
