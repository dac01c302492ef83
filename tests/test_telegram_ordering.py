"""PerUserUpdateProcessor: one user's updates in order, other users meanwhile."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.telegram.ordering import PerUserUpdateProcessor


def _update(update_id: int, user_id: int) -> Update:
    return Update.de_json({"update_id": update_id, "message": {
        "message_id": update_id, "date": 0, "chat": {"id": user_id, "type": "private"},
        "from": {"id": user_id, "is_bot": False, "first_name": "U"}, "text": "hi"}}, None)


async def test_a_slow_update_holds_back_only_its_own_users_next_update():
    processor = PerUserUpdateProcessor(max_concurrent_updates=10)
    log: list[str] = []
    release = asyncio.Event()

    async def work(name: str, wait: asyncio.Event | None = None) -> None:
        log.append(f"{name} start")
        if wait is not None:
            await wait.wait()
        log.append(f"{name} end")

    first = asyncio.create_task(processor.process_update(_update(1, 10), work("A1", release)))
    second = asyncio.create_task(processor.process_update(_update(2, 10), work("A2")))
    other = asyncio.create_task(processor.process_update(_update(3, 20), work("B1")))
    await asyncio.wait_for(other, 5)  # user B is served while user A's first update is still running
    assert log == ["A1 start", "B1 start", "B1 end"]
    assert not second.done()
    release.set()
    await asyncio.wait_for(asyncio.gather(first, second), 5)
    assert log == ["A1 start", "B1 start", "B1 end", "A1 end", "A2 start", "A2 end"]
    assert processor.users_in_flight == 0  # no lock left behind


async def test_many_updates_of_one_user_run_in_arrival_order_under_contention():
    processor = PerUserUpdateProcessor(max_concurrent_updates=4)
    seen: dict[int, list[int]] = {10: [], 20: [], 30: []}

    async def work(user: int, n: int) -> None:
        await asyncio.sleep(0.001 * (n % 3))  # uneven work, so a race would reorder
        seen[user].append(n)

    tasks = [asyncio.create_task(processor.process_update(_update(n * 10 + u // 10, u), work(u, n)))
             for n in range(30) for u in (10, 20, 30)]
    await asyncio.wait_for(asyncio.gather(*tasks), 10)
    assert seen == {u: list(range(30)) for u in (10, 20, 30)}
    assert processor.users_in_flight == 0
