"""The core stays channel-agnostic: it imports no Telegram, OpenAI, Chroma, LangChain or SQL code."""

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "bot" / "core"
FORBIDDEN = ("telegram", "openai", "chromadb", "langchain", "langchain_core", "langchain_openai",
             "langchain_chroma", "sqlalchemy", "alembic", "psycopg", "aiohttp")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: p.name)
def test_core_module_imports_no_adapter_library(path):
    assert not (_imports(path) & set(FORBIDDEN)), path


def test_core_is_not_empty():
    assert len(list(CORE.rglob("*.py"))) >= 2
