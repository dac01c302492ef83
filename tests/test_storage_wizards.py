"""SqlWizards: the /plan wizard's step lives in the database, so a restart or another process continues it."""

from bot.core.ports import WizardState
from bot.storage import Database


def test_save_load_update_clear(database):
    wizards = database.wizards
    assert wizards.load("u1") is None

    wizards.save("u1", WizardState("plan", "loan_balance", {"loans": [{"name": "招行信用卡"}]}))
    wizards.save("u1", WizardState("plan", "loan_rate", {"loans": [{"name": "招行信用卡", "balance": "20000"}]}))
    wizards.save("u2", WizardState("plan", "income"))

    assert wizards.load("u1") == WizardState("plan", "loan_rate", {"loans": [{"name": "招行信用卡", "balance": "20000"}]})
    wizards.clear("u1")
    assert wizards.load("u1") is None
    assert wizards.load("u2") == WizardState("plan", "income", {})
    wizards.clear("nobody")  # clearing nothing is fine


def test_a_wizard_begun_in_one_process_continues_in_another(database_url):
    first = Database.from_url(database_url)
    first.upgrade()
    first.wizards.save("u1", WizardState("plan", "income", {"loans": [{"balance": "5000"}]}))
    first.dispose()  # the first process stops

    second = Database.from_url(database_url)
    try:
        assert second.wizards.load("u1") == WizardState("plan", "income", {"loans": [{"balance": "5000"}]})
    finally:
        second.dispose()
