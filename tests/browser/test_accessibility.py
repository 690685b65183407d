"""axe-core (through axe-playwright-python) finds no serious or critical WCAG violation."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.chat_helpers import answer_chat_with, send_message

BLOCKING_IMPACTS = {"serious", "critical"}
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

axe = Axe()


def blocking_violations(page: Page) -> list[str]:
    """Return "rule: target" for each serious or critical violation on the page as it is now."""
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}})
    return [
        f"{violation['id']}: {node['target']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
        for node in violation["nodes"]
    ]


def test_chat_page_accessible(page: Page, artifacts_dir):
    page.set_viewport_size({"width": 1000, "height": 1100})
    page.goto("/")
    send_message(page, "Bonjour")

    page.screenshot(path=artifacts_dir / "chat-page.png")
    assert blocking_violations(page) == []


def test_chat_quick_replies_accessible(page: Page):
    sent = []
    buttons = [{"title": "Je suis un parent", "payload": '/inform{"role": "parent"}'}]
    answer_chat_with(page, {"messages": [{"text": "**Qui** êtes-vous?", "buttons": buttons}], "expecting": "role", "urgent": True}, sent)
    page.goto("/")
    send_message(page, "Bonjour")

    assert blocking_violations(page) == []


def test_mobile_chat_accessible(page: Page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/")
    send_message(page, "Bonjour")

    assert blocking_violations(page) == []


def test_directory_accessible(page: Page):
    page.goto("/ressources?lieu=Rimouski")

    assert blocking_violations(page) == []


def test_directory_notices_accessible(page: Page):
    page.goto("/ressources?lieu=Rive-Sud")
    assert blocking_violations(page) == []

    page.goto("/ressources?region=99")
    assert blocking_violations(page) == []
