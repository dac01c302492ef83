"""Database: built from Settings, exposes every repository; two processes share one database."""

from datetime import timedelta

from bot.core.ports import Exchange, History, Profiles, StatsReader, Tickets, UserPrefs, Wizards, WizardState
from bot.storage import Database, head_revision


def test_default_is_sqlite_in_data_dir(settings):
    assert not settings.data_dir.exists()
    db = Database(settings)
    try:
        assert db.dialect == "sqlite"
        assert db.upgrade() == head_revision()
        db.history.record(Exchange("u1", "hello"))
        assert settings.sqlite_path.exists()
        assert db.retention_days == settings.retention_days
    finally:
        db.dispose()


def test_database_url_from_settings_is_used(settings, database_url):
    configured = settings.model_copy(update={"database_url": database_url})
    with Database(configured) as db:
        db.upgrade()
        db.prefs.set_language("u1", "en")
        assert db.prefs.language("u1") == "en"
        assert db.url == database_url
        assert "***" not in repr(db) and "Database(" in repr(db)


def test_repositories_satisfy_the_core_protocols(database):
    # Protocols are structural; assigning to annotated names lets a type checker verify them too.
    history: History = database.history
    prefs: UserPrefs = database.prefs
    wizards: Wizards = database.wizards
    profiles: Profiles = database.profiles
    tickets: Tickets = database.tickets
    stats: StatsReader = database.stats
    for repository, protocol in [(history, History), (prefs, UserPrefs), (wizards, Wizards), (profiles, Profiles),
                                 (tickets, Tickets), (stats, StatsReader)]:
        missing = [name for name in dir(protocol) if not name.startswith("_") and not hasattr(repository, name)]
        assert missing == [], (type(repository).__name__, missing)


def test_two_processes_share_wizards_and_tickets(database_url):
    """A wizard begun on one process continues on the other; a ticket claimed on one is seen by the other."""
    one, two = Database.from_url(database_url), Database.from_url(database_url)
    try:
        one.upgrade()
        two.upgrade()
        one.wizards.save("u1", WizardState("plan", "loan_rate", {"loans": [{"balance": "20000"}]}))
        assert two.wizards.load("u1").step == "loan_rate"
        two.wizards.save("u1", WizardState("plan", "income", {"loans": [{"balance": "20000", "annual_rate": "0.18"}]}))
        assert one.wizards.load("u1").data["loans"][0]["annual_rate"] == "0.18"

        ticket = one.tickets.open("u1", "human", False, "zh", 11)
        assert two.tickets.claim(ticket.id, 7, "Agent Li").won
        seen = one.tickets.get(ticket.id)
        assert (seen.status, seen.agent_name) == ("active", "Agent Li")
        assert one.tickets.claim(ticket.id, 8, "Agent Wang").won is False
    finally:
        one.dispose()
        two.dispose()


WRITER = """
import sys
from bot.core.ports import Exchange
from bot.storage import Database
db = Database.from_url(sys.argv[1])
name = sys.argv[2]
for n in range(40):
    db.history.record(Exchange(name, f"{name} question {n}"))
    db.rate_events.hit("shared", window_seconds=3600)
    if n % 10 == 0:
        db.tickets.open(f"{name}-{n}", "human", False, "zh", 1)
print("done", name)
"""


def test_two_os_processes_write_to_one_database_at_once(database_url, tmp_path):
    """Real processes, each with its own engine and pool, interleave writes without lock errors."""
    import subprocess
    import sys
    from pathlib import Path

    Database.from_url(database_url).upgrade()
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    procs = [
        subprocess.Popen([sys.executable, str(script), database_url, name], cwd=root, env={"PYTHONPATH": str(root)},
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in ("p1", "p2")
    ]
    outputs = [proc.communicate(timeout=300) for proc in procs]

    assert [proc.returncode for proc in procs] == [0, 0], [err[-2000:] for _, err in outputs]
    with Database.from_url(database_url) as db:
        assert len(db.history.recent("p1", limit=100)) == 40
        assert len(db.history.recent("p2", limit=100)) == 40
        assert db.rate_events.count_since("shared", db.clock() - timedelta(hours=1)) == 80
        assert len(db.tickets.list_open()) == 8
