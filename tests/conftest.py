"""Fixtures shared by the integration and browser tests."""

import tempfile
from pathlib import Path

import pytest

from tests.stack import remove_workdir, start_stack


@pytest.fixture(scope="session")
def stack():
    """One real stack (Rasa, action server, gateway) on free ports, for the whole session."""
    workdir = Path(tempfile.mkdtemp(prefix="ensemble-stack-"))
    running = start_stack(workdir)
    yield running
    running.stop_all()
    remove_workdir(workdir)
