"""Compare a replayed conversation with its scenario's expectations."""

import re
from dataclasses import dataclass

from tests.scenarios.facts import all_dpj_ids, dpj_ids_for, dpj_link_prefixes
from tests.scenarios.harness import Replay
from tests.scenarios.scenario import SEED_PREFIX
from tests.seed import phone_numbers

# The word of the other tone, which a referral in this tone must not contain.
FORBIDDEN_WORD_BY_TONE = {
    "tu": re.compile(r"\bvous\b", re.IGNORECASE),
    "vous": re.compile(r"\btu\b", re.IGNORECASE),
}


@dataclass
class ScenarioResult:
    """A replay and the expectations it failed (none when it passed)."""

    replay: Replay
    failures: list[str]

    @property
    def scenario_id(self) -> str:
        return self.replay.scenario.id

    @property
    def outcome(self) -> str:
        """Return PASS, FAIL, XFAIL (a known bug still fails) or XPASS (a known bug passes)."""
        known_failure = self.replay.scenario.known_failure is not None
        if self.failures:
            return "XFAIL" if known_failure else "FAIL"
        return "XPASS" if known_failure else "PASS"

    @property
    def ok(self) -> bool:
        """Tell whether the outcome is as expected. XPASS is not, so that the mark gets removed."""
        return self.outcome in ("PASS", "XFAIL")

    def report(self) -> str:
        """Return the outcome, the failures or the known bug, and the transcript."""
        scenario = self.replay.scenario
        lines = [f"{self.outcome} {self.scenario_id} ({scenario.persona})"]
        if scenario.known_failure:
            lines.append(f"  known failure: {scenario.known_failure}")
        if self.outcome == "XPASS":
            lines.append("  - passed: remove its known_failure mark")
        lines.extend(f"  - {failure}" for failure in self.failures)
        lines.append(self.replay.transcript())
        return "\n".join(lines)


def term_alternatives(term: str) -> list[str]:
    """Return the strings that satisfy one `must_*` term: the seed entry's numbers, or itself."""
    if term.startswith(SEED_PREFIX):
        return phone_numbers(term[len(SEED_PREFIX):])
    return [term]


def mentions(text: str, term: str) -> bool:
    lowered = text.lower()
    return any(alternative.lower() in lowered for alternative in term_alternatives(term))


def check_referral(replay: Replay) -> list[str]:
    expect = replay.scenario.expect
    failures = []

    if expect.referral and replay.referral_turn is None:
        failures.append(f"no referral: {replay.stop_reason}")
    if not expect.referral and replay.referral_turn is not None:
        failures.append(f"a referral came at turn {replay.referral_turn}, but none was expected")

    limit = expect.max_turns_to_referral
    if limit and replay.referral_turn and replay.referral_turn > limit:
        failures.append(f"referral at turn {replay.referral_turn}, expected by turn {limit}")

    mid = replay.scenario.mid_conversation
    if mid and len(replay.turns) < mid.turn:
        failures.append(
            f"the mid-conversation message (turn {mid.turn}) was never sent: {replay.stop_reason}"
        )
    return failures


def check_region(replay: Replay) -> list[str]:
    """Check that the referral links the region's DPJ and that no reply links another DPJ."""
    expect = replay.scenario.expect
    if expect.region_code is None:
        return []

    expected_ids = dpj_ids_for(expect.region_code, expect.area)
    referral = replay.referral()
    where = referral.bot_text() if referral else replay.bot_text()
    failures = []

    if not any(prefix in where for prefix in dpj_link_prefixes(expected_ids)):
        failures.append(
            f"no tel: link of the DPJ of region {expect.region_code} "
            f"({', '.join(sorted(expected_ids))}) in the referral"
        )

    other_ids = set(all_dpj_ids()) - expected_ids
    wrong = sorted(
        resource_id
        for resource_id in other_ids
        if any(prefix in replay.bot_text() for prefix in dpj_link_prefixes({resource_id}))
    )
    if wrong:
        failures.append(f"links DPJs of another region: {', '.join(wrong)}")
    return failures


def check_urgency(replay: Replay) -> list[str]:
    expect = replay.scenario.expect
    if expect.urgent is None:
        return []

    urgent_turn = replay.first_urgent_turn()
    if expect.urgent is False:
        return [f"turn {urgent_turn.number} got an emergency reply"] if urgent_turn else []

    if urgent_turn is None:
        return ["no emergency reply"]
    failures = []
    if replay.referral_turn is not None and urgent_turn.number > replay.referral_turn:
        failures.append(
            f"emergency reply at turn {urgent_turn.number}, after the referral "
            f"at turn {replay.referral_turn}"
        )
    if "911" not in urgent_turn.reply["messages"][0]["text"]:
        failures.append(f"the emergency reply at turn {urgent_turn.number} does not start with 911")
    return failures


def check_mentions(replay: Replay) -> list[str]:
    expect = replay.scenario.expect
    text = replay.bot_text()
    failures = []

    if expect.must_mention_any and not any(mentions(text, term) for term in expect.must_mention_any):
        failures.append(f"mentions none of {expect.must_mention_any}")
    failures.extend(
        f"does not mention {term!r}" for term in expect.must_mention_all if not mentions(text, term)
    )
    failures.extend(
        f"mentions {term!r}, which it must not" for term in expect.must_not_mention if mentions(text, term)
    )
    return failures


def check_tone(replay: Replay) -> list[str]:
    """Check that the referral speaks to the person in the expected tone ("tu" or "vous")."""
    tone = replay.scenario.expected_tone()
    referral = replay.referral()
    if tone is None or referral is None:
        return []

    forbidden = FORBIDDEN_WORD_BY_TONE[tone].search(referral.bot_text())
    if forbidden:
        return [f"the referral should say {tone!r} but contains {forbidden.group()!r}"]
    return []


def check_replay(replay: Replay) -> ScenarioResult:
    """Run every check on a replay and collect the failures."""
    if replay.gateway_error:
        return ScenarioResult(replay=replay, failures=[replay.gateway_error])

    failures = [
        *check_referral(replay),
        *check_region(replay),
        *check_urgency(replay),
        *check_mentions(replay),
        *check_tone(replay),
    ]
    return ScenarioResult(replay=replay, failures=failures)
