from pathlib import Path

import pytest

from bot.settings import Settings
from tests.support.env import clear_settings_env

ROOT = Path(__file__).resolve().parent.parent


def _example_entries() -> dict[str, str]:
    entries = {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            entries[key] = value
    return entries


def test_env_example_lists_every_field_and_nothing_else():
    assert set(_example_entries()) == {name.upper() for name in Settings.model_fields}


def test_every_field_is_described_in_code_and_in_env_example():
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        assert field.description, name
        assert f"# {field.description}\n{name.upper()}=" in text, name


def test_env_example_loads_as_settings(monkeypatch):
    clear_settings_env(monkeypatch)
    settings = Settings(_env_file=ROOT / ".env.example")
    assert settings.embeddings == "local"
    assert settings.support_chat_id is None
    assert settings.resolved_database_url.endswith("borrower.db")


def test_id_lists_and_secrets_from_environment(monkeypatch):
    monkeypatch.setenv("SUPPORT_AGENT_IDS", "11, 22;33")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    settings = Settings(_env_file=None)
    assert settings.support_agent_ids == [11, 22, 33]
    assert "sk-test" not in repr(settings)
    assert settings.llm_enabled


def test_bad_value_names_the_field(monkeypatch):
    monkeypatch.setenv("EMBEDDINGS", "word2vec")
    with pytest.raises(Exception) as excinfo:
        Settings(_env_file=None)
    assert "embeddings" in str(excinfo.value)


def test_english_speaking_users_get_a_us_crisis_line_by_default():
    """Stop 28 red team: US users in crisis got only mainland-China hotlines."""
    from bot.settings import Settings

    assert "988" in Settings.model_fields["crisis_line_other"].default
