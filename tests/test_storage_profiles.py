"""SqlProfiles: a user's repayment profile as JSON; Decimal amounts come back as exact strings."""

from decimal import Decimal


def test_profile_round_trips_and_is_replaced_on_save(database):
    profiles = database.profiles
    assert profiles.load("u1") is None

    profiles.save("u1", {"monthly_income": Decimal("8000.50"), "loans": [{"name": "花呗", "annual_rate": "0.18"}]})
    assert profiles.load("u1") == {"monthly_income": "8000.50", "loans": [{"name": "花呗", "annual_rate": "0.18"}]}

    profiles.save("u1", {"monthly_income": "9000", "loans": []})
    assert profiles.load("u1") == {"monthly_income": "9000", "loans": []}
    assert Decimal(profiles.load("u1")["monthly_income"]) == Decimal("9000")


def test_delete_removes_only_that_profile(database):
    database.profiles.save("u1", {"a": 1})
    database.profiles.save("u2", {"b": 2})
    assert database.profiles.delete("u1") is True
    assert database.profiles.delete("u1") is False
    assert database.profiles.load("u1") is None
    assert database.profiles.load("u2") == {"b": 2}
