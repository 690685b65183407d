"""Read the NLU training examples of data/nlu as plain text with their intents."""

import re
from pathlib import Path

import yaml

NLU_FOLDER = Path(__file__).resolve().parent.parent / "data" / "nlu"
ANNOTATION = re.compile(r"\[([^\]]+)\](\{[^}]*\}|\([^)]*\))")


def load_examples() -> list[tuple[str, str]]:
    """Return (text, intent) pairs in file order, entity marks removed and FAQ keys merged into "faq"."""
    examples = []
    for path in sorted(NLU_FOLDER.glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if "intent" not in block:
                continue
            intent = block["intent"].split("/")[0]
            for line in block["examples"].splitlines():
                line = line.strip()
                if line.startswith("- "):
                    examples.append((ANNOTATION.sub(r"\1", line[2:]).strip(), intent))
    return examples
