"""Resolve every Rasa event type name before and after bot.event_type_lookup, and compare.

Run by tests/unit/test_event_type_lookup.py with the Rasa environment's Python (.venv-rasa).
Prints one JSON object on its last line.
"""

import json
import sys
from pathlib import Path

from rasa.shared.core.events import ActionExecuted, Event, UserUttered
from rasa.shared.utils.common import all_subclasses

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bot.event_type_lookup import install_event_type_lookup  # noqa: E402


def unknown_name_error() -> str:
    try:
        Event.resolve_by_type("no_such_event")
    except ValueError as error:
        return str(error)
    return ""


type_names = sorted({event_class.type_name for event_class in all_subclasses(Event)})
before = {name: Event.resolve_by_type(name).__name__ for name in type_names}
error_before = unknown_name_error()

install_event_type_lookup()
# Twice: the first call searches and remembers, the second returns what it remembered.
first = {name: Event.resolve_by_type(name).__name__ for name in type_names}
second = {name: Event.resolve_by_type(name).__name__ for name in type_names}
rebuilt = Event.from_parameters({"event": "user", "text": "allo", "parse_data": {"intent": {"name": "greet"}}})

print(json.dumps({
    "type_names": len(type_names),
    "same_classes": before == first == second,
    "user_class": second.get("user"),
    "same_unknown_name_error": bool(error_before) and unknown_name_error() == error_before,
    "default_for_unknown": Event.resolve_by_type("no_such_event", ActionExecuted) is ActionExecuted,
    "rebuilt_user_event": isinstance(rebuilt, UserUttered) and rebuilt.text == "allo",
}))
