"""Read the text of a domain response, for wording that actions combine with data."""

from rasa_sdk.types import DomainDict


def response_text(domain: DomainDict, name: str, tone: str | None = None, language: str | None = "fr") -> str:
    """Return the text of a response: the first variation whose conditions the tone and language meet.

    Variations of these responses are conditioned on the `tone` slot ("tu" or "vous") and the
    `language` slot ("fr" or "en"). The unconditioned variation is the French default.
    """
    slots = {"tone": tone, "language": language or "fr"}
    variations = (domain.get("responses") or {}).get(name) or []
    default = ""
    for variation in variations:
        conditions = variation.get("condition") or []
        if not conditions:
            default = default or variation.get("text", "")
            continue
        if all(c.get("name") in slots and c.get("value") == slots[c.get("name")] for c in conditions):
            return variation.get("text", "")
    if not default:
        raise KeyError(f"response {name!r} has no unconditioned text variation in the domain")
    return default
