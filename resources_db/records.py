"""The validated form of one resource entry, shared by the JSON and CSV formats.

A ResourceRecord has the fields of an entry of data/resources/resources.json. Validation
rejects what the bot must never show: a malformed phone number or URL, an unknown region
code or taxonomy term, a missing name, description or label.
"""

import re
from datetime import date
from urllib.parse import urlsplit

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from resources_db.phones import InvalidPhoneError, normalize_phone_type, parse_phone

REGION_CODES = tuple(f"{number:02d}" for number in range(1, 18))
# Seed region keys: the 17 region codes, "all" (province-wide) and two parts of region 10.
REGION_KEYS = frozenset(REGION_CODES) | {"all", "nunavik", "eeyou"}
NORD_DU_QUEBEC_AREAS = ("nunavik", "eeyou")

VOCABULARIES: dict[str, frozenset[str]] = {
    "audience": frozenset(
        {"parents", "jeunes", "intervenants", "grand_public", "victimes", "autochtones", "anglophones"}
    ),
    "situation": frozenset(
        {
            "urgence", "soupcon", "information", "situation_averee", "cyber", "signalement",
            "accompagnement_judiciaire", "therapie", "hebergement",
        }
    ),
    "service_type": frozenset(
        {
            "police", "ecoute", "accompagnement", "signalement", "retrait_images", "prevention",
            "juridique", "therapie", "hebergement", "formation",
        }
    ),
}
# Record field holding each vocabulary's terms.
VOCABULARY_FIELDS = {"audience": "audiences", "situation": "situations", "service_type": "service_types"}

KINDS = frozenset({"ligne_provinciale", "federal", "police", "public", "autochtone", "communautaire"})
CONFIDENCE_LEVELS = frozenset({"high", "medium", "low"})

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Dates as pages print them: a year, a month, a day, or a span of years ("2021-2022").
SEEN_TEXT_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-\d{4})?$")


def check_http_url(value: str) -> str:
    """Reject anything but an absolute http(s) URL with a host; keep the text unchanged."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise ValueError(f"invalid URL {value!r}: expected an absolute http:// or https:// URL")
    return value


def check_non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def check_region_key(value: str) -> str:
    if value not in REGION_KEYS:
        raise ValueError(f"unknown region code {value!r}: expected 01..17, all, nunavik or eeyou")
    return value


def term_checker(vocabulary: str):
    """Build the validator of one term of a vocabulary."""

    def check_term(value: str) -> str:
        if value not in VOCABULARIES[vocabulary]:
            raise ValueError(f"unknown {vocabulary} {value!r}: expected one of {sorted(VOCABULARIES[vocabulary])}")
        return value

    return check_term


# Item-level types, so that an error names the list index ("regions.2"), which the CSV reader
# maps back to a line.
RegionKey = Annotated[str, AfterValidator(check_region_key)]
Audience = Annotated[str, AfterValidator(term_checker("audience"))]
Situation = Annotated[str, AfterValidator(term_checker("situation"))]
ServiceType = Annotated[str, AfterValidator(term_checker("service_type"))]


class PhoneRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # kind comes first because pydantic validates fields in this order and the number check
    # needs the kind: short codes such as 686868 are valid for text messages only.
    kind: str = "voice"  # "voice", or "sms"/"text" for text messages (stored as "text")
    number: str
    label: str
    hours: str | None = None
    toll_free: bool = False

    _check_label = field_validator("label")(check_non_blank)

    @field_validator("kind")
    @classmethod
    def check_kind(cls, value: str) -> str:
        try:
            return normalize_phone_type(value)
        except InvalidPhoneError as error:
            raise ValueError(str(error)) from error

    @field_validator("number")
    @classmethod
    def check_number(cls, value: str, info) -> str:
        if "kind" not in info.data:
            return value  # the kind is invalid and already reported
        try:
            parse_phone(value, info.data["kind"])
        except InvalidPhoneError as error:
            raise ValueError(str(error)) from error
        return value.strip()

    @property
    def dial_string(self) -> str:
        return parse_phone(self.number, self.kind).dial_string


class SourceRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str
    seen_text_date: str | None = None

    _check_url = field_validator("url")(check_http_url)

    @field_validator("seen_text_date")
    @classmethod
    def check_seen_text_date(cls, value: str | None) -> str | None:
        if value is not None and not SEEN_TEXT_DATE.match(value):
            raise ValueError(
                f"invalid seen_text_date {value!r}: expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-YYYY"
            )
        return value


class ResourceRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    kind: str
    description_fr: str
    website: str | None = None
    email: str | None = None
    phones: list[PhoneRecord] = Field(default_factory=list)
    regions: list[RegionKey] = Field(min_length=1)
    city: str | None = None
    audiences: list[Audience] = Field(default_factory=list)
    situations: list[Situation] = Field(default_factory=list)
    service_types: list[ServiceType] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=lambda: ["fr"])
    hours: str | None = None
    anonymous: bool | None = None
    sources: list[SourceRecord] = Field(default_factory=list)
    confidence: str
    conflicts: str | None = None
    # The seed entries have no such field: the JSON reader fills in the file's compiled_on.
    last_verified: date

    _check_text = field_validator("name", "description_fr")(check_non_blank)

    @field_validator("id")
    @classmethod
    def check_id(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError(f"invalid id {value!r}: use lowercase letters, digits and hyphens")
        return value

    @field_validator("kind")
    @classmethod
    def check_kind(cls, value: str) -> str:
        if value not in KINDS:
            raise ValueError(f"unknown kind {value!r}: expected one of {sorted(KINDS)}")
        return value

    @field_validator("website")
    @classmethod
    def check_website(cls, value: str | None) -> str | None:
        return None if value is None else check_http_url(value)

    @field_validator("email")
    @classmethod
    def check_email(cls, value: str | None) -> str | None:
        if value is not None and not EMAIL.match(value):
            raise ValueError(f"invalid email address {value!r}")
        return value

    @field_validator("audiences", "situations", "service_types")
    @classmethod
    def check_unique_terms(cls, values: list[str], info) -> list[str]:
        if len(set(values)) != len(values):
            raise ValueError(f"duplicate term in {info.field_name}: {values}")
        return values

    @field_validator("languages")
    @classmethod
    def check_languages(cls, values: list[str]) -> list[str]:
        invalid = [value for value in values if not LANGUAGE_CODE.match(value)]
        if invalid:
            raise ValueError(f"invalid language code {invalid[0]!r}: expected ISO 639-1 (fr, en…)")
        return values

    @field_validator("confidence")
    @classmethod
    def check_confidence(cls, value: str) -> str:
        if value not in CONFIDENCE_LEVELS:
            raise ValueError(f"invalid confidence {value!r}: expected high, medium or low")
        return value


def describe_validation_error(error: ValidationError) -> list[str]:
    """Turn pydantic's error list into one line per problem: "phones.0.number: invalid …"."""
    messages = []
    for item in error.errors():
        field_path = ".".join(str(part) for part in item["loc"]) or "entry"
        message = item["msg"].removeprefix("Value error, ")
        messages.append(f"{field_path}: {message}")
    return messages
