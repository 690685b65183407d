"""Conversation scenarios replayed through the gateway: `python -m tests.scenarios`."""
