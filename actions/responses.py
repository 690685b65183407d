"""Read the text of a domain response, for wording that actions combine with data."""

from rasa_sdk.types import DomainDict


def response_text(domain: DomainDict, name: str, tone: str | None = None) -> str:
    """Return the text of a response, the variation conditioned on the tone when it has one.

    The variations of these responses differ only by the `tone` slot ("tu" or "vous"); the
    unconditioned variation is the default.
    """
    variations = (domain.get("responses") or {}).get(name) or []
    default = ""
    for variation in variations:
        conditions = variation.get("condition") or []
        if not conditions:
            default = default or variation.get("text", "")
            continue
        if all(c.get("name") == "tone" and c.get("value") == tone for c in conditions):
            return variation.get("text", "")
    if not default:
        raise KeyError(f"response {name!r} has no unconditioned text variation in the domain")
    return default
