"""Blend DIET's intent confidences with those of a TF-IDF logistic regression.

DIET learns from 3,400 examples spread over 22 intents, and its intent scores suffer where
people write the same idea with different spellings: joual, SMS style, no accents. A logistic
regression over character and word n-grams reads those variants well, and the two models make
different mistakes. On a holdout split, the average of their confidences was more accurate
than either one (docs/evaluation/README.md gives the holdout and cross-validation numbers).

The component goes after DIETClassifier in config.yml. DIET keeps extracting the entities.
"""

import logging
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

logger = logging.getLogger(__name__)

MODEL_FILE = "tfidf_intent_model.skops"
EMERGENCY_INTENTS = ("danger_now", "suicide_risk")

# skops trusts scikit-learn's own types, and the TF-IDF transformer also stores its weights as
# a SciPy sparse matrix. Any other type in the file stops the load.
TRUSTED_TYPES = ["scipy.sparse._csr.csr_matrix"]


def favour_emergencies(confidences: np.ndarray, intents: list[str], factor: float) -> np.ndarray:
    """Multiply the confidences of the emergency intents by `factor` and normalise them again."""
    if factor == 1.0:
        return confidences

    scaled = np.array(confidences, dtype=float)
    for position, intent in enumerate(intents):
        if intent in EMERGENCY_INTENTS:
            scaled[..., position] *= factor
    return scaled / scaled.sum(axis=-1, keepdims=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TfidfIntentEnsemble(IntentClassifier, GraphComponent):
    """Intent classifier that averages its own TF-IDF model with the intents DIET ranked."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # Share of the TF-IDF model in the blended confidence. DIET has the rest.
            "tfidf_weight": 0.7,
            # Inverse regularisation strength of the logistic regression.
            "C": 30.0,
            # Weight of danger_now and suicide_risk examples in the logistic regression. Values
            # above 1 make a doubtful message lean towards the emergency reply.
            "emergency_class_weight": 1.0,
            # Factor on the blended confidences of danger_now and suicide_risk before they are
            # normalised again. Missing an emergency costs more than a needless 911 line, so
            # values above 1 move the decision towards the emergency intents.
            "emergency_factor": 1.0,
            "ranking_length": 10,
            "random_seed": 42,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Pipeline | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.model = model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TfidfIntentEnsemble":
        return cls(config, model_storage, resource)

    def new_model(self, intents: list[str]) -> Pipeline:
        n_grams = make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
        )
        class_weight = {intent: 1.0 for intent in intents}
        for intent in EMERGENCY_INTENTS:
            if intent in class_weight:
                class_weight[intent] = self.config["emergency_class_weight"]

        regression = LogisticRegression(
            C=self.config["C"],
            class_weight=class_weight,
            max_iter=3000,
            random_state=self.config["random_seed"],
        )
        return make_pipeline(n_grams, regression)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [
            message for message in training_data.intent_examples
            if message.get(TEXT) and message.get(INTENT)
        ]
        if not examples:
            logger.warning("TfidfIntentEnsemble: no intent examples in the training data, so DIET's intents are kept")
            return self._resource

        texts = [message.get(TEXT) for message in examples]
        intents = [message.get(INTENT) for message in examples]
        self.model = self.new_model(sorted(set(intents)))
        self.model.fit(texts, intents)
        self.persist()
        return self._resource

    def persist(self) -> None:
        import skops.io as sio

        with self._model_storage.write_to(self._resource) as model_dir:
            sio.dump(self.model, model_dir / MODEL_FILE)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "TfidfIntentEnsemble":
        import skops.io as sio

        try:
            with model_storage.read_from(resource) as model_dir:
                model = sio.load(model_dir / MODEL_FILE, trusted=TRUSTED_TYPES)
        except ValueError:
            # Rasa raises ValueError when the resource was never written, as after training without examples.
            logger.warning("TfidfIntentEnsemble: saved model not found, so DIET's intents are kept")
            model = None
        return cls(config, model_storage, resource, model)

    def process(self, messages: list[Message]) -> list[Message]:
        if self.model is None:
            return messages

        texts = [message.get(TEXT) or "" for message in messages]
        probabilities = self.model.predict_proba(texts)
        intents = list(self.model.classes_)

        for message, tfidf_confidences in zip(messages, probabilities):
            blended = self.blend(tfidf_confidences, intents, message.get(INTENT_RANKING_KEY) or [])
            self.set_intent(message, intents, blended)
        return messages

    def blend(self, tfidf_confidences: np.ndarray, intents: list[str], diet_ranking: list[dict]) -> np.ndarray:
        """Average the two models' confidences, then scale the emergency intents' share.

        Without DIET's ranking, the TF-IDF model decides alone.
        """
        if diet_ranking:
            diet_by_intent = {entry["name"]: entry["confidence"] for entry in diet_ranking}
            diet_confidences = np.array([diet_by_intent.get(intent, 0.0) for intent in intents])
            weight = self.config["tfidf_weight"]
            blended = weight * tfidf_confidences + (1 - weight) * diet_confidences
        else:
            blended = tfidf_confidences

        return favour_emergencies(blended, intents, self.config["emergency_factor"])

    def set_intent(self, message: Message, intents: list[str], confidences: np.ndarray) -> None:
        order = np.argsort(-confidences)
        ranking = [{"name": intents[i], "confidence": float(confidences[i])} for i in order]
        message.set(INTENT, ranking[0], add_to_output=True)

        if self.config["ranking_length"] > 0:
            ranking = ranking[: self.config["ranking_length"]]
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
