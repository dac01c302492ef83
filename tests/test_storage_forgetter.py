"""Privacy: after /forget no row anywhere holds the user's id or anything they wrote."""

from sqlalchemy import inspect, select, table, column

from bot.core.ports import Exchange, WizardState

USER = "tg-424242"
MARK = "秘密"  # every text the user gave carries this mark


def _seed(db, user, mark, chat_id):
    db.prefs.set_language(user, "zh")
    first = db.history.record(Exchange(user, f"{mark} 我欠招行2万", answer=f"{mark} answer", sources=["a.md"]))
    db.history.set_feedback(first, user, -1)
    db.history.record(Exchange(user, f"{mark} 第二个问题", kind="decline"))
    db.wizards.save(user, WizardState("plan", "income", {"loans": [{"name": f"{mark} 花呗"}]}))
    db.profiles.save(user, {"loans": [{"name": f"{mark} 借呗", "balance": "5000"}]})
    db.rate_events.hit(user)
    closed = db.tickets.open(user, "human", False, "zh", chat_id)
    db.tickets.add_message(closed.id, "user", f"{mark} 他们骂我", author_name=f"{mark} name", group_message_id=1)
    db.tickets.add_message(closed.id, "agent", f"{mark} 我们来处理", author_name="Agent Li", group_message_id=2)
    db.tickets.add_message(closed.id, "note", f"{mark} internal note")
    db.tickets.mark_first_reply(closed.id)
    db.tickets.close(closed.id)
    db.tickets.rate(closed.id, 4, user_id=user)
    still_open = db.tickets.open(user, "crisis", True, "zh", chat_id)
    db.tickets.add_message(still_open.id, "user", f"{mark} 不想活了")
    return closed.id, still_open.id


def _every_value(db):
    """Every value of every row of every table actually in the database."""
    names = inspect(db.engine).get_table_names()
    values = []
    with db.engine.connect() as connection:
        for name in names:
            columns = [c["name"] for c in inspect(db.engine).get_columns(name)]
            for row in connection.execute(select(*[column(c) for c in columns]).select_from(table(name))):
                values.extend(str(v) for v in row)
    return names, values


def test_forget_leaves_no_trace_of_the_user_in_any_table(database):
    closed_id, open_id = _seed(database, USER, MARK, 4242)
    _seed(database, "neighbour", "NEIGHBOUR", 5151)

    removed = database.forgetter.forget(USER)

    tables, values = _every_value(database)
    assert {"exchanges", "users", "wizard_states", "profiles", "tickets", "ticket_messages", "rate_events"} <= set(tables)
    assert not [v for v in values if MARK in v or USER in v or "4242" == v]
    # 2 exchanges + wizard + profile + rate event + user + 4 ticket messages + 2 tickets
    assert removed == 12
    assert not database.forgetter.remembers(USER)
    # The neighbour keeps everything.
    assert len(database.history.recent("neighbour")) == 2
    assert database.profiles.load("neighbour") is not None
    assert any("NEIGHBOUR 他们骂我" == v for v in values)


def test_forgotten_tickets_stay_for_statistics_without_text(database):
    closed_id, open_id = _seed(database, USER, MARK, 4242)
    database.forgetter.forget(USER)

    closed, was_open = database.tickets.get(closed_id), database.tickets.get(open_id)
    assert (closed.user_id, closed.chat_id, closed.status, closed.rating) == ("forgotten", None, "closed", 4)
    assert closed.first_agent_reply_at is not None
    assert was_open.status == "closed" and was_open.closed_at is not None
    assert [(m.author, m.text) for m in database.tickets.messages(closed_id)] == [("user", ""), ("agent", ""), ("note", "")]
    assert database.tickets.active_for(USER) is None
    stats = database.stats.stats()
    assert (stats.tickets_closed, stats.tickets_open) == (2, 0)  # both still counted, both closed now
