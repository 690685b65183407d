"""Measure a full garbage collection in the Rasa process and in the gateway, before and after freezing.

Run from the repository root, once with each environment:
    .venv-rasa/bin/python benchmarks/gc_pause.py rasa [--model models]
    .venv/bin/python benchmarks/gc_pause.py gateway
`rasa` loads the model as bot/rasa_server.py does. `gateway` loads what the gateway's start-up
loads (fixed replies, language detector). Each prints the objects the collector tracks, the
time of one full collection (`gc.collect(2)`), the same after `gc.freeze()`, and the
process's resident memory split into private (`RssAnon`) and file-backed (`RssFile`) pages.
"""

import argparse
import asyncio
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def load_rasa_model(model_path: str) -> object:
    """Load and return the agent, which must stay referenced for its objects to stay alive."""
    from rasa.core.agent import Agent, load_agent

    from bot.inference_loading import install_inference_only_loading
    from bot.lean_spacy import install_lean_spacy_loading

    install_inference_only_loading()
    install_lean_spacy_loading()

    async def load_and_parse() -> Agent:
        agent = await load_agent(model_path=model_path)
        await agent.parse_message("je pense que ma fille se fait exploiter")
        return agent

    return asyncio.run(load_and_parse())


def load_gateway() -> None:
    import api.main  # noqa: F401
    from api.fixed_replies import fixed_replies
    from api.language import detector

    fixed_replies()
    detector()


def full_collection_milliseconds() -> float:
    started = time.perf_counter()
    gc.collect(2)
    return (time.perf_counter() - started) * 1000


def resident_memory_mib() -> dict[str, float]:
    """Return VmRSS, RssAnon and RssFile of this process in MiB, from /proc/self/status."""
    sizes = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "RssAnon", "RssFile"):
            sizes[name] = int(value.split()[0]) / 1024
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("process", choices=["rasa", "gateway"], help="which process's objects to load")
    parser.add_argument("--model", default="models", help="model file or folder for `rasa` (default: models)")
    arguments = parser.parse_args()

    if arguments.process == "rasa":
        agent = load_rasa_model(arguments.model)
    else:
        load_gateway()

    # The first collection also frees the garbage of loading, so the second one is the steady cost.
    gc.collect(2)
    tracked = len(gc.get_objects())
    before = full_collection_milliseconds()
    gc.freeze()
    after = full_collection_milliseconds()
    memory = ", ".join(f"{name} {size:,.0f} MiB" for name, size in resident_memory_mib().items())

    print(f"{arguments.process}: {tracked:,} tracked objects; full collection {before:.1f} ms, "
          f"{after:.1f} ms after gc.freeze() ({gc.get_freeze_count():,} frozen); {memory}")
    if arguments.process == "rasa":
        # Referenced until here, so that the model's objects were alive while measured.
        del agent


if __name__ == "__main__":
    main()
