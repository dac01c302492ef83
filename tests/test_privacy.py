"""No stored row keeps personal data: a whole ticket over SQLite, then every column of every table is read back."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from bot.core.assistant import Assistant
from bot.core.escalation import SupportDesk
from bot.core.messages import Incoming
from bot.core.ports import WizardState
from bot.storage import Database
from tests.support.core import FakeSearcher, hit

PHONE = "13812345678"
ID_NUMBER = "11010519491231002X"  # a valid check character: the masker recognises it
PENALTY = hit("repayment/p-zh.md", "银行逾期罚息一般在合同利率基础上加收30%-50%。", 0.91, title="罚息怎么算")


def every_stored_value(url: str) -> list[tuple[str, str, str]]:
    """(table, column, value) for every non-empty cell of every table, as text."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            cells = []
            for table in sa.inspect(engine).get_table_names():
                result = connection.execute(sa.text(f'SELECT * FROM "{table}"'))
                for row in result.mappings():
                    cells += [(table, column, str(value)) for column, value in row.items() if value is not None]
            return cells
    finally:
        engine.dispose()


def run_a_ticket(database: Database) -> None:
    """A borrower asks with their phone and ID number in the text, asks for a person, writes both again
    in the ticket; the agent repeats them and notes them; the ticket closes; a plan keeps a loan name."""
    assistant = Assistant(FakeSearcher(default=[PENALTY]), database.history, database.prefs, database.forgetter,
                          crisis_line_zh="12356", crisis_line_other="988")
    desk = SupportDesk(database.tickets, database.history, database.profiles, timeout=timedelta(minutes=30))
    assistant.handle(Incoming("u1", f"我手机{PHONE}，身份证{ID_NUMBER}，罚息怎么算"))
    handoff = assistant.handle(Incoming("u1", "/human"))
    assert handoff.escalation.level == "now"
    opened = desk.escalate("u1", handoff.escalation.reason, handoff.escalation.urgent, "zh", chat_id=1001)
    ticket = opened.ticket.id
    desk.record_user_message(ticket, f"电话 {PHONE}，身份证 {ID_NUMBER}", group_message_id=70, user_message_id=5)
    desk.link_copy(ticket, 71, f"👤 #{ticket}: 电话 {PHONE}")
    desk.agent_reply(ticket, 900, "Alice", f"{PHONE} 是你本人的号码吗？", group_message_id=72)
    desk.note(ticket, "Alice", f"ID {ID_NUMBER} checked")
    desk.close(ticket, "Alice")
    database.profiles.save("u1", {"loans": [{"name": f"借给{PHONE}的钱", "balance": "8000"}], "currency": "CNY"})
    database.wizards.save("u1", WizardState("plan", "name", {"current": {"name": f"身份证{ID_NUMBER}"}}))


def test_no_table_keeps_a_raw_phone_or_id_number_after_a_ticket(tmp_path):
    url = f"sqlite:///{tmp_path / 'privacy.db'}"
    database = Database.from_url(url)
    database.upgrade()
    try:
        run_a_ticket(database)
        transcript = SupportDesk(database.tickets, database.history, database.profiles).transcript(1)
    finally:
        database.dispose()
    cells = every_stored_value(url)
    leaks = [(table, column) for table, column, value in cells if PHONE in value or ID_NUMBER in value]
    assert leaks == []
    masked_tables = {table for table, _, value in cells if "[手机号]" in value or "[身份证号]" in value}
    assert {"exchanges", "ticket_messages", "profiles", "wizard_states"} <= masked_tables, masked_tables
    assert "电话 [手机号]，身份证 [身份证号]" in transcript and "Alice: [手机号] 是你本人的号码吗？" in transcript
