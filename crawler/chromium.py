"""Where the headless browser is: for rendering script-built pages and for printing PDFs.

Kept apart from crawler/rendering.py, which imports Scrapy and Playwright: a command that only
asks whether a browser exists (every report writer does) should not pay for importing them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM_ENV = "CMN_CHROMIUM"  # an explicit browser path; a missing file means "no browser"
CHROMIUM_COMMANDS = ("chromium", "chromium-browser")


def chromium_path() -> str | None:
    """Where Debian's chromium is; CMN_CHROMIUM names another binary (or an absent one)."""
    explicit = os.environ.get(CHROMIUM_ENV)
    if explicit is not None:
        path = Path(explicit)
        return str(path) if path.is_file() and os.access(path, os.X_OK) else None
    for command in CHROMIUM_COMMANDS:
        if found := shutil.which(command):
            return found
    return None
