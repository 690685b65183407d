"""Find Rasa's event classes by type name without walking the class tree for each event.

The in-memory tracker store keeps each conversation serialised, so Rasa rebuilds the tracker
from its stored events for every message. For each event, `Event.resolve_by_type` lists all
subclasses of Event recursively and checks each for abstract methods. Under load that was
about 4 % of Rasa's time (docs/benchmarks.md). Classes found are now remembered by type name.
A name not found yet still goes through Rasa's search, so event classes imported later are
found as before, and an unknown name raises the same error.
"""

from typing import Dict, Optional, Text, Type

from rasa.shared.core.events import Event


def install_event_type_lookup() -> None:
    """Make Event.resolve_by_type remember the class it found for each type name."""
    search_subclasses = Event.resolve_by_type
    found: Dict[Text, Type[Event]] = {}

    def resolve_remembered(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
        event_class = found.get(type_name)
        if event_class is not None:
            return event_class

        event_class = search_subclasses(type_name, default)
        if event_class is not None and event_class is not default:
            found[type_name] = event_class
        return event_class

    Event.resolve_by_type = staticmethod(resolve_remembered)
