"""The action server: one module per concern, thin over resources_db.

rasa-sdk registers every Action subclass it finds in the imported modules, so each module
with actions is imported here.
"""

from actions import (  # noqa: F401
    conversation,
    emergency,
    faq,
    referral,
    region_question,
    slot_mappings,
)
