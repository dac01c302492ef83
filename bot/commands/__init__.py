"""One module a command of `python -m bot`; each has `register(subparsers)`."""
