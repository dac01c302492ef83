"""A knowledge folder with three good articles and every kind of bad file an attacker or a careless
editor can leave there, and the reason each one must be rejected with.

`python -m tests.hostile_library DIR [BIG_BYTES]` builds it under DIR (DIR/knowledge, with the files
that links point to in DIR/outside) for a run of `python ingest.py` by hand.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

GOOD = {
    "credit/when.md": "---\ntitle: 逾期多久会上征信？\nsummary: 逾期记录在还清之日起保存5年。\nupdated: 2026-11-28\n---\n"
                      "逾期会记入个人信用报告，还清之日起保存5年。\n",
    "overdue/penalty.md": "---\ntitle: 罚息怎么算\nsummary: 罚息按合同约定计算。\nupdated: 2026-11-28\n---\n"
                          "罚息按合同约定的利率上浮计算，不得超过法律保护的上限。\n",
    "en/late-fees.md": "---\ntitle: Late fees\nlang: en\nsummary: A late fee is set by your contract.\n"
                       "updated: 2026-11-28\n---\nA late fee is set by your contract and must be disclosed.\n",
}

# 9 levels of 10 aliases each: 10^9 strings once expanded (453 bytes of YAML).
ALIAS_BOMB = (
    '---\ntitle: bomb\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [{','.join('*' + chr(ord('a') + i - 1) for _ in range(10))}]\n"
        for i in range(1, 9)
    )
    + "---\nbody\n"
)

# file id (as reported) -> a part of the reason
EXPECTED_REJECTIONS = {
    "bad-date.md": "updated: not a real date (2025-02-30); write YYYY-MM-DD",
    "bad-month.md": "updated: not a real date (2025-13-45); write YYYY-MM-DD",
    "bomb.md": "YAML anchors and aliases (&name, *name) are not allowed",
    "pipe.md": "not a regular file (a named pipe)",
    "huge.md": "too large:",
    "passwd.md": "outside the library: a link to /etc/passwd",
    "outside-link.md": "outside the library",
    "title-list.md": "title must be text, not a list",
    repr("new\nline.md"): "unsafe file name 'new\\nline.md'",
    repr('quo"te.md'): "unsafe file name 'quo\"te.md'",
}


def build(root: Path, big_bytes: int) -> Path:
    """Write the folder under root; return the knowledge folder."""
    knowledge, outside = root / "knowledge", root / "outside"
    for folder in (knowledge, outside):
        folder.mkdir(parents=True, exist_ok=True)
    for rel, text in GOOD.items():
        (knowledge / rel).parent.mkdir(parents=True, exist_ok=True)
        (knowledge / rel).write_text(text, encoding="utf-8")
    article = GOOD["credit/when.md"]
    (knowledge / "bad-date.md").write_text("---\ntitle: 日期\nupdated: 2025-02-30\n---\n正文。\n", encoding="utf-8")
    (knowledge / "bad-month.md").write_text('---\ntitle: 日期\nupdated: "2025-13-45"\n---\n正文。\n', encoding="utf-8")
    (knowledge / "bomb.md").write_text(ALIAS_BOMB, encoding="utf-8")
    os.mkfifo(knowledge / "pipe.md")
    with open(knowledge / "huge.md", "wb") as big:
        big.write(b"---\ntitle: huge\n---\n")
        line = "逾期以后会怎么样，这一行重复很多次。\n".encode()
        big.write(line * (big_bytes // len(line) + 1))
    os.symlink("/etc/passwd", knowledge / "passwd.md")
    (outside / "secret.md").write_text(article, encoding="utf-8")
    os.symlink(outside / "secret.md", knowledge / "outside-link.md")
    (knowledge / "title-list.md").write_text("---\ntitle: [a, b]\n---\n正文。\n", encoding="utf-8")
    (knowledge / "new\nline.md").write_text(article, encoding="utf-8")
    (knowledge / 'quo"te.md').write_text(article, encoding="utf-8")
    return knowledge


if __name__ == "__main__":
    target = build(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 50_000_000)
    print(target)
