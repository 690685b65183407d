"""The chat page used with the keyboard alone: Tab, Shift+Tab and Enter."""

from playwright.sync_api import Page, expect

from tests.browser.chat_helpers import answer_chat_with, bot_bubbles, user_bubbles, wait_for_turn_end

MAX_TAB_PRESSES = 25


def focused_id(page: Page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.id : ''")


def tab_to(page: Page, element_id: str) -> int:
    """Press Tab until the element with this id has focus, and return how many presses it took."""
    for presses in range(1, MAX_TAB_PRESSES + 1):
        page.keyboard.press("Tab")
        if focused_id(page) == element_id:
            return presses
    raise AssertionError(f"#{element_id} not reached after {MAX_TAB_PRESSES} Tab presses")


def focus_outline(page: Page) -> str:
    return page.evaluate("getComputedStyle(document.activeElement).outlineStyle")


def test_skip_link_reaches_input(page: Page):
    page.goto("/")

    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Aller au champ de message")
    page.keyboard.press("Enter")

    assert focused_id(page) == "message-input"


def test_keyboard_only_conversation(page: Page):
    page.goto("/")

    tab_to(page, "message-input")
    assert focus_outline(page) == "solid"
    page.keyboard.type("Bonjour")
    page.keyboard.press("Enter")
    wait_for_turn_end(page)

    expect(user_bubbles(page)).to_have_text(["Vous : Bonjour"])
    expect(bot_bubbles(page)).to_have_count(1)
    assert focused_id(page) == "message-input"

    tab_to(page, "clear-button")
    assert focus_outline(page) == "solid"
    page.keyboard.press("Enter")

    expect(user_bubbles(page)).to_have_count(0)


def test_every_control_reachable(page: Page):
    for element_id in ("quick-exit", "chat-log", "message-input", "send-button", "clear-button"):
        page.goto("/")
        tab_to(page, element_id)


def test_quick_reply_by_keyboard(page: Page):
    sent = []
    buttons = [{"title": "Je suis un parent", "payload": '/inform{"role": "parent"}'}]
    answer_chat_with(page, {"messages": [{"text": "Qui êtes-vous?", "buttons": buttons}], "expecting": "role"}, sent)
    page.goto("/")

    tab_to(page, "message-input")
    page.keyboard.type("Bonjour")
    page.keyboard.press("Enter")
    wait_for_turn_end(page)

    # The quick replies sit before the input: Shift+Tab reaches them.
    page.keyboard.press("Shift+Tab")
    expect(page.locator(":focus")).to_have_text("Je suis un parent")
    assert focus_outline(page) == "solid"
    page.keyboard.press("Enter")
    wait_for_turn_end(page)

    assert sent[-1]["message"] == '/inform{"role": "parent"}'
    expect(user_bubbles(page).last).to_have_text("Vous : Je suis un parent")
    # The clicked button is gone; focus returns to the input rather than the page body.
    assert focused_id(page) == "message-input"
