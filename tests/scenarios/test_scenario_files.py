"""The scenario files and the facts they are checked against, without a running bot."""

from pathlib import Path

import pytest

from tests.scenarios.checks import ScenarioResult, term_alternatives
from tests.scenarios.facts import dpj_ids_for
from tests.scenarios.harness import Replay, is_referral, next_message
from tests.scenarios.scenario import Scenario, ScenarioFileError, load_file, load_scenarios
from tests.seed import first_phone


def test_scenario_files_load():
    scenarios = load_scenarios()

    assert len(scenarios) >= 40
    personas = {scenario.persona for scenario in scenarios}
    assert {"parent", "jeune", "intervenant"} <= personas
    assert any(scenario.language == "en" for scenario in scenarios)


def test_unknown_key_is_rejected(tmp_path: Path):
    path = tmp_path / "typo.yml"
    path.write_text(
        "- id: typo\n  persona: parent\n  opening: Bonjour\n  expect:\n    region: '01'\n",
        encoding="utf-8",
    )

    with pytest.raises(ScenarioFileError, match="typo"):
        load_file(path)


def test_unknown_seed_id_is_rejected(tmp_path: Path):
    path = tmp_path / "seed.yml"
    path.write_text(
        "- id: seed\n  persona: parent\n  opening: Bonjour\n"
        "  expect:\n    must_not_mention: ['seed:dpj-atlantis']\n",
        encoding="utf-8",
    )

    with pytest.raises(ScenarioFileError, match="dpj-atlantis"):
        load_file(path)


def test_dpj_routes_per_region():
    assert dpj_ids_for("01") == {"dpj-bas-saint-laurent"}
    assert dpj_ids_for("06") == {"dpj-montreal", "dpj-batshaw"}
    assert dpj_ids_for("10", "eeyou") == {"dpj-cri-eeyou-istchee"}
    assert dpj_ids_for("17") == {"dpj-mauricie-centre-du-quebec"}


def test_seed_term_expands_to_numbers():
    assert term_alternatives("seed:dpj-montreal") == [first_phone("dpj-montreal")]
    assert term_alternatives("DPJ") == ["DPJ"]


def test_referral_detection():
    dpj_link = f"[{first_phone('dpj-bas-saint-laurent')}](tel:+18004639009)"

    assert is_referral({"messages": [{"text": dpj_link}], "expecting": None, "referral": True})
    # The emergency reply links the DPJ too, but it is not the referral.
    assert not is_referral({"messages": [{"text": dpj_link}], "expecting": "region", "referral": False})
    assert not is_referral({"messages": [{"text": dpj_link}], "expecting": None, "referral": False})
    # A reply without the flag, from an older gateway, is not taken for a referral.
    assert not is_referral({"messages": [{"text": dpj_link}], "expecting": None})


def test_next_message_order():
    scenario = Scenario.model_validate(
        {
            "id": "order",
            "persona": "parent",
            "opening": "Bonjour",
            "answers": {"region": "Rimouski", "other": ["oui", "non merci"]},
            "mid_conversation": {"turn": 3, "text": "il est ici"},
        }
    )
    other = list(scenario.answers.other)

    assert next_message(scenario, {"expecting": "region"}, 2, other) == "Rimouski"
    assert next_message(scenario, {"expecting": "region"}, 3, other) == "il est ici"
    assert next_message(scenario, {"expecting": None}, 4, other) == "oui"
    assert next_message(scenario, {"expecting": None}, 5, other) == "non merci"
    assert next_message(scenario, {"expecting": None}, 6, other) is None
    assert next_message(scenario, {"expecting": "role"}, 7, other) is None


def outcome_of(known_failure: str | None, failures: list[str]) -> ScenarioResult:
    scenario = Scenario.model_validate(
        {"id": "outcome", "persona": "parent", "opening": "Bonjour", "known_failure": known_failure}
    )
    return ScenarioResult(replay=Replay(scenario=scenario), failures=failures)


def test_result_outcomes():
    assert outcome_of(None, []).outcome == "PASS"
    assert outcome_of(None, ["no referral"]).outcome == "FAIL"
    assert outcome_of("a known bug", ["no referral"]).outcome == "XFAIL"
    assert outcome_of("a known bug", []).outcome == "XPASS"

    assert outcome_of(None, []).ok
    assert outcome_of("a known bug", ["no referral"]).ok
    assert not outcome_of(None, ["no referral"]).ok
    assert not outcome_of("a known bug", []).ok


def test_area_outside_region_10_is_rejected(tmp_path: Path):
    path = tmp_path / "area.yml"
    path.write_text(
        "- id: area\n  persona: parent\n  opening: Bonjour\n"
        "  expect:\n    region_code: '06'\n    area: nunavik\n",
        encoding="utf-8",
    )

    with pytest.raises(ScenarioFileError, match="needs region_code '10'"):
        load_file(path)
