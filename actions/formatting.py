"""Format resource-database services as chat messages with tel: links.

Messages use a small Markdown subset that the chat page renders safely: **bold**,
[label](tel:…) links and line breaks.
"""

import re

from resources_db.matching import PhoneInfo, ServiceMatch

REFERENCE_PATTERN = re.compile(r"\[\[([a-z0-9-]+)\]\]")


def phone_link(phone: PhoneInfo) -> str:
    """Return one phone number as a Markdown link to its tel: or sms: URI."""
    return f"[{phone.number}]({phone.tel_uri})"


def phone_line(phone: PhoneInfo) -> str:
    """Return the label, the linked number and the hours of one phone."""
    hours = f" ({phone.hours})" if phone.hours else ""
    return f"{phone.label} : {phone_link(phone)}{hours}"


def service_message(service: ServiceMatch, verified_label: str) -> str:
    """Format a service: its name, phones, website, optional note and verification date.

    `verified_label` is the French "last verified" wording from the domain, with a `{date}`
    placeholder, so that no user-facing sentence lives in this module.
    """
    lines = [f"**{service.name}**"]
    lines.extend(phone_line(phone) for phone in service.phones)
    if service.website:
        lines.append(f"[{service.website}]({service.website})")
    if service.note:
        lines.append(service.note)
    lines.append(verified_label.format(date=service.last_verified.isoformat()))
    return "\n".join(lines)


def short_reference(service: ServiceMatch) -> str:
    """Return a service's name with its first phone, as used inside guidance text."""
    if not service.phones:
        return service.name
    return f"{service.name} ({phone_link(service.phones[0])})"


def fill_references(
    text: str,
    services: dict[str, ServiceMatch],
    dpj: ServiceMatch | None,
    dpj_fallback: str,
) -> str:
    """Replace each [[resource-id]] of a content text with the service's name and phone.

    `[[dpj]]` stands for the region's DPJ, or `dpj_fallback` (the domain's wording, in "tu" or
    "vous") when the region is unknown. A reference to a service missing from the database
    becomes its plain id, so that no phone number is ever made up.
    """

    def replace(match: re.Match) -> str:
        resource_id = match.group(1)
        service = dpj if resource_id == "dpj" else services.get(resource_id)
        if service is None:
            return dpj_fallback if resource_id == "dpj" else resource_id
        return short_reference(service)

    return REFERENCE_PATTERN.sub(replace, text)
