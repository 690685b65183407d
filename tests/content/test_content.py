"""Tests of the guidance, FAQ and message content files and of their loader."""

import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
CONTENT_DIR = REPO_ROOT / "content"
RESOURCES_JSON = REPO_ROOT / "resources_db" / "data" / "resources" / "resources.json"


def load_content_store():
    """Import actions/content_store.py by path.

    The actions package's __init__ imports every action module, which need rasa-sdk and
    resources_db. The content loader needs neither, so its tests load the module on its own.
    """
    spec = importlib.util.spec_from_file_location("content_store", REPO_ROOT / "actions" / "content_store.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["content_store"] = module
    spec.loader.exec_module(module)
    return module


store = load_content_store()

ROLES = ("parent", "jeune", "ami", "intervenant")
SITUATIONS = ("soupcon", "situation_averee", "danger")
TOPICS = ("general", "sextorsion", "leurre", "proxenetisme", "fugue")

# The FAQ keys of the retrieval intent faq, as fixed in docs/interfaces.md.
INTERFACE_FAQ_KEYS = (
    "what_is_exploitation",
    "warning_signs",
    "how_to_report",
    "who_must_report",
    "reporter_confidentiality",
    "after_report",
    "age_of_consent",
    "images",
    "what_is_dpj",
)

# Topic-specific advice that must exist, because it differs from the general advice.
REQUIRED_TOPIC_ENTRIES = (
    ("jeune", "sextorsion"),
    ("parent", "sextorsion"),
    ("intervenant", "sextorsion"),
    ("jeune", "leurre"),
    ("parent", "leurre"),
    ("parent", "proxenetisme"),
    ("jeune", "proxenetisme"),
    ("intervenant", "proxenetisme"),
    ("parent", "fugue"),
    ("jeune", "fugue"),
)

# A North American number: optional country code 1, area code, exchange, line.
NANP_NUMBER = re.compile(r"(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b")
DIGIT_RUN = re.compile(r"\b\d{3,}\b")

VOUS_WORDS = re.compile(r"\b(vous|votre|vos)\b", re.IGNORECASE)
TU_WORDS = re.compile(r"\b(tu|toi|ton|ta|tes)\b|\bt['’]", re.IGNORECASE)


def raw_yaml(name: str):
    return yaml.safe_load((CONTENT_DIR / name).read_text(encoding="utf-8"))


def resource_data() -> dict:
    return json.loads(RESOURCES_JSON.read_text(encoding="utf-8"))


def resource_ids() -> set[str]:
    return {organization["id"] for organization in resource_data()["organizations"]}


def short_codes_in_resources() -> set[str]:
    """Return the phone numbers of 6 digits or fewer (911, 811, 988, SMS codes) in the resource data."""
    codes = set()
    for organization in resource_data()["organizations"]:
        for phone in organization["phones"]:
            digits = re.sub(r"\D", "", phone["number"])
            if len(digits) <= 6:
                codes.add(digits)
    return codes


def tu_texts() -> list[tuple[str, str]]:
    """Return (label, text) for every text written with "tu"."""
    texts = [
        (f"guidance {entry['id']}", entry["text"])
        for entry in raw_yaml("guidance.yml")
        if set(entry["roles"]) <= {"jeune", "ami"}
    ]
    texts += [(f"faq {entry['key']}.text_tu", entry["text_tu"]) for entry in raw_yaml("faq.yml")]
    texts += [
        (f"message {key}.tu", value["tu"])
        for key, value in raw_yaml("messages.yml").items()
        if key != "english"
    ]
    return texts


def vous_texts() -> list[tuple[str, str]]:
    """Return (label, text) for every French text written with "vous"."""
    texts = [
        (f"guidance {entry['id']}", entry["text"])
        for entry in raw_yaml("guidance.yml")
        if not set(entry["roles"]) & {"jeune", "ami"}
    ]
    texts += [(f"faq {entry['key']}.text_vous", entry["text_vous"]) for entry in raw_yaml("faq.yml")]
    texts += [
        (f"message {key}.vous", value["vous"])
        for key, value in raw_yaml("messages.yml").items()
        if key != "english"
    ]
    return texts


def english_texts() -> list[tuple[str, str]]:
    """Return (label, text) for every English text: messages and guidance."""
    messages = raw_yaml("messages.yml")["english"]["texts"]
    texts = [(f"english {key}", text) for key, text in messages.items()]
    texts += [(f"english guidance {entry['id']}", entry["text"]) for entry in raw_yaml("guidance.en.yml")]
    return texts


def all_texts() -> list[tuple[str, str]]:
    return tu_texts() + vous_texts() + english_texts()


def all_source_lists() -> list[tuple[str, list]]:
    sources = [(f"guidance {entry['id']}", entry.get("sources")) for entry in raw_yaml("guidance.yml")]
    sources += [
        (f"english guidance {entry['id']}", entry.get("sources")) for entry in raw_yaml("guidance.en.yml")
    ]
    sources += [(f"faq {entry['key']}", entry.get("sources")) for entry in raw_yaml("faq.yml")]
    sources += [(f"message {key}", value.get("sources")) for key, value in raw_yaml("messages.yml").items()]
    return sources


# --- the content files -----------------------------------------------------------------------


def test_every_entry_has_http_sources():
    for label, sources in all_source_lists():
        assert sources, f"{label} has no source"
        for url in sources:
            assert re.fullmatch(r"https?://\S+", url), f"{label}: {url!r} is not an http(s) URL"


def test_general_covers_every_role_situation():
    entries = raw_yaml("guidance.yml")
    for role in ROLES:
        for situation in SITUATIONS:
            matches = [
                entry["id"]
                for entry in entries
                if role in entry["roles"]
                and situation in entry["situations"]
                and "general" in entry["topics"]
            ]
            assert len(matches) == 1, f"{role} × {situation} × general is covered by {matches}"


def test_required_topic_entries_exist():
    for role, topic in REQUIRED_TOPIC_ENTRIES:
        entry = store.select_guidance(role, "soupcon", topic)
        assert topic in entry.topics, f"{role} × {topic} falls back to {entry.id}"


def test_references_exist_in_resources():
    known = resource_ids() | {"dpj"}
    for label, text in all_texts():
        for resource_id in store.resource_references(text):
            assert resource_id in known, f"{label} references unknown resource {resource_id!r}"


def test_no_phone_numbers_in_texts():
    allowed_codes = short_codes_in_resources()
    assert "911" in allowed_codes

    for label, text in all_texts():
        assert not NANP_NUMBER.search(text), f"{label} contains a phone number"
        for digits in DIGIT_RUN.findall(text):
            assert digits in allowed_codes, f"{label} contains {digits!r}, not a resource short code"


def test_tu_texts_do_not_say_vous():
    for label, text in tu_texts():
        match = VOUS_WORDS.search(text)
        assert match is None, f"{label} addresses the reader with {match.group(0)!r}"


def test_vous_texts_do_not_say_tu():
    for label, text in vous_texts():
        match = TU_WORDS.search(text)
        assert match is None, f"{label} addresses the reader with {match.group(0)!r}"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_danger_guidance_starts_with_911(language):
    for role in ROLES:
        for topic in TOPICS:
            entry = store.select_guidance(role, "danger", topic, language)
            first_line = entry.text.splitlines()[0]
            assert "911" in first_line, f"{entry.id} (danger, {role}, {topic}) does not start with 911"


@pytest.mark.parametrize("file_name", ["guidance.yml", "guidance.en.yml"])
def test_guidance_lines_are_bullets(file_name):
    for entry in raw_yaml(file_name):
        lines = entry["text"].strip().splitlines()
        assert 3 <= len(lines) <= 6, f"{entry['id']} has {len(lines)} lines"
        for line in lines:
            assert line.startswith("• "), f"{entry['id']}: {line[:40]!r}"


# --- required facts ------------------------------------------------------------------------


def test_intervenant_suspicion_names_dpj_and_confidentiality():
    text = store.select_guidance("intervenant", "soupcon", "general").text
    assert "DPJ" in text
    assert "[[dpj]]" in text
    assert "sans délai" in text
    assert "confidenti" in text
    assert "bonne foi" in text


def test_jeune_sextortion_says_do_not_pay():
    text = store.select_guidance("jeune", "situation_averee", "sextorsion").text.lower()
    assert re.search(r"ne paie pas|ne pas payer", text)
    assert "n'efface rien" in text
    assert "captures d'écran" in text
    assert "bloque" in text
    assert "adulte de confiance" in text
    assert "[[cyberaide]]" in text
    assert "[[aidezmoisvp]]" in text


def test_sextortion_adults_copy_no_image():
    for role in ("parent", "intervenant"):
        text = store.select_guidance(role, "soupcon", "sextorsion").text
        assert re.search(r"ne copiez|n'en copiez aucune", text, re.IGNORECASE), f"{role} text lacks the no-copy advice"


def test_parent_disclosure_never_promises_secrecy():
    text = store.select_guidance("parent", "situation_averee", "general").text
    assert "Ne promettez pas de garder le secret" in text


def test_warning_signs_caution_first():
    for role in ("parent", "jeune"):
        first_line = store.faq_answer("warning_signs", role).text.splitlines()[0]
        assert "aucun signe ne prouve" in first_line.lower()


def test_reporter_confidentiality_facts():
    text = store.faq_answer("reporter_confidentiality", "parent").text
    assert "identité" in text
    assert "bonne foi" in text
    assert "anonyme" in text


def test_age_of_consent_is_16():
    for role in ("parent", "jeune"):
        assert "16 ans" in store.faq_answer("age_of_consent", role).text


# --- selection -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "situation", "topic", "expected_id"),
    [
        ("jeune", "situation_averee", "sextorsion", "jeune-sextorsion"),
        ("parent", "soupcon", "proxenetisme", "parent-proxenetisme"),
        ("intervenant", "danger", "fugue", "intervenant-fugue"),
        ("ami", "soupcon", "leurre", "ami-soupcon-general"),
        ("ami", "danger", "sextorsion", "ami-danger-general"),
        ("jeune", "danger", "sextorsion", "jeune-danger-general"),
        ("intervenant", "soupcon", "general", "intervenant-soupcon-general"),
    ],
)
def test_select_guidance_prefers_topic(role, situation, topic, expected_id):
    assert store.select_guidance(role, situation, topic).id == expected_id


def test_select_guidance_defaults():
    assert store.select_guidance(None, None, None).id == "parent-soupcon-general"
    assert store.select_guidance("jeune", None, None).id == "jeune-soupcon-general"
    assert store.select_guidance(None, "danger", None).id == "parent-danger-general"


def test_select_guidance_unknown_values():
    assert store.select_guidance("autre", "soupcon", "general").id == "parent-soupcon-general"
    assert store.select_guidance("voisin", "inconnu", "autre").id == "parent-soupcon-general"


@pytest.mark.parametrize(
    ("role", "situation", "expected_id"),
    [
        ("parent", "soupcon", "en-parent-soupcon"),
        (None, "situation_averee", "en-parent-situation-averee"),
        ("jeune", "danger", "en-young-danger"),
        ("ami", "soupcon", "en-young-soupcon"),
        ("intervenant", "situation_averee", "en-professional-report"),
        ("intervenant", "danger", "en-professional-danger"),
    ],
)
def test_select_english_guidance(role, situation, expected_id):
    # English has general entries only, so every topic falls back to them.
    assert store.select_guidance(role, situation, "sextorsion", "en").id == expected_id


def test_english_guidance_names_english_services():
    languages = {organization["id"]: organization["languages"] for organization in resource_data()["organizations"]}
    for entry in raw_yaml("guidance.en.yml"):
        for resource_id in store.resource_references(entry["text"]):
            if resource_id != "dpj":
                assert "en" in languages[resource_id], f"{entry['id']} names {resource_id}, not offered in English"


def test_english_guidance_is_english():
    for label, text in english_texts():
        match = re.search(r"\b(vous|votre|tu|ton|appelez|appelle)\b", text, re.IGNORECASE)
        assert match is None, f"{label} contains the French word {match.group(0)!r}"


def test_english_guidance_facts():
    professional = store.select_guidance("intervenant", "soupcon", "general", "en").text
    assert "without delay" in professional
    assert "good faith" in professional
    assert "[[dpj]]" in professional

    parent_disclosure = store.select_guidance("parent", "situation_averee", "general", "en").text
    assert "Do not promise to keep it secret" in parent_disclosure


def test_guidance_entry_has_sources():
    entry = store.select_guidance("parent", "soupcon", "general")
    assert entry.sources
    assert all(url.startswith("http") for url in entry.sources)


def test_faq_answer_address_form():
    content = store.load_content()
    for key in INTERFACE_FAQ_KEYS:
        record = content.faq[key]
        assert store.faq_answer(key, "jeune").text == record.text_tu
        assert store.faq_answer(key, "ami").text == record.text_tu
        assert store.faq_answer(key, "parent").text == record.text_vous
        assert store.faq_answer(key, "intervenant").text == record.text_vous
        assert store.faq_answer(key, None).text == record.text_vous
        assert store.faq_answer(key, None).sources == record.sources


def test_faq_answer_unknown_key():
    with pytest.raises(KeyError, match="FAQ key 'horaires' not found"):
        store.faq_answer("horaires", "parent")


def test_disclaimer_facts():
    for role in ("parent", "jeune"):
        text = store.message("disclaimer", role)
        assert "911" in text
        assert "signalement" in text
        assert "onglet" in text
        assert "Quitter rapidement" in text
        assert "Échap" in text
        assert "photo" in text

    assert store.message("disclaimer", "jeune") != store.message("disclaimer", "parent")
    assert store.message("disclaimer") == store.message("disclaimer", "intervenant")


def test_english_messages():
    disclaimer = store.message("disclaimer", "jeune", language="en")
    assert "911" in disclaimer
    assert "Escape" in disclaimer
    assert "not a report" in disclaimer

    assert "[[dpj-batshaw]]" in store.message("batshaw", language="en")
    assert store.message("referral_heading", language="en").startswith("Services")


def test_message_unknown_key():
    with pytest.raises(KeyError, match="French message 'farewell' not found"):
        store.message("farewell", "parent")
    with pytest.raises(KeyError, match="English message 'farewell' not found"):
        store.message("farewell", language="en")


def test_unknown_language_falls_back_to_french():
    assert store.message("not_a_report", "parent", language="es") == store.message("not_a_report", "parent")


def test_resource_references_order_and_dedup():
    text = "• A : [[dpj]]. B : [[tel-jeunes]] ou [[dpj]]."
    assert store.resource_references(text) == ["dpj", "tel-jeunes"]
    assert store.resource_references("• Aucun service.") == []


# --- loader errors ---------------------------------------------------------------------------


def content_copy(tmp_path: Path) -> Path:
    for name in ("guidance.yml", "guidance.en.yml", "faq.yml", "messages.yml"):
        shutil.copy(CONTENT_DIR / name, tmp_path / name)
    return tmp_path


def edit_guidance(content_dir: Path, entry_id: str, **changes) -> None:
    path = content_dir / "guidance.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    for entry in entries:
        if entry["id"] == entry_id:
            entry.update(changes)
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")


def drop_entry(path: Path, field: str, value: str) -> None:
    """Rewrite a YAML list of entries without the entry whose `field` equals `value`."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    kept = [entry for entry in entries if entry[field] != value]
    path.write_text(yaml.safe_dump(kept, allow_unicode=True), encoding="utf-8")


def test_loader_accepts_copy(tmp_path):
    content = store.load_content(content_copy(tmp_path))
    assert len(content.faq) == len(INTERFACE_FAQ_KEYS)


@pytest.mark.parametrize(
    ("entry_id", "changes", "expected"),
    [
        ("jeune-leurre", {"sources": []}, "sources"),
        ("jeune-leurre", {"sources": ["cyberaide.ca"]}, "sources.0"),
        ("jeune-leurre", {"text": "• Une seule ligne.\n"}, "has 1 lines"),
        ("jeune-leurre", {"text": "• Un.\nDeux.\n• Trois.\n"}, "line 2 does not start"),
        ("jeune-leurre", {"roles": ["jeune", "parent"]}, "mixes roles"),
        ("jeune-leurre", {"roles": ["voisin"]}, "roles.0"),
        ("jeune-leurre", {"situations": ["danger"]}, "does not give 911"),
        ("jeune-leurre", {"text": "• Un [[Tel Jeunes]].\n• Deux.\n• Trois.\n"}, "invalid [[resource-id]]"),
    ],
)
def test_loader_rejects_bad_entry(tmp_path, entry_id, changes, expected):
    content_dir = content_copy(tmp_path)
    edit_guidance(content_dir, entry_id, **changes)

    with pytest.raises(store.ContentError) as raised:
        store.load_content(content_dir)

    assert "guidance.yml" in str(raised.value)
    assert f"'{entry_id}'" in str(raised.value)
    assert expected in str(raised.value)


def test_loader_rejects_overlap(tmp_path):
    content_dir = content_copy(tmp_path)
    edit_guidance(content_dir, "jeune-leurre", topics=["general"])

    with pytest.raises(store.ContentError, match="'jeune-soupcon-general' and 'jeune-leurre' both cover"):
        store.load_content(content_dir)


def test_loader_rejects_missing_general(tmp_path):
    content_dir = content_copy(tmp_path)
    edit_guidance(content_dir, "ami-danger-general", topics=["fugue"])

    with pytest.raises(store.ContentError, match=r"missing general guidance .*\('ami', 'danger'\)"):
        store.load_content(content_dir)


def test_loader_rejects_missing_english_general(tmp_path):
    content_dir = content_copy(tmp_path)
    drop_entry(content_dir / "guidance.en.yml", "id", "en-young-danger")

    with pytest.raises(store.ContentError, match=r"guidance.en.yml: missing general guidance .*\('jeune', 'danger'\)"):
        store.load_content(content_dir)


def test_loader_rejects_missing_faq_key(tmp_path):
    content_dir = content_copy(tmp_path)
    drop_entry(content_dir / "faq.yml", "key", "images")

    with pytest.raises(store.ContentError, match=r"faq.yml: missing FAQ keys \['images'\]"):
        store.load_content(content_dir)


def test_loader_rejects_message_without_tu(tmp_path):
    content_dir = content_copy(tmp_path)
    path = content_dir / "messages.yml"
    messages = yaml.safe_load(path.read_text(encoding="utf-8"))
    del messages["not_a_report"]["tu"]
    path.write_text(yaml.safe_dump(messages, allow_unicode=True), encoding="utf-8")

    with pytest.raises(store.ContentError, match="invalid message 'not_a_report': tu: Field required"):
        store.load_content(content_dir)


def test_loader_rejects_invalid_yaml(tmp_path):
    content_dir = content_copy(tmp_path)
    (content_dir / "faq.yml").write_text("- key: [unclosed\n", encoding="utf-8")

    with pytest.raises(store.ContentError, match="faq.yml: invalid YAML"):
        store.load_content(content_dir)
