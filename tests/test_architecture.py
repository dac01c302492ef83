"""The layering: the core imports no adapter library; the editors' pipeline (bot.library) and search
(bot.search) import neither Telegram nor the SQL storage; every Protocol lives in bot.core.ports."""

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"
CORE = BOT / "core"
FORBIDDEN = ("telegram", "openai", "chromadb", "langchain", "langchain_core", "langchain_openai",
             "langchain_chroma", "sqlalchemy", "alembic", "psycopg", "aiohttp")


def _modules(path: Path) -> set[str]:
    """Every module the file imports, at any depth (lazy imports inside functions included)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _imports(path: Path) -> set[str]:
    return {name.split(".")[0] for name in _modules(path)}


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: p.name)
def test_core_module_imports_no_adapter_library(path):
    assert not (_imports(path) & set(FORBIDDEN)), path


def test_core_imports_no_other_part_of_the_bot():
    """The core may use the planner (pure Decimal) and itself, never an adapter package."""
    for path in sorted(CORE.rglob("*.py")):
        inner = {name for name in _modules(path) if name.startswith("bot.")}
        assert all(name.startswith(("bot.core", "bot.planner")) for name in inner), (path, inner)


@pytest.mark.parametrize("package", ["library", "search"])
def test_library_and_search_import_neither_telegram_nor_storage(package):
    files = sorted((BOT / package).rglob("*.py"))
    assert {p.name for p in files} >= {"__init__.py"} and len(files) > 3
    for path in files:
        modules = _modules(path)
        assert not {m for m in modules if m.split(".")[0] == "telegram" or m.startswith(("bot.telegram", "bot.storage"))}, path


def test_every_protocol_is_declared_in_core_ports():
    """Ports live in one file; the Telegram-shaped SupportDesk (it sees PTB Updates) is the one exception."""
    places = {}
    for path in sorted(BOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(getattr(b, "id", "") == "Protocol" for b in node.bases):
                places[node.name] = path.relative_to(BOT).as_posix()
    outside = {name: where for name, where in places.items() if where != "core/ports.py"}
    assert outside == {"SupportDesk": "telegram/ports.py"}
    assert {"Searcher", "Embedder", "AnswerWriter", "PlanConversation", "Core"} <= set(places)


def test_understanding_imports_only_the_core_numpy_and_yaml():
    files = sorted((BOT / "understanding").rglob("*.py"))
    assert "classifier.py" in {p.name for p in files}
    for path in files:
        outside = {m.split(".")[0] for m in _modules(path)} - {"bot", "numpy", "yaml", "hashlib", "logging", "re",
                                                                "threading", "dataclasses", "pathlib", "__future__"}
        bots = {m for m in _modules(path) if m.startswith("bot.") and not m.startswith(("bot.core", "bot.understanding"))}
        if path.name == "precompute.py":  # the tool that writes the shipped vectors uses the local embedder
            bots -= {"bot.search.embedders"}
        assert not outside and not bots, (path, outside, bots)
