"""The resource directory page, filled in and submitted the way a user does."""

import httpx
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import RecordedRequests, new_tab

# Facts of the seed data (resources_db/data/resources/resources.json, with its SOURCES.md).
DPJ_BAS_SAINT_LAURENT = "dpj-bas-saint-laurent"
DPJ_BAS_SAINT_LAURENT_TEL = "tel:+18004639009"
DPJ_ESTRIE = "dpj-estrie"
DPJ_MONTEREGIE = "dpj-monteregie"
CALACS_BAS_SAINT_LAURENT = {"calacs-est-bas-saint-laurent", "calacs-krtb"}
OPEN_24_7 = "tel-jeunes"
NOT_OPEN_24_7 = "aidezmoisvp"


def card_ids(page: Page) -> list[str]:
    return page.locator(".results .card").evaluate_all("cards => cards.map(card => card.dataset.resourceId)")


def search(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Rechercher").click()


def test_region_filter(page: Page):
    page.goto("/ressources")

    page.get_by_label("Région").select_option("05")
    search(page)

    assert "region=05" in page.url
    ids = card_ids(page)
    assert ids[0] == DPJ_ESTRIE
    assert DPJ_BAS_SAINT_LAURENT not in ids
    expect(page.get_by_label("Région")).to_have_value("05")


def test_text_search_in_region(page: Page):
    page.goto("/ressources")

    page.get_by_label("Mots-clés").fill("calacs")
    page.get_by_label("Région").select_option("01")
    search(page)

    ids = set(card_ids(page))
    assert CALACS_BAS_SAINT_LAURENT <= ids
    assert DPJ_BAS_SAINT_LAURENT not in ids
    expect(page.get_by_label("Mots-clés")).to_have_value("calacs")


def test_place_search_rimouski(page: Page):
    page.goto("/ressources")

    page.get_by_label("Ville ou code postal").fill("Rimouski")
    search(page)

    expect(page.locator("#place-result")).to_contain_text("région Bas-Saint-Laurent (01)")
    expect(page.get_by_label("Région")).to_have_value("01")
    first_card = page.locator(".results .card").first
    assert first_card.get_attribute("data-resource-id") == DPJ_BAS_SAINT_LAURENT
    expect(first_card.locator(f"a[href='{DPJ_BAS_SAINT_LAURENT_TEL}']")).to_have_text("1 800 463-9009")
    expect(first_card).to_contain_text("Dernière vérification")
    expect(first_card).to_contain_text("Sources")


def test_ambiguous_place_offers_regions(page: Page):
    page.goto("/ressources?lieu=Rive-Sud&type=signalement")

    choices = page.locator("#place-result a")
    expect(choices).to_have_text(["Montérégie (16)", "Chaudière-Appalaches (12)"])
    with page.expect_navigation():
        choices.first.click()

    assert "region=16" in page.url
    assert "type=signalement" in page.url
    assert card_ids(page)[0] == DPJ_MONTEREGIE


def test_unknown_place_explained(page: Page):
    page.goto("/ressources?lieu=Zzyzxville")

    expect(page.locator("#place-result")).to_contain_text("Lieu introuvable")


def test_open_24_7_filter(page: Page):
    page.goto("/ressources")
    all_ids = card_ids(page)

    page.get_by_label("Ouvert 24 heures sur 24, 7 jours sur 7").check()
    search(page)

    ids = card_ids(page)
    assert "h24=1" in page.url
    assert OPEN_24_7 in ids
    assert NOT_OPEN_24_7 in all_ids
    assert NOT_OPEN_24_7 not in ids
    assert len(ids) < len(all_ids)


def test_invalid_region_rejected(page: Page):
    response = page.goto("/ressources?region=99")

    assert response.status == 400
    expect(page.get_by_role("alert")).to_contain_text("Valeur inconnue pour « Région »")
    assert page.locator(".results .card").count() == 0


def test_directory_works_without_javascript(browser: Browser, gateway_url: str):
    tab = new_tab(browser, gateway_url, RecordedRequests(), java_script_enabled=False)
    try:
        tab.goto("/ressources")
        tab.get_by_label("Ville ou code postal").fill("Rimouski")
        tab.get_by_label("Type de service").select_option("signalement")
        search(tab)

        assert card_ids(tab)[0] == DPJ_BAS_SAINT_LAURENT
    finally:
        tab.context.close()


def test_directory_screenshot(page: Page, artifacts_dir):
    page.set_viewport_size({"width": 1000, "height": 1300})
    page.goto("/ressources?lieu=Rimouski&type=signalement")

    page.screenshot(path=artifacts_dir / "directory-page.png")

    assert (artifacts_dir / "directory-page.png").stat().st_size > 0


def test_api_resources_matches_page(gateway_url: str):
    response = httpx.get(gateway_url + "/api/resources", params={"lieu": "Rimouski", "type": "signalement"})

    assert response.status_code == 200
    body = response.json()
    assert body["region"] == "01"
    assert body["place"]["status"] == "resolved"
    first = body["services"][0]
    assert first["resource_id"] == DPJ_BAS_SAINT_LAURENT
    assert first["is_dpj"] is True
    assert DPJ_BAS_SAINT_LAURENT_TEL in [phone["tel_uri"] for phone in first["phones"]]
    assert body["count"] == len(body["services"])


def test_api_resources_rejects_type(gateway_url: str):
    response = httpx.get(gateway_url + "/api/resources", params={"type": "inconnu"})

    assert response.status_code == 422
    assert response.json()["detail"]["field"] == "type"


def test_api_places_resolves_rimouski(gateway_url: str):
    response = httpx.get(gateway_url + "/api/places", params={"q": "Rimouski"})

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "resolved"
    assert body["best"]["region_code"] == "01"
    assert body["best"]["region_name"] == "Bas-Saint-Laurent"
    assert [candidate["region_code"] for candidate in body["candidates"]] == ["01"]


def test_api_places_requires_query(gateway_url: str):
    response = httpx.get(gateway_url + "/api/places", params={"q": " "})

    assert response.status_code == 422
    assert response.json()["detail"]["field"] == "q"
