"""Chromium for the browser tests and the screenshots: Debian's /usr/bin/chromium, driven by
Playwright (``apt-get install -y chromium``; the browser tests skip, saying why, without it)."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
