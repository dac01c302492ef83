"""The words a borrower takes back a value just said with ("3000 wait no 3200", "工资5500，不对，是5300", "sorry I meant
8900", "最低还款3000 等下不对 是2800"): one vocabulary for the three readers that meet them, the budget reader
(bot.planner.budget_text), the correction of an answer already given (bot.planner.extraction.parse_said_wrong) and the
wizard's step reader (bot.core.plan_conversation). Each reader places the words its own way; the words are the same.
Regex alternations, to be interpolated inside a group."""

from __future__ import annotations

# "I said it wrong": unambiguous in any place
SAID_WRONG_ZH = "不对|说错了|写错了|打错了|输错了|搞错了|填错了|弄错了|错了|我是说|哦不"
# "hold on": an interjection, not "等下个月发工资" (wait for next month's pay)
HOLD_ON_ZH = "等下(?!个?月|周|次|回|午)|等等|等一下"
# English words that take a value back; "no", "nope" and "actually" are not among them: they start ordinary answers
# ("no, not late", "actually 2 cards") and each reader allows them only where a value follows
TAKE_BACK_EN = "wait|sorry|oops|sry|err|correction|i mean|i meant"
