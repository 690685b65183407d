"""Both pages request nothing from any host but the gateway, and set no cookie."""

from playwright.sync_api import Page

from tests.browser.chat_helpers import send_message
from tests.browser.conftest import EXIT_URL, RecordedRequests


def foreign_requests(recorded: RecordedRequests, gateway_url: str) -> list[str]:
    """Return the requested URLs outside the gateway; the quick exit's neutral site is allowed."""
    return [
        url for url in recorded.urls if not url.startswith(gateway_url + "/") and not url.startswith(EXIT_URL)
    ]


def test_only_gateway_requests(page: Page, gateway_url: str, requests_seen: RecordedRequests):
    page.goto("/")
    send_message(page, "Bonjour")
    page.get_by_role("link", name="Signaler à la DPJ de votre région").click()
    page.wait_for_url("**/ressources?type=signalement")
    page.goto("/ressources?lieu=Rimouski&h24=1")
    page.get_by_role("link", name="Quitter rapidement").click()
    page.wait_for_url(EXIT_URL)

    assert any(url.endswith("/api/chat") for url in requests_seen.urls)
    assert any(url.endswith("/static/chat.js") for url in requests_seen.urls)
    assert foreign_requests(requests_seen, gateway_url) == []
    assert requests_seen.blocked == []
    assert page.context.cookies() == []


def test_security_headers_served(page: Page):
    response = page.goto("/")

    headers = response.headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["referrer-policy"] == "no-referrer"


def test_no_csp_violation(page: Page):
    """The pages need no inline script or style, so the CSP reports nothing."""
    violations = []

    def record_csp_violation(message) -> None:
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", record_csp_violation)

    page.goto("/")
    send_message(page, "Bonjour")
    page.goto("/ressources?region=01")

    assert violations == []
