"""SqlStats: /stats counts over exchanges and tickets."""

from bot.core.ports import Exchange, Stats


def test_empty_database_gives_zeros(database):
    stats = database.stats.stats()
    assert stats == Stats(0, 0, 0, 0, 0, 0, 0, None)
    assert stats.share_answered == 0.0


def test_counts_messages_answers_declines_feedback_and_tickets(clocked_database, clock):
    db = clocked_database
    db.history.record(Exchange("old", "before the window", answered=True))
    clock.advance(days=10)
    since = clock.now
    ids = [db.history.record(Exchange("u1", f"q{n}", answered=True)) for n in range(3)]
    db.history.record(Exchange("u2", "明天天气怎么样", kind="decline"))
    db.history.set_feedback(ids[0], "u1", 1)
    db.history.set_feedback(ids[1], "u1", 1)
    db.history.set_feedback(ids[2], "u1", -1)

    waits = {"a": 2, "b": 4, "c": 10}  # minutes to the first agent reply
    for user, minutes in waits.items():
        ticket = db.tickets.open(user, "human", False, "zh", 1)
        clock.advance(minutes=minutes)
        db.tickets.mark_first_reply(ticket.id)
        if user != "c":
            db.tickets.close(ticket.id)
    db.tickets.open("d", "crisis", True, "zh", 1)  # no reply yet

    stats = db.stats.stats(since)

    assert stats == Stats(
        messages=4, answered=3, declined=1, thumbs_up=2, thumbs_down=1,
        tickets_open=2, tickets_closed=2, median_first_reply_seconds=240.0,
    )
    assert stats.share_answered == 0.75
    assert db.stats.stats().messages == 5
