"""A small Telegram Bot API stand-in (aiohttp on 127.0.0.1) with the methods the support desk uses.

Chats are plain dicts; people write through `send(...)` / `press(...)`, the bot's calls are recorded
in `calls` and its messages land in the chats' logs, so a test can read the whole conversation.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TOKEN = "123456:SUPPORT-TEST"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "BorrowerBot", "username": "borrower_bot"}


@dataclass
class Chat:
    id: int
    type: str  # private | supergroup
    title: str = ""
    is_forum: bool = False
    log: list[dict[str, Any]] = field(default_factory=list)  # every message, people's and the bot's

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type == "private":
            data["first_name"] = self.title
        else:
            data["title"] = self.title
            if self.is_forum:
                data["is_forum"] = True
        return data


class BotApiStandIn:
    """Serve `/bot<token>/<method>`; keep chats, pending updates and a record of every call."""

    def __init__(self) -> None:
        self.chats: dict[int, Chat] = {}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._updates: list[dict[str, Any]] = []
        self._new_update = asyncio.Event()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(100)
        self._topic_ids = itertools.count(900)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # --- lifecycle -----------------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}/bot"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def add_chat(self, chat_id: int, type: str = "private", title: str = "", is_forum: bool = False) -> Chat:
        self.chats[chat_id] = Chat(chat_id, type, title, is_forum)
        return self.chats[chat_id]

    # --- people act ----------------------------------------------------------------------------
    def send(self, chat_id: int, user: dict[str, Any], text: str = "", *, reply_to: int | None = None,
             thread_id: int | None = None, photo: bool = False, document: bool = False) -> dict[str, Any]:
        """A person writes in a chat (text, a photo or a document, optionally replying or in a topic)."""
        chat = self.chats[chat_id]
        message: dict[str, Any] = {"message_id": next(self._message_ids), "date": int(time.time()),
                                   "chat": chat.as_json(), "from": user}
        if photo:
            message["photo"] = [{"file_id": "photo-1", "file_unique_id": "p1", "width": 90, "height": 90}]
            if text:
                message["caption"] = text
        elif document:
            message["document"] = {"file_id": "doc-1", "file_unique_id": "d1", "file_name": "contract.pdf"}
            if text:
                message["caption"] = text
        else:
            message["text"] = text
            if text.startswith("/"):
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        if reply_to is not None:
            message["reply_to_message"] = self.message(chat_id, reply_to)
        elif thread_id is not None:
            message["reply_to_message"] = self.message(chat_id, thread_id)
        chat.log.append(message)
        self._push({"message": message})
        return message

    def press(self, chat_id: int, user: dict[str, Any], message_id: int, data: str) -> None:
        """A person presses an inline button of a bot message."""
        query = {"id": str(next(self._message_ids)), "from": user, "chat_instance": str(chat_id),
                 "message": self.message(chat_id, message_id), "data": data}
        self._push({"callback_query": query})

    def message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        for message in self.chats[chat_id].log:
            if message["message_id"] == message_id:
                return {key: value for key, value in message.items() if key != "reply_to_message"}
        raise KeyError(f"no message {message_id} in chat {chat_id}")

    def bot_messages(self, chat_id: int) -> list[dict[str, Any]]:
        return [m for m in self.chats[chat_id].log if m.get("from", {}).get("id") == BOT_USER["id"]]

    async def wait_for(self, predicate, timeout: float = 10.0) -> Any:
        """Poll until `predicate()` is truthy (the bot answers in its own tasks); fail with what we have."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            result = predicate()
            if result:
                return result
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"timed out; calls so far: {[c[0] for c in self.calls][-15:]}")
            await asyncio.sleep(0.02)

    async def settle(self, seconds: float = 0.3) -> None:
        """Give the bot time to (not) react, for assertions that something did NOT happen."""
        await asyncio.sleep(seconds)

    # --- the bot's side --------------------------------------------------------------------------
    def _push(self, update: dict[str, Any]) -> None:
        update["update_id"] = next(self._update_ids)
        self._updates.append(update)
        self._new_update.set()

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append((method, params))
        handler = getattr(self, f"api_{method}", None)
        if handler is None:
            return web.json_response({"ok": False, "error_code": 404, "description": f"Not Found: {method}"},
                                     status=404)
        try:
            result = await handler(params)
        except LookupError as exc:
            return web.json_response({"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"},
                                     status=400)
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    async def _params(request: web.Request) -> dict[str, Any]:
        form = await request.post()
        params: dict[str, Any] = {}
        for key, value in form.items():
            if isinstance(value, str):
                try:
                    params[key] = json.loads(value)
                except ValueError:
                    params[key] = value
            else:
                params[key] = value
        return params

    def _bot_message(self, chat_id: int, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        chat = self.chats.get(int(chat_id))
        if chat is None:
            raise LookupError("chat not found")
        message = {"message_id": next(self._message_ids), "date": int(time.time()), "chat": chat.as_json(),
                   "from": BOT_USER, **content}
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        if params.get("message_thread_id"):
            message["message_thread_id"] = int(params["message_thread_id"])
            message["is_topic_message"] = True
        reply = params.get("reply_parameters") or {}
        if reply.get("message_id"):
            message["reply_to_message"] = self.message(chat.id, int(reply["message_id"]))
        chat.log.append(message)
        return message

    async def api_getMe(self, params):
        return {**BOT_USER, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}

    async def api_getUpdates(self, params):
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), float(params.get("timeout") or 0))
            except TimeoutError:
                pass
        return list(self._updates)

    async def api_deleteWebhook(self, params):
        return True

    async def api_setMyCommands(self, params):
        return True

    async def api_sendChatAction(self, params):
        return True

    async def api_getChat(self, params):
        chat = self.chats.get(int(params["chat_id"]))
        if chat is None:
            raise LookupError("chat not found")
        return {**chat.as_json(), "accent_color_id": 0, "max_reaction_count": 11}

    async def api_sendMessage(self, params):
        return self._bot_message(params["chat_id"], params, text=str(params["text"]))

    async def api_copyMessage(self, params):
        original = self.message(int(params["from_chat_id"]), int(params["message_id"]))
        content = {key: original[key] for key in ("text", "photo", "document", "caption") if key in original}
        copy = self._bot_message(params["chat_id"], params, **content)
        return {"message_id": copy["message_id"]}

    async def api_createForumTopic(self, params):
        chat = self.chats[int(params["chat_id"])]
        if not chat.is_forum:
            raise LookupError("the chat is not a forum")
        thread_id = next(self._topic_ids)
        chat.log.append({"message_id": thread_id, "date": int(time.time()), "chat": chat.as_json(),
                         "from": BOT_USER, "forum_topic_created": {"name": params["name"], "icon_color": 0}})
        return {"message_thread_id": thread_id, "name": params["name"], "icon_color": 7322096}

    async def api_editMessageText(self, params):
        message = self._find(int(params["chat_id"]), int(params["message_id"]))
        message["text"] = params["text"]
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        else:
            message.pop("reply_markup", None)
        return message

    async def api_editMessageReplyMarkup(self, params):
        message = self._find(int(params["chat_id"]), int(params["message_id"]))
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        else:
            message.pop("reply_markup", None)
        return message

    async def api_answerCallbackQuery(self, params):
        return True

    def _find(self, chat_id: int, message_id: int) -> dict[str, Any]:
        for message in self.chats[chat_id].log:
            if message["message_id"] == message_id:
                return message
        raise LookupError("message to edit not found")
