"""Validation of phone numbers and their tel:/sms: URIs.

Accepted: NANP numbers that libphonenumber (the `phonenumbers` package) rates valid, the
Québec voice short codes 911, 811, 211 and 988, and 5- or 6-digit short codes (such as 686868
or 535353) for text messages only.
"""

import re
from dataclasses import dataclass

import phonenumbers

VOICE_SHORT_CODES = frozenset({"911", "811", "211", "988"})
PHONE_TYPES = frozenset({"voice", "text"})

# Digits with the usual separators only: vanity numbers such as "1 866 APPELLE" are rejected
# because the bot shows the number as stored.
DISPLAY_FORM = re.compile(r"^\+?[0-9][0-9 ().-]*[0-9]$")
TEXT_SHORT_CODE = re.compile(r"^[0-9]{5,6}$")


class InvalidPhoneError(ValueError):
    """A phone number that is not a valid NANP number or an accepted short code."""


@dataclass(frozen=True)
class ParsedPhone:
    dial_string: str  # "+18004639009" for NANP numbers, the digits for short codes
    is_short_code: bool


def normalize_phone_type(kind: str) -> str:
    """Map the seed's "sms" to the HSDS phone type "text"; reject other unknown types."""
    normalized = "text" if kind == "sms" else kind
    if normalized not in PHONE_TYPES:
        raise InvalidPhoneError(f"invalid phone kind {kind!r}: expected voice, text or sms")
    return normalized


def parse_phone(number: str, phone_type: str) -> ParsedPhone:
    """Validate a display-form number for a phone type ("voice" or "text")."""
    stripped = number.strip()
    if not DISPLAY_FORM.match(stripped):
        raise InvalidPhoneError(
            f"invalid phone number {number!r}: use digits, spaces and hyphens only"
        )

    digits = re.sub(r"[^0-9]", "", stripped)
    if digits in VOICE_SHORT_CODES:
        return ParsedPhone(dial_string=digits, is_short_code=True)

    if TEXT_SHORT_CODE.match(digits):
        if phone_type != "text":
            raise InvalidPhoneError(
                f"invalid phone number {number!r}: a 5- or 6-digit short code "
                "is accepted only for text messages (kind sms)"
            )
        return ParsedPhone(dial_string=digits, is_short_code=True)

    try:
        parsed = phonenumbers.parse(stripped, "CA")
    except phonenumbers.NumberParseException as error:
        raise InvalidPhoneError(f"invalid phone number {number!r}: {error}") from error

    if parsed.country_code != 1 or not phonenumbers.is_valid_number(parsed):
        raise InvalidPhoneError(
            f"invalid phone number {number!r}: not a valid North American (NANP) number"
        )

    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return ParsedPhone(dial_string=e164, is_short_code=False)


def phone_uri(dial_string: str, phone_type: str) -> str:
    """Build the link for a stored number: tel:+1… or tel:911 for calls, sms:… for texts."""
    scheme = "sms" if phone_type == "text" else "tel"
    return f"{scheme}:{dial_string}"
