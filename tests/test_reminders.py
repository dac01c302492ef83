"""Plan reminders in the core, over the real SQL store (SQLite and PostgreSQL) and a clock moved by hand:
the opt-in, a reminder three days before, Paid moving the plan on, a check-in after an unanswered
due date, "I can't pay", quiet hours, a blocked user, /reminders, /progress and /forget."""

from __future__ import annotations

from datetime import datetime, time, timezone
from decimal import Decimal

import pytest

from bot.core.actions import Human, decode, encode
from bot.core.messages import Button, Incoming, Reply, Source
from bot.core.ports import SearchUnavailable
from bot.core.reminder_schedule import checkin_time, first_due, is_quiet, next_due, out_of_quiet, reminder_time
from bot.core.reminders import Reminders, parse_day, parse_days_before, parse_quiet

USER = "501"
PROFILE = {"monthly_income": "10000", "essential_expenses": "4000", "currency": "CNY",
           "loans": [{"name": "招行信用卡", "kind": "credit_card", "balance": "10000", "annual_rate": "0.18",
                      "min_payment": "500", "days_overdue": 0, "overdue_amount": "0"}]}
SHANGHAI = "Asia/Shanghai"
QUIET = (time(21, 0), time(9, 0))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


class Asker:
    """The library's answer to a question, as the Assistant's normal path would give it."""

    def __init__(self, fail: bool = False):
        self.fail = fail
        self.questions: list[str] = []

    def __call__(self, question: str) -> Reply:
        self.questions.append(question)
        if self.fail:
            raise SearchUnavailable("store down")
        return Reply("主动联系银行，说明困难，申请个性化分期或延期。", "zh", kind="answer", answered=True,
                     sources=[Source("repayment/negotiate-extension-or-instalments-zh.md", "如何协商")],
                     buttons=[Button("找人工", Human())])


@pytest.fixture
def reminders(clocked_database, clock):
    clock.now = utc(2026, 3, 1, 9, 0)  # 17:00 in Shanghai
    clocked_database.profiles.save(USER, PROFILE)
    return Reminders(clocked_database.reminders, clocked_database.profiles, clocked_database.wizards, clock=clock,
                     chart=lambda outcome, language="zh", currency="CNY": f"chart:{outcome.months}".encode())


def press(reminders: Reminders, action: str, ask: Asker | None = None) -> Reply:
    return reminders.handle(Incoming(USER, action=decode(action), channel="telegram"), "zh", ask or Asker())


def say(reminders: Reminders, text: str) -> Reply:
    incoming = Incoming(USER, text=text, channel="telegram")
    assert reminders.claims(incoming), text
    return reminders.handle(incoming, "zh", Asker())


def opt_in(reminders: Reminders) -> Reply:
    assert "每月几号还款" in press(reminders, "remind:offer").text
    assert "提前几天" in say(reminders, "每月15号").text
    quiet = press(reminders, "remind:before:3")
    assert "21:00 到 09:00（北京时间）" in quiet.text
    return press(reminders, "remind:quiet:keep")


def test_schedule_decisions():
    assert first_due(datetime(2026, 3, 20).date(), 15) == datetime(2026, 4, 15).date()
    assert first_due(datetime(2026, 2, 1).date(), 31) == datetime(2026, 2, 28).date()
    assert next_due(datetime(2026, 1, 31).date(), 31) == datetime(2026, 2, 28).date()
    assert next_due(datetime(2026, 12, 15).date(), 15) == datetime(2027, 1, 15).date()
    assert is_quiet(utc(2026, 3, 1, 13, 30), SHANGHAI, *QUIET)  # 21:30 local
    assert is_quiet(utc(2026, 3, 1, 0, 59), SHANGHAI, *QUIET)  # 08:59 local
    assert not is_quiet(utc(2026, 3, 1, 1, 0), SHANGHAI, *QUIET)  # 09:00 local
    assert out_of_quiet(utc(2026, 3, 1, 14, 0), SHANGHAI, *QUIET) == utc(2026, 3, 2, 1, 0)
    assert out_of_quiet(utc(2026, 3, 1, 17, 0), SHANGHAI, *QUIET) == utc(2026, 3, 2, 1, 0)  # 01:00 local
    due = datetime(2026, 3, 15).date()
    assert reminder_time(due, 3, SHANGHAI, QUIET, utc(2026, 3, 1)) == utc(2026, 3, 12, 2, 0)  # 10:00 local
    assert reminder_time(due, 3, SHANGHAI, QUIET, utc(2026, 3, 13, 14, 0)) == utc(2026, 3, 14, 1, 0)
    assert checkin_time(due, SHANGHAI, QUIET) == utc(2026, 3, 16, 2, 0)


@pytest.mark.parametrize("text, day", [("15", 15), ("每月15号", 15), ("3日", 3), ("31", 31), ("32", None),
                                       ("0", None), ("十五", None), ("15 and 20", None)])
def test_due_day_answers(text, day):
    assert parse_day(text) == day


def test_days_before_and_quiet_answers():
    assert parse_days_before("提前5天") == 5 and parse_days_before("15") is None
    assert parse_quiet("22:00-08:00") == (time(22), time(8)) and parse_quiet("23到7") == (time(23), time(7))
    assert parse_quiet("25-8") is None and parse_quiet("晚上") is None


def test_opt_in_then_reminder_paid_next_month_and_cant_pay(reminders, clocked_database, clock):
    store = clocked_database.reminders
    assert store.plan(USER) is None, "never on by default"
    done = opt_in(reminders)
    assert "✅ 已开启还款提醒（提前 3 天，21:00–09:00 不打扰）" in done.text
    assert "「招行信用卡」每月 15 号到期：3月12日 10:00 提醒你还 ¥6,000.00（第 1 个月）" in done.text
    assert clocked_database.wizards.load(USER) is None
    assert [(r.kind, r.send_at, r.month) for r in store.pending(USER)] == [
        ("reminder", utc(2026, 3, 12, 2, 0), 1), ("checkin", utc(2026, 3, 16, 2, 0), 1)]

    clock.now = utc(2026, 3, 12, 1, 59)
    assert reminders.delivery.due_messages().messages == []
    clock.now = utc(2026, 3, 12, 2, 0)
    [first] = reminders.delivery.due_messages().messages
    assert first.chat_id == 501
    assert "「招行信用卡」3月15日到期（还有 3 天）" in first.reply.text
    assert "这个月（第 1 个月）应还 ¥6,000.00" in first.reply.text
    assert "每晚 1 天约多 ¥0.37 罚息，晚 7 天约 ¥2.59（对方罚息率未知" in first.reply.text
    assert [(b.label, encode(b.action)) for b in first.reply.buttons] == [
        ("已还", f"remind:paid:{first.reminder.id}"), ("晚几天", f"remind:later:{first.reminder.id}"),
        ("还不上", f"remind:cant:{first.reminder.id}")]
    reminders.delivery.sent(first)
    assert reminders.delivery.due_messages().messages == [], "sent once"

    clock.now = utc(2026, 3, 14, 4, 0)
    paid = press(reminders, f"remind:paid:{first.reminder.id}")
    assert "👍 已记下：「招行信用卡」第 1 个月 ¥6,000.00。" in paid.text
    assert "下一期：4月15日到期，按计划应还 ¥4,212.25（第 2 个月），4月12日 10:00 提醒你。" in paid.text
    again = press(reminders, f"remind:paid:{first.reminder.id}")
    assert "已经记过「已还」" in again.text
    assert [p.amount for p in store.payments(USER)] == [Decimal("6000.00")]
    assert [(r.kind, r.due_date.isoformat(), r.month) for r in store.pending(USER)] == [
        ("reminder", "2026-04-15", 2), ("checkin", "2026-04-15", 2)], "this month's check-in is not needed"

    clock.now = utc(2026, 4, 12, 2, 0)
    [second] = reminders.delivery.due_messages().messages
    assert "这个月（第 2 个月）应还 ¥4,212.25" in second.reply.text
    reminders.delivery.sent(second)
    ask = Asker()
    cant = press(reminders, f"remind:cant:{second.reminder.id}", ask)
    assert ask.questions == ["怎么和银行、网贷协商延期还款或个性化分期？"]
    assert cant.text.startswith("没关系，一个月还不上的人很多")
    assert "申请个性化分期或延期" in cant.text and "可以点「找人工」" in cant.text
    assert [b.action for b in cant.buttons] == [Human()] and cant.answered
    assert cant.sources[0].article == "repayment/negotiate-extension-or-instalments-zh.md"
    assert [(r.kind, r.due_date.isoformat(), r.month) for r in store.pending(USER)] == [
        ("reminder", "2026-05-15", 2), ("checkin", "2026-05-15", 2)], "next month asks the unpaid month again"


def test_cant_pay_points_to_the_question_when_the_library_is_down(reminders, clock):
    opt_in(reminders)
    clock.now = utc(2026, 3, 12, 2, 0)
    [first] = reminders.delivery.due_messages().messages
    reply = press(reminders, f"remind:cant:{first.reminder.id}", Asker(fail=True))
    assert "协商的步骤和说法可以直接问我：「怎么和银行、网贷协商延期还款或个性化分期？」" in reply.text
    assert reply.buttons[-1].action == Human() and reply.kind == "info"


def test_an_unanswered_due_date_gets_one_kind_check_in_then_next_month(reminders, clocked_database, clock):
    opt_in(reminders)
    clock.now = utc(2026, 3, 12, 2, 0)
    [first] = reminders.delivery.due_messages().messages
    reminders.delivery.sent(first)
    clock.now = utc(2026, 3, 16, 2, 0)
    [checkin] = reminders.delivery.due_messages().messages
    assert checkin.reminder.kind == "checkin"
    assert "「招行信用卡」3月15日的还款日已经过了" in checkin.reply.text and "别一个人扛着" in checkin.reply.text
    reminders.delivery.sent(checkin)
    assert reminders.delivery.due_messages().messages == []
    clock.now = utc(2026, 3, 30, 2, 0)
    assert reminders.delivery.due_messages().messages == [], "asked once"
    assert [(r.kind, r.due_date.isoformat(), r.month) for r in clocked_database.reminders.pending(USER)] == [
        ("reminder", "2026-04-15", 1), ("checkin", "2026-04-15", 1)]


def test_later_reminds_again_in_two_days_outside_quiet_hours(reminders, clocked_database, clock):
    opt_in(reminders)
    clock.now = utc(2026, 3, 12, 2, 0)
    [first] = reminders.delivery.due_messages().messages
    reminders.delivery.sent(first)
    clock.now = utc(2026, 3, 12, 14, 0)  # 22:00 local: two days later is quiet too
    later = press(reminders, f"remind:later:{first.reminder.id}")
    assert later.text == "好的，3月15日 09:00 再提醒你「招行信用卡」。"
    assert [(r.kind, r.send_at) for r in clocked_database.reminders.pending(USER)] == [
        ("reminder", utc(2026, 3, 15, 1, 0)), ("checkin", utc(2026, 3, 16, 2, 0))]


def test_quiet_hours_hold_a_due_reminder_until_morning(reminders, clocked_database, clock):
    opt_in(reminders)
    clock.now = utc(2026, 3, 12, 13, 30)  # 21:30 local; the 10:00 reminder was missed (the bot was down)
    assert reminders.delivery.due_messages().messages == []
    [held, _] = clocked_database.reminders.pending(USER)
    assert (held.status, held.send_at) == ("due", utc(2026, 3, 13, 1, 0))
    clock.now = utc(2026, 3, 13, 1, 0)
    assert [m.reminder.id for m in reminders.delivery.due_messages().messages] == [held.id]


def test_a_user_who_blocked_the_bot_is_not_retried(reminders, clocked_database, clock):
    opt_in(reminders)
    clock.now = utc(2026, 3, 12, 2, 0)
    [first] = reminders.delivery.due_messages().messages
    reminders.delivery.blocked(first)
    assert clocked_database.reminders.plan(USER).status == "blocked"
    assert clocked_database.reminders.get(first.reminder.id).status == "blocked"
    clock.now = utc(2026, 3, 20, 2, 0)
    assert reminders.delivery.due_messages().messages == [] and clocked_database.reminders.pending(USER) == []


def test_a_failed_send_is_retried_later_then_given_up(reminders, clocked_database, clock):
    opt_in(reminders)
    clock.now = utc(2026, 3, 12, 2, 0)
    for attempt in range(5):
        [outgoing] = reminders.delivery.due_messages().messages
        reminders.delivery.failed(outgoing)
        clock.advance(hours=1)
    assert clocked_database.reminders.get(outgoing.reminder.id).status == "failed"


def test_reminders_list_pause_resume_stop(reminders, clocked_database, clock):
    assert "你还没有开启还款提醒" in say(reminders, "/reminders").text
    opt_in(reminders)
    listing = say(reminders, "/reminders")
    assert "⏰ 你的还款提醒（开启中）：提前 3 天，21:00–09:00（北京时间）不打扰。" in listing.text
    assert "「招行信用卡」每月 15 号 · 下一次 3月12日 10:00（提醒，第 1 个月 ¥6,000.00）" in listing.text
    assert [encode(b.action) for b in listing.buttons] == ["remind:pause", "remind:stop"]
    assert "已暂停" in press(reminders, "remind:pause").text
    clock.now = utc(2026, 3, 12, 2, 0)
    assert reminders.delivery.due_messages().messages == []
    assert [encode(b.action) for b in say(reminders, "/reminders").buttons] == ["remind:resume", "remind:stop"]
    clock.now = utc(2026, 3, 13, 2, 0)
    assert "已恢复" in press(reminders, "remind:resume").text
    [resumed] = reminders.delivery.due_messages().messages
    assert "还有 2 天" in resumed.reply.text
    assert "已停止提醒" in press(reminders, "remind:stop").text
    assert clocked_database.reminders.pending(USER) == []


def test_progress_shows_paid_months_left_interest_saved_and_the_chart(reminders, clock):
    before = say(reminders, "/progress")
    assert "已还：¥0.00（0 笔）" in before.text and "按计划还剩 2 个月还清" in before.text
    assert "少付利息约 ¥1,766.02" in before.text and before.chart_png == b"chart:2"
    opt_in(reminders)
    clock.now = utc(2026, 3, 12, 2, 0)
    [first] = reminders.delivery.due_messages().messages
    press(reminders, f"remind:paid:{first.reminder.id}")
    after = say(reminders, "/progress")
    assert "已还：¥6,000.00（1 笔）" in after.text and "按计划还剩 1 个月还清" in after.text
    assert after.chart_png == b"chart:1"


def test_setup_questions_check_answers_and_can_be_cancelled(reminders, clocked_database):
    press(reminders, "remind:offer")
    assert not reminders.claims(Incoming(USER, text="怎么协商还款？")), "a question goes to the library"
    wrong = say(reminders, "35")
    assert wrong.text.startswith("没看懂「35」：请回复每月的还款日，1 到 31 之间的数字")
    assert "已取消" not in say(reminders, "取消").text
    assert clocked_database.wizards.load(USER) is None and clocked_database.reminders.plan(USER) is None


def test_an_offer_button_is_added_to_plan_replies_only(reminders):
    plan = reminders.offer(Reply("📋 你的还款计划", "zh", kind="plan"))
    assert [(b.label, b.action) for b in plan.buttons] == [("⏰ 按时提醒我还款", decode("remind:offer"))]
    assert reminders.offer(Reply("hi", "zh", kind="answer")).buttons == []


def test_forget_leaves_no_reminder_rows(reminders, clocked_database, clock):
    opt_in(reminders)
    clock.now = utc(2026, 3, 12, 2, 0)
    [first] = reminders.delivery.due_messages().messages
    press(reminders, f"remind:paid:{first.reminder.id}")
    assert clocked_database.forgetter.forget(USER) >= 5
    assert not clocked_database.forgetter.remembers(USER)
    assert clocked_database.reminders.plan(USER) is None and clocked_database.reminders.payments(USER) == []
    assert clocked_database.reminders.get(first.reminder.id) is None


def test_a_plan_in_dollars_prices_no_penalty_and_names_the_late_fee(reminders, clocked_database, clock):
    """Stop 34: a plan in dollars assumes no penalty rate (no rule to assume by): the reminder says what a delay can
    bring, not "about $0.00 in penalty a day" or an estimate at 1.5 x the contract rate."""
    clocked_database.profiles.save(USER, PROFILE | {"currency": "USD", "loans": [
        PROFILE["loans"][0] | {"name": "chase", "balance": "3000", "annual_rate": "0.2499", "min_payment": "90"}]})
    reminders.handle(Incoming(USER, action=decode("remind:offer"), channel="telegram"), "en", Asker())
    reminders.handle(Incoming(USER, text="15th", channel="telegram"), "en", Asker())
    reminders.handle(Incoming(USER, action=decode("remind:before:3"), channel="telegram"), "en", Asker())
    reminders.handle(Incoming(USER, action=decode("remind:quiet:keep"), channel="telegram"), "en", Asker())
    clock.now = utc(2026, 3, 12, 2, 0)
    [first] = reminders.delivery.due_messages().messages
    assert "\"chase\" is due on 15 Mar (in 3 days)" in first.reply.text
    assert "Paying late can cost a late fee set by your agreement, and can reach your credit report" in first.reply.text
    assert "$0.00" not in first.reply.text and "1.5 x" not in first.reply.text


def test_the_whole_exchange_reads_in_english(reminders, clock):
    def en(action: str | None = None, text: str = "") -> Reply:
        return reminders.handle(Incoming(USER, text=text, action=action and decode(action), channel="telegram"), "en", Asker())

    assert "On which day of the month is \"招行信用卡\" due?" in en("remind:offer").text
    assert "How many days before" in en(text="15th").text
    assert "Quiet hours: I won't write between 21:00 and 09:00 (Beijing time)" in en("remind:before:3").text
    done = en("remind:quiet:keep")
    assert "on 12 Mar 10:00 I'll remind you to pay ¥6,000.00 (month 1)" in done.text
    clock.now = utc(2026, 3, 12, 2, 0)
    [first] = reminders.delivery.due_messages().messages
    assert "\"招行信用卡\" is due on 15 Mar (in 3 days)" in first.reply.text
    assert "about ¥0.37 in penalty a day" in first.reply.text
    assert [b.label for b in first.reply.buttons] == ["Paid", "Remind me in 2 days", "I can't pay this month"]
    paid = en(f"remind:paid:{first.reminder.id}")
    assert "Next: due on 15 Apr, the plan says ¥4,212.25 (month 2); I'll remind you on 12 Apr 10:00." in paid.text
    listing = en(text="/reminders")
    assert "Your reminders (on): 3 days before, quiet 21:00-09:00 (Beijing time)." in listing.text
    assert "Paid so far: ¥6,000.00 (1 marked paid)" in en(text="/progress").text
