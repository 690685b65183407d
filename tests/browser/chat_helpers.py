"""Steps shared by the chat page tests: send a message the way a user does, read the bubbles."""

import json

from playwright.sync_api import Page, Route

# How long a turn may take: the test gateway replies at once, the full stack within 20 s.
TURN_TIMEOUT_MS = 30000


def send_message(page: Page, text: str) -> dict:
    """Type a message, click Envoyer, wait for the replies to show, and return the API reply."""
    page.get_by_label("Votre message").fill(text)
    with page.expect_response("**/api/chat", timeout=TURN_TIMEOUT_MS) as response_info:
        page.get_by_role("button", name="Envoyer").click()
    wait_for_turn_end(page)
    return response_info.value.json()


def wait_for_turn_end(page: Page) -> None:
    page.locator("#typing").wait_for(state="hidden", timeout=TURN_TIMEOUT_MS)


def bot_bubbles(page: Page):
    return page.locator("#chat-log .bubble.bot:not(.welcome)")


def user_bubbles(page: Page):
    return page.locator("#chat-log .bubble.user")


def session_storage(page: Page) -> dict:
    return page.evaluate("() => Object.fromEntries(Object.entries(sessionStorage))")


def answer_chat_with(page: Page, reply: dict, sent_bodies: list[dict]) -> None:
    """Make /api/chat return `reply` for this tab, and record each request body in sent_bodies.

    Tests use it for bot messages that the real gateway cannot produce without Rasa, such as
    hostile Markdown or quick-reply buttons. The page code under test is unchanged.
    """

    def fulfill(route: Route) -> None:
        sent_bodies.append(json.loads(route.request.post_data or "{}"))
        body = {"session_id": sent_bodies[-1].get("session_id"), "expecting": None, "urgent": False, **reply}
        route.fulfill(status=200, content_type="application/json", body=json.dumps(body))

    page.route("**/api/chat", fulfill)
