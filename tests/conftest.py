"""Fixtures shared by the integration and browser tests."""

import tempfile
from pathlib import Path

import pytest

from tests.stack import remove_workdir, start_stack


@pytest.fixture(scope="session")
def stack():
    """One real stack (Rasa, action server, gateway) on free ports, for the whole session."""
    workdir = Path(tempfile.mkdtemp(prefix="ensemble-stack-"))
    try:
        running = start_stack(workdir)
    except Exception:
        remove_workdir(workdir)
        raise
    yield running
    running.stop_all()
    remove_workdir(workdir)
