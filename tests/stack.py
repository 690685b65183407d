"""Start the real assistant for tests: Rasa, the action server and the gateway on test ports.

Each process gets the trained model, a seeded SQLite resource database in a temporary folder
and its own ports, so tests never touch a running `make run`.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
# Rasa loads TensorFlow, spaCy and the model: about a minute on an idle 2-core machine, and
# several minutes when other stacks share the cores.
STARTUP_TIMEOUT_SECONDS = 480


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def seed_database(database_url: str) -> None:
    """Create and seed a resource database with the project's CLI."""
    env = {**os.environ, "DATABASE_URL": database_url}
    for command in (["init"], ["import"]):
        subprocess.run(
            [sys.executable, "-m", "resources_db", *command],
            cwd=REPO_ROOT,
            env=env,
            check=True,
            capture_output=True,
        )


@dataclass
class Stack:
    """The three running processes and their ports."""

    workdir: Path
    database_url: str
    rasa_port: int = field(default_factory=free_port)
    actions_port: int = field(default_factory=free_port)
    gateway_port: int = field(default_factory=free_port)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.gateway_port}"

    def environment(self) -> dict[str, str]:
        return {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "GATEWAY_RASA_URLS": f"http://127.0.0.1:{self.rasa_port}",
            "GATEWAY_ACTION_SERVER_URL": f"http://127.0.0.1:{self.actions_port}",
            "SANIC_HOST": "127.0.0.1",
            "RASA_TELEMETRY_ENABLED": "false",
            # Every test client shares 127.0.0.1, so the per-IP limit would stop the suite.
            "GATEWAY_RATE_LIMIT_PER_IP": "100000/minute",
        }

    def write_endpoints(self) -> Path:
        endpoints = self.workdir / "endpoints.yml"
        # The project's endpoints.yml with this stack's action server port.
        default = yaml.safe_load((REPO_ROOT / "endpoints.yml").read_text(encoding="utf-8"))
        default["action_endpoint"] = {"url": f"http://127.0.0.1:{self.actions_port}/webhook"}
        endpoints.write_text(yaml.safe_dump(default), encoding="utf-8")
        return endpoints

    def start_process(self, name: str, command: list[str]) -> None:
        log = open(self.workdir / f"{name}.log", "wb")
        self.processes[name] = subprocess.Popen(
            command, cwd=REPO_ROOT, env=self.environment(), stdout=log, stderr=subprocess.STDOUT
        )

    def start_rasa(self) -> None:
        model_dir = os.environ.get("MODEL_DIR", str(REPO_ROOT / "models"))
        self.start_process(
            "rasa",
            [
                str(REPO_ROOT / ".venv-rasa" / "bin" / "python"), "-m", "bot.rasa_server",
                "run",
                "--model", model_dir,
                "--endpoints", str(self.write_endpoints()),
                "--credentials", str(REPO_ROOT / "credentials.yml"),
                "--logging-config-file", str(REPO_ROOT / "rasa_logging.yml"),
                "--interface", "127.0.0.1",
                "--port", str(self.rasa_port),
            ],
        )

    def start_actions(self) -> None:
        self.start_process(
            "actions",
            [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(self.actions_port)],
        )

    def start_gateway(self) -> None:
        self.start_process(
            "gateway",
            [
                sys.executable, "-m", "uvicorn", "api.main:app",
                "--host", "127.0.0.1", "--port", str(self.gateway_port), "--no-access-log",
            ],
        )

    def start(self) -> None:
        seed_database(self.database_url)
        self.start_actions()
        self.start_rasa()
        self.start_gateway()
        self.wait_healthy()

    def wait_healthy(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited with {process.returncode}: {self.log_tail(name)}")
            try:
                if httpx.get(self.gateway_url + "/healthz", timeout=3).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(1)
        raise RuntimeError(
            f"stack not healthy after {STARTUP_TIMEOUT_SECONDS} s; rasa log: {self.log_tail('rasa')}"
        )

    def log_tail(self, name: str, chars: int = 2000) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text(encoding="utf-8", errors="replace")[-chars:] if path.exists() else ""

    def stop(self, name: str) -> None:
        process = self.processes.get(name)
        if process and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def stop_all(self) -> None:
        for name in list(self.processes):
            self.stop(name)


def start_stack(workdir: Path) -> Stack:
    """Start a stack in `workdir`, with its SQLite database there too."""
    stack = Stack(workdir=workdir, database_url=f"sqlite:///{workdir / 'resources.sqlite3'}")
    try:
        stack.start()
    except Exception:
        stack.stop_all()
        raise
    return stack


def remove_workdir(workdir: Path) -> None:
    shutil.rmtree(workdir, ignore_errors=True)
