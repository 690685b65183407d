"""Train, save and reload bot.intent_ensemble.TfidfIntentEnsemble, then print what it decided.

Run by tests/unit/test_intent_ensemble.py with the Rasa environment's Python (.venv-rasa), as
`python intent_ensemble_probe.py WORK_DIR`. Prints one JSON object on its last line.
"""

import json
import sys
from pathlib import Path

import skops.io as sio
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bot.intent_ensemble import MODEL_FILE, TfidfIntentEnsemble  # noqa: E402

EXAMPLES = {
    "greet": ["bonjour", "allo", "salut", "bonsoir", "hello", "bonjour à vous"],
    "danger_now": [
        "il est devant chez nous", "au secours il me frappe", "il me tient enfermée",
        "aide moi vite il arrive", "je suis enfermée dans une chambre", "il me menace avec un couteau",
    ],
    "goodbye": ["bye", "bonne nuit", "à plus", "ciao", "au revoir", "je dois y aller"],
}
EMERGENCY_FACTOR = 3.0
# DIET's ranking as Rasa passes it on: sure of greet, wrong about a danger message.
DIET_RANKING = [
    {"name": "greet", "confidence": 0.6},
    {"name": "danger_now", "confidence": 0.3},
    {"name": "goodbye", "confidence": 0.1},
]


def training_data() -> TrainingData:
    return TrainingData(
        [Message.build(text=text, intent=intent) for intent, texts in EXAMPLES.items() for text in texts]
    )


def parse(component: TfidfIntentEnsemble, text: str, diet_ranking: list[dict] | None) -> dict:
    message = Message.build(text=text)
    if diet_ranking is not None:
        message.set("intent_ranking", [dict(entry) for entry in diet_ranking])
    component.process([message])
    return {"intent": message.get("intent"), "ranking": message.get("intent_ranking")}


def main(work_dir: Path) -> None:
    (work_dir / "storage").mkdir()
    storage = LocalModelStorage(work_dir / "storage")
    resource = Resource("intent_ensemble")
    context = ExecutionContext(GraphSchema({}), "probe")

    trained = TfidfIntentEnsemble.create({}, storage, resource, context)
    trained.train(training_data())
    loaded = TfidfIntentEnsemble.load({}, storage, resource, context)

    text = "au secours il me frappe"
    tfidf_alone = dict(zip(loaded.model.classes_, loaded.model.predict_proba([text])[0].tolist()))
    facts = {
        "tfidf_alone": tfidf_alone,
        "trained_parse": parse(trained, text, DIET_RANKING),
        "loaded_parse": parse(loaded, text, DIET_RANKING),
        "without_diet": parse(loaded, text, None),
    }

    favoured = TfidfIntentEnsemble.load({"emergency_factor": EMERGENCY_FACTOR}, storage, resource, context)
    facts["favoured_parse"] = parse(favoured, text, DIET_RANKING)

    weighted = TfidfIntentEnsemble.create({"emergency_class_weight": 2.0}, storage, Resource("weighted"), context)
    weighted.train(training_data())
    facts["class_weight"] = weighted.model.steps[-1][1].class_weight

    # A saved model with a type skops does not trust must not load.
    with storage.write_to(resource) as model_dir:
        sio.dump({"callable": print}, model_dir / MODEL_FILE)
    try:
        TfidfIntentEnsemble.load({}, storage, resource, context)
        facts["untrusted_load"] = "loaded"
    except TypeError as error:
        facts["untrusted_load"] = type(error).__name__

    print(json.dumps(facts))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
