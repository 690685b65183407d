"""Parse training examples with the full ResponseSelector, then with bot.retrieval_only_selection.

Run by tests/integration/test_retrieval_only_selection.py with the Rasa environment's Python
(.venv-rasa). Prints one JSON object on its last line.

    .venv-rasa/bin/python tests/integration/retrieval_selection_probe.py models
"""

import asyncio
import json
import sys
from pathlib import Path

from rasa.core.agent import load_agent

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))

from bot.inference_loading import install_inference_only_loading  # noqa: E402
from bot.nlu_examples import load_examples  # noqa: E402
from bot.retrieval_only_selection import install_retrieval_only_selection  # noqa: E402

EVERY = 10


def summary(parsed: dict) -> dict:
    """What the dialogue and the actions read from a parse."""
    return {
        "intent": parsed["intent"]["name"],
        "confidence": round(parsed["intent"]["confidence"], 6),
        "entities": sorted((entity["entity"], str(entity.get("value"))) for entity in parsed["entities"]),
        "selections": parsed.get("response_selector", {}),
    }


async def main(model_path: str) -> dict:
    install_inference_only_loading()
    texts = [text for text, _intent in load_examples()[::EVERY]]

    # Rasa's graph keeps the component methods it found at loading, hence two agents.
    full_agent = await load_agent(model_path=model_path)
    full = [summary(await full_agent.parse_message(text)) for text in texts]
    install_retrieval_only_selection()
    lean_agent = await load_agent(model_path=model_path)
    lean = [summary(await lean_agent.parse_message(text)) for text in texts]

    faq_pairs = [(f, l) for f, l in zip(full, lean) if f["intent"] == "faq"]
    other_pairs = [(f, l) for f, l in zip(full, lean) if f["intent"] != "faq"]
    without_selections = lambda parse: {key: value for key, value in parse.items() if key != "selections"}  # noqa: E731
    return {
        "faq_messages": len(faq_pairs),
        "other_messages": len(other_pairs),
        "faq_same_parse": all(f == l for f, l in faq_pairs),
        "faq_with_selection": sum(1 for _f, l in faq_pairs if l["selections"]),
        "other_same_intent_and_entities": all(without_selections(f) == without_selections(l) for f, l in other_pairs),
        "other_with_selection": sum(1 for _f, l in other_pairs if l["selections"]),
        "other_with_selection_before": sum(1 for f, _l in other_pairs if f["selections"]),
        "example_other_selections": other_pairs[0][1]["selections"] if other_pairs else None,
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "models"))))
