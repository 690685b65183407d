"""Browser fixtures: Debian's Chromium driven by Playwright, and a gateway started per session.

The gateway fixture runs uvicorn on a free port with a freshly seeded SQLite resource database
and a Rasa URL where nothing listens, so /api/chat returns its degraded reply. Tests
marked `stack` use the full assistant at GATEWAY_URL instead.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

from tests.stack import REPO_ROOT, free_port, seed_database

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# The neutral site of the quick exit, as set in <body data-exit-url>. A route serves it locally.
EXIT_URL = "https://meteo.gc.ca/"
EXIT_PAGE = "<!doctype html><html lang='fr'><title>Météo</title><p>Page de sortie simulée.</p></html>"

ARTIFACTS_DIR = REPO_ROOT / "tests" / "artifacts"
GATEWAY_STARTUP_SECONDS = 60


@dataclass
class RecordedRequests:
    """Every URL the page requested, and those that the catch-all route stopped."""

    urls: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


def wait_for_gateway(url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + GATEWAY_STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gateway exited with {process.returncode}: {log_path.read_text()[-2000:]}")
        try:
            # /healthz fails without Rasa, so the directory page shows that the gateway is up.
            if httpx.get(url + "/ressources", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gateway not answering after {GATEWAY_STARTUP_SECONDS} s: {log_path.read_text()[-2000:]}")


@pytest.fixture(scope="session")
def gateway_url() -> Iterator[str]:
    """Start the gateway alone, with a seeded SQLite database, and return its base URL."""
    workdir = Path(tempfile.mkdtemp(prefix="ensemble-browser-"))
    database_url = f"sqlite:///{workdir / 'resources.sqlite3'}"
    seed_database(database_url)

    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        # A free port where nothing listens: every chat turn gets the degraded reply at once.
        "GATEWAY_RASA_URLS": f"http://127.0.0.1:{free_port()}",
        "GATEWAY_RASA_TIMEOUT_SECONDS": "2",
    }
    log_path = workdir / "gateway.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1", "--port", str(port), "--no-access-log"],
            cwd=REPO_ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_gateway(url, process, log_path)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def stack_url(request: pytest.FixtureRequest) -> str:
    """Return the base URL of the full stack: GATEWAY_URL when set, else the test stack."""
    url = os.environ.get("GATEWAY_URL", "").rstrip("/")
    if not url:
        return request.getfixturevalue("stack").gateway_url

    try:
        healthy = httpx.get(url + "/healthz", timeout=5).status_code == 200
    except httpx.HTTPError:
        healthy = False
    if not healthy:
        pytest.fail(f"GATEWAY_URL={url} is not healthy: start it with 'make run' or unset GATEWAY_URL")
    return url


# Package scope: Playwright's sync API keeps an asyncio loop running in the main thread while
# it is open, which breaks asyncio.run() in the test folders that run after this one.
@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(f"{CHROMIUM_PATH} is missing: run scripts/ensure_chromium.sh (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def isolate_from_network(context: BrowserContext, origin: str, recorded: RecordedRequests) -> None:
    """Abort every request to another origin, and serve the quick exit's neutral site locally."""

    def block_foreign(route: Route) -> None:
        if route.request.url.startswith(origin + "/"):
            route.continue_()
        else:
            recorded.blocked.append(route.request.url)
            route.abort()

    def fulfill_exit(route: Route) -> None:
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=EXIT_PAGE)

    # Playwright tries routes in reverse order of registration, so the exit route comes first.
    context.route("**/*", block_foreign)
    context.route(EXIT_URL + "**", fulfill_exit)


def new_tab(browser: Browser, origin: str, recorded: RecordedRequests, **options) -> Page:
    """Open a tab in a new browser context, which the caller closes with page.context.close()."""
    context = browser.new_context(base_url=origin, locale="fr-CA", **options)
    context.on("request", lambda request: recorded.urls.append(request.url))
    isolate_from_network(context, origin, recorded)
    return context.new_page()


@pytest.fixture
def requests_seen() -> RecordedRequests:
    return RecordedRequests()


@pytest.fixture
def page(browser: Browser, gateway_url: str, requests_seen: RecordedRequests) -> Iterator[Page]:
    """A fresh tab on the test gateway, with every request it makes recorded in requests_seen."""
    tab = new_tab(browser, gateway_url, requests_seen)
    yield tab
    tab.context.close()


@pytest.fixture
def stack_page(browser: Browser, stack_url: str, requests_seen: RecordedRequests) -> Iterator[Page]:
    """A fresh tab on the full stack at GATEWAY_URL."""
    tab = new_tab(browser, stack_url, requests_seen)
    yield tab
    tab.context.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS_DIR
