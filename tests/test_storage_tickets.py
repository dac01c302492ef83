"""SqlTickets on SQLite and PostgreSQL: the support desk's state, shared by every bot process."""

import threading
from datetime import timedelta

import pytest

from bot.core.ports import Ticket, TicketError, TicketNotFound
from bot.storage import Database


def _open(tickets, user="u1", reason="human", urgent=False, language="zh", chat_id=1001):
    return tickets.open(user, reason, urgent, language, chat_id)


def test_open_creates_a_waiting_ticket_with_every_field(clocked_database, clock):
    ticket = _open(clocked_database.tickets, reason="crisis", urgent=True, language="en")

    assert ticket == Ticket(
        id=ticket.id, user_id="u1", chat_id=1001, status="waiting", reason="crisis", urgent=True,
        language="en", created_at=clock.now,
    )
    assert clocked_database.tickets.get(ticket.id) == ticket
    assert clocked_database.tickets.active_for("u1") == ticket
    assert clocked_database.tickets.active_for("u2") is None


def test_a_user_has_one_open_ticket_and_urgency_sticks(database):
    tickets = database.tickets
    first = _open(tickets, reason="human")
    again = _open(tickets, reason="crisis", urgent=True)

    assert again.id == first.id
    assert again.urgent is True and tickets.get(first.id).urgent is True
    assert [t.id for t in tickets.list_open()] == [first.id]


def test_after_closing_a_new_ticket_can_be_opened(database):
    tickets = database.tickets
    first = _open(tickets)
    closed = tickets.close(first.id)
    second = _open(tickets)

    assert closed.status == "closed" and closed.closed_at is not None and not closed.is_open
    assert second.id != first.id and second.status == "waiting"
    assert tickets.close(first.id) is None  # already closed
    assert tickets.close(999_999) is None


def test_list_open_is_oldest_first_without_closed_ones(clocked_database, clock):
    tickets = clocked_database.tickets
    a = _open(tickets, user="a")
    clock.advance(minutes=1)
    b = _open(tickets, user="b")
    clock.advance(minutes=1)
    c = _open(tickets, user="c")
    tickets.claim(b.id, 7, "Agent Li")
    tickets.close(a.id)

    assert [(t.user_id, t.status) for t in tickets.list_open()] == [("b", "active"), ("c", "waiting")]
    assert c.created_at > b.created_at


def test_claim_first_claimer_wins_and_the_second_learns_who(clocked_database, clock):
    tickets = clocked_database.tickets
    ticket = _open(tickets)

    first = tickets.claim(ticket.id, 7, "Agent Li")
    second = tickets.claim(ticket.id, 8, "Agent Wang")
    again = tickets.claim(ticket.id, 7, "Agent Li")

    assert first.won and first.ticket.status == "active" and first.ticket.agent_name == "Agent Li"
    assert first.ticket.claimed_at == clock.now
    assert not second.won and second.ticket.agent_id == 7 and second.ticket.agent_name == "Agent Li"
    assert again.won  # claiming one's own ticket again is fine


def test_claim_of_a_closed_or_missing_ticket(database):
    tickets = database.tickets
    ticket = _open(tickets)
    tickets.close(ticket.id)

    assert tickets.claim(ticket.id, 7, "Li").won is False
    with pytest.raises(TicketNotFound, match="#424242"):
        tickets.claim(424242, 7, "Li")


def test_messages_form_the_transcript_and_map_group_messages_to_tickets(clocked_database, clock):
    tickets = clocked_database.tickets
    ticket = _open(tickets)
    other = _open(tickets, user="u2")
    tickets.set_card(ticket.id, message_id=500, thread_id=77)
    tickets.set_card(other.id, message_id=600)
    tickets.add_message(ticket.id, "user", "他们天天打电话", group_message_id=501, user_message_id=11)
    clock.advance(seconds=30)
    tickets.add_message(ticket.id, "agent", "别担心，我们来帮你", author_name="Li", group_message_id=502)
    tickets.add_message(ticket.id, "note", "internal: check contract")

    transcript = tickets.messages(ticket.id)

    assert [(m.author, m.text, m.author_name) for m in transcript] == [
        ("user", "他们天天打电话", None), ("agent", "别担心，我们来帮你", "Li"), ("note", "internal: check contract", None),
    ]
    assert transcript[0].user_message_id == 11 and transcript[1].created_at == clock.now
    assert tickets.find_by_group_message(500).id == ticket.id  # the card itself
    assert tickets.find_by_group_message(502).id == ticket.id
    assert tickets.find_by_group_message(600).id == other.id
    assert tickets.find_by_group_message(9999) is None
    assert tickets.find_by_thread(77).id == ticket.id
    assert tickets.find_by_thread(78) is None
    assert tickets.get(ticket.id).card_message_id == 500 and tickets.get(ticket.id).thread_id == 77


def test_telegram_sized_ids_fit(database):
    """Supergroup chat ids, user ids and message ids exceed 32 bits."""
    tickets = database.tickets
    ticket = tickets.open("6123456789", "human", False, "en", 6_123_456_789)
    tickets.set_card(ticket.id, message_id=3_000_000_001, thread_id=2_500_000_000)
    tickets.claim(ticket.id, 7_000_000_001, "Agent")
    tickets.add_message(ticket.id, "user", "hi", group_message_id=3_000_000_002, user_message_id=4_000_000_000)

    stored = tickets.get(ticket.id)
    assert (stored.chat_id, stored.agent_id, stored.card_message_id) == (6_123_456_789, 7_000_000_001, 3_000_000_001)
    assert tickets.find_by_thread(2_500_000_000).id == ticket.id
    assert tickets.find_by_group_message(3_000_000_002).id == ticket.id
    assert tickets.messages(ticket.id)[0].user_message_id == 4_000_000_000


def test_bad_messages_are_refused(database):
    tickets = database.tickets
    ticket = _open(tickets)
    with pytest.raises(TicketError, match="author must be one of user, agent, note, system"):
        tickets.add_message(ticket.id, "bot", "hi")
    with pytest.raises(TicketNotFound):
        tickets.add_message(ticket.id + 100, "user", "hi")
    with pytest.raises(TicketNotFound):
        tickets.set_card(ticket.id + 100, 1)


def test_first_reply_is_recorded_once(clocked_database, clock):
    tickets = clocked_database.tickets
    ticket = _open(tickets)
    clock.advance(minutes=4)
    replied_at = clock.now

    assert tickets.mark_first_reply(ticket.id) is True
    clock.advance(minutes=1)
    assert tickets.mark_first_reply(ticket.id) is False
    assert tickets.get(ticket.id).first_agent_reply_at == replied_at


def test_due_for_timeout_finds_unclaimed_waiting_tickets_once(clocked_database, clock):
    tickets = clocked_database.tickets
    old = _open(tickets, user="old")
    claimed = _open(tickets, user="claimed")
    tickets.claim(claimed.id, 7, "Li")
    clock.advance(minutes=20)
    young = _open(tickets, user="young")
    clock.advance(minutes=11)

    due = tickets.due_for_timeout(clock.now, minutes=30)

    assert [t.id for t in due] == [old.id]
    assert tickets.claim_timeout_notice(old.id, clock.now, timedelta(minutes=5)) is True
    assert tickets.claim_timeout_notice(old.id, clock.now, timedelta(minutes=5)) is False  # another process sends it
    tickets.release_timeout_notice(old.id)  # it could not be delivered
    assert tickets.claim_timeout_notice(old.id, clock.now, timedelta(minutes=5)) is True  # the next scan tries again
    assert tickets.claim_timeout_notice(old.id, clock.now + timedelta(minutes=6), timedelta(minutes=5)) is True
    assert tickets.mark_timeout_notified(old.id) is True
    assert tickets.mark_timeout_notified(old.id) is False  # another process got there first
    assert tickets.due_for_timeout(clock.now, minutes=30) == []
    clock.advance(minutes=20)
    assert [t.id for t in tickets.due_for_timeout(clock.now, minutes=30)] == [young.id]
    assert tickets.get(old.id).status == "waiting"  # the ticket stays open


def test_handoff_notice_is_said_once(database):
    ticket = _open(database.tickets)
    assert database.tickets.mark_handoff_notice(ticket.id) is True
    assert database.tickets.mark_handoff_notice(ticket.id) is False
    assert database.tickets.get(ticket.id).handoff_notice_sent is True


def test_rating_is_one_to_five_by_the_tickets_user(database):
    tickets = database.tickets
    ticket = _open(tickets)
    tickets.close(ticket.id)

    assert tickets.rate(ticket.id, 4, user_id="intruder") is False
    assert tickets.rate(ticket.id, 5, user_id="u1") is True
    assert tickets.get(ticket.id).rating == 5
    for bad in (0, 6, "5"):
        with pytest.raises(TicketError, match="1 to 5 stars"):
            tickets.rate(ticket.id, bad)


def _race(n, action):
    barrier = threading.Barrier(n)
    results, errors = [None] * n, []

    def run(i):
        try:
            barrier.wait()
            results[i] = action(i)
        except Exception as exc:  # reported below, with the thread's number
            errors.append((i, exc))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def test_two_processes_claiming_at_once_exactly_one_wins(database_url):
    """Two engines (as two bot processes would have) race to claim one ticket."""
    first, second = Database.from_url(database_url), Database.from_url(database_url)
    try:
        first.upgrade()
        for round_ in range(5):
            ticket = first.tickets.open(f"user{round_}", "human", False, "zh", 1)
            dbs = (first, second)
            claims = _race(2, lambda i: dbs[i].tickets.claim(ticket.id, 100 + i, f"agent{i}"))

            assert sorted(c.won for c in claims) == [False, True]
            winner = next(c for c in claims if c.won)
            loser = next(c for c in claims if not c.won)
            assert loser.ticket.agent_id == winner.ticket.agent_id
            assert second.tickets.get(ticket.id).agent_name == winner.ticket.agent_name
    finally:
        first.dispose()
        second.dispose()


@pytest.mark.postgres
def test_many_agents_claiming_on_postgres_exactly_one_wins(postgres_url):
    dbs = [Database.from_url(postgres_url) for _ in range(4)]
    try:
        dbs[0].upgrade()
        ticket = dbs[0].tickets.open("u1", "crisis", True, "zh", 1)
        claims = _race(4, lambda i: dbs[i].tickets.claim(ticket.id, i, f"agent{i}"))
        assert sum(c.won for c in claims) == 1
    finally:
        for db in dbs:
            db.dispose()


def test_two_processes_opening_at_once_share_one_ticket(database_url):
    first, second = Database.from_url(database_url), Database.from_url(database_url)
    try:
        first.upgrade()
        dbs = (first, second)
        opened = _race(2, lambda i: dbs[i].tickets.open("u1", "human", False, "zh", 1))
        assert opened[0].id == opened[1].id
        assert len(first.tickets.list_open()) == 1
    finally:
        first.dispose()
        second.dispose()
