"""Redact personal data from log text: names, emails, phone numbers, addresses, postal codes.

The gateway and the action server log ids, intents, slot names and durations, never message
text. This module is the second line of defence for text that still reaches a log, for example
an exception message that quotes a value. It covers French and English forms used in Québec.

Only the standard library is used, because the action server imports it as well.
"""

import logging
import re

# Session ids are random UUIDs that logs need, and their digit groups could look like numbers.
UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# The name after "je m'appelle", "mon nom est", "my name is"…: one word, then up to two more
# capitalised ones ("Marie-Ève Tremblay"), so that "je m'appelle julie pis…" keeps "pis".
NAME_INTRODUCTION = re.compile(
    r"""
    (?P<lead>
        \b(?:je\s*|j['’]?\s*)m['’]?\s*appel+e?s?\b     # je m'appelle, jm'appelle, jmappelle
      | \b(?:il|elle|on|iel|qui|y|a)\s+s['’]?\s*appel+e?s?\b   # il s'appelle, elle s'appelle
      | \b(?:mon|son|ton)\s+nom\s+(?:est|c['’]?\s*est|cest)\b
      | \bmoi\s+c['’]?\s*est\b
      | \bmy\s+name\s+is\b | \bmy\s+name['’]s\b
      | \b(?:his|her|their)\s+name\s+is\b
      | \bi\s+am\s+called\b | \bi['’]?m\s+called\b | \bcall\s+me\b
    )
    (?P<gap>[\s:,]+)
    (?P<name>[^\W\d_][\w'’-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]*){0,2})
    """,
    re.IGNORECASE | re.VERBOSE,
)
# The optional part of the name must be capitalised, which IGNORECASE would defeat.
CAPITALISED_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]*")

STREET_TYPES_FRENCH = (
    r"rue|avenue|av\.?|boulevard|boul\.?|bd|chemin|ch\.|rang|route|place|mont[ée]e|c[ôo]te"
    r"|croissant|impasse|all[ée]e|promenade|terrasse|carr[ée]|square|autoroute|rte"
)
STREET_TYPES_ENGLISH = (
    r"street|st\.?|avenue|ave\.?|road|rd\.?|drive|dr\.?|lane|ln\.?|boulevard|blvd\.?|court|ct\.?"
    r"|crescent|cres\.?|way|place|pl\.?|circle|terrace"
)
# "1234, rue Saint-Denis Est", "12B av. du Parc", "app. 4, 560 boul. Crémazie".
STREET_ADDRESS_FRENCH = re.compile(
    rf"(?:(?:\b(?:app(?:artement)?|apt|unit[ée])\.?|#)\s*\d+\w?\s*[,-]?\s*)?"
    rf"\b\d{{1,6}}[a-z]?\s*,?\s+(?:{STREET_TYPES_FRENCH})(?=[\s,])"
    rf"(?:\s+[\w'’.-]+){{1,4}}",
    re.IGNORECASE,
)
# "123 Main Street", "4500 Sherbrooke St. W", "apt 3, 12 Elm Rd".
STREET_ADDRESS_ENGLISH = re.compile(
    rf"(?:(?:\b(?:apt|apartment|unit|suite)\.?|#)\s*\d+\w?\s*[,-]?\s*)?"
    rf"\b\d{{1,6}}[a-z]?\s+(?:[\w'’.-]+\s+){{1,3}}?(?:{STREET_TYPES_ENGLISH})(?![\w])"
    rf"(?:\s+(?:north|south|east|west|n|s|e|w)\b\.?)?",
    re.IGNORECASE,
)

# Canadian postal codes ("H2X 1Y4", "h2x1y4"): the letters D, F, I, O, Q, U never occur, and
# W and Z never start a code.
POSTAL_CODE = re.compile(
    r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][\s-]?\d[ABCEGHJ-NPRSTV-Z]\d\b", re.IGNORECASE
)

# A run of digits with the separators people type in phone numbers; how many digits it has
# decides below whether it is a phone number.
DIGIT_RUN = re.compile(r"(?<![\w.])\+?\(?\d[\d\s().-]{5,}\d(?![\w])")
SEVEN_DIGIT_LOCAL = re.compile(r"\d{3}[\s.-]\d{4}")

REPLACEMENTS = {
    "email": "[email]",
    "name": "[name]",
    "address": "[address]",
    "postal_code": "[postal-code]",
    "phone": "[phone]",
    "number": "[number]",
}


def redact_names(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        words = match.group("name").split()
        kept = [words[0]]
        for word in words[1:]:
            if not CAPITALISED_WORD.fullmatch(word):
                break
            kept.append(word)
        rest = match.group("name")[len(" ".join(kept)) :]
        return match.group("lead") + match.group("gap") + REPLACEMENTS["name"] + rest

    return NAME_INTRODUCTION.sub(replace, text)


def classify_digit_run(run: str) -> str | None:
    """Return "phone" or "number" for a run of digits worth hiding, else None.

    Phone numbers: 10 digits (North American), 11 starting with 1, 7 written as "555-1234", or
    "+" and 8 to 15 digits (E.164). Other runs of 9 digits or more (social insurance, card,
    file numbers) are hidden as numbers. Shorter runs, dates ("2026-12-04") and durations stay.
    """
    digits = re.sub(r"\D", "", run)
    if run.startswith("+") and 8 <= len(digits) <= 15:
        return "phone"
    if len(digits) == 10 or (len(digits) == 11 and digits.startswith("1")):
        return "phone"
    if len(digits) == 7 and SEVEN_DIGIT_LOCAL.fullmatch(run.strip()):
        return "phone"
    if len(digits) >= 9:
        return "number"
    return None


def redact_digit_runs(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        run = match.group(0)
        kind = classify_digit_run(run)
        return REPLACEMENTS[kind] if kind else run

    return DIGIT_RUN.sub(replace, text)


def redact(text: str) -> str:
    """Return `text` with personal data replaced by markers such as "[phone]" and "[name]".

    UUIDs (session ids) are kept as they are. Redacting twice gives the same text.
    """
    protected: list[str] = []

    def protect(match: re.Match[str]) -> str:
        protected.append(match.group(0))
        return f"\x00{len(protected) - 1}\x00"

    text = UUID.sub(protect, text)

    text = EMAIL.sub(REPLACEMENTS["email"], text)
    text = redact_names(text)
    text = STREET_ADDRESS_FRENCH.sub(REPLACEMENTS["address"], text)
    text = STREET_ADDRESS_ENGLISH.sub(REPLACEMENTS["address"], text)
    text = POSTAL_CODE.sub(REPLACEMENTS["postal_code"], text)
    text = redact_digit_runs(text)

    return re.sub(r"\x00(\d+)\x00", lambda match: protected[int(match.group(1))], text)


class RedactionFilter(logging.Filter):
    """Logging filter that redacts a record's message, traceback and stack in place.

    It never drops a record. Install it on handlers: a filter on a logger receives only the records
    logged to that very logger, not those propagated from its children.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            # Arguments that do not match the format string: keep the format string only.
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None

        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
