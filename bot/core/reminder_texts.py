"""What reminders say, in Chinese and English: the opt-in questions, the reminder, the check-in,
the answers to its buttons, /reminders and /progress."""

from __future__ import annotations

from datetime import date, datetime, time

TEXTS: dict[str, dict[str, str]] = {
    # buttons
    "offer": {"zh": "⏰ 按时提醒我还款", "en": "⏰ Remind me before each due date"},
    "paid": {"zh": "已还", "en": "Paid"},
    "later": {"zh": "晚几天", "en": "Remind me in 2 days"},
    "cant_pay": {"zh": "还不上", "en": "I can't pay this month"},
    "same_day": {"zh": "和上一笔同一天（{day} 号）", "en": "Same day as the last one ({day})"},
    "days_before_button": {"zh": "提前 {n} 天", "en": "{n} days before"},
    "default_mark": {"zh": "（默认）", "en": " (default)"},
    "quiet_keep": {"zh": "就这样", "en": "Keep it"},
    "cancel": {"zh": "取消", "en": "Cancel"},
    "pause": {"zh": "⏸ 暂停提醒", "en": "⏸ Pause"},
    "resume": {"zh": "▶️ 恢复提醒", "en": "▶️ Resume"},
    "stop": {"zh": "⏹ 停止提醒", "en": "⏹ Stop"},
    "progress_button": {"zh": "📈 看进度", "en": "📈 Progress"},
    # the opt-in
    "intro": {
        "zh": "好的，我会在每笔的还款日前提醒你，并告诉你按计划这个月该还多少。先问三件小事，随时可以点「取消」。",
        "en": "OK: before each due date I'll remind you what the plan says to pay that month. Three quick "
              "questions; press Cancel any time.",
    },
    "ask_due_day": {
        "zh": "「{loan}」每月几号还款？回复 1 到 31 的数字，比如 15。",
        "en": "On which day of the month is \"{loan}\" due? Reply with a number from 1 to 31, e.g. 15.",
    },
    "bad_due_day": {
        "zh": "没看懂「{value}」：请回复每月的还款日，1 到 31 之间的数字，比如 15。",
        "en": "I couldn't read \"{value}\" as a day: reply with the day of the month, 1 to 31, e.g. 15.",
    },
    "ask_days_before": {
        "zh": "提前几天提醒你？默认提前 3 天，也可以直接回复天数（0 到 14）。",
        "en": "How many days before the due date should I remind you? 3 by default; or reply with a number (0-14).",
    },
    "bad_days_before": {
        "zh": "没看懂「{value}」：请回复 0 到 14 之间的天数，比如 3。",
        "en": "I couldn't read \"{value}\" as days: reply with a number from 0 to 14, e.g. 3.",
    },
    "ask_quiet": {
        "zh": "免打扰时段：{start} 到 {end}（{zone}）我不会给你发提醒。要改的话回复比如「22:00-08:00」。",
        "en": "Quiet hours: I won't write between {start} and {end} ({zone}). To change them, reply e.g. "
              "\"22:00-08:00\".",
    },
    "bad_quiet": {
        "zh": "没看懂「{value}」：请按「开始-结束」回复免打扰时段，比如 22:00-08:00。",
        "en": "I couldn't read \"{value}\" as quiet hours: reply start-end, e.g. 22:00-08:00.",
    },
    "no_profile": {
        "zh": "要开启提醒，先用 /plan 做一个还款计划。",
        "en": "To get reminders, first make a repayment plan with /plan.",
    },
    "no_schedule": {
        "zh": "这个计划里每月的钱还不够付最低还款，排不出每月该还多少，所以暂时没法按月提醒。"
              "建议先和对方协商，也可以找工作人员帮你一起看。",
        "en": "Your budget doesn't cover the minimum payments yet, so the plan has no monthly amounts to remind "
              "you of. Negotiating with the lenders comes first; a person can help you with it.",
    },
    "no_console": {
        "zh": "（提醒只能在 Telegram 里按时发给你；在这里设置的提醒不会主动发送。）",
        "en": "(Reminders are only sent on Telegram; set up here, nothing will be sent to you.)",
    },
    "set_up": {
        "zh": "✅ 已开启还款提醒（提前 {days} 天，{start}–{end} 不打扰）：\n{lines}\n\n"
              "还完点「已还」，计划就往下走一个月。/reminders 查看、暂停或停止提醒；/progress 看进度。",
        "en": "✅ Reminders are on ({days} days before, quiet {start}-{end}):\n{lines}\n\n"
              "Press Paid when you've paid and the plan moves on a month. /reminders to see, pause or stop "
              "them; /progress to see how far you are.",
    },
    "next_line": {
        "zh": "• 「{loan}」每月 {day} 号到期：{when} 提醒你还 {amount}（第 {month} 个月）",
        "en": "• \"{loan}\", due on day {day}: on {when} I'll remind you to pay {amount} (month {month})",
    },
    "cancelled": {"zh": "好的，不设提醒了。需要时做完计划再点「按时提醒我还款」。",
                  "en": "OK, no reminders. Press the reminder button under a plan whenever you want them."},
    # the reminder and the check-in
    "reminder": {
        "zh": "⏰ 还款提醒：「{loan}」{due}到期（{left}）。\n按你的计划，这个月（第 {month} 个月）应还 {amount}。\n"
              "晚还的代价：每晚 1 天约多 {per_day} 罚息，晚 7 天约 {week}{assumed}；逾期还可能上征信、引来催收。\n"
              "还完点「已还」，我会把计划往下走一个月。",
        "en": "⏰ Payment reminder: \"{loan}\" is due on {due} ({left}).\nYour plan says to pay {amount} this month "
              "(month {month}).\nPaying late costs about {per_day} in penalty a day, about {week} for a week"
              "{assumed}, and can reach your credit report and bring collection calls.\n"
              "Press Paid when it's done and the plan moves on a month.",
    },
    # the same when a delay is priced at nothing: no penalty rate given, none to assume (a plan in dollars), or none
    "reminder_unpriced": {
        "zh": "⏰ 还款提醒：「{loan}」{due}到期（{left}）。\n按你的计划，这个月（第 {month} 个月）应还 {amount}。\n"
              "晚还可能产生合同约定的滞纳金；逾期还可能上征信、引来催收。\n"
              "还完点「已还」，我会把计划往下走一个月。",
        "en": "⏰ Payment reminder: \"{loan}\" is due on {due} ({left}).\nYour plan says to pay {amount} this month "
              "(month {month}).\nPaying late can cost a late fee set by your agreement, and can reach your credit report "
              "and bring collection calls.\nPress Paid when it's done and the plan moves on a month.",
    },
    "left_days": {"zh": "还有 {n} 天", "en": "in {n} days"},
    "left_today": {"zh": "就是今天", "en": "today"},
    "left_past": {"zh": "已过 {n} 天", "en": "{n} days ago"},
    "assumed": {"zh": "（对方罚息率未知，按合同利率的 1.5 倍估算）",
                "en": " (the penalty rate is unknown: estimated at 1.5 x the contract rate)"},
    "checkin": {
        "zh": "你好，「{loan}」{due}的还款日已经过了，我还没看到你点「已还」。\n"
              "如果已经还了（计划是 {amount}），点一下「已还」我就记下来；如果这个月有困难，点「还不上」，"
              "我们一起看看怎么和对方协商。别一个人扛着。",
        "en": "Hi, \"{loan}\" was due on {due} and I haven't seen Paid yet.\nIf you've paid (the plan said "
              "{amount}), press Paid and I'll note it; if this month is hard, press \"I can't pay this month\" "
              "and we'll look at how to talk to the lender. You don't have to handle it alone.",
    },
    # the buttons' answers
    "paid_done": {
        "zh": "👍 已记下：「{loan}」第 {month} 个月 {amount}。",
        "en": "👍 Noted: \"{loan}\", month {month}, {amount}.",
    },
    "paid_next": {
        "zh": "下一期：{due}到期，按计划应还 {amount}（第 {month} 个月），{when} 提醒你。",
        "en": "Next: due on {due}, the plan says {amount} (month {month}); I'll remind you on {when}.",
    },
    "paid_finished": {
        "zh": "🎉 按计划，「{loan}」已经还清了！这笔不再提醒。",
        "en": "🎉 By the plan, \"{loan}\" is paid off! No more reminders for it.",
    },
    "paid_already": {
        "zh": "「{loan}」第 {month} 个月已经记过「已还」了，不用再点。",
        "en": "\"{loan}\" month {month} is already marked paid.",
    },
    "later_done": {
        "zh": "好的，{when} 再提醒你「{loan}」。",
        "en": "OK, I'll remind you about \"{loan}\" again on {when}.",
    },
    "cant_pay_intro": {
        "zh": "没关系，一个月还不上的人很多，先别慌：主动联系对方、说明情况，往往能谈到延期或分期。"
              "下面是文章库里关于协商的内容：",
        "en": "That's all right: many people have a month they can't pay. Contacting the lender first and "
              "explaining usually opens the way to an extension or instalments. From the library, on negotiating:",
    },
    "cant_pay_pointer": {
        "zh": "协商的步骤和说法可以直接问我：「{question}」",
        "en": "For the steps and what to say, ask me: \"{question}\"",
    },
    "cant_pay_person": {
        "zh": "想有人帮你一起准备协商，可以点「找人工」。下个月我还会提醒你。",
        "en": "If you'd like a person to help you prepare, press \"Talk to a person\". I'll still remind you next month.",
    },
    "not_yours": {"zh": "这个提醒已经失效了。", "en": "That reminder is no longer valid."},
    # /reminders and /progress
    "none": {
        "zh": "你还没有开启还款提醒。用 /plan 做完还款计划后，点「按时提醒我还款」就能开启。",
        "en": "You have no reminders. Make a plan with /plan, then press the reminder button under it.",
    },
    "list": {
        "zh": "⏰ 你的还款提醒（{status}）：提前 {days} 天，{start}–{end}（{zone}）不打扰。\n{lines}",
        "en": "⏰ Your reminders ({status}): {days} days before, quiet {start}-{end} ({zone}).\n{lines}",
    },
    "list_line": {"zh": "• 「{loan}」每月 {day} 号 · {next}", "en": "• \"{loan}\", day {day} · {next}"},
    "list_next": {"zh": "下一次 {when}（{kind}，第 {month} 个月 {amount}）",
                  "en": "next on {when} ({kind}, month {month}, {amount})"},
    "list_nothing": {"zh": "暂无待发提醒", "en": "nothing scheduled"},
    "kind_reminder": {"zh": "提醒", "en": "reminder"},
    "kind_checkin": {"zh": "回访", "en": "check-in"},
    "status_active": {"zh": "开启中", "en": "on"},
    "status_paused": {"zh": "已暂停", "en": "paused"},
    "status_stopped": {"zh": "已停止", "en": "stopped"},
    "status_blocked": {"zh": "已停止：发不出去", "en": "stopped: messages could not be delivered"},
    "paused": {"zh": "⏸ 已暂停提醒。点「恢复提醒」随时继续。", "en": "⏸ Reminders paused. Press Resume to continue."},
    "resumed": {"zh": "▶️ 已恢复提醒。", "en": "▶️ Reminders resumed."},
    "stopped": {
        "zh": "⏹ 已停止提醒。已记下的还款还在，/progress 可以查看；想重新开启，在计划下面点「按时提醒我还款」。",
        "en": "⏹ Reminders stopped. Payments you marked are kept (/progress); to start again, press the "
              "reminder button under a plan.",
    },
    "progress": {
        "zh": "📈 你的还款进度\n已还：{paid}（{count} 笔）\n{left}\n{saved}",
        "en": "📈 Your progress\nPaid so far: {paid} ({count} marked paid)\n{left}\n{saved}",
    },
    "progress_left": {"zh": "按计划还剩 {months} 个月还清。", "en": "{months} months left by the plan."},
    "progress_never": {"zh": "按现在的还法还不完，建议和对方协商或找工作人员一起看看。",
                       "en": "At this rate the debt is never paid off: talk to the lenders, or to a person."},
    "progress_done": {"zh": "🎉 按计划已经全部还清！", "en": "🎉 By the plan, everything is paid off!"},
    "progress_saved": {"zh": "和只还最低还款相比，按这个计划少付利息约 {amount}。",
                       "en": "Against paying only the minimums, the plan saves about {amount} in interest."},
    "progress_no_saving": {"zh": "", "en": ""},
}


def text(key: str, language: str, **values: object) -> str:
    entry = TEXTS[key]
    template = entry.get(language) or entry["zh"]
    return template.format(**values) if values else template


def show_date(day: date, language: str) -> str:
    return f"{day.month}月{day.day}日" if language == "zh" else day.strftime("%d %b").lstrip("0")


def show_moment(moment: datetime, language: str) -> str:
    """A local moment as the user reads it: 3月12日 10:00 / 12 Mar 10:00."""
    return f"{show_date(moment.date(), language)} {moment:%H:%M}"


def show_time(value: time) -> str:
    return value.strftime("%H:%M")


def zone_label(name: str, language: str) -> str:
    if name == "Asia/Shanghai":
        return "北京时间" if language == "zh" else "Beijing time"
    return name
