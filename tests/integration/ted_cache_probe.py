"""Run the test stories through the trained model with TED's prediction cache, and check it.

Every TED prediction is computed twice: through the cache (bot.ted_prediction_cache) and by
the model itself. The stories run twice, so that the second pass meets states the first one
cached. Run by tests/integration/test_ted_prediction_cache.py with the Rasa environment's
Python (.venv-rasa); prints one JSON object on its last line.

    .venv-rasa/bin/python tests/integration/ted_cache_probe.py models
"""

import asyncio
import json
import sys
from pathlib import Path

from rasa.core.agent import load_agent
from rasa.core.policies.ted_policy import TEDPolicy
from rasa.core.test import test as run_test_stories

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))

from bot.inference_loading import install_inference_only_loading  # noqa: E402
from bot.lean_spacy import install_lean_spacy_loading  # noqa: E402
from bot.ted_prediction_cache import install_ted_prediction_cache, prediction_cache_of  # noqa: E402

STORY_FILES = ["tests/stories/test_stories.yml", "data/stories/stories.yml"]
PASSES = 2

predict_with_model = TEDPolicy.predict_action_probabilities
install_inference_only_loading()
install_lean_spacy_loading()
install_ted_prediction_cache()
predict_with_cache = TEDPolicy.predict_action_probabilities

comparisons: list[dict] = []
policies: list[TEDPolicy] = []


def predict_both_ways(self, tracker, domain, rule_only_data=None, precomputations=None, **kwargs):
    """Predict through the cache, and record how it compares with the model's own prediction."""
    cache = prediction_cache_of(self)
    hits_before = cache.hits
    through_cache = predict_with_cache(self, tracker, domain, rule_only_data, precomputations, **kwargs)
    from_model = predict_with_model(self, tracker, domain, rule_only_data, precomputations, **kwargs)

    if self not in policies:
        policies.append(self)
    comparisons.append({
        "from_cache": cache.hits > hits_before,
        "max_difference": max(
            abs(a - b) for a, b in zip(through_cache.probabilities, from_model.probabilities)
        ),
        "same_length": len(through_cache.probabilities) == len(from_model.probabilities),
        "same_end_to_end": through_cache.is_end_to_end_prediction == from_model.is_end_to_end_prediction,
        "same_events": through_cache.optional_events == from_model.optional_events,
    })
    return through_cache


async def main(model_path: str) -> dict:
    TEDPolicy.predict_action_probabilities = predict_both_ways
    agent = await load_agent(model_path=model_path)
    for _ in range(PASSES):
        for story_file in STORY_FILES:
            await run_test_stories(str(REPO_ROOT / story_file), agent, disable_plotting=True, errors=False)

    cached_keys = [key for policy in policies for key in prediction_cache_of(policy).keys()]
    from_cache = [comparison for comparison in comparisons if comparison["from_cache"]]
    return {
        "predictions": len(comparisons),
        "from_cache": len(from_cache),
        "cached_entries": len(cached_keys),
        "max_difference_from_cache": max((c["max_difference"] for c in from_cache), default=None),
        "all_same_shape": all(c["same_length"] and c["same_end_to_end"] and c["same_events"] for c in comparisons),
        "cached_keys_text": repr(cached_keys),
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "models"))))
