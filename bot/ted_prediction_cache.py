"""Reuse TED's next-action predictions for dialogue states it has already seen.

TEDPolicy runs its TensorFlow model for every action Rasa predicts, two to four times a turn,
and that per-call overhead was the largest share of Rasa's time under load
(docs/benchmarks.md, "Where the time goes"). Its input is only the last `max_history` dialogue
states: intent names, entity types, featurized slot values, the previous action and the
active loop. The user's text is removed from these states unless TED was trained end to end,
which this project's stories are not. The same states therefore always give the same
prediction, and this dialogue, driven by a form and rules, reaches few distinct states.

The cache keys on those states, so it keeps no message text and no slot value that the policy
would not already see as a number. The end-to-end case, where the text does matter, bypasses
the cache.
"""

from collections import OrderedDict
from typing import Any, Dict, Hashable, List, Optional, Text

from rasa.core.featurizers.precomputation import MessageContainerForCoreFeaturization
from rasa.core.policies.policy import PolicyPrediction, SupportedData
from rasa.core.policies.ted_policy import TEDPolicy
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import TEXT

# The test stories reach 42 distinct states, so the bound matters only if the dialogue grows.
MAX_ENTRIES = 4096


class PredictionCache:
    """A bounded map from frozen dialogue states to TED predictions, least recently used out."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self.hits = 0
        self._entries: "OrderedDict[Hashable, PolicyPrediction]" = OrderedDict()

    def get(self, key: Hashable) -> Optional[PolicyPrediction]:
        prediction = self._entries.get(key)
        if prediction is None:
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return prediction

    def put(self, key: Hashable, prediction: PolicyPrediction) -> None:
        self._entries[key] = prediction
        self._entries.move_to_end(key)
        if len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def keys(self) -> list[Hashable]:
        return list(self._entries)


CACHE_ATTRIBUTE = "_ensemble_quebec_prediction_cache"


def prediction_cache_of(policy: TEDPolicy) -> PredictionCache:
    """Return the policy's own cache, so that a reloaded model starts with an empty one."""
    cache = getattr(policy, CACHE_ATTRIBUTE, None)
    if cache is None:
        cache = PredictionCache()
        setattr(policy, CACHE_ATTRIBUTE, cache)
    return cache


def freeze(value: Any) -> Hashable:
    """Turn nested states (dicts, lists, tuples of strings and numbers) into a hashable key."""
    if isinstance(value, dict):
        return tuple(sorted((key, freeze(item)) for key, item in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(freeze(item) for item in value)
    return value


def uses_user_text(policy: TEDPolicy, tracker: DialogueStateTracker) -> bool:
    """Tell whether TED featurizes the text of the last message, which the states do not carry."""
    if policy.only_e2e:
        return True
    return tracker.latest_action_name == ACTION_LISTEN_NAME and TEXT in policy.fake_features


def states_key(
    policy: TEDPolicy,
    tracker: DialogueStateTracker,
    domain: Domain,
    rule_only_data: Optional[Dict[Text, Any]],
) -> Hashable:
    """Freeze the states TED featurizes, with the same options as TEDPolicy's own call."""
    ml_data_only = policy.supported_data() == SupportedData.ML_DATA
    states: List[List[Dict]] = policy.featurizer.prediction_states(
        [tracker],
        domain,
        use_text_for_last_user_input=False,
        ignore_rule_only_turns=ml_data_only,
        rule_only_data=rule_only_data,
        ignore_action_unlikely_intent=ml_data_only,
    )
    return freeze(states)


def copy_prediction(prediction: PolicyPrediction) -> PolicyPrediction:
    """Give each caller its own confidences list, since the ensemble may change it in place."""
    return PolicyPrediction(
        list(prediction.probabilities),
        prediction.policy_name,
        prediction.policy_priority,
        prediction.events,
        prediction.optional_events,
        prediction.is_end_to_end_prediction,
        prediction.is_no_user_prediction,
        prediction.diagnostic_data,
        action_metadata=prediction.action_metadata,
    )


def install_ted_prediction_cache() -> None:
    """Make TEDPolicy.predict_action_probabilities return cached predictions when it can."""
    predict_with_model = TEDPolicy.predict_action_probabilities

    def predict_with_cache(
        self: TEDPolicy,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        precomputations: Optional[MessageContainerForCoreFeaturization] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        if self.model is None or uses_user_text(self, tracker):
            return predict_with_model(self, tracker, domain, rule_only_data, precomputations, **kwargs)

        cache = prediction_cache_of(self)
        key = states_key(self, tracker, domain, rule_only_data)
        cached = cache.get(key)
        if cached is not None:
            return copy_prediction(cached)

        prediction = predict_with_model(self, tracker, domain, rule_only_data, precomputations, **kwargs)
        cache.put(key, copy_prediction(prediction))
        return prediction

    TEDPolicy.predict_action_probabilities = predict_with_cache
