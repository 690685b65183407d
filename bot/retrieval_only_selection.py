"""Run the ResponseSelector only on messages classified as a retrieval intent.

The ResponseSelector picks the FAQ answer for messages of the `faq` retrieval intent, and
only actions/faq.py reads its pick, when the intent is `faq`. Rasa still runs its
TensorFlow model on every message. Under load that was about 11 % of Rasa's time (py-spy,
docs/benchmarks.md), spent mostly on messages that are not questions.

Messages of other intents now go through without a `response_selector` entry. Messages of a
retrieval intent get the same pick as before. The intent classifier and the entity extractors
run before the selector in config.yml, so the intent is known when it runs.
"""

from typing import List

from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY
from rasa.shared.nlu.training_data.message import Message


def selects_for(selector: ResponseSelector, message: Message) -> bool:
    """Tell whether the message's intent is one this selector was trained on."""
    intent_name = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
    if selector.retrieval_intent:
        return intent_name == selector.retrieval_intent
    return intent_name in selector.all_retrieval_intents


def install_retrieval_only_selection() -> None:
    """Make ResponseSelector.process skip the messages of non-retrieval intents."""
    select_responses = ResponseSelector.process

    def process_retrieval_messages(self: ResponseSelector, messages: List[Message]) -> List[Message]:
        # The selector sets its pick on each message in place.
        select_responses(self, [message for message in messages if selects_for(self, message)])
        return messages

    ResponseSelector.process = process_retrieval_messages
