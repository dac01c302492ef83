"""Hand-written fakes for the plan conversation's ports; they record what they were asked."""

from __future__ import annotations

import copy
import json
from typing import Any

from bot.core.ports import WizardState


class FakeWizards:
    """Wizards in a dict; state goes through JSON as it would through a database column."""

    def __init__(self) -> None:
        self.rows: dict[str, str] = {}
        self.calls: list[tuple[str, str]] = []

    def load(self, user_id: str) -> WizardState | None:
        self.calls.append(("load", user_id))
        row = self.rows.get(user_id)
        if row is None:
            return None
        data = json.loads(row)
        return WizardState(flow=data["flow"], step=data["step"], data=data["data"])

    def save(self, user_id: str, state: WizardState) -> None:
        self.calls.append(("save", user_id))
        self.rows[user_id] = json.dumps({"flow": state.flow, "step": state.step, "data": state.data})

    def clear(self, user_id: str) -> None:
        self.calls.append(("clear", user_id))
        self.rows.pop(user_id, None)


class FakeProfiles:
    """Profiles stored as JSON text (as the database does); `profiles` may be given up front."""

    def __init__(self, profiles: dict[str, dict[str, Any]] | None = None) -> None:
        self.rows: dict[str, str] = {user: json.dumps(profile) for user, profile in (profiles or {}).items()}
        self.saved: list[tuple[str, dict[str, Any]]] = []

    def load(self, user_id: str) -> dict[str, Any] | None:
        row = self.rows.get(user_id)
        return None if row is None else json.loads(row)

    def save(self, user_id: str, profile: dict[str, Any]) -> None:
        self.saved.append((user_id, copy.deepcopy(profile)))
        self.rows[user_id] = json.dumps(profile)


class FakeChart:
    """Returns a recognisable PNG-signed byte string and records each outcome it was asked to draw."""

    PNG = b"\x89PNG\r\n\x1a\nfake"

    def __init__(self) -> None:
        self.calls: list[tuple[Any, str, str]] = []

    def __call__(self, outcome: Any, language: str = "zh", currency: str = "CNY") -> bytes:
        self.calls.append((outcome, language, currency))
        return self.PNG
