"""Headless Chromium (Debian's chromium + chromium-driver) driven by Selenium, against
a built site served on 127.0.0.1 by a server the tests start and stop.

Without the browser the tests skip with a clear message on a developer machine; under
CI (CI=true) a missing browser is a failure, never a skip.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser")


def browser_binaries() -> tuple[str | None, str | None]:
    chromium = next((path for name in CHROMIUM_CANDIDATES if (path := shutil.which(name))), None)
    return chromium, shutil.which("chromedriver")


def require_browser() -> tuple[str, str]:
    chromium, chromedriver = browser_binaries()
    if chromium and chromedriver:
        return chromium, chromedriver
    missing = " and ".join(name for name, path in (("chromium", chromium), ("chromedriver", chromedriver)) if not path)
    message = f"browser tests need {missing} from the system packages (apt-get install chromium chromium-driver)"
    if os.environ.get("CI") == "true":
        pytest.fail(message + "; under CI a missing browser is a failure", pytrace=False)
    pytest.skip(message)


# --- Static server


@dataclass
class ServedRequest:
    path: str
    status: int


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".wasm": "application/wasm",
        ".svg": "image/svg+xml",
        ".xml": "application/xml",
    }

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature fixed by the base class
        pass

    def log_request(self, code="-", size="-") -> None:
        self.server.served.append(ServedRequest(self.path, int(code) if str(code).isdigit() else 0))


class StaticSite:
    """Serves `root` on 127.0.0.1 on a free port until `close()`; records every request."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.served = []
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    @property
    def served(self) -> list[ServedRequest]:
        return self.httpd.served

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# --- Browser


def start_chromium(window: tuple[int, int] = (1280, 900)):
    """A fresh headless Chromium with an empty profile and the network log switched on."""
    chromium, chromedriver = require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    profile = tempfile.mkdtemp(prefix="handbook-chromium-")
    # The background-networking flags keep Chromium from calling home on a closed network.
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--disable-extensions", "--disable-default-apps",
        f"--user-data-dir={profile}", f"--window-size={window[0]},{window[1]}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    # An explicit driver path: Selenium Manager must never try to download one.
    driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    driver.set_page_load_timeout(30)
    driver.handbook_profile = profile
    return driver


def stop_chromium(driver) -> None:
    profile = getattr(driver, "handbook_profile", None)
    driver.quit()
    if profile:
        shutil.rmtree(profile, ignore_errors=True)


@dataclass
class NetworkLog:
    requested: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    encoded_bytes: dict[str, int] = field(default_factory=dict)

    def hosts(self) -> set[str]:
        return {urlsplit(url).hostname or "" for url in self.requested if urlsplit(url).scheme in {"http", "https", "ws", "wss"}}

    def failures(self) -> dict[str, int]:
        return {url: status for url, status in self.statuses.items() if status >= 400}


def read_network_log(driver) -> NetworkLog:
    """Drain Chromium's performance log (DevTools Network events) since the last call."""
    log = NetworkLog()
    request_urls: dict[str, str] = {}
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            request_urls[params["requestId"]] = url
            if not url.startswith("data:"):
                log.requested.append(url)
        elif method == "Network.responseReceived":
            response = params["response"]
            log.statuses[response["url"]] = int(response["status"])
        elif method == "Network.loadingFinished":
            url = request_urls.get(params["requestId"])
            if url:
                log.encoded_bytes[url] = int(params.get("encodedDataLength", 0))
    return log


def sitemap_pages(site_dir: Path) -> Iterator[str]:
    """Every page path listed in the built sitemap(s), relative to the site root."""
    import xml.etree.ElementTree as ET

    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    seen = set()
    for sitemap in sorted(site_dir.rglob("sitemap.xml")):
        for loc in ET.parse(sitemap).getroot().findall("s:url/s:loc", namespace):
            path = urlsplit(loc.text.strip()).path.lstrip("/")
            if path not in seen:
                seen.add(path)
                yield path
