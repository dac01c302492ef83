"""Words that steer a conversation rather than ask the library: asking for a person, a complaint about the bot, help
and thanks, leaving a plan for later, deleting one's data and the yes or no to "delete everything?", a crisis line that
did not answer, calmer words after a crisis reply, asking where to turn. Patterns complement the intents read by meaning
(bot.understanding); the core (Assistant) decides what each one leads to."""

from __future__ import annotations

import re

HELP = re.compile(r"help|帮助|菜单|menu|怎么用|你能做什么", re.IGNORECASE)
THANKS = re.compile(r"谢|感谢|thank|thx|\bty\b|cheers|appreciate", re.IGNORECASE)

# A complaint about the bot itself, not about a lender or a collector ("我要投诉催收" is a question for the library)
COMPLAINS = re.compile(
    r"(?:你们|你这个?|这个回答|机器人|你的回答|回答得?)[^。！？!?]{0,12}(?:垃圾|没用|太差|不行|胡说|乱说|答非所问)|投诉(?:你们|这个机器人|机器人)|"
    r"\b(?:this|your|the) (?:bot|answers?|replies|chatbot)\b[^.!?]{0,15}\b(?:useless|garbage|trash|stupid|wrong|sucks?|"
    r"terrible|awful)\b|\b(?:complain|complaint) about (?:the|this|your) (?:bot|answers?|service|chatbot)\b", re.IGNORECASE)
YES_DELETE = re.compile(r"\W*(?:(?:yes|y|yeah|yep|yup|sure|ok|okay|confirm(?:ed)?|do it|go ahead)[\s,.!]*)*"
                        r"(?:(?:please\s*)?(?:delete|erase|wipe)(?: it| them| everything| all| my data)?)?(?:\s*please)?\W*|"
                        r"\W*(?:(?:是的?|确定|确认|好的?|对|嗯)[，,\s]*)*(?:删除|删掉|删|清空)?(?:吧|掉|全部|所有)*\W*", re.IGNORECASE)
# After a crisis reply: the line did not answer; a question or "I'm okay now" (`Assistant._calmer`).
LINE_UNANSWERED = re.compile(r"没人接|没接通|打不通|没打通|占线|没人理|\bno(?:body| one) (?:answered|picked up)\b|\bno answer\b|"
                             r"\bcouldn'?t get through\b|\b(?:line|number) (?:was |is )?busy\b|\bwent to voicemail\b", re.IGNORECASE)
ASKS_OR_CALMER = re.compile(r"[?？]|吗|怎么|多少|多久|如何|能不能|帮我|告诉我|算算|算一下|没事了|好多了|好点了|冷静|"
                            r"\b(?:how|what|when|can|could|should|will|help me|tell me|i'?m (?:ok|okay|fine|good|better)|"
                            r"feel(?:ing)? better|calmer)\b", re.IGNORECASE)
# one or more of: "actually no keep it", "no wait, don't delete", "nah never mind" (stop 31 red team: a crisis reply)
NO_KEEP = re.compile(r"\W*(?:(?:actually|wait|hmm+|oh|oops|um+|sorry|no|nope|nah|cancel|keep (?:it|them|my data|everything)|"
                     r"don'?t(?: delete(?: it| them| anything)?| do it)?|never ?mind|changed my mind|不要?|不删了?|取消|算了|别删|还是|"
                     r"等等|先不|保留|吧|啦)[\s,.!，。！]*)+", re.IGNORECASE)
# Leaving a plan half-filled for later ("I gotta go, can we finish this later?": stop 30 red team, the venting reply)
LATER = re.compile(r"\b(?:finish|continue|do|pick (?:it|this) up|come back to)\b[^.!?]{0,20}\b(?:later|tomorrow|another time)\b|"
                   r"\bgotta go\b|\bhave to go\b|\bbrb\b|晚点再|回头再|明天再|下次再|改天再|等会儿?再|先这样吧?$|先不弄了", re.IGNORECASE)
# Asking for one's data to be deleted, in words rather than /forget (stop 30 red team: "cancel the plan, delete my info" got
# "I couldn't find info", "删除全部" got "没找到「全部」", "把我的信息都删掉，不想做计划了" a crisis reply)
FORGET_SAID = re.compile(
    # not "remove my record" nor "delete the late payment from my report": a credit record is no data of ours (stop 30)
    r"\b(?:delete|erase|wipe|remove|clear)\s+(?:all\s+(?:of\s+)?)?(?:my|the)\s+(?:personal\s+)?(?:data|info|information|details|"
    r"chat history|conversations?|messages)\b|\b(?:delete|erase|wipe)\s+(?:everything|all)\s+(?:about me|you have|you know|"
    r"of mine)|\bforget (?:me|everything about me|all about me|my (?:data|info|details|debts))\b|"
    r"(?:删|删掉|删除|清除|清空|抹掉)(?:掉)?(?:我的)?(?:全部|所有)?(?:的)?(?:个人)?(?:信息|资料|数据|聊天记录|对话记录)|"
    r"把(?:我的)?(?:个人)?(?:信息|资料|数据|记录|聊天记录|对话记录)(?:都|全部|全)?(?:删|清)|^\W*(?:删除全部|全部删除|全删了?)\W*$",
    re.IGNORECASE)
# Asking for a person in words, beside an answer to a wizard's step (a complement to the "human" intent by meaning)
ASKS_FOR_PERSON = re.compile(
    r"(?:能不能|可以|想|要|帮我)?\s*(?:找|转|联系)(?:个|一个)?(?:真人|人工|客服|工作人员)|真人(?:聊|帮|客服)|转人工|"
    r"\b(?:talk|speak|chat) (?:to|with) (?:a |an |some )?(?:real |actual )?(?:person|human|someone|agent|people)\b|"
    r"\b(?:a |an )?(?:real|actual) (?:person|human)\b|\bhuman agent\b|"
    # angry requests (stop 29 red team: "manager. NOW. your bot is useless" read as venting); not "my manager found out"
    r"^\W*(?:manager|supervisor)\b|\b(?:get|talk to|speak to|speak with|talk with|want|need|give me)(?: (?:a|the|your))? "
    r"(?:manager|supervisor)\b|找(?:你们)?的?(?:负责人|领导|经理)", re.IGNORECASE)

# A person at the lender, bank or collector, not one of ours ("can i talk to a real person at the bank?")
LENDERS_PEOPLE = re.compile(r"银行|平台|催收|机构|贷款公司|\b(?:bank|lender|collector|agency|issuer|creditor)s?\b",
                            re.IGNORECASE)

# Asking where to turn ("who do i even call", "打给谁", "I'm not in China"): after a crisis reply, the lines again.
ASKS_WHO_TO_CALL = re.compile(
    r"\bwho (?:do|should|can|could) i (?:even |actually )?(?:call|contact|talk to|text|reach)|\bwhat (?:number|hotline|line)|"
    r"\bwhich (?:number|hotline)|\bhotline|\bnumber (?:do|should|can) i call|\bnot in china|\bi'?m (?:in|from) (?:the )?"
    r"(?:us|usa|u\.s\.|america|states|uk|canada|australia|[a-z]+ (?:not|and not) china)|\bcall who\b|"
    r"打给谁|打什么电话|哪个电话|什么电话|什么号码|哪个号码|热线|找谁|不在(?:中国|国内|大陆)|我在(?:美国|国外|海外|香港|台湾)",
    re.IGNORECASE)
