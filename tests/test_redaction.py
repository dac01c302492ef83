"""Personal data is masked: valid numbers go, look-alikes stay."""

import pytest

from bot.core.redaction import is_valid_id_number, is_valid_old_id_number, mask, passes_luhn


@pytest.mark.parametrize("number,valid", [
    ("11010519491231002X", True),
    ("110105194912310021", False),  # wrong check digit
    ("440524188001010014", True),
    ("44052418800101001", False),  # 17 digits
    ("11010519491231002x", True),  # lower-case x
])
def test_id_checksum(number, valid):
    assert is_valid_id_number(number) is valid


@pytest.mark.parametrize("digits,valid", [
    ("6222020200112233446", True),
    ("6222020200112233445", False),
    ("4111111111111111", True),
    ("4111111111111112", False),
    ("6217000000000006", True),
])
def test_luhn(digits, valid):
    assert passes_luhn(digits) is valid


@pytest.mark.parametrize("text,masked", [
    ("身份证11010519491231002X帮我看看", "身份证[身份证号]帮我看看"),
    ("身份证110105194912310021", "身份证110105194912310021"),
    ("手机13812345678", "手机[手机号]"),
    ("call me on +86 138 1234 5678", "call me on [手机号]"),
    ("号码12812345678不是手机", "号码12812345678不是手机"),
    ("卡号6222 0202 0011 2233 446", "卡号[银行卡号]"),
    ("card 4111-1111-1111-1111 please", "card [银行卡号] please"),
    ("卡号4111111111111112", "卡号4111111111111112"),
    ("mail me at li.wei+debt@example.com.cn", "mail me at [邮箱]"),
    ("欠了20000元，年化18%，逾期15天", "欠了20000元，年化18%，逾期15天"),
    ("合同编号20231201000012345678", "合同编号20231201000012345678"),
])
def test_mask(text, masked):
    assert mask(text) == masked


def test_mask_handles_several_kinds_at_once():
    out = mask("我是11010519491231002X，电话13812345678，卡4111111111111111，邮箱a@b.cn")
    assert out == "我是[身份证号]，电话[手机号]，卡[银行卡号]，邮箱[邮箱]"


# Every format from issue 14 and more: (text, expected). IDs used have valid check characters.
FORMATS = [
    # ID numbers: separators, the 15-digit old form, prefixes, full width
    ("110105 20050307 4511", "[身份证号]"),
    ("身份证号110105-20050307-4511谢谢", "身份证号[身份证号]谢谢"),
    ("证件 110105.20050307.4511", "证件 [身份证号]"),
    ("身份证 1101 0520 0503 0745 11", "身份证 [身份证号]"),
    ("ID11010519900307451X", "ID[身份证号]"),
    ("id:11010519900307451x", "id:[身份证号]"),
    ("身份证１１０１０５１９９００３０７４５１Ｘ", "身份证[身份证号]"),
    ("身份证１１０１０５　１９９００３０７　４５１Ｘ！", "身份证[身份证号]！"),
    ("旧身份证110105491231002", "旧身份证[身份证号]"),
    ("旧身份证110105 491231 002，帮我查", "旧身份证[身份证号]，帮我查"),
    ("110105 19900307 451X", "[身份证号]"),  # once came out as "110105 [手机号]X"
    # mobiles with any separators, country code, full width
    ("手机１３８１２３４５６７８", "手机[手机号]"),
    ("电话139.1234.5678", "电话[手机号]"),
    ("电话139 1234 5678", "电话[手机号]"),
    ("电话139-1234-5678。", "电话[手机号]。"),
    ("+86 139-1234-5678", "[手机号]"),
    ("+86-13912345678", "[手机号]"),
    ("8613912345678", "[手机号]"),
    ("(+86)139 1234 5678", "(+86)[手机号]"),  # the bracketed country code is no personal data
    ("１３９－１２３４－５６７８", "[手机号]"),
    # e-mail with a full-width at sign
    ("邮箱li.wei＠example.com", "邮箱[邮箱]"),
    ("ｍａｉｌ：zhang_san＠qq．com", "ｍａｉｌ：[邮箱]"),
    # WeChat and QQ when labelled
    ("我的微信是abc_12345，加我", "我的微信是[微信号]，加我"),
    ("微信号：wxid_9f8e7d6c", "微信号：[微信号]"),
    ("vx: zhang-san-88", "vx: [微信号]"),
    ("加VX lisi2024", "加VX [微信号]"),
    ("V信 zhang_san88", "V信 [微信号]"),
    ("weixin 13912345678", "weixin [微信号]"),
    ("my wechat is li_wei_01", "my wechat is [微信号]"),
    ("QQ 123456789", "QQ [QQ号]"),
    ("qq号：10001234", "qq号：[QQ号]"),
    ("扣扣：987654321", "扣扣：[QQ号]"),
    ("ＱＱ１２３４５６７８９", "ＱＱ[QQ号]"),
    # addresses, labelled or recognisable
    ("地址：北京市朝阳区建国路88号3单元502室", "地址：[地址]"),
    ("我家在广东省深圳市南山区科技园路1号", "我家在[地址]"),
    ("住在上海市浦东新区张江镇中心小区5栋", "住在[地址]"),
    ("寄到杭州市西湖区文三路 100 号 2 幢 301 室吧", "寄到[地址]吧"),
    ("I live at 221 Baker Street, London", "I live at [地址], London"),
    # several at once, none cutting into another
    ("我叫李伟，身份证110105 19900307 451X，手机139.1234.5678，微信lw_1990，QQ 12345678",
     "我叫李伟，身份证[身份证号]，手机[手机号]，微信[微信号]，QQ [QQ号]"),
    ("13812345678 20000元", "[手机号] 20000元"),
    ("138 1234 5678 20000元", "[手机号] 20000元"),
    ("卡6222 0202 0011 2233 446，电话139 1234 5678", "卡[银行卡号]，电话[手机号]"),
]

# What the planner and the search must still read: amounts, dates, terms, rates, ordinary words.
KEPT = [
    "欠了20000元，年化18%，逾期15天",
    "2024-01-15借了12期，每期1000元",
    "借款20,000.00元分36个月，月供666.67",
    "LPR 3.45%，罚息按日万分之五",
    "2023年12月1日到2024年3月1日",
    "2024.03.15 还了 5000 元",
    "欠招行信用卡 50000 元 逾期 90 天",
    "贷款合同编号20231201000012345678",
    "微信还款20000元可以吗",
    "vx 20000元",
    "QQ 12000元",
    "用QQ钱包还了300块",
    "北京市高级人民法院的判决",
    "去法院起诉要多久",
    "第3期到第12期",
    "逾期 3 个月 12 天",
    "I owe 12000 dollars over 24 months at 19.9% APR",
    "call 12378 or 95599",
    "号码12812345678不是手机",
]


@pytest.mark.parametrize("text,masked", FORMATS)
def test_every_format_is_masked(text, masked):
    assert mask(text) == masked


@pytest.mark.parametrize("text", KEPT)
def test_amounts_dates_and_terms_are_not_masked(text):
    assert mask(text) == text


@pytest.mark.parametrize("text,masked", FORMATS)
def test_masking_twice_changes_nothing_and_leaves_no_digits_of_the_number(text, masked):
    once = mask(text)
    assert mask(once) == once
    assert "[手机号]X" not in once and "[身份证号]X" not in once


@pytest.mark.parametrize("number,valid", [
    ("110105491231002", True),
    ("110105491331002", False),  # month 13
    ("990105491231002", False),  # no such province
    ("11010549123100", False),
])
def test_old_id_number(number, valid):
    assert is_valid_old_id_number(number) is valid


def test_a_word_after_wechat_is_no_id_unless_labelled():
    """Stop 29 red team: "…tell all my wechat contacts i'm a deadbeat" masked to "wechat [微信号] i'm a deadbeat" read as a crisis."""
    assert mask("they'll tell all my wechat contacts i'm a deadbeat") == "they'll tell all my wechat contacts i'm a deadbeat"
    assert mask("add my wechat johnsmith") == "add my wechat [微信号]"
    assert mask("wechat id: contacts") == "wechat id: [微信号]"
