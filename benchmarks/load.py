"""Load on the whole assistant: concurrent simulated conversations through POST /api/chat.

Run from the repository root:

    .venv/bin/python benchmarks/load.py                        # own stack, N = 1 5 20 50, 30 s each
    .venv/bin/python benchmarks/load.py --url http://127.0.0.1:8000 --concurrency 5 --duration 10
    .venv/bin/python benchmarks/load.py --concurrency 20 100 --duration 120 --pause 5

Each simulated person holds conversations in a loop until the time is up: an opening that
gives the role and the situation, the answer to the region question (which brings the
referral), then a FAQ question. By default a person sends the next message as soon as the
reply arrives, which measures the stack's capacity. With `--pause S`, people read and type
between messages for S seconds on average (0.5 S to 1.5 S), as real people do. Prints p50/p95/p99
latency per turn, messages per second and the load average. With its own stack it also prints the cold start (process start to the first
chat answer) and the resident memory of each process before and after the runs.

Each conversation writes from its own address of the benchmarking range 198.18.0.0/15, sent
as X-Forwarded-For, so that the gateway's per-IP rate limit counts people apart.
"""

import argparse
import asyncio
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.scenarios.facts import degraded_reply_opening  # noqa: E402
from tests.scenarios.harness import simulated_client_address  # noqa: E402
from tests.stack import Stack, remove_workdir, start_stack  # noqa: E402

REQUEST_TIMEOUT_SECONDS = 60

OPENINGS = [
    "Bonjour, je pense que ma fille de 15 ans se fait exploiter par un gars plus vieux",
    "Je suis enseignante et une élève de 14 ans reçoit des cadeaux d'un adulte, j'ai des doutes",
    "Mon gars de 16 ans revient avec de l'argent qu'il ne peut pas expliquer, je m'inquiète",
    "jai 15 ans pis un gars de 25 ans me demande des photos, jsp quoi faire",
]
REGION_ANSWERS = ["Rimouski", "on habite à Montréal", "Sherbrooke", "chu a gatineau", "Laval", "Lévis"]
FAQ_QUESTIONS = [
    "c'est quoi la DPJ?",
    "est-ce que la personne va savoir que c'est moi qui ai signalé?",
    "quels sont les signes d'exploitation?",
]
TURN_NAMES = ("opening", "region", "faq")


@dataclass
class RunResult:
    """Latencies per turn name (milliseconds) and counts of one load run."""

    concurrency: int
    pause_seconds: float = 0.0
    duration_seconds: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=lambda: {name: [] for name in TURN_NAMES})
    rate_limited: int = 0
    # Replies that the gateway built itself because Rasa or the action server failed.
    degraded: int = 0
    errors: int = 0
    load_average_before: float = 0.0
    load_average_after: float = 0.0

    @property
    def messages(self) -> int:
        return sum(len(samples) for samples in self.latencies.values())


def percentile(samples: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile of the samples."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def send_timed(
    client: httpx.AsyncClient, base_url: str, session_id: str, text: str, address: str
) -> tuple[httpx.Response, float]:
    """Post one chat message and return the response with the latency in milliseconds."""
    started = time.perf_counter()
    response = await client.post(
        base_url + "/api/chat",
        json={"session_id": session_id, "message": text},
        headers={"X-Forwarded-For": address},
    )
    return response, (time.perf_counter() - started) * 1000


def is_degraded(response: httpx.Response) -> bool:
    texts = (message["text"] for message in response.json()["messages"])
    return any(degraded_reply_opening() in text for text in texts)


async def simulated_person(
    client: httpx.AsyncClient,
    base_url: str,
    deadline: float,
    result: RunResult,
    addresses: itertools.count,
    rng: random.Random,
    pause_seconds: float,
) -> None:
    """Hold three-turn conversations until the deadline, each from a new client address.

    After each reply the person pauses for 0.5 to 1.5 times `pause_seconds`, drawn at random
    so that the simulated people do not move in step. With pauses, people also arrive at
    random times within the first pause instead of all at once.
    """
    if pause_seconds:
        await asyncio.sleep(rng.uniform(0.0, pause_seconds))
    while time.monotonic() < deadline:
        session_id = str(uuid.uuid4())
        # A new address per conversation keeps one fast person under the per-IP rate limit.
        address = simulated_client_address(next(addresses))
        turns = zip(
            TURN_NAMES, (rng.choice(OPENINGS), rng.choice(REGION_ANSWERS), rng.choice(FAQ_QUESTIONS))
        )

        for name, text in turns:
            if time.monotonic() >= deadline:
                return
            try:
                response, milliseconds = await send_timed(client, base_url, session_id, text, address)
            except httpx.HTTPError:
                result.errors += 1
                break

            if response.status_code == 429:
                result.rate_limited += 1
                break
            if response.status_code != 200:
                result.errors += 1
                break
            # A degraded reply skips Rasa, so its latency would flatter the run.
            if is_degraded(response):
                result.degraded += 1
                break
            result.latencies[name].append(milliseconds)
            if pause_seconds:
                pause = rng.uniform(0.5 * pause_seconds, 1.5 * pause_seconds)
                await asyncio.sleep(max(0.0, min(pause, deadline - time.monotonic())))


async def run_load(
    base_url: str,
    concurrency: int,
    duration_seconds: float,
    seed: int,
    addresses: itertools.count,
    pause_seconds: float = 0.0,
) -> RunResult:
    """Run `concurrency` simulated people against the gateway for `duration_seconds`.

    `addresses` numbers the simulated client addresses, shared by the runs so that no address
    comes back within the gateway's one-minute rate-limit window.
    """
    result = RunResult(
        concurrency=concurrency, pause_seconds=pause_seconds, load_average_before=os.getloadavg()[0]
    )
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    rng = random.Random(seed)

    async with httpx.AsyncClient(timeout=REQUEST_TIMEOUT_SECONDS, limits=limits) as client:
        started = time.monotonic()
        deadline = started + duration_seconds
        await asyncio.gather(
            *(
                simulated_person(
                    client, base_url, deadline, result, addresses, random.Random(rng.random()), pause_seconds
                )
                for _ in range(concurrency)
            )
        )
        result.duration_seconds = time.monotonic() - started

    result.load_average_after = os.getloadavg()[0]
    return result


def latency_row(label: str, samples: list[float]) -> str:
    if not samples:
        return f"| {label} | 0 | — | — | — | — |"
    return (
        f"| {label} | {len(samples)} | {percentile(samples, 0.50):,.0f} ms | "
        f"{percentile(samples, 0.95):,.0f} ms | {percentile(samples, 0.99):,.0f} ms | "
        f"{statistics.fmean(samples):,.0f} ms |"
    )


def format_run(result: RunResult) -> str:
    """Return one run as a Markdown table with a summary line."""
    lines = [
        f"N = {result.concurrency}, pause {result.pause_seconds:g} s: "
        f"{result.messages} messages in {result.duration_seconds:.1f} s, "
        f"{result.messages / result.duration_seconds:.1f} messages/s, "
        f"{result.rate_limited} rate-limited (HTTP 429), {result.degraded} degraded replies, "
        f"{result.errors} errors; "
        f"load average {result.load_average_before:.1f} before, {result.load_average_after:.1f} after",
        "",
        "| turn | messages | p50 | p95 | p99 | mean |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines.extend(latency_row(name, result.latencies[name]) for name in TURN_NAMES)
    every_turn = [sample for samples in result.latencies.values() for sample in samples]
    lines.append(latency_row("all turns", every_turn))
    return "\n".join(lines)


def resident_memory(stack: Stack) -> dict[str, int]:
    """Return the resident set size in bytes of each stack process and its children."""
    sizes = {}
    for name, process in stack.processes.items():
        root = psutil.Process(process.pid)
        sizes[name] = sum(member.memory_info().rss for member in [root, *root.children(recursive=True)])
    return sizes


def format_memory(sizes: dict[str, int]) -> str:
    parts = [f"{name} {size / 2**20:,.0f} MiB" for name, size in sizes.items()]
    return f"Resident memory: {', '.join(parts)}; total {sum(sizes.values()) / 2**30:.2f} GiB"


def first_answer_seconds(base_url: str, started: float) -> float:
    """Send one chat message and return the seconds from `started` to its answer."""
    response = httpx.post(
        base_url + "/api/chat",
        json={"session_id": str(uuid.uuid4()), "message": "Bonjour"},
        headers={"X-Forwarded-For": simulated_client_address(0)},
        timeout=REQUEST_TIMEOUT_SECONDS,
    )
    response.raise_for_status()
    return time.monotonic() - started


def run_all(
    base_url: str, concurrencies: list[int], duration_seconds: float, seed: int, pause_seconds: float
) -> None:
    # Address 0 belongs to the cold-start message.
    addresses = itertools.count(1)
    for concurrency in concurrencies:
        result = asyncio.run(run_load(base_url, concurrency, duration_seconds, seed, addresses, pause_seconds))
        print(format_run(result), end="\n\n", flush=True)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="base URL of a running gateway (default: start a stack)")
    parser.add_argument(
        "--concurrency", type=int, nargs="+", default=[1, 5, 20, 50],
        help="numbers of simulated people, one run each (default: 1 5 20 50)",
    )
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per run (default: 30)")
    parser.add_argument("--seed", type=int, default=7, help="random seed for the message choice")
    parser.add_argument(
        "--pause", type=float, default=0.0,
        help="mean seconds a person reads and types between messages (default: 0, no pause)",
    )
    return parser.parse_args()


def main() -> None:
    arguments = parse_arguments()
    if arguments.url:
        run_all(arguments.url.rstrip("/"), arguments.concurrency, arguments.duration, arguments.seed, arguments.pause)
        return

    workdir = Path(tempfile.mkdtemp(prefix="ensemble-load-"))
    started = time.monotonic()
    stack = start_stack(workdir)
    try:
        healthy_seconds = time.monotonic() - started
        answer_seconds = first_answer_seconds(stack.gateway_url, started)
        print(
            f"Cold start: healthy after {healthy_seconds:.1f} s, first chat answer after "
            f"{answer_seconds:.1f} s (database seeding included)"
        )
        print(format_memory(resident_memory(stack)), end="\n\n", flush=True)

        run_all(stack.gateway_url, arguments.concurrency, arguments.duration, arguments.seed, arguments.pause)
        print(format_memory(resident_memory(stack)) + " (after the runs)")
    finally:
        stack.stop_all()
        remove_workdir(workdir)


if __name__ == "__main__":
    main()
