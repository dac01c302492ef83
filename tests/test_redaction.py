"""Personal data is masked: valid numbers go, look-alikes stay."""

import pytest

from bot.core.redaction import is_valid_id_number, mask, passes_luhn


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
