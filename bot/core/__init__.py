"""The channel-agnostic core: a message in, a Reply out. Imports no Telegram, OpenAI, Chroma or SQL."""
