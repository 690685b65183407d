"""The action server: one module per concern, thin over resources_db.

rasa-sdk registers every Action subclass it finds in the imported modules, so each module
with actions is imported here. rasa-sdk has configured logging by the time it imports this
package, so installing the redaction filter here covers the action server's log handlers.
"""

from api.logging_config import install_redaction_filter

install_redaction_filter()

from actions import (  # noqa: E402, F401
    conversation,
    emergency,
    faq,
    referral,
    region_question,
    slot_mappings,
    unclear,
)
