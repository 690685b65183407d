"""Choose the weights of bot.intent_ensemble on a holdout split, from DIET's own rankings.

The blend needs DIET's confidences on messages it was not trained on. The script reads them
from an NLU model trained without the ensemble on the training part of a split. Then it scores
each candidate setting on the test part. Steps, from the repository root (about 10 minutes on
2 cores, most of it for the DIET model):

    .venv-rasa/bin/rasa data split nlu -u data/nlu --training-fraction 0.8 --random-seed 42 --out var/split
    .venv-rasa/bin/python scripts/tune_intent_ensemble.py --write-config var/split/config.yml
    .venv-rasa/bin/rasa train nlu --nlu var/split/training_data.yml --config var/split/config.yml \
        --out var/split --fixed-model-name diet
    .venv-rasa/bin/python scripts/tune_intent_ensemble.py --split var/split

The second command writes config.yml without the ensemble, the response selector and the
fallback, and with DIET ranking every intent.
"""

import argparse
import asyncio
import json
import sys
from pathlib import Path

import numpy as np
import yaml
from sklearn.metrics import f1_score, recall_score

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.intent_ensemble import TfidfIntentEnsemble, favour_emergencies  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
DROPPED_COMPONENTS = ("bot.intent_ensemble.TfidfIntentEnsemble", "ResponseSelector", "FallbackClassifier")
WEIGHTS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 1.0)
REGULARISATIONS = (10.0, 30.0)
EMERGENCY_FACTORS = (1.0, 1.5, 2.0, 3.0, 4.0)
SAFETY_INTENTS = ["danger_now", "suicide_risk"]


def write_diet_config(path: Path) -> None:
    config = yaml.safe_load((REPO_ROOT / "config.yml").read_text(encoding="utf-8"))
    pipeline = [step for step in config["pipeline"] if step["name"] not in DROPPED_COMPONENTS]
    for step in pipeline:
        if step["name"] == "DIETClassifier":
            step["ranking_length"] = 0
    config["pipeline"] = pipeline
    config.pop("policies", None)
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def intent_examples(path: Path) -> list[tuple[str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data

    return [
        (message.get("text"), message.get("intent"))
        for message in load_data(str(path)).intent_examples
        if message.get("text") and message.get("intent")
    ]


def diet_rankings(model_path: Path, texts: list[str], cache: Path) -> list[dict[str, float]]:
    """Parse every text with the DIET model once. Later runs read the cached rankings."""
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))

    from rasa.core.agent import Agent

    agent = Agent.load(str(model_path))

    async def parse_all() -> list[dict[str, float]]:
        rankings = []
        for text in texts:
            parsed = await agent.parse_message(text)
            rankings.append({entry["name"]: entry["confidence"] for entry in parsed["intent_ranking"]})
        return rankings

    rankings = asyncio.run(parse_all())
    cache.write_text(json.dumps(rankings), encoding="utf-8")
    return rankings


def score(truth: np.ndarray, guesses: np.ndarray) -> str:
    safety_recall = recall_score(truth, guesses, labels=SAFETY_INTENTS, average=None)
    is_emergency = np.isin(truth, SAFETY_INTENTS)
    guessed_emergency = np.isin(guesses, SAFETY_INTENTS)
    return (
        f"macro F1 {f1_score(truth, guesses, average='macro'):.3f}  "
        f"recall danger_now {safety_recall[0]:.3f}  suicide_risk {safety_recall[1]:.3f}  "
        f"emergencies missed {int((is_emergency & ~guessed_emergency).sum())}  "
        f"false emergencies {int((~is_emergency & guessed_emergency).sum())}"
    )


def tune(split: Path, emergency_class_weight: float) -> None:
    train = intent_examples(split / "training_data.yml")
    test = intent_examples(split / "test_data.yml")
    test_texts = [text for text, _intent in test]
    truth = np.array([intent for _text, intent in test])
    diet = diet_rankings(split / "diet.tar.gz", test_texts, split / "diet_rankings.json")
    print(f"{len(train)} training and {len(test)} test examples")

    for regularisation in REGULARISATIONS:
        component = TfidfIntentEnsemble({"C": regularisation, "emergency_class_weight": emergency_class_weight}, None, None)
        train_intents = [intent for _, intent in train]
        model = component.new_model(sorted(set(train_intents))).fit([text for text, _ in train], train_intents)
        intents = list(model.classes_)
        tfidf = model.predict_proba(test_texts)
        diet_matrix = np.array([[ranking.get(intent, 0.0) for intent in intents] for ranking in diet])

        for weight in WEIGHTS:
            for factor in EMERGENCY_FACTORS:
                blended = favour_emergencies(weight * tfidf + (1 - weight) * diet_matrix, intents, factor)
                guesses = np.array(intents)[blended.argmax(axis=1)]
                print(
                    f"C={regularisation:<5} tfidf_weight={weight:.1f} emergency_factor={factor:.1f}  "
                    f"{score(truth, guesses)}"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-config", type=Path, help="write the DIET-only configuration to this path and stop")
    parser.add_argument("--split", type=Path, help="folder with training_data.yml, test_data.yml and diet.tar.gz")
    parser.add_argument("--emergency-class-weight", type=float, default=1.5, help="class weight of the emergency intents")
    args = parser.parse_args()

    if args.write_config:
        write_diet_config(args.write_config)
    elif args.split:
        tune(args.split, args.emergency_class_weight)
    else:
        parser.error("give --write-config or --split")


if __name__ == "__main__":
    main()
