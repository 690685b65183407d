"""Time match_services and search_services on a synthetic 10,000-service SQLite database.

Run: .venv/bin/python benchmarks/db_bench.py [--services 10000] [--queries 300]
The synthetic services copy the seed entries with new ids, spread over the 17 regions, so
the DPJ routing and the vocabularies are the real ones. Prints p50/p95 in milliseconds.
The first match after the import is timed apart: it builds the in-memory candidate snapshot
that later matches reuse (resources_db/candidates.py).
"""

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from resources_db.engine import build_engine, session_scope  # noqa: E402
from resources_db.importer import DEFAULT_SEED_FILE, import_resources  # noqa: E402
from resources_db.matching import MatchRequest, match_services  # noqa: E402
from resources_db.records import REGION_CODES  # noqa: E402
from resources_db.migrations import upgrade_to_head  # noqa: E402
from resources_db.search import search_services  # noqa: E402

SEARCH_WORDS = ["calacs", "agression", "dpj", "ligne écoute", "jeunes", "sextorsion", "hébergement", "police"]


def synthetic_seed(service_count: int, rng: random.Random) -> dict:
    """Return the seed plus copies of its entries up to service_count, with regions reassigned."""
    seed = json.loads(DEFAULT_SEED_FILE.read_text(encoding="utf-8"))
    originals = seed["organizations"]
    copies = []
    for index in range(service_count - len(originals)):
        entry = dict(rng.choice(originals))
        entry["id"] = f"synthetic-{index:05d}"
        entry["regions"] = rng.sample(REGION_CODES, k=1) if rng.random() < 0.95 else ["all"]
        copies.append(entry)
    return {**seed, "organizations": originals + copies}


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def time_calls(call, count: int) -> list[float]:
    durations = []
    for _ in range(count):
        start = time.perf_counter()
        call()
        durations.append((time.perf_counter() - start) * 1000)
    return durations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=10_000, help="number of services in the database")
    parser.add_argument("--queries", type=int, default=300, help="timed calls per function")
    args = parser.parse_args()
    rng = random.Random(42)

    with tempfile.TemporaryDirectory() as folder:
        seed_file = Path(folder) / "synthetic.json"
        seed_file.write_text(json.dumps(synthetic_seed(args.services, rng), ensure_ascii=False), encoding="utf-8")
        engine = build_engine(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        upgrade_to_head(engine)

        start = time.perf_counter()
        report = import_resources(engine, seed_file)
        import_seconds = time.perf_counter() - start
        assert report.committed, report.errors[:3]

        # One session per call, as the action server opens one per request.
        def one_match() -> None:
            request = MatchRequest(
                region=rng.choice(REGION_CODES),
                role=rng.choice(["parent", "jeune", "ami", "intervenant"]),
                situation=rng.choice(["soupcon", "situation_averee", "danger"]),
                urgent=rng.random() < 0.3,
            )
            with session_scope(engine) as session:
                match_services(session, request)

        def one_search() -> None:
            with session_scope(engine) as session:
                search_services(session, rng.choice(SEARCH_WORDS), region=rng.choice(REGION_CODES))

        first_match_ms = time_calls(one_match, 1)[0]
        match_ms = time_calls(one_match, args.queries)
        search_ms = time_calls(one_search, args.queries)
        engine.dispose()

    print(f"services: {args.services}, import: {import_seconds:.1f} s, calls per function: {args.queries}")
    print(f"first match after the import (builds the candidate snapshot): {first_match_ms:.1f} ms")
    for name, samples in (("match_services", match_ms), ("search_services", search_ms)):
        print(
            f"{name}: p50 {statistics.median(samples):.1f} ms, p95 {percentile(samples, 0.95):.1f} ms, "
            f"max {max(samples):.1f} ms"
        )


if __name__ == "__main__":
    main()
