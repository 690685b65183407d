"""Validate action server responses with one validator built at start-up.

Rasa 3.6.21 checks every action server response with `jsonschema.validate`
(`RemoteAction._validate_action_result`), which first validates the schema itself against
its meta-schema. The schema never changes, yet that check took most of the validation time.
On the 2-core benchmark machine a call took 2.6 ms with jsonschema 3.2.0 and 45 to 56 ms with
4.17.3, and a turn makes two to four action calls (docs/benchmarks.md).
Here the schema is checked once and one validator object serves every call: a response is
still validated against the same schema, and an invalid one still raises
`jsonschema.ValidationError`. A call then took 0.26 ms (benchmarks/action_validation_bench.py).
"""

from typing import Any

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


def install_cached_action_result_validator() -> None:
    """Replace RemoteAction._validate_action_result by one that reuses a single validator."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        error = exceptions.best_match(validator.iter_errors(result))
        if error is None:
            return True
        # The same hint as Rasa's own method adds to the message.
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            "from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error

    RemoteAction._validate_action_result = validate_action_result
