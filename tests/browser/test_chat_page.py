"""The chat page against the real gateway without Rasa: rendering, storage and safety."""

import re
import uuid

from playwright.sync_api import Page, expect

from tests.browser.chat_helpers import (
    answer_chat_with,
    bot_bubbles,
    send_message,
    session_storage,
    user_bubbles,
)

HOSTILE_MARKDOWN = (
    "**gras** et _italique_ <img src=x onerror=alert(1)>\n"
    "[appeler](tel:+18004639009) [texto](sms:686868) [piège](javascript:alert(1)) "
    "[ailleurs](//evil.example/x) [barre](/\\evil.example) [répertoire](/ressources?type=signalement) "
    "[web](https://www.quebec.ca/) [clair](http://example.com/) nom_de_variable"
)


def test_intro_states_limits(page: Page):
    page.goto("/")

    expect(page).to_have_title("Ensemble Québec — assistant de référence")
    assert page.locator("html").get_attribute("lang") == "fr-CA"
    intro = page.locator(".intro")
    expect(intro).to_contain_text("Ce n'est pas un service d'urgence")
    expect(intro).to_contain_text("Ce n'est pas un signalement à la DPJ")
    expect(intro).to_contain_text("Rien n'est gardé après la conversation")
    expect(intro).to_contain_text("deux fois sur la touche Échap")
    expect(page.get_by_text("Cette page ne peut pas effacer l'historique")).to_be_attached()


def test_emergency_strip_links(page: Page):
    page.goto("/")

    strip = page.locator(".safety-bar")
    expect(strip.get_by_role("link", name="911")).to_have_attribute("href", "tel:911")
    expect(strip.get_by_role("link", name="Signaler à la DPJ de votre région")).to_have_attribute(
        "href", "/ressources?type=signalement"
    )
    expect(strip.get_by_role("link", name="Quitter rapidement")).to_be_visible()


def test_emergency_strip_stays_visible(page: Page):
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto("/")

    page.mouse.wheel(0, 5000)
    page.wait_for_timeout(200)

    expect(page.locator(".safety-bar").get_by_role("link", name="911")).to_be_in_viewport()
    expect(page.get_by_role("link", name="Quitter rapidement")).to_be_in_viewport()


def test_degraded_reply_rendered(page: Page):
    page.goto("/")

    reply = send_message(page, "Bonjour")

    assert len(reply["messages"]) == 1
    expect(user_bubbles(page)).to_have_text(["Vous : Bonjour"])
    expect(bot_bubbles(page)).to_have_count(1)
    bubble = bot_bubbles(page).first
    expect(bubble.locator("strong a[href='tel:911']")).to_have_text("911")
    expect(bubble.locator("a[href='/ressources']")).to_have_text("/ressources")
    # Newlines of the message become line breaks.
    assert bubble.locator("br").count() == reply["messages"][0]["text"].count("\n")


def test_typing_indicator_during_request(page: Page):
    page.goto("/")
    page.evaluate(
        """() => {
            window.typingShown = false;
            const typing = document.getElementById("typing");
            new MutationObserver(() => { if (!typing.hidden) window.typingShown = true; })
                .observe(typing, { attributes: true });
        }"""
    )

    send_message(page, "Bonjour")

    assert page.evaluate("window.typingShown") is True
    expect(page.locator("#typing")).to_be_hidden()


def test_session_storage_only(page: Page):
    page.goto("/")
    send_message(page, "Bonjour")

    storage = session_storage(page)
    session_id = uuid.UUID(storage["ensemble.sessionId"])
    assert session_id.version == 4
    assert "Bonjour" in storage["ensemble.conversation"]
    assert page.evaluate("localStorage.length") == 0
    assert page.evaluate("document.cookie") == ""
    assert page.context.cookies() == []


def test_history_restored_after_reload(page: Page):
    page.goto("/")
    send_message(page, "Bonjour")
    session_id = session_storage(page)["ensemble.sessionId"]

    page.reload()

    expect(user_bubbles(page)).to_have_text(["Vous : Bonjour"])
    expect(bot_bubbles(page)).to_have_count(1)
    assert session_storage(page)["ensemble.sessionId"] == session_id


def test_session_id_sent_with_message(page: Page):
    page.goto("/")

    with page.expect_request("**/api/chat") as request_info:
        send_message(page, "Bonjour")

    body = request_info.value.post_data_json
    assert body["message"] == "Bonjour"
    assert body["session_id"] == session_storage(page)["ensemble.sessionId"]


def test_script_message_shown_as_text(page: Page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto("/")

    send_message(page, "<script>alert(1)</script>")
    page.wait_for_timeout(500)

    expect(user_bubbles(page)).to_have_text(["Vous : <script>alert(1)</script>"])
    assert page.locator("#chat-log script").count() == 0
    assert dialogs == []


def test_hostile_bot_markdown_rendered_safely(page: Page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sent = []
    answer_chat_with(page, {"messages": [{"text": HOSTILE_MARKDOWN, "buttons": []}]}, sent)
    page.goto("/")

    send_message(page, "test")
    bubble = bot_bubbles(page).first

    expect(bubble.locator("strong")).to_have_text("gras")
    expect(bubble.locator("em")).to_have_text("italique")
    expect(bubble).to_contain_text("<img src=x onerror=alert(1)>")
    assert bubble.locator("img").count() == 0
    expect(bubble.get_by_role("link", name="appeler")).to_have_attribute("href", "tel:+18004639009")
    expect(bubble.get_by_role("link", name="texto")).to_have_attribute("href", "sms:686868")
    expect(bubble.get_by_role("link", name="répertoire")).to_have_attribute("href", "/ressources?type=signalement")
    expect(bubble.get_by_role("link", name="web")).to_have_attribute("href", "https://www.quebec.ca/")
    # Disallowed targets keep their label as plain text.
    for label in ("piège", "ailleurs", "barre", "clair"):
        assert bubble.get_by_role("link", name=label).count() == 0, label
        expect(bubble).to_contain_text(label)
    # Underscores inside a word are not italics.
    expect(bubble).to_contain_text("nom_de_variable")
    assert bubble.locator("em").count() == 1
    assert dialogs == []


def test_quick_reply_sends_payload(page: Page):
    sent = []
    buttons = [
        {"title": "Je suis un parent", "payload": '/inform{"role": "parent"}'},
        {"title": "Je suis jeune", "payload": '/inform{"role": "jeune"}'},
    ]
    answer_chat_with(page, {"messages": [{"text": "Qui êtes-vous?", "buttons": buttons}], "expecting": "role"}, sent)
    page.goto("/")

    send_message(page, "Bonjour")
    quick_replies = page.locator("#quick-replies button")
    expect(quick_replies).to_have_text(["Je suis un parent", "Je suis jeune"])
    expect(page.locator("#message-hint")).to_be_visible()

    with page.expect_response("**/api/chat"):
        quick_replies.first.click()

    assert sent[-1]["message"] == '/inform{"role": "parent"}'
    expect(user_bubbles(page).last).to_have_text("Vous : Je suis un parent")


def test_urgent_reply_marked(page: Page):
    sent = []
    answer_chat_with(page, {"messages": [{"text": "Appelez le [911](tel:911).", "buttons": []}], "urgent": True}, sent)
    page.goto("/")

    send_message(page, "il est en danger")

    expect(bot_bubbles(page).first).to_have_class(re.compile(r"\burgent\b"))


def test_failed_send_restores_input(page: Page):
    page.goto("/")
    page.route("**/api/chat", lambda route: route.abort())

    page.get_by_label("Votre message").fill("Bonjour")
    page.get_by_role("button", name="Envoyer").click()

    error = page.locator("#chat-log .bubble.error")
    expect(error).to_contain_text("n'a pas pu être envoyé")
    expect(error.locator("a[href='tel:911']")).to_have_text("911")
    expect(user_bubbles(page)).to_have_count(0)
    expect(page.get_by_label("Votre message")).to_have_value("Bonjour")


def test_clear_conversation_stays(page: Page):
    page.goto("/")
    send_message(page, "Bonjour")
    old_session_id = session_storage(page)["ensemble.sessionId"]

    page.get_by_role("button", name="Effacer la conversation").click()

    expect(user_bubbles(page)).to_have_count(0)
    expect(bot_bubbles(page)).to_have_count(0)
    expect(page.locator(".bubble.welcome")).to_be_visible()
    assert session_storage(page) == {}
    assert page.url.endswith("/")

    send_message(page, "Bonjour")
    assert session_storage(page)["ensemble.sessionId"] != old_session_id
