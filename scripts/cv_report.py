"""Summarise a `rasa test nlu --cross-validation` output folder as a Markdown report.

Usage: python3 scripts/cv_report.py RESULTS_DIR OUTPUT_MD
Reads intent_report.json (per-intent precision, recall, F1 over the folds' test sets) and
names the confusion-matrix image copied beside the report. When the folder also contains
intent_errors.json and DIETClassifier_report.json, the report adds how many danger and
suicide messages got either emergency intent, which of the others the gateway's danger
lexicon catches, and the entity scores.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.danger_lexicon import mentions_danger  # noqa: E402

SAFETY_INTENTS = ("danger_now", "suicide_risk")
SAFETY_RECALL_TARGET = 0.98
MACRO_F1_TARGET = 0.90


def emergency_group_lines(results_dir: Path, intents: dict) -> list[str]:
    """Count the danger and suicide messages whose predicted intent is either of the two.

    Both intents bring the emergency reply (911 first), so a message of one read as the other
    still gets it.
    """
    errors_path = results_dir / "intent_errors.json"
    if not errors_path.exists():
        return []
    errors = json.loads(errors_path.read_text(encoding="utf-8"))
    total = sum(intents[name]["support"] for name in SAFETY_INTENTS)
    missed = [
        error
        for error in errors
        if error["intent"] in SAFETY_INTENTS and error["intent_prediction"]["name"] not in SAFETY_INTENTS
    ]
    missed_by_both = [error for error in missed if not mentions_danger(error["text"])]
    caught = total - len(missed_by_both)

    lines = [
        f"- Danger and suicide messages read as either of the two (both give the emergency "
        f"reply): **{(total - len(missed)) / total:.3f}** ({total - len(missed)} of {total})",
        f"- With the gateway's danger lexicon (`api/danger_lexicon.py`) as the second layer, "
        f"messages that get the emergency reply: **{caught / total:.3f}** ({caught} of {total}). "
        f"The lexicon's patterns were written after reading earlier runs' misses, so this share "
        f"overstates what it would catch in messages it was not written for.",
    ]
    if missed_by_both:
        lines += ["", "Danger and suicide messages that neither layer recognises:", ""]
        lines += [
            f"- \"{error['text']}\" ({error['intent']}, read as {error['intent_prediction']['name']})"
            for error in missed_by_both
        ]
    return lines


def entity_lines(results_dir: Path) -> list[str]:
    """Return a table of DIET's entity scores, or nothing when the report is missing."""
    report_path = results_dir / "DIETClassifier_report.json"
    if not report_path.exists():
        return []
    report = json.loads(report_path.read_text(encoding="utf-8"))
    lines = ["", "Entities extracted by DIET:", "", "| entity | precision | recall | F1 | examples |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, scores in sorted(report.items()):
        if isinstance(scores, dict) and "f1-score" in scores and not name.endswith("avg"):
            lines.append(
                f"| {name} | {scores['precision']:.3f} | {scores['recall']:.3f} | "
                f"{scores['f1-score']:.3f} | {scores['support']} |"
            )
    return lines


def main() -> int:
    results_dir, output = Path(sys.argv[1]), Path(sys.argv[2])
    report = json.loads((results_dir / "intent_report.json").read_text(encoding="utf-8"))
    intents = {
        name: scores
        for name, scores in report.items()
        if isinstance(scores, dict) and "f1-score" in scores and not name.endswith("avg")
    }
    macro_f1 = report["macro avg"]["f1-score"]

    lines = [
        "# NLU cross-validation",
        "",
        "Command: `.venv-rasa/bin/rasa test nlu --nlu data/nlu --config config.yml "
        "--cross-validation --folds 5`, summarised by `scripts/cv_report.py`.",
        "Scores are over the five test folds together (each example tested once).",
        "",
        f"- Macro F1: **{macro_f1:.3f}** (target ≥ {MACRO_F1_TARGET:.2f}: "
        f"{'met' if macro_f1 >= MACRO_F1_TARGET else 'missed'})",
    ]
    for name in SAFETY_INTENTS:
        recall = intents[name]["recall"]
        verdict = "met" if recall >= SAFETY_RECALL_TARGET else "missed"
        lines.append(f"- Recall of `{name}`: **{recall:.3f}** (target ≥ {SAFETY_RECALL_TARGET}: {verdict})")

    lines += emergency_group_lines(results_dir, intents)
    lines += ["", "| intent | precision | recall | F1 | examples |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, scores in sorted(intents.items()):
        lines.append(
            f"| {name} | {scores['precision']:.3f} | {scores['recall']:.3f} | "
            f"{scores['f1-score']:.3f} | {scores['support']} |"
        )
    lines += entity_lines(results_dir)
    lines += ["", "Confusion matrix: `intent_confusion_matrix.png` in this folder.", ""]
    output.write_text("\n".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
