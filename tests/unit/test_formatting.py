"""Services formatted as chat messages, and [[references]] filled from the database."""

from datetime import date

from actions.formatting import fill_references, phone_line, service_message
from resources_db.matching import PhoneInfo, ServiceMatch


def service(resource_id: str, name: str, number: str, uri: str) -> ServiceMatch:
    return ServiceMatch(
        resource_id=resource_id,
        name=name,
        description="",
        phones=[PhoneInfo(number=number, label="Signalement", tel_uri=uri, hours="24/7", kind="voice")],
        website=None,
        hours="24/7",
        is_dpj=resource_id.startswith("dpj-"),
        certainty="certain",
        note=None,
        last_verified=date(2026, 12, 4),
        source_urls=["https://example.org"],
        source_date=None,
        score=1.0,
        reasons=[],
    )


DPJ = service("dpj-bas-saint-laurent", "DPJ du Bas-Saint-Laurent", "1 800 463-9009", "tel:+18004639009")
CYBERAIDE = service("cyberaide", "Cyberaide.ca", "1 866 658-9022", "tel:+18666589022")


def test_phone_line_is_tel_link():
    assert phone_line(DPJ.phones[0]) == "Signalement : [1 800 463-9009](tel:+18004639009) (24/7)"


def test_service_message_has_name_phone_and_date():
    text = service_message(DPJ, "vérifié le {date}")
    assert text.splitlines()[0] == "**DPJ du Bas-Saint-Laurent**"
    assert "[1 800 463-9009](tel:+18004639009)" in text
    assert text.endswith("vérifié le 2026-12-04")


def test_fill_references_uses_database_services():
    text = "Appelle [[dpj]] ou [[cyberaide]]."
    filled = fill_references(text, {"cyberaide": CYBERAIDE}, DPJ, "la DPJ de ta région")
    assert filled == (
        "Appelle DPJ du Bas-Saint-Laurent ([1 800 463-9009](tel:+18004639009)) "
        "ou Cyberaide.ca ([1 866 658-9022](tel:+18666589022))."
    )


def test_fill_references_never_invents_a_number():
    filled = fill_references("[[dpj]] et [[inconnu]]", {}, None, "la DPJ de ta région")
    assert filled == "la DPJ de ta région et inconnu"
