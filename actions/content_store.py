"""Load the guidance, FAQ and message texts from content/*.yml and pick one per conversation.

The files are read and validated once per process. A bad entry raises ContentError with the file
and the entry id, so a broken edit stops the action server at its first request instead of
sending a half-written text to a user.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from pydantic import field_validator, model_validator

logger = logging.getLogger(__name__)

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"

Role = Literal["parent", "jeune", "ami", "intervenant"]
Situation = Literal["soupcon", "situation_averee", "danger"]
Topic = Literal["general", "sextorsion", "leurre", "proxenetisme", "fugue"]
FaqKey = Literal[
    "what_is_exploitation",
    "warning_signs",
    "how_to_report",
    "who_must_report",
    "reporter_confidentiality",
    "after_report",
    "age_of_consent",
    "images",
    "what_is_dpj",
]

ROLES: tuple[str, ...] = get_args(Role)
SITUATIONS: tuple[str, ...] = get_args(Situation)
TOPICS: tuple[str, ...] = get_args(Topic)
FAQ_KEYS: tuple[str, ...] = get_args(FaqKey)

# Young people and their friends are addressed with "tu". Everyone else, and an unknown role,
# gets "vous".
ROLES_ADDRESSED_AS_TU = frozenset({"jeune", "ami"})

# Without a role, guidance is the parent text, which speaks to an adult with "vous".
DEFAULT_ROLE = "parent"
DEFAULT_SITUATION = "soupcon"
DEFAULT_TOPIC = "general"

# The value the role question stores when the person declines to answer.
UNSPECIFIED_ROLE = "autre"

LANGUAGES = ("fr", "en")
ENGLISH_BLOCK = "english"

BULLET = "• "
GUIDANCE_LINE_COUNT = (3, 6)
FAQ_LINE_COUNT = (2, 6)

REFERENCE_PATTERN = re.compile(r"\[\[([a-z0-9-]+)\]\]")

SourceUrl = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
Sources = Annotated[tuple[SourceUrl, ...], Field(min_length=1)]


class ContentError(ValueError):
    """A content file is missing, unreadable or has an entry that breaks the schema."""


def check_bullets(text: str, line_count: tuple[int, int]) -> str:
    """Validate a bullet list text and return it without the trailing newline."""
    text = text.strip()
    lines = text.splitlines()
    low, high = line_count
    if not low <= len(lines) <= high:
        raise ValueError(f"has {len(lines)} lines, expected {low} to {high}")

    for number, line in enumerate(lines, start=1):
        if not line.startswith(BULLET):
            raise ValueError(f"line {number} does not start with {BULLET!r}")

    return check_references(text)


def check_references(text: str) -> str:
    """Reject a "[[" that does not open a valid [[resource-id]] reference, and strip the text."""
    if text.count("[[") != len(REFERENCE_PATTERN.findall(text)):
        raise ValueError(
            "contains an invalid [[resource-id]] reference: use lowercase letters, digits and '-'"
        )
    return text.strip()


class GuidanceRecord(BaseModel):
    """One how-to-react text and the role × situation × topic cells it covers."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")]
    roles: Annotated[tuple[Role, ...], Field(min_length=1)]
    situations: Annotated[tuple[Situation, ...], Field(min_length=1)]
    topics: Annotated[tuple[Topic, ...], Field(min_length=1)]
    text: str
    sources: Sources

    @field_validator("text")
    @classmethod
    def text_is_bullet_list(cls, text: str) -> str:
        return check_bullets(text, GUIDANCE_LINE_COUNT)

    @model_validator(mode="after")
    def one_address_form(self) -> GuidanceRecord:
        forms = {role in ROLES_ADDRESSED_AS_TU for role in self.roles}
        if len(forms) > 1:
            raise ValueError("mixes roles addressed with 'tu' (jeune, ami) and with 'vous'")
        return self

    @model_validator(mode="after")
    def danger_starts_with_911(self) -> GuidanceRecord:
        first_line = self.text.splitlines()[0]
        if "danger" in self.situations and "911" not in first_line:
            raise ValueError("covers the danger situation but its first line does not give 911")
        return self


# The guidance entry that actions receive is the validated record itself.
GuidanceEntry = GuidanceRecord


class FaqRecord(BaseModel):
    """One FAQ answer as stored, in both address forms."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: FaqKey
    text_vous: str
    text_tu: str
    sources: Sources

    @field_validator("text_vous", "text_tu")
    @classmethod
    def text_is_bullet_list(cls, text: str) -> str:
        return check_bullets(text, FAQ_LINE_COUNT)


@dataclass(frozen=True)
class FaqEntry:
    """One FAQ answer in the address form that fits the person's role."""

    key: str
    text: str
    sources: tuple[str, ...]


class FrenchMessage(BaseModel):
    """A French message in both address forms."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    vous: str
    tu: str
    sources: Sources

    @field_validator("vous", "tu")
    @classmethod
    def references_are_well_formed(cls, text: str) -> str:
        return check_references(text)


class EnglishMessages(BaseModel):
    """The short English texts for English speakers, by message key."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    texts: dict[str, Annotated[str, StringConstraints(min_length=1)]]
    sources: Sources

    @field_validator("texts")
    @classmethod
    def references_are_well_formed(cls, texts: dict[str, str]) -> dict[str, str]:
        return {key: check_references(text) for key, text in texts.items()}


@dataclass(frozen=True)
class Content:
    """All validated content, with guidance indexed by (role, situation, topic)."""

    guidance: dict[tuple[str, str, str], GuidanceEntry]
    english_guidance: dict[tuple[str, str, str], GuidanceEntry]
    faq: dict[str, FaqRecord]
    french_messages: dict[str, FrenchMessage]
    english_messages: EnglishMessages


def describe_errors(error: ValidationError) -> str:
    """Join pydantic's errors into one line: field path and message, without the input text."""
    parts = []
    for detail in error.errors():
        location = ".".join(str(part) for part in detail["loc"]) or "entry"
        parts.append(f"{location}: {detail['msg']}")
    return "; ".join(parts)


def read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ContentError(f"{path}: invalid YAML: {error}") from error


def read_entry_list(path: Path, model: type[BaseModel], id_field: str) -> list[Any]:
    """Validate every entry of a YAML list; name the file and the entry id on the first error."""
    raw_entries = read_yaml(path)
    if not isinstance(raw_entries, list):
        raise ContentError(f"{path}: expected a list of entries at the top level")

    entries = []
    seen_ids: set[str] = set()
    for position, raw in enumerate(raw_entries, start=1):
        entry_id = raw.get(id_field) if isinstance(raw, dict) else None
        label = repr(entry_id) if entry_id else f"number {position}"
        try:
            entry = model.model_validate(raw)
        except ValidationError as error:
            details = describe_errors(error)
            raise ContentError(f"{path}: invalid entry {label}: {details}") from error

        if entry_id in seen_ids:
            raise ContentError(f"{path}: duplicate {id_field} {entry_id!r}")
        seen_ids.add(entry_id)
        entries.append(entry)

    return entries


def index_guidance(
    path: Path, records: list[GuidanceRecord]
) -> dict[tuple[str, str, str], GuidanceEntry]:
    """Index guidance by cell, rejecting overlaps and a gap in the general topic."""
    index: dict[tuple[str, str, str], GuidanceEntry] = {}
    for record in records:
        cells = itertools.product(record.roles, record.situations, record.topics)
        for cell in cells:
            if cell in index:
                raise ContentError(
                    f"{path}: entries {index[cell].id!r} and {record.id!r} both cover {cell}"
                )
            index[cell] = record

    # select_guidance falls back to the general topic, so every role × situation needs one.
    missing = [(r, s) for r in ROLES for s in SITUATIONS if (r, s, DEFAULT_TOPIC) not in index]
    if missing:
        raise ContentError(f"{path}: missing general guidance for role × situation {missing}")

    return index


def read_messages(path: Path) -> tuple[dict[str, FrenchMessage], EnglishMessages]:
    raw = read_yaml(path)
    if not isinstance(raw, dict) or ENGLISH_BLOCK not in raw:
        raise ContentError(
            f"{path}: expected a mapping of message keys with an {ENGLISH_BLOCK!r} block"
        )

    french: dict[str, FrenchMessage] = {}
    for key, value in raw.items():
        model = EnglishMessages if key == ENGLISH_BLOCK else FrenchMessage
        try:
            parsed = model.model_validate(value)
        except ValidationError as error:
            details = describe_errors(error)
            raise ContentError(f"{path}: invalid message {key!r}: {details}") from error

        if key == ENGLISH_BLOCK:
            english = parsed
        else:
            french[key] = parsed

    return french, english


@functools.cache
def load_content(content_dir: Path = CONTENT_DIR) -> Content:
    """Read and validate guidance.yml, guidance.en.yml, faq.yml and messages.yml, once."""
    guidance_path = content_dir / "guidance.yml"
    english_guidance_path = content_dir / "guidance.en.yml"
    faq_path = content_dir / "faq.yml"
    messages_path = content_dir / "messages.yml"

    guidance = index_guidance(guidance_path, read_entry_list(guidance_path, GuidanceRecord, "id"))
    english_guidance = index_guidance(
        english_guidance_path, read_entry_list(english_guidance_path, GuidanceRecord, "id")
    )

    faq = {record.key: record for record in read_entry_list(faq_path, FaqRecord, "key")}
    missing_keys = sorted(set(FAQ_KEYS) - set(faq))
    if missing_keys:
        raise ContentError(f"{faq_path}: missing FAQ keys {missing_keys}")

    french_messages, english_messages = read_messages(messages_path)

    logger.info(
        "content loaded dir=%s guidance_cells=%d english_guidance_cells=%d faq=%d messages=%d",
        content_dir,
        len(guidance),
        len(english_guidance),
        len(faq),
        len(french_messages),
    )
    return Content(guidance, english_guidance, faq, french_messages, english_messages)


def known_or_default(value: str | None, allowed: tuple[str, ...], default: str, slot: str) -> str:
    """Return the slot value when it is known, else the default (logging an unexpected value)."""
    if value in allowed:
        return value
    if value is not None and not (slot == "role" and value == UNSPECIFIED_ROLE):
        logger.warning("unknown %s slot value %r, using %r", slot, value, default)
    return default


def uses_tu(role: str | None) -> bool:
    return role in ROLES_ADDRESSED_AS_TU


def select_guidance(
    role: str | None, situation: str | None, topic: str | None, language: str = "fr"
) -> GuidanceEntry:
    """Return the most specific guidance: the topic's own entry, else the general one.

    A missing or unknown role gets the parent text ("vous"), a missing situation is a suspicion
    and a missing topic is general. For "en", the entry comes from guidance.en.yml.
    """
    content = load_content()
    role = known_or_default(role, ROLES, DEFAULT_ROLE, "role")
    situation = known_or_default(situation, SITUATIONS, DEFAULT_SITUATION, "situation")
    topic = known_or_default(topic, TOPICS, DEFAULT_TOPIC, "topic")
    language = known_or_default(language, LANGUAGES, "fr", "language")
    index = content.english_guidance if language == "en" else content.guidance

    specific = index.get((role, situation, topic))
    if specific is not None:
        return specific
    return index[(role, situation, DEFAULT_TOPIC)]


def faq_answer(key: str, role: str | None) -> FaqEntry:
    """Return the FAQ answer for `key`, with "tu" for the roles jeune and ami and "vous" otherwise.

    Raises KeyError for an unknown key.
    """
    record = load_content().faq.get(key)
    if record is None:
        raise KeyError(f"FAQ key {key!r} not found. Known keys: {', '.join(FAQ_KEYS)}")

    text = record.text_tu if uses_tu(role) else record.text_vous
    return FaqEntry(key=record.key, text=text, sources=record.sources)


def message(key: str, role: str | None = None, language: str = "fr") -> str:
    """Return a user-facing message: the English text for "en", else French in "tu" or "vous".

    Raises KeyError for a key that has no text in that language.
    """
    content = load_content()
    language = known_or_default(language, LANGUAGES, "fr", "language")

    if language == "en":
        text = content.english_messages.texts.get(key)
        if text is None:
            known = ", ".join(sorted(content.english_messages.texts))
            raise KeyError(f"English message {key!r} not found. Known keys: {known}")
        return text.strip()

    french = content.french_messages.get(key)
    if french is None:
        known = ", ".join(sorted(content.french_messages))
        raise KeyError(f"French message {key!r} not found. Known keys: {known}")
    return french.tu if uses_tu(role) else french.vous


def resource_references(text: str) -> list[str]:
    """Return the resource ids that a text references as [[id]], once each, in text order."""
    return list(dict.fromkeys(REFERENCE_PATTERN.findall(text)))
