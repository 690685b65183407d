"""A whole conversation in the browser against the full stack (Rasa, actions, gateway).

Run with a stack at GATEWAY_URL (default http://127.0.0.1:8000); skipped when none is healthy.
"""

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.chat_helpers import TURN_TIMEOUT_MS, send_message, wait_for_turn_end

pytestmark = pytest.mark.stack

MAX_TURNS = 8
OPENING_MESSAGE = "Bonjour, je pense que ma fille de 14 ans se fait exploiter par un homme rencontré en ligne"

# What a worried parent in Rimouski answers to each question the bot may ask.
BUTTON_TITLES = {"role": "Parent ou proche", "situation": "C'est un doute"}
TYPED_ANSWERS = {"region": "Rimouski", "age": "14"}


def regional_dpj_phones(stack_url: str) -> list[str]:
    """Return the tel: URIs of the Bas-Saint-Laurent DPJ, read from the resource database."""
    response = httpx.get(stack_url + "/api/resources", params={"region": "01", "type": "signalement"}, timeout=10)
    response.raise_for_status()
    dpj = response.json()["services"][0]
    assert dpj["is_dpj"] is True
    return [phone["tel_uri"] for phone in dpj["phones"]]


def answer(page: Page, expecting: str | None) -> dict | None:
    """Answer the bot's question the way a user would. Return the reply, or None when stuck."""
    title = BUTTON_TITLES.get(expecting)
    if title and page.locator("#quick-replies").get_by_role("button", name=title).count():
        with page.expect_response("**/api/chat", timeout=TURN_TIMEOUT_MS) as response_info:
            page.locator("#quick-replies").get_by_role("button", name=title).click()
        wait_for_turn_end(page)
        return response_info.value.json()
    if expecting in TYPED_ANSWERS:
        return send_message(page, TYPED_ANSWERS[expecting])
    return None


def test_conversation_reaches_referral(stack_page: Page, stack_url: str, artifacts_dir):
    dpj_phones = regional_dpj_phones(stack_url)
    dpj_links = ", ".join(f"#chat-log a[href='{uri}']" for uri in dpj_phones)
    stack_page.set_viewport_size({"width": 1000, "height": 1400})
    stack_page.goto("/")

    reply = send_message(stack_page, OPENING_MESSAGE)
    for _ in range(MAX_TURNS):
        if stack_page.locator(dpj_links).count():
            break
        reply = answer(stack_page, reply["expecting"])
        assert reply is not None, "the bot asked for nothing the test can answer before giving the DPJ"

    expect(stack_page.locator(dpj_links).first).to_be_visible()
    stack_page.screenshot(path=artifacts_dir / "chat-referral.png", full_page=True)
