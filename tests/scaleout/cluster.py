"""Two Rasa instances sharing a PostgreSQL tracker store and a Redis lock store, for tests.

Processes: one action server, Rasa instances "a" and "b", and three gateways. The gateway
"both" round-robins over the two instances, as production does. The gateways "a" and "b"
each reach one instance only, so a test can choose which instance handles a message.
"""

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.scaleout.infrastructure import (
    delete_keys,
    new_key_prefix,
    redis_url,
    require_postgres,
    require_redis,
    throwaway_database,
)
from tests.stack import REPO_ROOT, Stack, free_port, remove_workdir, seed_database

INSTANCE_NAMES = ("a", "b")
# One Rasa process loads the model in about a minute on an idle 2-core machine. With five Rasa
# processes sharing those cores, it took 2.5 minutes, and this cluster loads two at once.
CLUSTER_STARTUP_TIMEOUT_SECONDS = 900


@dataclass
class Cluster(Stack):
    """A Stack with two Rasa instances, production stores and one gateway per routing."""

    tracker_store_url: str = ""
    redis_url: str = ""
    redis_key_prefix: str = ""
    rasa_ports: dict[str, int] = field(
        default_factory=lambda: {name: free_port() for name in INSTANCE_NAMES}
    )
    gateway_ports: dict[str, int] = field(
        default_factory=lambda: {name: free_port() for name in (*INSTANCE_NAMES, "both")}
    )

    def rasa_url(self, instance: str) -> str:
        return f"http://127.0.0.1:{self.rasa_ports[instance]}"

    def gateway_url_for(self, routing: str) -> str:
        """Return the gateway that reaches instance "a", instance "b", or "both"."""
        return f"http://127.0.0.1:{self.gateway_ports[routing]}"

    @property
    def gateway_url(self) -> str:
        return self.gateway_url_for("both")

    def store_environment(self) -> dict[str, str]:
        """Return the variables that scripts/endpoints.py reads."""
        return {
            "TRACKER_STORE": "sql",
            "TRACKER_STORE_URL": self.tracker_store_url,
            "LOCK_STORE": "redis",
            "REDIS_URL": self.redis_url,
            "REDIS_KEY_PREFIX": self.redis_key_prefix,
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{self.actions_port}/webhook",
        }

    def write_endpoints(self) -> Path:
        """Write the endpoints file with the project's generator, as scripts/run.sh does."""
        endpoints = self.workdir / "endpoints.yml"
        subprocess.run(
            [sys.executable, str(REPO_ROOT / "scripts" / "endpoints.py"), "--output", str(endpoints)],
            env={**os.environ, **self.store_environment()},
            check=True,
            capture_output=True,
        )
        return endpoints

    def start_named_process(self, name: str, command: list[str], extra_env: dict[str, str]) -> None:
        log = open(self.workdir / f"{name}.log", "wb")
        self.processes[name] = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env={**self.environment(), **extra_env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def start_rasa_instance(self, instance: str, endpoints: Path) -> None:
        model_dir = os.environ.get("MODEL_DIR", str(REPO_ROOT / "models"))
        self.start_named_process(
            f"rasa_{instance}",
            [
                str(REPO_ROOT / ".venv-rasa" / "bin" / "python"), "-m", "bot.rasa_server",
                "run",
                "--model", model_dir,
                "--endpoints", str(endpoints),
                "--credentials", str(REPO_ROOT / "credentials.yml"),
                "--logging-config-file", str(REPO_ROOT / "rasa_logging.yml"),
                "--interface", "127.0.0.1",
                "--port", str(self.rasa_ports[instance]),
            ],
            {},
        )

    def start_gateway_for(self, routing: str) -> None:
        instances = INSTANCE_NAMES if routing == "both" else (routing,)
        self.start_named_process(
            f"gateway_{routing}",
            [
                sys.executable, "-m", "uvicorn", "api.main:app",
                "--host", "127.0.0.1", "--port", str(self.gateway_ports[routing]),
                "--no-access-log",
            ],
            {"GATEWAY_RASA_URLS": ",".join(self.rasa_url(name) for name in instances)},
        )

    def start(self) -> None:
        seed_database(self.database_url)
        endpoints = self.write_endpoints()
        self.start_actions()
        # Both instances start together, so their model loading overlaps.
        for instance in INSTANCE_NAMES:
            self.start_rasa_instance(instance, endpoints)
        for routing in self.gateway_ports:
            self.start_gateway_for(routing)
        self.wait_healthy()

    def wait_healthy(self) -> None:
        """Wait until every gateway reports its Rasa instances, the actions and the database."""
        deadline = time.monotonic() + CLUSTER_STARTUP_TIMEOUT_SECONDS
        pending = set(self.gateway_ports)
        last_checks: dict[str, str] = {}
        while pending and time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited with {process.returncode}: {self.log_tail(name)}")
            for routing in sorted(pending):
                try:
                    response = httpx.get(self.gateway_url_for(routing) + "/healthz", timeout=3)
                except httpx.HTTPError as error:
                    last_checks[routing] = type(error).__name__
                    continue
                last_checks[routing] = response.text
                if response.status_code == 200:
                    pending.discard(routing)
            time.sleep(2)
        if pending:
            raise RuntimeError(
                f"gateways {sorted(pending)} not healthy after {CLUSTER_STARTUP_TIMEOUT_SECONDS} s; "
                f"last health checks: {last_checks}; logs in {self.workdir}; "
                f"rasa_a log: {self.log_tail('rasa_a')}"
            )

    def kill(self, name: str) -> None:
        """Kill a process with SIGKILL, as a crash would, without a clean shutdown."""
        process = self.processes[name]
        process.kill()
        process.wait(timeout=15)


def start_cluster(
    workdir: Path, database_url: str, tracker_store_url: str, redis_url: str, redis_key_prefix: str
) -> Cluster:
    cluster = Cluster(
        workdir=workdir,
        database_url=database_url,
        tracker_store_url=tracker_store_url,
        redis_url=redis_url,
        redis_key_prefix=redis_key_prefix,
    )
    try:
        cluster.start()
    except Exception:
        cluster.stop_all()
        raise
    return cluster


# Rasa 3.6's RedisLockStore issues tickets with a read-modify-write that is not atomic, so two
# instances that receive a message of one conversation within the same few milliseconds can
# both take the lock. The requests are therefore sent this far apart: the second arrives while
# the first is being processed, which is what the lock store serialises.
STAGGER_SECONDS = 0.2


def send_at_once(requests: list[tuple[str, str, str]]) -> list[httpx.Response]:
    """POST several (gateway URL, session id, message) chat requests in parallel threads."""
    # The barrier releases every thread together; each then waits its turn of STAGGER_SECONDS.
    start_together = threading.Barrier(len(requests))

    def post(indexed_request: tuple[int, tuple[str, str, str]]) -> httpx.Response:
        index, (base_url, session_id, message) = indexed_request
        start_together.wait(timeout=30)
        time.sleep(index * STAGGER_SECONDS)
        return httpx.post(
            base_url + "/api/chat", json={"session_id": session_id, "message": message}, timeout=90
        )

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(post, enumerate(requests)))


def serve_until_stopped() -> None:
    """Start a cluster on throwaway stores, print its gateway URL, and stop it on Ctrl-C.

    Used to run benchmarks/load.py against two instances:
      .venv/bin/python -m tests.scaleout.cluster
      .venv/bin/python benchmarks/load.py --url <printed URL>
    """
    require_postgres()
    redis_client = require_redis()
    key_prefix = new_key_prefix()
    workdir = Path(tempfile.mkdtemp(prefix="ensemble-cluster-"))
    # SIGTERM ends the wait below like Ctrl-C, so the cleanup runs either way.
    signal.signal(signal.SIGTERM, signal.default_int_handler)

    with throwaway_database("trackers") as tracker_url, throwaway_database("resources") as resources_url:
        cluster = start_cluster(workdir, resources_url, tracker_url, redis_url(), key_prefix)
        print(f"cluster ready: gateway {cluster.gateway_url} (logs in {workdir})", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("stopping the cluster", flush=True)
        finally:
            cluster.stop_all()

    delete_keys(redis_client, key_prefix)
    remove_workdir(workdir)


if __name__ == "__main__":
    serve_until_stopped()
