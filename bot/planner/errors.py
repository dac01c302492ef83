"""The planner's one error type: bad input, named by field, with what is accepted."""

from __future__ import annotations


class PlanInputError(ValueError):
    """An input the planner cannot use. `field` names it; `accepted` says what would work."""

    def __init__(self, field: str, problem: str, accepted: str = "", code: str = "invalid") -> None:
        self.field = field
        self.code = code  # not_a_number | not_positive | too_high | negative | unknown | missing | invalid
        self.problem = problem
        self.accepted = accepted
        message = f"{field}: {problem}"
        if accepted:
            message += f" (accepted: {accepted})"
        super().__init__(message)
