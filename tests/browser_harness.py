"""Headless Chromium (Debian's chromium + chromium-driver) driven by Selenium, against
a built site served on 127.0.0.1 by a server the tests start and stop.

Without the browser the tests skip with a clear message on a developer machine; under
CI (CI=true) a missing browser is a failure, never a skip.
"""

from __future__ import annotations

import email.utils
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
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

    def send_error(self, code, message=None, explain=None):
        """A missing page gets the site's own 404.html (status 404), as a static host
        such as GitHub Pages serves it."""
        page = os.path.join(self.directory, "404.html")
        if code != 404 or not os.path.isfile(page):
            return super().send_error(code, message, explain)
        with open(page, "rb") as source:
            body = source.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_head(self):
        """As the base class, but text files go out gzip-compressed when the browser
        accepts it, as any real host serves them: the page-weight figures are then the
        bytes a reader's connection carries."""
        if not self.server.compress or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the base class redirects to the slash form
            path = os.path.join(path, "index.html")
        content_type = self.guess_type(path)
        if not os.path.isfile(path) or not _compressible(content_type):
            return super().send_head()
        modified = int(os.stat(path).st_mtime)
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                if int(email.utils.parsedate_to_datetime(since).timestamp()) >= modified:
                    self.send_response(304)
                    self.end_headers()
                    return None
            except (TypeError, ValueError):
                pass
        with open(path, "rb") as source:
            body = gzip.compress(source.read(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(modified))
        self.end_headers()
        return io.BytesIO(body)


def _compressible(content_type: str) -> bool:
    return content_type.startswith("text/") or content_type in {"application/json", "application/xml", "image/svg+xml", "application/wasm"}


class StaticSite:
    """Serves `root` on 127.0.0.1 on a free port until `close()`; records every request.

    With `compress=True` text files are served gzip-compressed (Content-Encoding: gzip).
    """

    def __init__(self, root: Path, *, compress: bool = False) -> None:
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.served = []
        self.httpd.compress = compress
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
    # Requests the browser refused to send, with the reason ("csp", ...).
    blocked: dict[str, str] = field(default_factory=dict)

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
        elif method == "Network.loadingFailed":
            url = request_urls.get(params["requestId"])
            if url and params.get("blockedReason"):
                log.blocked[url] = params["blockedReason"]
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


# --- In-page tools: axe-core, the console, the cache

REPO_ROOT = Path(__file__).resolve().parents[1]
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"


@functools.lru_cache(maxsize=1)
def axe_source() -> str:
    """The pinned axe-core (package-lock.json), installed by `make` with `npm ci`."""
    if not AXE_SCRIPT.exists():
        message = f"{AXE_SCRIPT.relative_to(REPO_ROOT)} is missing; install the pinned npm tools with `make install`"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; under CI a missing axe-core is a failure", pytrace=False)
        pytest.skip(message)
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_violations(driver, tags: tuple[str, ...]) -> list[dict]:
    """Run axe-core on the loaded page; WebDriver's script injection is not bound by the CSP."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(axe_source())
    result = driver.execute_async_script(
        """
        const [tags, done] = arguments;
        axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
          .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                 targets: v.nodes.slice(0, 5).map(n => n.target.join(" "))}))))
          .catch(e => done([{id: "axe-error", impact: "critical", help: String(e), targets: []}]));
        """,
        list(tags),
    )
    return result


def console_messages(driver) -> list[str]:
    """Drain the browser console (errors, CSP reports, warnings) since the last call."""
    return [f"{entry['level']}: {entry['message']}" for entry in driver.get_log("browser")]


def forget_everything(driver, site_url: str) -> None:
    """A first-time visitor: empty HTTP cache, no cookies, no storage for the site."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    driver.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})


def transferred_bytes(log: NetworkLog) -> int:
    """Bytes the connection carried (headers and, with compression, the gzip body)."""
    return sum(log.encoded_bytes.values())


def site_requests(log: NetworkLog, site_url: str) -> dict[str, int]:
    """Transferred bytes per URL of the site itself (not the browser's own chrome:// pages)."""
    return {url: size for url, size in log.encoded_bytes.items() if url.startswith(site_url)}


def use_palette(driver, scheme: str) -> None:
    """Store Material's palette choice (`__palette`) as the toggle does, then reload.

    `scheme` is "default" (light) or "slate" (dark)."""
    if driver.execute_script("return document.body.dataset.mdColorScheme") == scheme:
        return
    driver.execute_script(
        """
        const options = [...document.querySelectorAll("input.md-option")];
        const input = options.find(o => o.dataset.mdColorScheme === arguments[0]);
        __md_set("__palette", {index: options.indexOf(input), color: {
          media: input.dataset.mdColorMedia, scheme: input.dataset.mdColorScheme,
          primary: input.dataset.mdColorPrimary, accent: input.dataset.mdColorAccent}});
        """,
        scheme,
    )
    driver.refresh()


def stored_keys(driver) -> dict[str, list[str]]:
    return driver.execute_script(
        "return {local: Object.keys(localStorage).sort(), session: Object.keys(sessionStorage).sort()}"
    )


def emulate_viewport(driver, width: int | None, height: int = 800) -> None:
    """A phone-sized viewport in CSS pixels (None restores the window's own)."""
    if width is None:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    else:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True},
        )


def emulate_print(driver, on: bool) -> None:
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print" if on else ""})


def csp_reports(messages: list[str]) -> list[str]:
    """Console lines in which Chromium reports a Content-Security-Policy refusal."""
    return [line for line in messages if "Content Security Policy" in line or "Content-Security-Policy" in line]


# How often a wait looks again. WebDriverWait's default of half a second rounds every
# wait up to it: the search tests alone waited a minute longer than the browser did.
POLL_SECONDS = 0.02


def waiting(driver, timeout: float):
    """A WebDriverWait that looks again every POLL_SECONDS."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=POLL_SECONDS)


def search_results(driver, query: str, timeout: float = 10.0) -> list[str]:
    """Type `query` into the page's search field the way a reader does and return the
    result links' paths, best first, once the form reports it is done."""
    from selenium.webdriver.common.by import By

    field = driver.find_element(By.CSS_SELECTOR, "[data-handbook-search] input[type=search]")
    driver.execute_script("arguments[0].value = ''", field)
    field.click()
    field.send_keys(query)
    waiting(driver, timeout).until(
        lambda d: d.execute_script(
            "const r = document.querySelector('[data-handbook-search]');"
            "return r.dataset.state === 'done' && r.dataset.query === arguments[0] || r.dataset.state === 'failed'",
            query,
        )
    )
    state = driver.execute_script("return document.querySelector('[data-handbook-search]').dataset.state")
    assert state == "done", f"search for {query!r} failed in the page (see the console)"
    return driver.execute_script(
        "return [...document.querySelectorAll('[data-handbook-search] ol a')].map(a => new URL(a.href).pathname)"
    )
