"""Redaction of personal data in log text, on French, joual/SMS and English strings."""

import logging
import sys

import pytest

from api.redaction import RedactionFilter, redact

# (text, personal data that must disappear, marker expected in its place)
PERSONAL_DATA_CASES = [
    # Phone numbers
    ("appelle-moi au 514-555-1234 stp", "514-555-1234", "[phone]"),
    ("mon cell c'est (418) 555-0199", "555-0199", "[phone]"),
    ("text me at 438.555.7788 tonight", "438.555.7788", "[phone]"),
    ("son numéro: 5145550000", "5145550000", "[phone]"),
    ("+1 514 555 1234 est mon numéro", "555 1234", "[phone]"),
    ("1-819-555-4321 chez ma tante", "555-4321", "[phone]"),
    ("appelle au 555-6789 ce soir", "555-6789", "[phone]"),
    ("my French number is +33 6 12 34 56 78", "12 34 56 78", "[phone]"),
    # Emails
    ("écris à julie.tremblay@gmail.com", "julie.tremblay@gmail.com", "[email]"),
    ("my email is J.Smith+test@school.qc.ca", "J.Smith+test@school.qc.ca", "[email]"),
    ("contact: mere_inquiete@videotron.ca.", "mere_inquiete@videotron.ca", "[email]"),
    # Postal codes
    ("on reste à H2X 1Y4", "H2X 1Y4", "[postal-code]"),
    ("code postal g1r5m1", "g1r5m1", "[postal-code]"),
    ("J7Y-3K2 c'est chez nous", "J7Y-3K2", "[postal-code]"),
    # Street addresses, French
    ("j'habite au 1234 rue Saint-Denis", "Saint-Denis", "[address]"),
    ("il vit au 45, boulevard René-Lévesque Est", "René-Lévesque", "[address]"),
    ("app. 4, 560 boul. Crémazie Ouest", "Crémazie", "[address]"),
    ("chez lui au 12B av. du Parc", "du Parc", "[address]"),
    ("au 300 chemin des Patriotes à Beloeil", "Patriotes", "[address]"),
    ("le 88 rang Saint-Joseph", "Saint-Joseph", "[address]"),
    # Street addresses, English
    ("I live at 123 Main Street", "Main Street", "[address]"),
    ("he stays at 4500 Sherbrooke St. W", "Sherbrooke", "[address]"),
    ("apt 3, 12 Elm Rd near the school", "Elm Rd", "[address]"),
    ("meet at 77 Maple Avenue", "Maple Avenue", "[address]"),
    # Names
    ("je m'appelle Julie", "Julie", "[name]"),
    ("Bonjour, je m'appelle Marie-Ève Tremblay et j'ai peur", "Marie-Ève Tremblay", "[name]"),
    ("jm'appelle kevin pis jsuis en sec 3", "kevin", "[name]"),
    ("jmappelle Zoé", "Zoé", "[name]"),
    ("mon nom est Gagnon", "Gagnon", "[name]"),
    ("ma fille, elle s'appelle Léa Roy", "Léa Roy", "[name]"),
    ("moi c'est Samuel", "Samuel", "[name]"),
    ("my name is John Smith", "John Smith", "[name]"),
    ("Hi, my name's Emily and I need help", "Emily", "[name]"),
    ("her name is Sarah", "Sarah", "[name]"),
    ("I'm called Noah", "Noah", "[name]"),
    # Other identifying numbers
    ("NAS 123 456 789", "123 456 789", "[number]"),
    ("carte 4111 1111 1111 1111", "4111 1111 1111 1111", "[number]"),
]

# Log text that must come out unchanged: ids, counts, durations, dates, ages, region codes.
UNCHANGED_CASES = [
    "chat turn session=3f6c2b1e-9a4d-4c1b-8e2f-123456789012 replies=2 urgent=False ms=845",
    "referral region=06 area=None situation=soupcon services=5",
    "j'ai 14 ans pis il a 19 ans",
    "report dated 2026-12-04 at 10:45",
    "il m'a écrit 3 fois hier soir sur snap",
    "dans la rue depuis 2 jours",
    "Info-Social 811 et 911",
    "my name is",
]


@pytest.mark.parametrize(("text", "personal", "marker"), PERSONAL_DATA_CASES)
def test_redact_removes_personal_data(text, personal, marker):
    redacted = redact(text)

    assert personal not in redacted
    assert marker in redacted


@pytest.mark.parametrize("text", UNCHANGED_CASES)
def test_redact_keeps_log_facts(text):
    assert redact(text) == text


def test_redact_keeps_words_after_name():
    assert redact("jm'appelle kevin pis jsuis en sec 3") == "jm'appelle [name] pis jsuis en sec 3"


def test_redact_keeps_session_uuid_beside_phone():
    session = "0b7e8a7c-4d1f-4a55-9d3e-000000000001"
    redacted = redact(f"session={session} callback=514-555-1234")

    assert session in redacted
    assert "[phone]" in redacted


@pytest.mark.parametrize(("text", "personal", "marker"), PERSONAL_DATA_CASES)
def test_redact_is_idempotent(text, personal, marker):
    once = redact(text)
    assert redact(once) == once


def make_record(message: str, *args, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("test", logging.ERROR, __file__, 1, message, args, exc_info)


def test_filter_redacts_formatted_arguments():
    record = make_record("callback requested number=%s email=%s", "819-555-0000", "a@b.ca")

    assert RedactionFilter().filter(record) is True
    assert record.getMessage() == "callback requested number=[phone] email=[email]"


def test_filter_redacts_traceback():
    try:
        raise ValueError("unknown region 'je m'appelle Julie, H2X 1Y4'")
    except ValueError:
        record = make_record("validation failed", exc_info=sys.exc_info())

    RedactionFilter().filter(record)
    formatted = logging.Formatter().format(record)

    assert "Julie" not in formatted
    assert "H2X 1Y4" not in formatted
    assert "ValueError" in formatted


def test_filter_keeps_record_with_bad_arguments():
    record = make_record("two placeholders %s %s", "only one")

    assert RedactionFilter().filter(record) is True
    assert record.getMessage() == "two placeholders %s %s"
