"""Reading the planner's JSON input safely: bounded in size and nesting, numbers read by the planner's rules.

`json.loads` alone turns `[` x 100000 into a RecursionError, `NaN` and `Infinity` into floats the
planner cannot use, a 5000-digit integer into a ValueError and `1e309` into infinity. Here each is
a `PlanInputError` with a one-line reason: NaN/Infinity are refused (`parse_constant`), integers
longer than 15 digits and exponent notation are refused before conversion, other numbers become
`Decimal` exactly as written.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from bot.planner.amounts import shown
from bot.planner.errors import PlanInputError

MAX_JSON_BYTES = 1_000_000
MAX_JSON_DEPTH = 20
_MAX_NUMBER_CHARS = 30


def _depth(text: str) -> int:
    """The deepest nesting of [ and { outside strings, found without recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_JSON_DEPTH:
                    return deepest
        elif char in "]}":
            depth -= 1
    return deepest


def _refuse_constant(name: str) -> Any:
    raise PlanInputError("input", f"{name} is not a number the planner can use", "a plain number such as 1200",
                         code="json_constant", value=name)


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > 15:
        raise PlanInputError("input", f"{shown(text)} has too many digits", "0 to 1,000,000,000", code="too_large",
                             value=shown(text))
    return int(text)


def _decimal(text: str) -> Decimal:
    if "e" in text.lower():
        raise PlanInputError("input", f"{shown(text)} is in exponent notation; write the number out",
                             "25000 rather than 2.5e4", code="exponent", value=shown(text))
    if len(text) > _MAX_NUMBER_CHARS:
        raise PlanInputError("input", f"{shown(text)} has too many digits", "a plain number such as 0.18",
                             code="too_large", value=shown(text))
    return Decimal(text)


def read_plan_json(text: str) -> Any:
    """The parsed JSON, or a PlanInputError saying what is wrong with it."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_JSON_BYTES:
        raise PlanInputError("input", f"{size:,} bytes is too large", f"at most {MAX_JSON_BYTES:,} bytes",
                             code="json_too_large", details={"limit": f"{MAX_JSON_BYTES:,}"})
    if _depth(text) > MAX_JSON_DEPTH:
        raise PlanInputError("input", f"nested more than {MAX_JSON_DEPTH} levels deep", f"at most {MAX_JSON_DEPTH}",
                             code="json_too_deep", details={"limit": MAX_JSON_DEPTH})
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_int=_integer, parse_float=_decimal)
    except json.JSONDecodeError as exc:
        raise PlanInputError("file", f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                             '{"monthly_income": ..., "essential_expenses": ..., "loans": [...]}',
                             code="json_syntax", details={"line": exc.lineno, "column": exc.colno}) from None
    except RecursionError:  # pragma: no cover - the depth check comes first
        raise PlanInputError("input", "nested too deeply", f"at most {MAX_JSON_DEPTH}", code="json_too_deep",
                             details={"limit": MAX_JSON_DEPTH}) from None
