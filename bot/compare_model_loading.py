"""Check that inference-only loading gives the same NLU results as Rasa's own loading.

Loads the model the original way, parses sample messages, then loads it again through
bot.inference_loading and parses them again. Prints a JSON report with the number of
messages compared and the ones whose intent, confidence (4 decimals), entities or FAQ key
differ. Exit status 1 when any differs.

    .venv-rasa/bin/python -m bot.compare_model_loading --model models [--every 5]
"""

import argparse
import asyncio
import json
import sys

from rasa.core.agent import load_agent

from bot.inference_loading import install_inference_only_loading
from bot.nlu_examples import load_examples


def sample_messages(every: int) -> list[str]:
    """Return every `every`-th training example of data/nlu, with entity marks removed."""
    return [text for text, _intent in load_examples()[::every]]


async def parse_all(model_path: str, messages: list[str]) -> list[dict]:
    agent = await load_agent(model_path=model_path)
    results = []
    for message in messages:
        parsed = await agent.parse_message(message)
        faq = parsed.get("response_selector", {}).get("faq", {}).get("response", {})
        results.append({
            "text": message,
            "intent": parsed["intent"]["name"],
            "confidence": round(parsed["intent"]["confidence"], 4),
            "entities": sorted((entity["entity"], str(entity.get("value"))) for entity in parsed["entities"]),
            "faq_key": faq.get("intent_response_key"),
        })
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models", help="model file or folder (default: models)")
    parser.add_argument("--every", type=int, default=5, help="parse every N-th training example (default: 5)")
    args = parser.parse_args()

    messages = sample_messages(args.every)
    original = asyncio.run(parse_all(args.model, messages))
    install_inference_only_loading()
    inference_only = asyncio.run(parse_all(args.model, messages))

    differences = [
        {"original": before, "inference_only": after}
        for before, after in zip(original, inference_only)
        if before != after
    ]
    print(json.dumps({"compared": len(messages), "differences": differences}, ensure_ascii=False))
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
