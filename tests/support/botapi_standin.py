"""A small Telegram Bot API stand-in on 127.0.0.1 for tests: real HTTP, recorded calls, scripted users.

The real bot (python-telegram-bot with `base_url=standin.base_url`) polls it with `getUpdates` or gets
updates posted to its webhook; a test plays the users (`standin.chat(...).say("hi")`, `.press(...)`)
and awaits what the bot sent back (`await standin.wait_for(...)`). Every API call is kept in
`standin.calls`; `standin.transcript()` prints the conversation as a person would read it.

Methods served: getMe, getChat (the chats a test made), getUpdates (offset, timeout: long poll), sendMessage, sendChatAction, sendPhoto
and sendDocument (multipart), getFile (and GET /file/bot<token>/... for what users sent), editMessageText, editMessageReplyMarkup, answerCallbackQuery,
setMyCommands, deleteWebhook, setWebhook, getWebhookInfo, copyMessage, forwardMessage,
createForumTopic, closeForumTopic. `fail_next(...)` makes the next call(s) to a method answer 429
(RetryAfter), 502 (a network error), 400, or 403 (the user blocked the bot), to test how the bot copes.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from aiohttp import web

BOT_ID = 7000001
BOT_USERNAME = "borrower_test_bot"
TOKEN = f"{BOT_ID}:TEST-TOKEN"

_MENTION = re.compile(r"@\w+")
_COMMAND = re.compile(r"^/\w+(@\w+)?")


@dataclass
class ApiCall:
    """One request the bot made: the method, its parameters (JSON values decoded) and uploaded files."""

    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    result: Any = None
    ok: bool = True  # False for the calls the stand-in refused (scripted failures, bad requests)
    at: float = field(default_factory=time.monotonic)

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def button_rows(self) -> list[list[dict[str, Any]]]:
        markup = self.params.get("reply_markup") or {}
        return markup.get("inline_keyboard", [])

    @property
    def buttons(self) -> list[dict[str, Any]]:
        return [button for row in self.button_rows for button in row]


@dataclass
class _Failure:
    kind: str  # retry_after | network | bad_request | forbidden
    times: int
    retry_after: int = 1


class StandInChat:
    """A chat the test writes in as a user: a private chat (id = the user's id) or a group."""

    def __init__(self, standin: BotApiStandIn, chat: dict[str, Any], user: dict[str, Any]):
        self._standin = standin
        self.chat = chat
        self.user = user

    @property
    def id(self) -> int:
        return self.chat["id"]

    def say(self, text: str, *, reply_to: dict[str, Any] | None = None, user: dict[str, Any] | None = None,
            thread_id: int | None = None) -> dict[str, Any]:
        """The user sends a text message; returns the message as the bot will receive it."""
        message = self._standin._user_message(self.chat, user or self.user, text=text, reply_to=reply_to,
                                              thread_id=thread_id)
        self._standin.push_update({"message": message})
        return message

    def send(self, kind: str, payload: Any, *, user: dict[str, Any] | None = None) -> dict[str, Any]:
        """The user sends something that is not text: kind is a Message field (sticker, photo, voice...)."""
        message = self._standin._user_message(self.chat, user or self.user)
        message[kind] = payload
        self._standin._log(self.id, f"{self._who(user)}> [{kind}]")
        self._standin.push_update({"message": message})
        return message

    def send_document(self, file_name: str, data: bytes, *, user: dict[str, Any] | None = None,
                      declared_size: int | None = None) -> dict[str, Any]:
        """The user sends a file; the bot fetches it with getFile and a GET under /file/bot<token>/."""
        file_id = f"upload{next(self._standin._ids)}"
        self._standin.files[file_id] = data
        message = self._standin._user_message(self.chat, user or self.user)
        message["document"] = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": file_name,
                               "mime_type": "application/octet-stream",
                               "file_size": len(data) if declared_size is None else declared_size}
        self._standin._log(self.id, f"{self._who(user)}> [file {file_name}, {len(data)} bytes]")
        self._standin.push_update({"message": message})
        return message

    def edit(self, message: dict[str, Any], text: str) -> dict[str, Any]:
        """The user edits one of their messages: Telegram sends an `edited_message` update."""
        edited = dict(message, text=text, edit_date=int(time.time()))
        self._standin._log(self.id, f"{self._who(None)} (edited)> {text}")
        self._standin.push_update({"edited_message": edited})
        return edited

    def press(self, data: str, message: dict[str, Any] | None = None, *, user: dict[str, Any] | None = None) -> str:
        """The user presses an inline button (by its callback data) on a message the bot sent here.

        Without `message`, the latest bot message in this chat carrying a button with that data is used.
        """
        if message is None:
            message = self._standin.last_message_with_button(self.id, data)
        label = next((b["text"] for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
                      for b in row if b.get("callback_data") == data), data)
        query_id = str(next(self._standin._ids))
        self._standin._query_chats[query_id] = self.id
        self._standin._log(self.id, f"{self._who(user)} [pressed {label}]")
        self._standin.push_update({"callback_query": {
            "id": query_id, "from": user or self.user, "chat_instance": str(self.id),
            "message": message, "data": data,
        }})
        return query_id

    def _who(self, user: dict[str, Any] | None) -> str:
        return (user or self.user).get("first_name", "user")


class BotApiStandIn:
    """The stand-in server; use as `async with BotApiStandIn() as standin:`."""

    def __init__(self, token: str = TOKEN, username: str = BOT_USERNAME, port: int = 0):
        self.token = token
        self.bot_user = {"id": int(token.split(":")[0]), "is_bot": True, "first_name": "Borrower Helper",
                         "username": username, "can_join_groups": True,
                         "can_read_all_group_messages": False, "supports_inline_queries": False}
        self.calls: list[ApiCall] = []
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}  # (chat id, message id) -> message
        self.chats: dict[int, dict[str, Any]] = {}  # chat id -> chat, for getChat
        self.commands: dict[str, list[dict[str, str]]] = {}  # language code ("" = default) -> commands
        self.webhook: dict[str, Any] = {"url": ""}
        self.files: dict[str, bytes] = {}  # file id -> bytes users sent (served by getFile and /file/)
        self.lines: list[str] = []
        self.polls = 0  # getUpdates calls (kept out of `calls`: a polling bot makes many)
        self._updates: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._failures: dict[str, _Failure] = {}
        self._query_chats: dict[str, int] = {}  # callback query id -> chat it was pressed in
        self.listeners: list[Callable[[ApiCall], None]] = []  # told of every served call (benches)
        self._runner: web.AppRunner | None = None
        self.port = port  # 0: a free one, chosen at start

    # --- server ----------------------------------------------------------------------------------
    async def __aenter__(self) -> BotApiStandIn:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def start(self) -> None:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.*}", self._download)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        async with self._changed:
            self._changed.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """What TELEGRAM_API_BASE_URL is set to; python-telegram-bot appends the token."""
        return f"http://127.0.0.1:{self.port}/bot"

    # --- users -----------------------------------------------------------------------------------
    def user(self, user_id: int, first_name: str = "Lin", language_code: str | None = "zh",
             username: str | None = None) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language_code:
            user["language_code"] = language_code
        if username:
            user["username"] = username
        return user

    def private_chat(self, user_id: int, first_name: str = "Lin", language_code: str | None = "zh") -> StandInChat:
        """A borrower's private chat with the bot (chat id = user id)."""
        user = self.user(user_id, first_name, language_code)
        chat = {"id": user_id, "type": "private", "first_name": first_name}
        self.chats[user_id] = chat
        return StandInChat(self, chat, user)

    def group_chat(self, chat_id: int, title: str, member: dict[str, Any], *, forum: bool = False) -> StandInChat:
        """A group (e.g. the support group) where `member` writes by default."""
        chat = {"id": chat_id, "type": "supergroup", "title": title}
        if forum:
            chat["is_forum"] = True
        self.chats[chat_id] = chat
        return StandInChat(self, chat, member)

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates (or, with a webhook set, tests post it themselves)."""
        update = dict(update, update_id=next(self._update_ids))
        self._updates.append(update)
        asyncio.get_running_loop().create_task(self._notify())
        return update["update_id"]

    def fail_next(self, method: str, kind: str = "network", times: int = 1, retry_after: int = 1) -> None:
        """Make the next `times` calls to `method` fail: retry_after (429), network (502), bad_request (400)
        or forbidden (403: the user blocked the bot)."""
        self._failures[method] = _Failure(kind, times, retry_after)

    # --- what the bot did ------------------------------------------------------------------------
    def calls_to(self, method: str, chat_id: int | None = None) -> list[ApiCall]:
        return [c for c in self.calls if c.method == method and (chat_id is None or c.chat_id == chat_id)]

    def sent_to(self, chat_id: int) -> list[ApiCall]:
        """What the bot posted in a chat (messages, photos, documents, copies), in order."""
        kinds = {"sendMessage", "sendPhoto", "sendDocument", "copyMessage", "forwardMessage"}
        return [c for c in self.calls if c.method in kinds and c.chat_id == chat_id and c.ok]

    def last_message_with_button(self, chat_id: int, data: str) -> dict[str, Any]:
        for (chat, _), message in reversed(list(self.messages.items())):
            rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
            if chat == chat_id and any(b.get("callback_data") == data for row in rows for b in row):
                return message
        raise AssertionError(f"no message in chat {chat_id} has a button {data!r}")

    async def wait_for(self, predicate: Callable[[BotApiStandIn], Any], timeout: float = 10.0) -> Any:
        """Wait until `predicate(self)` is truthy and return its value. It is re-checked after every
        call and every 50 ms, since it may read state the bot changes after its last call (a row stored
        after the message was copied)."""
        async def until() -> Any:
            async with self._changed:
                while not (value := predicate(self)):
                    try:
                        await asyncio.wait_for(self._changed.wait(), 0.05)
                    except TimeoutError:
                        pass
                return value
        try:
            return await asyncio.wait_for(until(), timeout)
        except TimeoutError:
            raise AssertionError(f"the bot did not do what was expected within {timeout}s; "
                                 f"last calls: {[c.method for c in self.calls[-8:]]}") from None

    async def wait_for_sent(self, chat_id: int, count: int, timeout: float = 10.0) -> list[ApiCall]:
        """Wait until the bot has posted `count` items in a chat in all; return them."""
        return await self.wait_for(lambda s: (sent := s.sent_to(chat_id))[count - 1:] and sent, timeout)

    def transcript(self, chat_id: int | None = None) -> str:
        """The conversation(s) as lines: `Lin> ...` for the user, `bot> ...` for the bot."""
        prefix = f"[{chat_id}] "
        lines = self.lines if chat_id is None else [
            line[len(prefix):] for line in self.lines if line.startswith(prefix)]
        return "\n".join(lines)

    # --- internals -------------------------------------------------------------------------------
    def _user_message(self, chat: dict[str, Any], user: dict[str, Any], text: str | None = None,
                      reply_to: dict[str, Any] | None = None, thread_id: int | None = None) -> dict[str, Any]:
        message: dict[str, Any] = {"message_id": next(self._message_ids), "date": int(time.time()),
                                   "chat": chat, "from": user}
        if text is not None:
            message["text"] = text
            entities = []
            if command := _COMMAND.match(text):
                entities.append({"type": "bot_command", "offset": 0, "length": command.end()})
            for mention in _MENTION.finditer(text):
                if not (command and mention.start() < command.end()):
                    entities.append({"type": "mention", "offset": mention.start(), "length": len(mention.group())})
            if entities:
                message["entities"] = entities
            self._log(chat["id"], f"{user.get('first_name', 'user')}> {text}")
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        self.messages[(chat["id"], message["message_id"])] = message
        return message

    def _log(self, chat_id: int, line: str) -> None:
        self.lines.append(f"[{chat_id}] {line}")

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _params(self, request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
        params: dict[str, Any] = dict(request.query)
        files: dict[str, bytes] = {}
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if part.filename is not None:
                    files[part.name] = await part.read()
                else:
                    params[part.name] = await part.text()
        elif request.content_type == "application/json":
            params.update(await request.json())
        elif request.can_read_body:
            params.update(await request.post())
        decoded = {}
        for key, value in params.items():
            try:
                decoded[key] = json.loads(value) if isinstance(value, str) else value
            except ValueError:
                decoded[key] = value
        for key in ("text", "caption", "callback_query_id", "url", "secret_token", "name"):
            if key in params:  # strings that happen to look like JSON stay strings
                decoded[key] = str(params[key])
        return decoded, files

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        params, files = await self._params(request)
        failure = self._failures.get(method)
        if failure is not None:
            failure.times -= 1
            if failure.times <= 0:
                del self._failures[method]
            self.calls.append(ApiCall(method, params, files, result=f"failed: {failure.kind}", ok=False))
            if failure.kind == "retry_after":
                return _error(429, f"Too Many Requests: retry after {failure.retry_after}",
                              {"retry_after": failure.retry_after})
            if failure.kind == "bad_request":
                return _error(400, "Bad Request: scripted failure")
            if failure.kind == "forbidden":
                return _error(403, "Forbidden: bot was blocked by the user")
            return _error(502, "Bad Gateway")
        if method == "getUpdates":
            return _ok(await self._get_updates(params))
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return _error(404, f"Not Found: method {method} is not served by the stand-in")
        call = ApiCall(method, params, files)
        try:
            call.result = handler(params, files)
        except _ApiError as error:
            call.result, call.ok = f"error: {error.description}", False
            self.calls.append(call)
            await self._notify()
            return _error(400, error.description)
        self.calls.append(call)
        for listener in self.listeners:
            listener(call)
        await self._notify()
        return _ok(call.result)

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        data = self.files.get(request.match_info["path"].rsplit("/", 1)[-1])
        if data is None:
            return _error(404, "Not Found: no such file")
        return web.Response(body=data, content_type="application/octet-stream")

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        self.polls += 1
        offset = int(params.get("offset") or 0)
        if offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        async with self._changed:
            while not self._updates and (remaining := deadline - time.monotonic()) > 0:
                try:
                    await asyncio.wait_for(self._changed.wait(), remaining)
                except TimeoutError:
                    break
        return self._updates[:limit]

    def _bot_message(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        chat = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}
        message: dict[str, Any] = {"message_id": next(self._message_ids), "date": int(time.time()),
                                   "chat": chat, "from": self.bot_user, **content}
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        if params.get("message_thread_id"):
            message["message_thread_id"] = int(params["message_thread_id"])
        if params.get("reply_parameters"):
            replied = self.messages.get((chat_id, int(params["reply_parameters"]["message_id"])))
            if replied:
                message["reply_to_message"] = replied
        self.messages[(chat_id, message["message_id"])] = message
        return message

    def _log_bot(self, chat_id: int, kind: str, text: str, params: dict[str, Any]) -> None:
        rows = (params.get("reply_markup") or {}).get("inline_keyboard", [])
        buttons = "\n".join("      " + " ".join(f"[{b['text']}]" for b in row) for row in rows)
        if params.get("parse_mode") == "HTML":  # as the person reads it
            text = html.unescape(re.sub(r"</?\w+[^>]*>", "", text))
        text = "\n".join(("      " + line) if line.strip() else "" for line in text.split("\n")).lstrip()
        self._log(chat_id, f"bot{kind}> {text}".rstrip() + (f"\n{buttons}" if buttons else ""))

    # Each _api_<method> takes the decoded parameters and uploaded files and returns the result.
    def _api_getMe(self, params: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        return self.bot_user

    def _api_getChat(self, params: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        chat = self.chats.get(int(params["chat_id"]))
        if chat is None:
            raise _ApiError("Bad Request: chat not found")
        return {**chat, "accent_color_id": 0, "max_reaction_count": 11}

    def _api_sendMessage(self, params: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        text = params.get("text", "")
        if not text or len(text) > 4096:
            raise _ApiError(f"Bad Request: message text is {'empty' if not text else 'too long'}")
        self._log_bot(int(params["chat_id"]), "", text, params)
        return self._bot_message(params, text=text)

    def _api_sendPhoto(self, params: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        photo = files.get("photo")
        if photo is None:
            raise _ApiError("Bad Request: there is no photo in the request")
        caption = params.get("caption", "")
        if len(caption) > 1024:
            raise _ApiError("Bad Request: message caption is too long")
        self._log_bot(int(params["chat_id"]), f" (photo, {len(photo)} bytes)", caption, params)
        size = {"file_id": f"photo{len(self.calls)}", "file_unique_id": f"p{len(self.calls)}",
                "width": 800, "height": 500, "file_size": len(photo)}
        return self._bot_message(params, photo=[size], caption=caption)

    def _api_sendDocument(self, params: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        document = files.get("document")
        if document is None and not isinstance(params.get("document"), str):
            raise _ApiError("Bad Request: there is no document in the request")
        self._log_bot(int(params["chat_id"]), " (document)", params.get("caption", ""), params)
        doc = {"file_id": f"doc{len(self.calls)}", "file_unique_id": f"d{len(self.calls)}"}
        return self._bot_message(params, document=doc, caption=params.get("caption", ""))

    def _api_getFile(self, params: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        file_id = str(params["file_id"])
        if file_id not in self.files:
            raise _ApiError("Bad Request: invalid file_id")
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": len(self.files[file_id]),
                "file_path": f"documents/{file_id}"}

    def _api_sendChatAction(self, params: dict[str, Any], files: dict[str, bytes]) -> bool:
        return True

    def _api_editMessageText(self, params: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        message = self._stored(params)
        message.update(text=params["text"], edit_date=int(time.time()))
        message.pop("reply_markup", None)
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self._log_bot(int(params["chat_id"]), " (edited)", params["text"], params)
        return message

    def _api_editMessageReplyMarkup(self, params: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        message = self._stored(params)
        message.pop("reply_markup", None)
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self._log_bot(int(params["chat_id"]), " (buttons changed)", "", params)
        return message

    def _api_answerCallbackQuery(self, params: dict[str, Any], files: dict[str, bytes]) -> bool:
        if params.get("text"):
            chat_id = self._query_chats.get(str(params["callback_query_id"]), 0)
            self._log(chat_id, f"bot (notification)> {params['text']}")
        return True

    def _api_setMyCommands(self, params: dict[str, Any], files: dict[str, bytes]) -> bool:
        self.commands[params.get("language_code") or ""] = params["commands"]
        return True

    def _api_deleteWebhook(self, params: dict[str, Any], files: dict[str, bytes]) -> bool:
        self.webhook = {"url": ""}
        return True

    def _api_setWebhook(self, params: dict[str, Any], files: dict[str, bytes]) -> bool:
        self.webhook = {"url": params["url"], "secret_token": params.get("secret_token")}
        return True

    def _api_getWebhookInfo(self, params: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        return {"url": self.webhook["url"], "has_custom_certificate": False,
                "pending_update_count": len(self._updates)}

    def _api_copyMessage(self, params: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        source = self.messages.get((int(params["from_chat_id"]), int(params["message_id"])))
        if source is None:
            raise _ApiError("Bad Request: message to copy not found")
        content = {k: v for k, v in source.items() if k in ("text", "photo", "document", "caption", "sticker")}
        copy = self._bot_message(params, **content)
        self._log_bot(int(params["chat_id"]), " (copy)", content.get("text") or content.get("caption", ""), params)
        return {"message_id": copy["message_id"]}

    def _api_forwardMessage(self, params: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        source = self.messages.get((int(params["from_chat_id"]), int(params["message_id"])))
        if source is None:
            raise _ApiError("Bad Request: message to forward not found")
        content = {k: v for k, v in source.items() if k in ("text", "photo", "document", "caption")}
        self._log_bot(int(params["chat_id"]), " (forward)", content.get("text", ""), params)
        return self._bot_message(params, forward_origin={"type": "user", "date": source["date"],
                                                         "sender_user": source["from"]}, **content)

    def _api_createForumTopic(self, params: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        thread_id = next(self._message_ids)
        self._log(int(params["chat_id"]), f"bot (new topic {thread_id})> {params['name']}")
        return {"message_thread_id": thread_id, "name": params["name"], "icon_color": 7322096}

    def _api_closeForumTopic(self, params: dict[str, Any], files: dict[str, bytes]) -> bool:
        return True

    def _stored(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self.messages.get((int(params["chat_id"]), int(params["message_id"])))
        if message is None:
            raise _ApiError("Bad Request: message to edit not found")
        return message


class _ApiError(Exception):
    def __init__(self, description: str):
        super().__init__(description)
        self.description = description


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(status: int, description: str, parameters: dict[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)


async def _serve_a_borrower(port: int, user_id: int, language: str, messages: list[str], quiet: float) -> None:
    async with BotApiStandIn(port=port) as standin:
        print(f"Bot API stand-in on {standin.base_url} (token {standin.token}); waiting for the bot to poll...",
              flush=True)
        await standin.wait_for(lambda s: s.calls_to("getMe"), timeout=600)
        chat = standin.private_chat(user_id, "Lin" if language == "zh" else "Sam", language)
        for text in messages:
            before = len(standin.sent_to(chat.id))
            chat.say(text)
            await standin.wait_for(lambda s: len(s.sent_to(chat.id)) > before, timeout=120)
            while True:  # a reply can be several messages and a photo: wait until the bot is quiet
                count = len(standin.sent_to(chat.id))
                await asyncio.sleep(quiet)
                if len(standin.sent_to(chat.id)) == count:
                    break
        print(standin.transcript(chat.id), flush=True)


def main() -> int:
    """Serve the stand-in on a fixed port and play one borrower against a real bot process:

    python tests/botapi_standin.py --port 8081 --say /start --say "信用卡逾期三个月会怎样？"
    TELEGRAM_BOT_TOKEN=7000001:TEST-TOKEN TELEGRAM_API_BASE_URL=http://127.0.0.1:8081/bot make run
    """
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--user-id", type=int, default=501)
    parser.add_argument("--language", choices=("zh", "en"), default="zh")
    parser.add_argument("--say", action="append", default=[], help="a message the borrower sends (repeatable)")
    parser.add_argument("--quiet", type=float, default=1.5, help="seconds of bot silence that end a reply")
    args = parser.parse_args()
    asyncio.run(_serve_a_borrower(args.port, args.user_id, args.language, args.say or ["/start"], args.quiet))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
