"""What the /plan conversation says, in Chinese and English."""

from __future__ import annotations

import re

TEXTS: dict[str, tuple[str, str]] = {
    "intro": ("我来帮你按你自己的数字排一个还款计划。一笔一笔告诉我欠款，也可以直接说，比如「我欠招行信用卡2万，年化18%，逾期15天」。",
              "Let's build a repayment plan from your own numbers, one debt at a time. You can also just write, "
              "e.g. \"I owe my credit card 20k at 18%, 15 days overdue\"."),
    "resume": ("接着上次的进度：", "Picking up where you left off:"),
    "ask_kind": ("第 {n} 笔是哪一类欠款？", "What kind of debt is number {n}?"),
    "ask_kind_named": ("第 {n} 笔「{name}」是哪一类欠款？", "What kind of debt is {name} (number {n})?"),
    "ask_name": ("给这笔起个名字（比如「招行信用卡」），或者点下面的按钮用「{default}」。",
                 "Give it a short name (e.g. \"Chase card\"), or tap the button to call it \"{default}\"."),
    "ask_balance": ("「{name}」现在一共还欠多少？（比如 2万、5000、3k）", "How much do you owe on {name} in total? (e.g. 20000, 5k)"),
    "ask_rate": ("「{name}」的利率是多少？年化18%、日息万五、0.05%/天、月息1.5% 都可以。",
                 "What is the interest rate on {name}? e.g. 18% a year, 0.05% a day, 1.5% a month."),
    "ask_min_payment": ("「{name}」每月最低要还多少？", "What is the minimum monthly payment on {name}?"),
    "ask_days_overdue": ("「{name}」现在逾期了吗？逾期几天？没有逾期就点「没有逾期」。",
                         "Is {name} overdue? How many days? Tap \"not overdue\" if it isn't."),
    "ask_overdue_amount": ("「{name}」逾期没还上的金额是多少？", "How much of {name} is past due?"),
    "ask_penalty": ("「{name}」的罚息是多少（比如 日息0.075%）？不清楚就点按钮，我按合同日利率×1.5 估算。",
                    "What penalty rate does {name} charge (e.g. 0.075% a day)? If you don't know, tap the button "
                    "and I'll assume the contract daily rate x 1.5."),
    "ask_more": ("已经记下 {n} 笔：\n{loans}\n还有别的欠款吗？", "Got {n} so far:\n{loans}\nAny other debts?"),
    "ask_income": ("每月到手的收入大概多少？", "What is your monthly take-home income?"),
    "ask_expenses": ("每月必需的开销（房租、吃饭、交通、家人）大概多少？",
                     "How much do essentials cost you each month (rent, food, transport, family)?"),
    "understood": ("记下了：{what}。", "Noted: {what}."),
    "for_debts_noted": ("记下了：每月能拿出 {amount} 还债，计划就按这个数排。",
                        "Noted: {amount} a month for your debts; the plan uses that."),
    "minimum_still_asked": ("这里要的是「{name}」账单或合同上写的每月最低还款；没有固定最低就说「没有最低」。",
                            "Here I need the minimum payment on {name}'s statement or contract; say \"no minimum\" if there is none."),
    "what_if_budget": ("如果每月拿出 {amount} 还债（只是试算，你保存的收入和开销没有改）：",
                       "If you put {amount} a month toward your debts (a what-if: your saved income and expenses are unchanged):"),
    "days_from_due": ("按到期日算到今天，逾期 {days} 天。", "Counting from that due date to today: {days} days overdue."),
    "relabelled": ("好的：「{name}」，{what}。", "OK: {name}, {what}."),
    "removed": ("已把「{name}」从计划里去掉。", "I took {name} out of the plan."),
    "removed_paid": ("恭喜还清「{name}」！已把它从计划里去掉。", "Well done paying off {name}! I took it out of the plan."),
    "removed_last": ("计划里没有别的欠款了。有新的欠款时发 /plan。", "There are no other debts in the plan. Send /plan when you have one."),
    "balance_help": ("欠多少可以在 App 的「我的借款/账单」里查到，信用卡看账单上的「本期应还」或「总欠款」；先估一个也行，之后可以说「金额改成…」。",
                     "The amount owed is in the lender's app or on your latest statement (the \"current balance\"); an "
                     "estimate will do for now, and you can say \"change the amount to …\" later."),
    "annual_rate_help": ("利率在借款合同或 App 的「借款详情」里，常写作「年化利率」；信用卡看账单或分期页面。找不到就点下面的按钮，"
                         "我按这类欠款的常见利率估算。",
                         "The rate is in the loan contract or the app's loan details (\"annual rate\" or \"APR\"); for a card, "
                         "on the statement. If you can't find it, tap the button below and I'll assume a typical rate."),
    "min_payment_help": ("最低还款在账单或 App 的「本期应还」里；分期的话就是每期还款额。先估一个也行，之后可以说「最低还款改成…」。",
                         "The minimum payment is on your statement or in the app (\"minimum payment due\"); for an "
                         "instalment loan it is the monthly instalment. An estimate will do for now."),
    "essential_expenses_help": ("没关系，估一个就行：房租（或房贷）＋吃饭＋交通＋话费网费＋给家里的，每月大概多少？比如「房租1500，吃饭1200，交通200」。",
                      "That's fine, a rough figure will do: rent (or mortgage) + food + transport + phone + family, about "
                      "how much a month? e.g. \"rent 1200, food 400, gas 150\"."),
    "rate_guessed": ("「{name}」的利率先按 {rate} 估算，这只是估计；看到合同或账单后可以说「利率改成…」。",
                     "I'll plan {name} at {rate} a year for now, only an estimate; when you see the rate on a statement "
                     "or contract, say \"change the rate to …\"."),
    "overdue_guessed": ("「{name}」逾期的金额先按 {n} 期最低还款算：{amount}（知道准确数字可以说「逾期金额改成…」）。",
                        "I've counted {name}'s past-due amount as {n} missed minimum payment(s): {amount} (say \"change the "
                        "overdue amount to …\" if you know it)."),
    "instalments_read": ("记下了「{name}」按分期算：每期 {payment}，{months} 期还剩 {left} 期，真实年化约 {rate}（按 IRR），欠款（剩余本金）约 {balance}。",
                         "Noted for {name}, from its instalments: {payment} a month, {left} of {months} left, about {rate} a "
                         "year (IRR), about {balance} of principal owed."),
    "instalments_left_read": ("记下了「{name}」：还剩 {left} 期、每期 {payment}，一共还要还 {total}。利息已经算在每期里，所以按这个总额、"
                              "利率 0 记，每月最低还 {payment}。",
                              "Noted for {name}: {left} payments of {payment} left, {total} in all. The interest is already in "
                              "each payment, so it is kept as that total at 0%, with {payment} a month as its minimum."),
    "noted_for": ("记下了「{name}」：{what}。", "Noted for {name}: {what}."),
    "queued": ("另外 {n} 笔也记下了（{names}），这笔问完接着问它们。",
               "I also noted {n} more ({names}); I'll ask about them after this one."),
    "one_at_a_time": ("你的消息里还有别的欠款：我一笔一笔记，这笔问完后会问“还有别的欠款吗”，到时再发给我。",
                      "Your message names more debts: I take them one at a time, and after this one I'll ask "
                      "\"Any other debts?\" — send the next one then."),
    "cancelled": ("好的，已取消。想重新算的时候发 /plan。", "OK, cancelled. Send /plan whenever you want to start again."),
    "too_many": ("最多记 {n} 笔，先用这些算。", "I can take at most {n} debts; let's plan with these."),
    "saved_profile": ("你之前存过这些资料：\n{loans}\n每月收入 {income}，必需开销 {expenses}。",
                      "You saved these earlier:\n{loans}\nIncome {income} a month, essentials {expenses}."),
    "edited": ("已把{target}的{field}改成 {value}。", "Changed {field} of {target} to {value}."),
    "budget_not_minimum": ("每月能拿出多少还债，等欠款都记完我会问收入和开销来算。这里要的是「{name}」账单或合同上写的每月最低还款；"
                           "没有固定最低就说「没有最低」。",
                           "What you can pay each month comes from your income and expenses, asked once the debts are in. "
                           "Here I need the minimum payment on {name}'s statement or contract; say \"no minimum\" if "
                           "there is none."),
    "edit_unknown_loan": ("没找到{target}。你的欠款有：\n{loans}", "I couldn't find {target}. Your debts are:\n{loans}"),
    "no_profile": ("我还没有你的欠款资料。发 /plan 一笔一笔告诉我。", "I don't have your debts yet. Send /plan to tell me."),
    "delay_head": ("如果再晚 {days} 天还：", "If you pay {days} days later:"),
    "delay_overdue": ("· {name}：逾期的 {amount} 再多 {days} 天，罚息约多 {penalty}{assumed}。",
                      "· {name}: {days} more days on the {amount} overdue adds about {penalty} in penalty{assumed}."),
    "delay_current": ("· {name}（现在没逾期）：如果本月最低还款 {amount} 晚 {days} 天，罚息约 {penalty}{assumed}，还会留下逾期记录。",
                      "· {name} (not overdue now): if this month's {amount} minimum is {days} days late, about "
                      "{penalty} in penalty{assumed}, and a late mark on your record."),
    # in dollars: a payment is usually reported late only at 30 days past due; late fees can start earlier (stop 33 red team)
    "delay_current_usd": ("· {name}（现在没逾期）：如果本月最低还款 {amount} 晚 {days} 天，罚息约 {penalty}{assumed}；滞纳金可能更早"
                          "开始收，逾期满 30 天通常会被报给信用机构。",
                          "· {name} (not overdue now): if this month's {amount} minimum is {days} days late, about "
                          "{penalty} in penalty{assumed}; a late fee can start earlier, and at 30 days past due it is usually "
                          "reported late to the credit bureaus."),
    # a loan from family or friends is reported to no credit bureau (stop 31 red team: "a late mark on your record" for an uncle's loan)
    "delay_current_private": ("· {name}（现在没逾期）：如果本月的 {amount} 晚 {days} 天，罚息约 {penalty}{assumed}；亲友借款不上征信，"
                              "但最好提前跟对方说一声。",
                              "· {name} (not overdue now): if this month's {amount} is {days} days late, about {penalty} in "
                              "penalty{assumed}; a loan from family or friends is reported to no credit bureau, but tell them "
                              "ahead of time."),
    "delay_card_fee": ("信用卡另外可能按领用合约收违约金（2017年起取代了滞纳金），违约金本身不计息；金额以你的合约为准，上面没有算进去。",
                       "A credit card may also charge a late fee under its card agreement (in mainland China a contractual "
                       "违约金, which replaced the 滞纳金 in 2017 and bears no interest; in the US a flat fee); it is not "
                       "included above."),
    "delay_total": ("合计约多付 {total}。合同利息照常计算；越早还越省。", "About {total} more in all. Contract interest keeps running too; "
                    "paying sooner saves money."),
    "assumed": ("（罚息率按估算）", " (assumed penalty rate)"),
    "after_plan": ("想改数字可以直接说，比如「把第二笔的利率改成24%」；也可以问「再晚还10天要多付多少？」。",
                   "To change a number just say e.g. \"change the second loan's rate to 24%\"; or ask \"what if I "
                   "pay 10 days later?\"."),
    "offer_needs_principal": ("这个方案是针对多少欠款的？可以这样说：「借1万，分12期每期1000」，或者先发 /plan 告诉我你的欠款。",
                              "How much is the offer for? Say e.g. \"10k over 12 months at 1000 a month\", or send "
                              "/plan to tell me your debts first."),
    "chart_labels": ("图中：{labels}", "In the chart: {labels}"),
    "problem_not_a_number": ("没看懂「{value}」。", "I couldn't read \"{value}\"."),
    "problem_not_positive": ("{field}要大于 0。", "{field} must be more than 0."),
    "problem_negative": ("{field}不能是负数。", "{field} can't be negative."),
    "problem_too_high": ("{field}超出了合理范围。", "{field} is out of range ({accepted})."),
    "problem_too_large": ("{field}超出了合理范围（最多 10 亿）：「{value}」。",
                          "{field} is out of range (at most 1,000,000,000): \"{value}\"."),
    "problem_exponent": ("「{value}」是科学计数法，请直接写出数字，比如 25000 或 2.5万。",
                         "\"{value}\" is in exponent notation; please write the number out, e.g. 25000 or 2.5万."),
    "problem_out_of_range": ("{field}超出了合理范围。", "{field} is out of range ({accepted})."),
    "problem_out_of_range_months": ("期数要在 1 到 600 之间。", "The number of months must be 1 to 600."),
    "problem_too_high_monthly_payment": ("每期还款相对借款金额高得不合理（折合年化超过 1000%），请核对金额和期数。",
                                         "The payments are out of all proportion to the amount borrowed (over 1000% "
                                         "a year); please check the amount and the number of months."),
    "problem_too_high_upfront_fee": ("先交的费用不能等于或超过借款金额。",
                                     "The up-front fee can't be as much as the amount borrowed."),
    "problem_json_syntax": ("输入不是有效的 JSON（第 {line} 行第 {column} 列）。",
                            "The input is {problem}."),
    "problem_json_constant": ("JSON 里不能用 {value}，请写一个数字。", "{value} is not allowed in the JSON; write a number."),
    "problem_json_too_deep": ("JSON 嵌套太深（最多 {limit} 层）。", "The JSON is nested too deeply (at most {limit} levels)."),
    "problem_json_too_large": ("输入太大（最多 {limit} 字节）。", "The input is too large (at most {limit} bytes)."),
    "problem_unreadable": ("读不了文件「{value}」。", "Cannot read {value}: {problem}."),
    "problem_not_utf8": ("「{value}」不是 UTF-8 文本。", "{value} is not UTF-8 text."),
    "problem_zh": ("{field}不对：{problem}。", "{field} is not right: {problem}"),
    "problem_too_high_annual_rate": ("利率超出了合理范围（最高年化 1000%），请再看一下合同。",
                                     "The rate is out of range (at most 1000% a year); please check the contract."),
    "problem_too_high_penalty_daily_rate": ("罚息利率超出了合理范围，请再看一下合同。",
                                            "The penalty rate is out of range; please check the contract."),
    "problem_too_high_overdue_amount": ("逾期金额超出了合理范围：不能超过欠款总额 {balance}。",
                                        "The overdue amount is out of range: it can't exceed the {balance} owed."),
    "problem_too_high_min_payment": ("每月最低还款超出了合理范围：不能超过欠款总额 {balance}。",
                                     "The monthly minimum is out of range: it can't exceed the {balance} owed."),
    "problem_too_high_days_overdue": ("逾期天数超出了合理范围（最多 3650 天）。", "Days overdue is out of range (at most 3650)."),
    "problem_per_day": ("「{value}」是日息还是年化？请写「日息{value}」或「年化{value}」。",
                        "Is \"{value}\" per day or per year? Please write \"{value} a day\" or \"{value} a year\"."),
    "problem_days_unit": ("「{value}」天是一年多，是不是把金额填到这里了？逾期天数请写成 15天、3个月 这样，没有逾期写 0。",
                          "\"{value}\" days is over a year: is it an amount? Write days overdue "
                          "as 15, 15 days or 3 months, or 0 if none."),
    "problem_ambiguous": ("「{value}」是 {value}% 还是别的？请带上 % 号，比如 18%。",
                          "Is \"{value}\" a percent? Please add %, e.g. 18%."),
    "problem_missing": ("还缺{field}。", "{field} is missing."),
    "problem_invalid": ("{field}不对，请检查一下。", "{field} is not right: {problem}"),
    "problem_unknown": ("{field}不对：「{value}」不认识。", "{field} is not right: {problem}"),
    # "500" at the kind step read "the kind is not right: '500' is not a kind of loan" (stop 27 red team)
    "problem_unknown_kind": ("这一步问的是欠款类型：点下面的按钮，或者写「信用卡」「网贷」「银行贷款」「私人借款」；都不像的话选「银行贷款」。",
                             "This step asks what kind of debt it is: tap a button below, or write credit card, online "
                             "loan, bank loan or private loan; if none fits (a medical bill, say), choose bank loan."),
    "examples_balance": ("比如 2万、5000、3k、¥800", "e.g. 20000, 5k, 800, 1,200"),
    "examples_annual_rate": ("比如 年化18%、日息万五、0.05%/天", "e.g. 18%, 0.05% a day, 1.5% a month"),
    "examples_days_overdue": ("比如 15、15天、半个月", "e.g. 15, 15 days, 2 weeks"),
    "examples_penalty_daily_rate": ("比如 日息0.075%、万七点五", "e.g. 0.075% a day"),
}

for _field in ("overdue_amount", "min_payment", "monthly_income", "essential_expenses"):
    TEXTS[f"examples_{_field}"] = TEXTS["examples_balance"]

FIELD_NAMES: dict[str, tuple[str, str]] = {
    "name": ("名字", "the name"),
    "kind": ("类型", "the kind"),
    "balance": ("欠款金额", "The amount owed"),
    "annual_rate": ("利率", "The rate"),
    "min_payment": ("最低还款", "The minimum payment"),
    "days_overdue": ("逾期天数", "Days overdue"),
    "overdue_amount": ("逾期金额", "The overdue amount"),
    "penalty_daily_rate": ("罚息利率", "The penalty rate"),
    "daily_rate": ("日利率", "The daily rate"),
    "amount": ("金额", "The amount"),
    "months": ("期数", "The number of months"),
    "monthly_payment": ("每期还款", "The monthly payment"),
    "repaid": ("还款金额", "The repayment"),
    "upfront_fee": ("先交的费用", "The up-front fee"),
    "principal": ("借款金额", "The amount borrowed"),
    "received": ("到手金额", "The money received"),
    "fee_per_period": ("每期手续费率", "The fee per period"),
    "offer": ("分期方案", "The offer"),
    "loan": ("分期方案对应的欠款", "The offer's loan"),
    "loans": ("欠款列表", "The list of loans"),
    "strategy": ("还款策略", "The strategy"),
    "extra": ("一次性可用的钱", "The one-off extra"),
    "currency": ("币种", "The currency"),
    "input": ("输入", "The input"),
    "file": ("文件", "The file"),
    "monthly_income": ("月收入", "Income"),
    "essential_expenses": ("必需开销", "Essential expenses"),
}

KIND_LABELS: dict[str, tuple[str, str]] = {
    "credit_card": ("信用卡", "credit card"),
    "online_lender": ("网贷", "online loan"),
    "bank_loan": ("银行贷款", "bank loan"),
    "private": ("私人借款", "private loan"),
}

BUTTONS: dict[str, tuple[str, str]] = {
    "cancel": ("取消", "cancel"),
    "add": ("再加一笔", "add another loan"),
    "done": ("填完了", "done"),
    "not_overdue": ("没有逾期", "not overdue"),
    "unknown_penalty": ("不清楚，按×1.5估算", "don't know (assume x1.5)"),
    "use_default_name": ("用「{default}」", "call it \"{default}\""),
    "show": ("用这些资料出计划", "plan with these"),
    "new": ("重新填写", "start over"),
    "human": ("找真人聊聊", "talk to a person"),
}


def text(key: str, language: str, **values: object) -> str:
    zh, en = TEXTS[key]
    return (zh if language == "zh" else en).format(**values)


def field_name(field: str, language: str) -> str:
    leaf = re.sub(r"\[\d+\]", "", field.split(".")[-1])  # loans[2] -> loans
    zh, en = FIELD_NAMES.get(leaf, (leaf, leaf))
    return zh if language == "zh" else en


def kind_label(kind: str, language: str) -> str:
    zh, en = KIND_LABELS[kind]
    return zh if language == "zh" else en


def button_label(key: str, language: str, **values: object) -> str:
    zh, en = BUTTONS[key]
    return (zh if language == "zh" else en).format(**values)
