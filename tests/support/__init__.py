"""What tests and bench/ share: one hand-written fake per port, the stand-in servers, fixtures' helpers.

- core.py: Searcher, History, UserPrefs, Forgetter, AnswerWriter, QuestionRewriter, PlanConversation fakes
- plan.py: Wizards, Profiles, ChartRenderer fakes
- tickets.py: Tickets fake (the support desk's store)
- embedders.py: Embedder fakes
- telegram.py: the Core fake the Telegram adapter talks to, a RateLimit fake, a recording PTB request
- clock.py: the one clock tests move by hand
- env.py: Settings isolated from the developer's environment
- botapi_standin.py, openai_standin.py: real HTTP stand-ins on loopback; telegram_conversation.py: a scripted chat
- library.py: the real library ingested once per session (fixtures)

bench/ adds the repository root to sys.path and imports from here, never from a test module.
"""
