"""Two Rasa instances on the machine's PostgreSQL (tracker store) and Redis (lock store).

The resource database is on PostgreSQL too, as in production. The cluster starts once for the
module, which takes minutes because two Rasa processes load the model at once. The test that
kills instance "a" runs after the tests that need it.
"""

import tempfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from scripts.purge_trackers import purge_expired_conversations
from tests.integration.conftest import Conversation
from tests.integration.dialogue import all_text
from tests.scaleout.cluster import send_at_once, start_cluster
from tests.scaleout.infrastructure import delete_keys, new_key_prefix, redis_url, throwaway_database
from tests.scaleout.trackers import read_events, split_turns
from tests.seed import first_phone
from tests.stack import remove_workdir

pytestmark = pytest.mark.stack

PARENT_OPENING = "Bonjour, je pense que ma fille de 15 ans se fait exploiter par un gars plus vieux"
RIMOUSKI_ANSWER = "on habite à Rimouski"


@pytest.fixture(scope="module")
def cluster(postgres, redis_client):
    workdir = Path(tempfile.mkdtemp(prefix="ensemble-scaleout-"))
    key_prefix = new_key_prefix()
    with throwaway_database("trackers") as tracker_url, throwaway_database("resources") as resources_url:
        running = start_cluster(workdir, resources_url, tracker_url, redis_url(), key_prefix)
        yield running
        running.stop_all()

    delete_keys(redis_client, key_prefix)
    remove_workdir(workdir)


class PinnedConversation(Conversation):
    """One session whose messages go through the gateway chosen for each message."""

    def say_via(self, base_url: str, text: str) -> dict:
        self.base_url = base_url
        return self.say(text)


def dpj_link(resource_id: str) -> str:
    """Return the start of the Markdown phone link the bot writes for a service's first number."""
    return f"[{first_phone(resource_id)}](tel:"


def test_alternating_instances_keep_state(cluster):
    conversation = PinnedConversation(cluster.gateway_url_for("a"))

    opening = conversation.say_via(cluster.gateway_url_for("a"), PARENT_OPENING)
    assert opening["expecting"] == "region", conversation.transcript()

    # Instance "b" never saw the opening: it must read the role and situation from PostgreSQL.
    referral = conversation.say_via(cluster.gateway_url_for("b"), RIMOUSKI_ANSWER)
    text = all_text(referral)

    assert referral["expecting"] is None, conversation.transcript()
    assert dpj_link("dpj-bas-saint-laurent") in text, conversation.transcript()
    assert dpj_link("dpj-montreal") not in text, conversation.transcript()

    turns = split_turns(read_events(cluster.tracker_store_url, conversation.session_id))
    assert [turn.user_text for turn in turns] == [PARENT_OPENING, RIMOUSKI_ANSWER]


def test_simultaneous_messages_run_in_turn(cluster):
    conversation = PinnedConversation(cluster.gateway_url_for("a"))
    opening = conversation.say_via(cluster.gateway_url_for("a"), PARENT_OPENING)
    assert opening["expecting"] == "region", conversation.transcript()

    messages = {"a": RIMOUSKI_ANSWER, "b": "merci beaucoup"}
    responses = send_at_once(
        [(cluster.gateway_url_for(name), conversation.session_id, text) for name, text in messages.items()]
    )
    replies = {}
    for (name, text), response in zip(messages.items(), responses):
        assert response.status_code == 200, response.text
        replies[text] = response.json()

    turns = split_turns(read_events(cluster.tracker_store_url, conversation.session_id))
    user_texts = [turn.user_text for turn in turns]
    assert user_texts[0] == PARENT_OPENING
    assert sorted(user_texts[1:]) == sorted(messages.values())

    for turn in turns:
        # A complete turn ends by listening; an interleaved one would listen in its middle.
        assert turn.steps[-1] == "action:action_listen", turn.steps
        assert turn.steps.count("action:action_listen") == 1, turn.steps
    for earlier, later in zip(turns, turns[1:]):
        assert earlier.last_timestamp <= later.first_timestamp, (earlier.user_text, later.user_text)

    # Each reply is the whole turn that Rasa stored for its message, and came from Rasa,
    # not from the gateway's degraded reply.
    for turn in turns[1:]:
        reply_texts = [message["text"] for message in replies[turn.user_text]["messages"]]
        assert reply_texts, turn.user_text
        assert reply_texts == turn.bot_texts, turn.user_text


def test_killed_instance_loses_nothing(cluster):
    conversation = Conversation(cluster.gateway_url_for("both"))
    opening = conversation.say(PARENT_OPENING)
    assert opening["expecting"] == "region", conversation.transcript()

    cluster.kill("rasa_a")

    # The gateway round-robins, so at least one of these goes to the dead instance first.
    referral = conversation.say(RIMOUSKI_ANSWER)
    thanks = conversation.say("merci beaucoup")

    assert dpj_link("dpj-bas-saint-laurent") in all_text(referral), conversation.transcript()
    turns = split_turns(read_events(cluster.tracker_store_url, conversation.session_id))
    assert [turn.user_text for turn in turns] == [PARENT_OPENING, RIMOUSKI_ANSWER, "merci beaucoup"]
    assert [message["text"] for message in thanks["messages"]] == turns[-1].bot_texts
    assert "rasa unreachable" in cluster.log_tail("gateway_both", chars=20000)


def count_rows(engine, query: str) -> int:
    with engine.connect() as connection:
        return connection.execute(text(query)).scalar_one()


def test_purge_reads_rasa_events_table(cluster):
    engine = create_engine(cluster.tracker_store_url)
    try:
        conversations = count_rows(engine, "SELECT count(DISTINCT sender_id) FROM events")
        events = count_rows(engine, "SELECT count(*) FROM events")
        assert conversations >= 1

        nothing_expired = purge_expired_conversations(engine, retention_seconds=3600)
        assert nothing_expired.conversations == 0
        assert count_rows(engine, "SELECT count(*) FROM events") == events

        # With a retention of zero, every conversation that the tests above had is expired.
        purged = purge_expired_conversations(engine, retention_seconds=0)
        assert purged.conversations == conversations
        assert purged.events == events
        assert count_rows(engine, "SELECT count(*) FROM events") == 0
    finally:
        engine.dispose()
