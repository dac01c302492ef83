#!/usr/bin/env python3
"""`python ingest.py [--knowledge DIR] [--dry-run] [--rebuild] [--json]`: see README.md, "For content editors"."""

import sys

from bot.commands.ingest import main

if __name__ == "__main__":
    sys.exit(main())
