"""Measure resolve_place latency on a fixed mix of about 1,000 queries.

    .venv/bin/python benchmarks/places_bench.py [--rounds 5]

The mix is drawn with a fixed seed from the gazetteer itself: exact municipality and locality
names, accentless and "St-" spellings, sentences around a name, typos, postal codes, FSAs and
unknown text. Prints the index build time, then p50/p95/p99 per query over all rounds.
"""

import argparse
import csv
import random
import statistics
import sys
import time
import unicodedata
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from resources_db.places import resolve_place  # noqa: E402  (needs the sys.path line above)
from resources_db.places.index import get_index  # noqa: E402

GEO_DIR = REPO_ROOT / "resources_db" / "data" / "geo"
SEED = 20261204
SENTENCE_TEMPLATES = ["je reste proche de {}", "dans le coin de {}", "on habite à {}", "chu à {}", "pres de {}"]
UNKNOWN_TEXTS = ["asdf", "pizza", "la lune", "je sais pas", "Toronto", "non merci", "chez nous", "qwerty uiop"]


def read_names(file_name: str, column: str) -> list[str]:
    with (GEO_DIR / file_name).open(encoding="utf-8", newline="") as csv_file:
        return [row[column] for row in csv.DictReader(csv_file)]


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def swap_two_letters(text: str, rng: random.Random) -> str:
    if len(text) < 4:
        return text
    position = rng.randrange(1, len(text) - 2)
    return text[:position] + text[position + 1] + text[position] + text[position + 2:]


def build_queries() -> list[str]:
    """Return the fixed query mix (same list on every run)."""
    rng = random.Random(SEED)
    municipalities = read_names("municipalities.csv", "name")
    localities = read_names("localities.csv", "name")
    fsas = sorted(set(read_names("fsa.csv", "fsa")))

    queries = rng.sample(municipalities, 300)
    queries += rng.sample(localities, 150)
    queries += [strip_accents(name).lower().replace("Saint-", "St-") for name in rng.sample(municipalities, 100)]
    queries += [rng.choice(SENTENCE_TEMPLATES).format(name) for name in rng.sample(municipalities, 150)]
    queries += [swap_two_letters(name, rng) for name in rng.sample(municipalities, 100)]
    queries += [f"{fsa} {rng.randrange(10)}{rng.choice('ABCEGHJ')}{rng.randrange(10)}" for fsa in rng.sample(fsas, 100)]
    queries += rng.sample(fsas, 50)
    queries += [rng.choice(UNKNOWN_TEXTS) for _ in range(50)]
    rng.shuffle(queries)
    return queries


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure resolve_place latency per query.")
    parser.add_argument("--rounds", type=int, default=5, help="times each query is resolved (default 5)")
    arguments = parser.parse_args()

    started = time.perf_counter()
    get_index()
    build_seconds = time.perf_counter() - started

    queries = build_queries()
    durations_ms = []
    for _ in range(arguments.rounds):
        for query in queries:
            query_started = time.perf_counter()
            resolve_place(query)
            durations_ms.append((time.perf_counter() - query_started) * 1000)

    percentiles = statistics.quantiles(durations_ms, n=100)
    print(f"index build: {build_seconds * 1000:.0f} ms")
    print(f"queries: {len(queries)} x {arguments.rounds} rounds = {len(durations_ms)} calls")
    print(f"p50: {percentiles[49]:.3f} ms  p95: {percentiles[94]:.3f} ms  p99: {percentiles[98]:.3f} ms  max: {max(durations_ms):.3f} ms")


if __name__ == "__main__":
    main()
