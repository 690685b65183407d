"""Turn an action's unexpected failure into the gateway's fixed emergency reply.

Without this, an action that raises leaves Rasa to answer on its own, which reads like a
misunderstanding ("Je n'ai pas bien compris") and hides the failure from the person. The
decorated action logs the error and sends `{"degraded": true}`; the gateway answers that with
its fixed message (911, Info-Social 811, youth lines), whose numbers come from the database.
"""

import functools
import logging

logger = logging.getLogger(__name__)

DEGRADED_SIGNAL = {"degraded": True}


def degrade_on_failure(run):
    """Wrap an Action.run so that an exception sends the degraded signal instead."""

    @functools.wraps(run)
    async def guarded(self, dispatcher, tracker, domain):
        try:
            return await run(self, dispatcher, tracker, domain)
        except Exception:
            logger.exception("action failed action=%s sender=%s", self.name(), tracker.sender_id)
            dispatcher.utter_message(json_message=DEGRADED_SIGNAL)
            return []

    return guarded
