"""Quick exit: the page leaves for the neutral site, clears the conversation, and Back skips it.

The neutral site is answered by a Playwright route (see conftest.EXIT_URL), so nothing leaves
the machine.
"""

from playwright.sync_api import Page, expect

from tests.browser.chat_helpers import send_message, session_storage, user_bubbles
from tests.browser.conftest import EXIT_URL


def start_conversation_after_directory(page: Page) -> None:
    """Open the directory, then the chat, and send one message, so Back has a page to go to."""
    page.goto("/ressources")
    page.goto("/")
    send_message(page, "Bonjour")
    assert len(session_storage(page)) == 2


def assert_left_without_trace(page: Page) -> None:
    page.wait_for_url(EXIT_URL)
    assert page.url == EXIT_URL

    page.go_back()
    # location.replace() removed the chat page from history: Back lands on the page before it.
    assert page.url.endswith("/ressources")
    assert session_storage(page) == {}


def test_exit_button_leaves(page: Page):
    start_conversation_after_directory(page)

    page.get_by_role("link", name="Quitter rapidement").click()

    assert_left_without_trace(page)


def test_double_escape_leaves(page: Page):
    start_conversation_after_directory(page)

    page.keyboard.press("Escape")
    page.keyboard.press("Escape")

    assert_left_without_trace(page)


def test_slow_escapes_stay(page: Page):
    page.goto("/")
    send_message(page, "Bonjour")

    page.keyboard.press("Escape")
    page.wait_for_timeout(1300)
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)

    assert page.url.endswith("/")
    expect(user_bubbles(page)).to_have_count(1)


def test_exit_from_directory(page: Page):
    page.goto("/ressources?region=01")

    page.get_by_role("link", name="Quitter rapidement").click()

    page.wait_for_url(EXIT_URL)
    assert page.url == EXIT_URL


def test_exit_url_from_body_attribute(page: Page):
    page.goto("/")

    assert page.locator("body").get_attribute("data-exit-url") == EXIT_URL
    expect(page.get_by_role("link", name="Quitter rapidement")).to_have_attribute("href", EXIT_URL)
