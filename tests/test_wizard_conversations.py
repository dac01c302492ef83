"""Whole plan conversations as borrowers typed them (tests/data/wizard_conversations.jsonl): a red team's conversations
(stop 27, 28 conversations, 2 fully right then), each with the debts and budget the borrower meant. Each message is read
by meaning as the assistant reads it; a crisis reading or a message the plan does not claim is left out, as the
assistant would answer it elsewhere. The floor keeps what was fixed."""

import json
from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

import pytest

from bot.core.messages import Incoming
from bot.core.plan_conversation import PlanConversation
from bot.core.safety import is_crisis
from bot.search.embedders import E5Embedder
from bot.understanding.classifier import MeaningClassifier
from tests.support.plan import FakeChart, FakeProfiles, FakeWizards

ROWS = [json.loads(line) for line in (Path(__file__).parent / "data" / "wizard_conversations.jsonl").read_text(
    encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def reader():
    return MeaningClassifier(E5Embedder())


def run(row, reader):
    wizards, profiles = FakeWizards(), FakeProfiles()
    conversation = PlanConversation(wizards, profiles, FakeChart(), lpr=D("0.031"))
    for message in row["messages"]:
        reading = reader.read(message)
        incoming = Incoming("u", text=message)
        if reading.crisis and not is_crisis(message):
            # read as a crisis by meaning alone: the assistant replies as to a crisis and keeps an open wizard's answer
            claimed, waiting = conversation.route(incoming, replace(reading, crisis=False))
            if claimed and waiting:
                conversation.handle(incoming, row["lang"])
        elif not reading.crisis and conversation.claims(incoming, reading):
            conversation.handle(incoming, row["lang"])
    return profiles.load("u")


def meant(row, profile) -> bool:
    if profile is None:
        return False
    loans = [(loan["name"], D(str(loan["balance"])), D(str(loan["annual_rate"])), D(str(loan["min_payment"])),
              int(loan["days_overdue"])) for loan in profile["loans"]]
    wanted = [(name, D(balance), D(rate), D(minimum), days) for name, balance, rate, minimum, days in row["loans"]]
    budget = (D(str(profile["monthly_income"])), D(str(profile["essential_expenses"])))
    return (sorted(loans) == sorted(wanted) and budget == tuple(D(value) for value in row["budget"])
            and profile.get("currency", "CNY") == row.get("currency", "CNY" if row["lang"] == "zh" else "USD"))


def test_the_red_teams_conversations_keep_their_floor(reader):
    right = [row["id"] for row in ROWS if meant(row, run(row, reader))]
    assert len(ROWS) == 22 and len(right) >= FLOOR, sorted(set(row["id"] for row in ROWS) - set(right))


FLOOR = 22
