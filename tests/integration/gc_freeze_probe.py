"""Load the model through Rasa's start-up hook with bot.gc_freeze installed, then count objects.

Run by tests/integration/test_gc_freeze.py with the Rasa environment's Python (.venv-rasa).
Prints one JSON object on its last line.

    .venv-rasa/bin/python tests/integration/gc_freeze_probe.py models
"""

import asyncio
import gc
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import rasa.core.run
from rasa.core.utils import AvailableEndpoints

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))

from bot.gc_freeze import install_gc_freeze_after_model_load  # noqa: E402
from bot.inference_loading import install_inference_only_loading  # noqa: E402


async def main(model_path: str) -> dict:
    install_inference_only_loading()
    install_gc_freeze_after_model_load()
    # Rasa's hook stores the agent on the Sanic app's context and reads nothing else of the app.
    app = SimpleNamespace(ctx=SimpleNamespace())
    agent = await rasa.core.run.load_agent_on_start(
        model_path, AvailableEndpoints(), None, app, asyncio.get_running_loop()
    )
    parsed = await agent.parse_message("je pense que ma fille se fait exploiter")
    return {
        "agent_on_app": app.ctx.agent is agent,
        "parsed_intent": parsed["intent"]["name"],
        "frozen": gc.get_freeze_count(),
        "still_tracked": len(gc.get_objects()),
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "models"))))
