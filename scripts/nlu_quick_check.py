"""Score the NLU training data in under a minute with a simple classifier, and list its confusions.

A 5-fold cross-validation of DIET took about 50 minutes on 2 cores. This check trains a
scikit-learn logistic regression on TF-IDF character (2-4) and word (1-2) n-grams over the
same kind of folds. On this project's data its macro F1 has been 3 to 6 points above DIET's
and has moved the same way, so it shows quickly whether a data change helps, and which
examples sit between two intents. It is a tool for editing data: the committed scores come from
`rasa test nlu --cross-validation` (docs/evaluation/).

Run with Rasa's environment, which has scikit-learn, from the repository root:
    .venv-rasa/bin/python scripts/nlu_quick_check.py                  # per-intent scores
    .venv-rasa/bin/python scripts/nlu_quick_check.py --show goodbye   # errors involving one intent
    .venv-rasa/bin/python scripts/nlu_quick_check.py --show all       # every error
"""

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report, f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline, make_union

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.nlu_examples import load_examples  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", metavar="INTENT", help="list the errors where INTENT is the truth or the guess ('all': every error)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the fold split (default: 0)")
    parser.add_argument("--C", type=float, default=10.0, help="inverse regularisation strength (default: 10)")
    parser.add_argument(
        "--emergency-weight", type=float, default=1.0,
        help="class weight of danger_now and suicide_risk (default: 1)",
    )
    args = parser.parse_args()

    examples = load_examples()
    texts = [text for text, _intent in examples]
    intents = np.array([intent for _text, intent in examples])
    # cross_val_predict numbers the intents in sorted order before fitting for probabilities,
    # so the class weights are keyed by those numbers.
    labels = list(np.unique(intents))
    class_weight = {number: 1.0 for number in range(len(labels))}
    for intent in ("danger_now", "suicide_risk"):
        class_weight[labels.index(intent)] = args.emergency_weight

    model = make_pipeline(
        make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
        ),
        LogisticRegression(C=args.C, class_weight=class_weight, max_iter=3000),
    )
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=args.seed)
    probabilities = cross_val_predict(model, texts, intents, cv=folds, method="predict_proba")
    guesses = np.unique(intents)[probabilities.argmax(axis=1)]

    print(classification_report(intents, guesses, digits=3))
    print(f"macro F1: {f1_score(intents, guesses, average='macro'):.3f} over {len(texts)} examples")

    if args.show:
        for text, truth, guess, row in zip(texts, intents, guesses, probabilities):
            if truth != guess and args.show in ("all", truth, guess):
                print(f"{truth:20s} -> {guess:20s} {row.max():.2f} | {text}")


if __name__ == "__main__":
    main()
