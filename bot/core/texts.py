"""What the answering path says, in Chinese and English. One table, looked up by key and language."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "welcome": {
        "zh": "你好，我是还款助手。逾期、催收、征信、协商还款这些事，我可以根据文章库回答，并告诉你出处；"
        "也可以根据你自己的借款做一个还款计划。你不是一个人在面对这些。\n\n"
        "隐私说明：我会保存你发的消息（身份证号、手机号、银行卡号、邮箱会先被遮盖）和我的回答，"
        "用来延续对话和改进内容；发送 /forget 可以删除关于你的全部记录。",
        "en": "Hi, I'm a repayment helper. I answer questions about overdue loans, debt collectors, credit "
        "records and negotiating with lenders from a library of articles, and I tell you the sources. I can "
        "also make a repayment plan from your own loans. You are not alone with this.\n\n"
        "Privacy: I store your messages (ID, phone, bank card numbers and e-mail addresses are masked "
        "first) and my replies, to keep the conversation going and improve the articles. Send /forget to "
        "delete everything about you.",
    },
    "help": {
        "zh": "直接用自己的话提问就行，比如“逾期了会上征信吗”“催收打电话给我家人合法吗”。\n"
        "/plan 制定还款计划　/lang 切换语言　/human 找人工　/forget 删除我的记录　/cancel 取消当前操作",
        "en": "Just ask in your own words, e.g. \"will a late payment hurt my credit report?\" or \"can a "
        "collector call my family?\".\n/plan make a repayment plan  /lang change language  /human talk to "
        "a person  /forget delete my data  /cancel stop what is going on",
    },
    # no support desk here (SUPPORT_CHAT_ID unset, the console): /human says how to reach one, and /help says so (stop 33 red team:
    # "/human 找人工" promised a person the reply then said could not be reached here)
    "help_no_desk": {
        "zh": "直接用自己的话提问就行，比如“逾期了会上征信吗”“催收打电话给我家人合法吗”。\n"
        "/plan 制定还款计划　/lang 切换语言　/human 怎么联系到人　/forget 删除我的记录　/cancel 取消当前操作",
        "en": "Just ask in your own words, e.g. \"will a late payment hurt my credit report?\" or \"can a "
        "collector call my family?\".\n/plan make a repayment plan  /lang change language  /human how to reach "
        "a person  /forget delete my data  /cancel stop what is going on",
    },
    "help_reminders": {
        "zh": "/reminders 还款提醒：查看、暂停、停止　/progress 还款进度",
        "en": "/reminders payment reminders: see, pause, stop  /progress how far my plan has come",
    },
    "topic_overdue": {"zh": "逾期后果", "en": "What happens when I'm overdue"},
    "topic_overdue_q": {"zh": "逾期了会有什么后果？", "en": "What happens if my loan is overdue?"},
    "topic_credit": {"zh": "征信", "en": "Credit report"},
    "topic_credit_q": {"zh": "逾期会上征信吗？多久能消除？", "en": "How long does a late payment stay on my credit report?"},
    "topic_negotiate": {"zh": "协商还款", "en": "Negotiate repayment"},
    "topic_negotiate_q": {"zh": "怎么和银行或平台协商分期、延期还款？", "en": "How do I ask my lender for a hardship plan?"},
    "topic_plan": {"zh": "制定还款计划", "en": "Make a repayment plan"},
    "plan_offer": {"zh": "用我的数字做完整还款计划", "en": "Make a full plan with my numbers"},
    "continue_plan": {"zh": "继续我的计划", "en": "Continue my plan"},
    "plan_kept_plain": {"zh": "你的还款计划还在，刚才那条回答也记下了。什么时候想继续，点「继续我的计划」或发「继续」。",
                        "en": "Your repayment plan is kept, with the answer you just gave. Whenever you want to go on, tap "
                              "\"Continue my plan\" or say \"continue\"."},
    "plan_kept": {"zh": "你的还款计划还在，刚才那条也记下了（{noted}）。什么时候想继续，点「继续我的计划」或发「继续」。",
                  "en": "Your repayment plan is kept, with what you just said ({noted}). Whenever you want to go on, tap "
                        "\"Continue my plan\" or say \"continue\"."},
    "human": {"zh": "找人工", "en": "Talk to a person"},
    "search_unavailable": {
        "zh": "抱歉，文章库暂时连不上，我现在没法查资料回答你。你的问题已经记下，请过几分钟再问一次；着急的话可以点下面找人工。",
        "en": "Sorry, the article library is unreachable right now, so I can't look this up. Your question is saved: "
              "please ask again in a few minutes, or press below to reach a person.",
    },
    "lang_prompt": {"zh": "请选择语言：", "en": "Choose a language:"},
    "lang_set": {"zh": "好的，之后我用中文回复。", "en": "OK, I'll reply in English from now on."},
    "lang_unknown": {
        "zh": "不支持这个语言：{value}。可选：zh（中文）、en（English）。",
        "en": "I don't support the language \"{value}\". Choose zh (中文) or en (English).",
    },
    "forget_confirm": {
        "zh": "确定要删除关于你的全部记录吗（对话、还款资料、偏好）？删除后无法恢复。",
        "en": "Delete everything about you (conversations, repayment data, preferences)? This cannot be undone.",
    },
    "forget_yes": {"zh": "确定删除", "en": "Yes, delete"},
    "forget_no": {"zh": "取消", "en": "Cancel"},
    "forget_done": {"zh": "已删除关于你的 {count} 条记录。", "en": "Deleted {count} records about you."},
    "forget_kept": {"zh": "好的，什么都没有删除。", "en": "OK, nothing was deleted."},
    "cancelled": {"zh": "好的，已取消。有问题随时问我。", "en": "OK, cancelled. Ask me anything when you're ready."},
    "unknown_command": {
        "zh": "我不认识这个命令：{value}。",
        "en": "I don't know the command {value}.",
    },
    "unknown_action": {
        "zh": "这个按钮已经失效了（{value}），请重新提问。",
        "en": "That button no longer works ({value}); please ask again.",
    },
    "feedback_thanks_up": {"zh": "谢谢反馈！", "en": "Thanks for the feedback!"},
    "feedback_thanks_down": {
        "zh": "谢谢告诉我，这个回答没帮上忙。我们会据此改进文章。",
        "en": "Thanks for telling me this didn't help. Editors use this to improve the articles.",
    },
    "feedback_missing": {
        "zh": "找不到这条回答了，可能已经删除。",
        "en": "I can't find that answer any more; it may have been deleted.",
    },
    "feedback_offer_human": {
        "zh": "看起来我的回答连续没能帮到你。要不要找一位工作人员聊聊？",
        "en": "My answers haven't helped twice in a row. Would you like to talk to a person?",
    },
    "handoff": {
        "zh": "好的，我已经请工作人员来帮你，他们会在这里回复你。等待期间你也可以继续问我。",
        "en": "OK, I've asked a member of staff to help you; they will reply here. You can keep asking me meanwhile.",
    },
    "empty": {"zh": "请直接写下你的问题。", "en": "Please write your question."},
    "decline": {
        "zh": "抱歉，我的文章库里没有关于这个问题的文章，不想瞎猜误导你。我已经把这个问题记下来给内容编辑参考。",
        "en": "Sorry, I don't have an article on that, and I'd rather not guess. I've noted the question for "
        "our editors.",
    },
    # added after "decline" when the question is a court's or a lawyer's matter (bot.core.assistant._LEGAL_MATTER)
    "decline_legal": {
        "zh": "如果收到了法院的正式文书，不要置之不理：法院会给出答辩或应诉的期限，过了期限可能被缺席判决。"
              "可以先通过法院官方渠道核实真假，再找当地的法律援助机构或律师问清楚。",
        "en": "If you have been served court papers, do not ignore them: the court sets a deadline to respond, and missing "
              "it can mean a judgment against you without your side heard. A legal aid office or a lawyer where you live "
              "can tell you what applies.",
    },
    # added after "decline" only where a support desk answers (elsewhere no person would come: stop 30 red team)
    "decline_person": {
        "zh": "如果需要，可以找工作人员帮你。",
        "en": " If you like, a person can help you.",
    },
    "greeting": {
        "zh": "你好，我在。逾期、催收、征信、协商还款的问题可以直接问我；想按自己的借款排还款计划，发 /plan。",
        "en": "Hi, I'm here. Ask me anything about overdue loans, debt collectors, your credit record or negotiating "
        "with lenders; to plan repayments from your own loans, send /plan.",
    },
    "thanks": {
        "zh": "不客气。还有问题随时发给我；想排还款计划，发 /plan。",
        "en": "You're welcome. Ask me anything else any time; to plan repayments, send /plan.",
    },
    "venting": {
        "zh": "听起来你现在压力挺大的，先缓一口气。我能帮你的是：回答逾期、催收、征信、协商还款这些问题，"
        "或者用你自己的借款做一个还款计划；想跟人聊聊，也可以找工作人员。点下面一个，或者直接把问题发给我。",
        "en": "That sounds like a lot to carry right now. What I can do: answer questions about being overdue, debt "
        "collectors, your credit record and negotiating with lenders, or make a repayment plan from your own loans; "
        "a person can help too. Pick one below, or just type your question.",
    },
    "venting_no_desk": {
        "zh": "听起来你现在压力挺大的，先缓一口气。我能帮你的是：回答逾期、催收、征信、协商还款这些问题，"
        "或者用你自己的借款做一个还款计划。点下面一个，或者直接把问题发给我。",
        "en": "That sounds like a lot to carry right now. What I can do: answer questions about being overdue, debt "
        "collectors, your credit record and negotiating with lenders, or make a repayment plan from your own loans. "
        "Pick one below, or just type your question.",
    },
    # The title is named once, in the sources line under the answer: in the lead-in too it took the words of a
    # sentence from the answer's budget (300 characters / 80 words), up to 20 of 80 for a long English title.
    "lead_in": {"zh": "文章里是这样说的：", "en": "What the article says:"},
    "lead_in_many": {"zh": "这几篇文章里是这样说的：", "en": "What the articles say:"},
    "sources": {"zh": "来源：", "en": "Sources:"},
    "disclaimer": {
        "zh": "（以上为一般信息，不构成法律或财务建议。）",
        "en": "(General information, not legal or financial advice.)",
    },
    "other_language": {
        "zh": "（以下摘自英文文章原文。）",
        "en": "(Quoted as written in a Chinese article.)",
    },
    "simplified_notice": {
        "zh": "（以下用简体中文回答）",
        "en": "(The answer below is written in Simplified Chinese.)",
    },
    "llm_fallback": {
        "zh": "（AI 写作服务暂时不可用，以下是直接摘自文章的回答。）",
        "en": "(The AI writer is unavailable right now; here is an answer quoted from the articles.)",
    },
    "harassment_offer": {
        "zh": "催收方不能威胁、恐吓、骚扰你或你的家人。如果需要，可以找工作人员帮你一起处理；"
        "遇到人身安全威胁请直接报警（110）。",
        "en": "Collectors may not threaten or harass you or your family. A person can help you with this "
        "if you like; if you feel physically unsafe, call the police.",
    },
    "threat": {  # put first when the message tells of a threat to hurt or kill the user or their family (safety.threatens_violence)
        "zh": "有人扬言要伤害你或你的家人，这是对人身安全的威胁，欠多少钱都不能这样对你。如果现在就有危险，马上打110报警；"
        "保存通话录音、短信、聊天截图和对方号码，带着它们去派出所报案。用暴力、威胁、恐吓等手段催收可能构成犯罪"
        "（《刑法》第二百九十三条之一）。",
        "en": "Someone threatening to hurt you or your family is a threat to your safety, whatever you owe. If you are in danger "
        "now, call the police (911 in the US, 110 in mainland China). Keep the recordings, messages, screenshots and the "
        "caller's number, and report the threat to the police. Collectors may not threaten violence (US: Fair Debt "
        "Collection Practices Act; China: Criminal Law Art. 293-1).",
    },
    "threat_staff": {  # added to "threat" only where a support desk will open the ticket
        "zh": "我也已经请工作人员尽快联系你。",
        "en": "I've also asked a member of staff to contact you as soon as possible.",
    },
    "harassment_no_desk": {  # "harassment_offer" where no support desk answers: no person offered
        "zh": "催收方不能威胁、恐吓、骚扰你或你的家人。遇到人身安全威胁请直接报警（110）。",
        "en": "Collectors may not threaten or harass you or your family. If you feel physically unsafe, call the police.",
    },
    "crisis": {
        "zh": "听到你这么说，我很担心你。欠债的压力真的可以压得人喘不过气，但你的生命比任何债务都重要，"
        "债务总有办法慢慢处理。请现在就联系专业的心理援助：{line}。"
        "如果你有立即的危险，请拨打 120 或 110。",
        "en": "I'm really sorry you're feeling this way, and I'm worried about you. Debt can feel crushing, "
        "but your life matters more than any debt, and debts can be worked out over time. Please reach "
        "out right now: {line}. If you are in immediate danger, call your local emergency number.",
    },
    "crisis_unanswered": {  # right after a crisis reply, the line did not answer ("打了没人接": stop 31 red team, the same text)
        "zh": "热线一时没接通很常见，请过几分钟再打一次，或者换一条：{line}。如果有立即的危险，请拨打 120 或 110。"
        "也可以先给一个信任的人打个电话，让他/她陪着你。我也还在，你可以接着跟我说。",
        "en": "It's common for a line to be busy; please try again in a few minutes, or another line: {line}. If you are in "
        "immediate danger, call your local emergency number. You could also call someone you trust and ask them to stay "
        "with you. I'm still here too.",
    },
    "crisis_kept": {  # above an ordinary answer right after a crisis reply, when the user says they are calmer and asks something
        "zh": "好，我们来看你的问题。如果又觉得撑不住，随时联系{line}。",
        "en": "Okay, let's look at your question. If it gets too heavy again, you can reach {line} any time.",
    },
    "crisis_again": {  # right after a crisis reply: still the lines, in fewer words
        "zh": "谢谢你愿意接着跟我说。我还是想确认你是安全的：现在或者之后只要觉得撑不住，请联系{line}；"
        "如果有立即的危险，请拨打 120 或 110。欠款的事可以慢慢来，我们按你的节奏。",
        "en": "Thank you for telling me more. I still want to make sure you're safe: if it gets too heavy, now or later, "
        "please reach out: {line}. If you are in immediate danger, call your local emergency number. The debt can "
        "wait; we can go at your pace.",
    },
    "complaint": {  # a complaint about the bot's answers
        "zh": "抱歉没帮上忙。可以在回答下面点「👎 没帮助」，内容编辑会看到是哪条回答不对。",
        "en": "Sorry that wasn't helpful. Tap \"👎 Not helpful\" under an answer and the editors will see which one was wrong.",
    },
    "plan_later": {  # "I gotta go, can we finish this later?" with a wizard open
        "zh": "好的，你填的都已经保存了。之后随时发「继续」或点下面的按钮，从刚才那一步接着填。",
        "en": "Sure, everything you've entered is saved. Any time later, say \"continue\" or tap the button below to pick "
        "up where you left off.",
    },
    "crisis_harm_done": {  # put first when the message says harm is already done (pills taken, wrists cut)
        "zh": "如果你已经吃了药或者伤害了自己，请现在就拨打 120，或者马上让身边的人送你去医院。",
        "en": "If you have already taken something or hurt yourself, call your local emergency number now (911 in the "
        "US, 120 in mainland China); in the US, Poison Control is 1-800-222-1222.",
    },
    "crisis_others_harm": {  # put first when the message says someone else has already harmed themselves
        "zh": "如果他/她已经吃了药或者伤害了自己，请现在就拨打 120（有危险也可以打 110），告诉接线员吃了什么、吃了多少，"
        "尽量让人马上赶到他/她身边。",
        "en": "If they have already taken something or hurt themselves, call the emergency number now (911 in the US, 120 in "
        "mainland China) and say what they took and how much; in the US, Poison Control is 1-800-222-1222. Get someone to "
        "them right away.",
    },
    # Help asked to break the law (bot.core.wrongdoing): refused, with why and what can be done instead
    "wrongdoing_evade": {
        "zh": "这个我不能帮你。判决生效后有能力却不执行，可能构成拒不执行判决、裁定罪（《刑法》第313条），为躲执行转移财产只会让"
        "处境更糟。能做的是：跟债权人谈和解或分期，按执行通知的期限还款；还清或达成和解后，可以申请解除限高。",
        "en": "I can't help with that. In mainland China, refusing to carry out an effective judgment while able to is a crime "
        "(Criminal Law Art. 313), and moving assets to dodge enforcement makes things worse. What helps: negotiate a "
        "settlement or instalments with the creditor and pay by the deadline in the enforcement notice; once paid or "
        "settled, you can apply to have the restrictions lifted.",
    },
    "wrongdoing_fraud": {
        "zh": "这个我不能帮你：冒用别人的身份借款、伪造证明材料都可能违法，一旦被发现，处境会比现在糟得多。真实的困难用真实的材料就能"
        "说明，比如离职证明、社保停缴记录、病历和医院票据；直接联系机构的官方客服说明情况，申请延期或分期。",
        "en": "I can't help with that: borrowing in someone else's name or faking a document can be a crime, and being found "
        "out would leave you far worse off. Real hardship can be shown with real papers, such as a termination letter, "
        "unemployment records or medical bills; call the lender's official customer service, explain, and ask for more "
        "time or a payment plan.",
    },
    "wrongdoing_violence": {
        "zh": "我理解你很气，但请不要去找他，也不要动手：动手会让你从被骚扰的一方变成要担法律责任的一方。催收威胁、骚扰你，"
        "把电话、短信录音截图留好，向金融消费者投诉热线12378投诉；有人身安全威胁，直接报警（110）。",
        "en": "I understand you're furious, but please don't go after him or use force: it would turn you from the one being "
        "harassed into the one facing charges. Keep recordings and screenshots of the threats and harassment and "
        "complain (in mainland China, the financial consumer hotline 12378; in the US, the CFPB); if you feel unsafe, "
        "call the police.",
    },
    "verify_demand": {  # above the answer when a demand to pay is passed on with "is this real?" (safety.asks_if_a_demand_is_real)
        "zh": "先别付钱：不要打消息里的电话、不要点里面的链接。自己在贷款 App、账单或官网上找官方客服电话，问清楚有没有这笔欠款、"
        "欠多少；真要还，也只通过官方渠道还。法院的文书可以在法院官方平台或打法院电话核实。",
        "en": "Before you pay anything: don't call the number or open the link in the message. Find the lender's official number "
        "yourself (app, statement or website) and ask whether the debt is real and how much it is; pay only through official "
        "channels. In the US you can also ask a collector in writing to validate the debt.",
    },
    "pay_the_lender_only": {  # above the answer when money is to go into a person's own account (safety.pays_a_person)
        "zh": "只把钱还进贷款机构自己的还款渠道（App 里的还款入口、账单上写的还款方式，或官方客服电话确认的对公账户）。不要转到催收员或任何"
        "个人的银行卡、微信、支付宝：转了可能不算还款，还可能是诈骗。说好的减免，先要机构盖章或官方渠道的书面确认。",
        "en": "Pay only through the lender's own channels (its app, the payment methods on your statement, or an account its "
        "official customer service confirms). Never pay into a collector's or anyone's personal account, Zelle or Venmo: it "
        "may not count as payment and may be a scam. Get any reduction confirmed in writing by the lender first.",
    },
    "scam_warning": {  # above a decline when the message tells of a scam's marks (a safe account, gift cards, a code)
        "zh": "这很像诈骗：公安、法院和正规机构都不会让你往“安全账户”转钱、买礼品卡或报验证码。先挂断，不要付钱，自己打官方电话核实；"
        "已经转了钱，马上联系银行并报警（110）。",
        "en": "This has the marks of a scam: no real police, court or lender asks you to pay with gift cards, move money to "
        "a \"safe account\" or read out a code. Hang up, don't pay, and call the organisation back on its official number; "
        "if you already paid, call your bank and the police.",
    },
    "crisis_denied": {  # "不是要自杀啦，就是想问问…": the question is answered, after this line
        "zh": "好的，明白了。如果哪天真的撑不住，随时可以联系{line}。",
        "en": "Okay, understood. If it ever gets too heavy, you can reach out any time: {line}.",
    },
    "crisis_no_line": {  # no crisis line set for this language: never "reach out: your local emergency number"
        "zh": "听到你这么说，我很担心你。欠债的压力真的可以压得人喘不过气，但你的生命比任何债务都重要，"
        "债务总有办法慢慢处理。请现在就找一个你信任的人说说，或者联系当地的心理援助热线。"
        "如果你有立即的危险，请马上拨打当地的急救或报警电话。",
        "en": "I'm really sorry you're feeling this way, and I'm worried about you. Debt can feel crushing, "
        "but your life matters more than any debt, and debts can be worked out over time. Please reach "
        "out right now to a crisis line in your country or someone you trust. If you are in immediate "
        "danger, call your local emergency number.",
    },
    "crisis_someone": {  # the user asks how to help someone else who spoke of ending their life
        "zh": "你身边的人说想结束生命，这需要尽快让专业的人介入。请现在就陪着他/她，或者一起联系心理援助：{line}；"
              "不要让他/她一个人待着。如果有立即的危险，马上拨打 120 或 110。你不需要一个人扛，欠的钱可以慢慢处理。",
        "en": "When someone says they want to end their life, a professional should be involved as soon as possible. "
              "Please stay with them or help them reach a crisis line now: {line}. Don't leave them alone; if they are "
              "in immediate danger, call your local emergency number. The debt can be dealt with later.",
    },
    "crisis_china": {  # added to the English crisis reply when a Chinese crisis line is set
        "zh": "在中国大陆：{line}。",
        "en": "In mainland China: {line}.",
    },
    "crisis_staff": {  # added to the crisis reply only where a support desk will open the ticket
        "zh": "我也已经请工作人员尽快来陪你聊。",
        "en": "I've also asked a member of staff to talk with you as soon as possible.",
    },
    "no_desk": {  # /human where no support desk exists (the console, a bot without SUPPORT_CHAT_ID)
        "zh": "抱歉，在这里联系不到工作人员。{contact}",
        "en": "Sorry, no person can be reached here. {contact}",
    },
    "no_desk_contact": {"zh": "需要找人帮忙的话：{line}", "en": "To reach a person: {line}"},
    "no_desk_contact_default": {  # not only "call your lender": a harassed or despairing borrower needs more (stop 29)
        "zh": "想找人帮忙：谈还款，打贷款机构的官方客服（卡背面或App里的号码）；投诉催收，打12378；心里撑不住时，"
              "心理援助热线12356有人接听。",
        "en": "To reach a person: about the loan itself, your lender's official customer service (the number on your "
              "card or in the app); if you are struggling to cope, a crisis line (988 in the US) has someone to talk to.",
    },
    "offer_needs_periods": {
        "zh": "要算这笔借款的真实年化，还差一个数：一共分几期（还几个月）？把三样一起发给我，比如「借2万，分24期，每月还1100」，"
              "我按 IRR 算给你。",
        "en": "To work out this loan's true annual rate I need one more number: how many payments? Send all three "
              "together, e.g. \"borrowed 20000, 24 months, 1100 a month\", and I'll work it out by IRR.",
    },
    "periods_without_offer": {
        "zh": "要算一笔分期的真实年化，需要三样：借了多少、每期还多少、分几期。一起发给我，比如「借2万，分24期，每月还1100」。",
        "en": "To work out an instalment loan's true annual rate I need three numbers: how much you borrowed, how much "
              "each payment is, and how many payments. Send them together, e.g. \"borrowed 20000, 24 months, 1100 a month\".",
    },
    "thumbs_up": {"zh": "👍 有帮助", "en": "👍 Helpful"},
    "thumbs_down": {"zh": "👎 没帮助", "en": "👎 Not helpful"},
}


def text(key: str, language: str, **values: object) -> str:
    """The string for key in the language (zh or en), with {placeholders} filled in."""
    entry = TEXTS[key]
    template = entry.get(language) or entry["zh"]
    return template.format(**values) if values else template
