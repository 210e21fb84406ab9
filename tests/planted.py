"""A small project with secrets planted at known places, shared by the output and CLI tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from seawall.secrets.validators import with_crc32_base62

# Valid-looking tokens (GitHub's carry a correct CRC32), random enough not to pass for placeholders.
GITHUB_PAT = with_crc32_base62("ghp_", "Zq8vN3kLp0RtXw5YbC7dFg2HmJ4sWq")
GITHUB_OAUTH = with_crc32_base62("gho_", "Hq2vN9kLp0RtXw5YbC7dFg2HmJ4sWz")
SLACK_BOT = "xoxb-2918273645-2918273645123-Zq8vN3kLp0RtXw5YbC7dFg2H"


@dataclass(frozen=True, slots=True)
class Planted:
    """A secret written at ``path`` (relative to the root, with '/'), on 1-based ``line``."""

    path: str
    line: int
    secret: str
    rule_id: str
    suppressed: bool = False


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def plant(root: Path) -> tuple[Planted, ...]:
    """A critical GitHub token, a high Slack token in a folder whose name has a space, and a
    GitHub token accepted with an inline ``seawall:allow``. ``.git`` stops configuration discovery."""
    (root / ".git").mkdir(parents=True, exist_ok=True)
    write(root, "app.py", f'import os\n\nTOKEN = "{GITHUB_PAT}"\nprint(os.name)\n')
    write(root, "deploy config/slack.env", f"# chat notifications\nSLACK_TOKEN={SLACK_BOT}\n")
    write(root, "tests/fixture.py", f'\n\n\nFAKE = "{GITHUB_OAUTH}"  # seawall:allow test fixture\n')
    write(root, "README.md", "Nothing secret here.\n")
    return (
        Planted("app.py", 3, GITHUB_PAT, "github-pat"),
        Planted("deploy config/slack.env", 2, SLACK_BOT, "slack-bot-token"),
        Planted("tests/fixture.py", 4, GITHUB_OAUTH, "github-oauth-token", suppressed=True),
    )


def plant_high_only(root: Path) -> Planted:
    """Only a high-severity secret (no critical one)."""
    (root / ".git").mkdir(parents=True, exist_ok=True)
    write(root, "notify.env", f"SLACK_TOKEN={SLACK_BOT}\n")
    return Planted("notify.env", 1, SLACK_BOT, "slack-bot-token")
