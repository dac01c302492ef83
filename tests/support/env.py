"""Settings isolated from the developer's environment and .env."""

from __future__ import annotations

import os

import pytest

from bot.settings import Settings


def clear_settings_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Unset every variable Settings reads, for this test only; returns `monkeypatch` to set some."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    return monkeypatch


def environ_without_settings() -> dict[str, str]:
    """This process's environment without any variable Settings reads: for a child process."""
    names = {name.upper() for name in Settings.model_fields}
    return {key: value for key, value in os.environ.items() if key.upper() not in names}
