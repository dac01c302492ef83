"""The planner's one error type: bad input, named by field, with what is accepted."""

from __future__ import annotations

from typing import Any


class PlanInputError(ValueError):
    """An input the planner cannot use. `field` names it; `accepted` says what would work.

    `code` picks the user's-language message (bot/core/plan_texts.py, `problem_<code>[_<field>]`);
    `value` is the text that was refused and `details` fills the message's other blanks. `zh` is a
    Chinese wording of `problem` for codes whose message needs one, so no English reaches a Chinese reply.
    """

    def __init__(self, field: str, problem: str, accepted: str = "", code: str = "invalid", *, value: str = "",
                 zh: str = "", details: dict[str, Any] | None = None) -> None:
        self.field = field
        # not_a_number | not_positive | too_high | too_large | negative | exponent | out_of_range | unknown |
        # missing | invalid | ambiguous | per_day | json_syntax | json_constant | json_too_deep | json_too_large
        self.code = code
        self.problem = " ".join(problem.split())  # one line, whatever the input held
        self.accepted = accepted
        self.value = value
        self.zh = zh
        self.details = details or {}
        message = f"{field}: {self.problem}"
        if accepted:
            message += f" (accepted: {accepted})"
        super().__init__(message)

    def at(self, field: str) -> "PlanInputError":
        """The same error, named by another field path (`balance` -> `loans[2].balance`)."""
        return PlanInputError(field, self.problem, self.accepted, self.code, value=self.value, zh=self.zh,
                              details=self.details)
