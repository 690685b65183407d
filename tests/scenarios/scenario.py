"""The scenario file format: one YAML list of scenarios per file, validated with pydantic."""

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tests.seed import seed_entries

SCENARIO_DIR = Path(__file__).resolve().parent

Persona = Literal["parent", "jeune", "intervenant", "autre"]

# A `must_*` term with this prefix stands for the phone numbers of one seed entry.
SEED_PREFIX = "seed:"

# The questions the gateway names in `expecting`.
QUESTIONS = ("role", "situation", "region", "age")


class ScenarioFileError(Exception):
    """A scenario file that is missing, is not valid YAML or does not match the format."""


class StrictModel(BaseModel):
    # A misspelt key would silently drop a check, so unknown keys are rejected.
    model_config = ConfigDict(extra="forbid")


class Answers(StrictModel):
    """What this person answers to each question the bot may ask."""

    role: str | None = None
    region: str | None = None
    situation: str | None = None
    age: str | None = None
    # Replies sent, in order, when the bot waits for nothing in particular (after a yes/no
    # question, a greeting or a FAQ answer) and no referral has come yet.
    other: list[str] = Field(default_factory=list)

    def for_question(self, expecting: str) -> str | None:
        """Return the answer to the question named by the gateway's `expecting`, if any."""
        if expecting not in QUESTIONS:
            return None
        return getattr(self, expecting)


class MidConversation(StrictModel):
    """A message sent at a fixed user turn instead of the answer to the bot's question."""

    turn: int = Field(ge=2)
    text: str


class Expectations(StrictModel):
    """What must hold once the conversation stopped.

    Each term of the `must_*` lists is a case-insensitive substring of the bot's replies, or
    `seed:<resource-id>`, which stands for any phone number of that seed entry.
    """

    region_code: str | None = Field(default=None, pattern=r"^(0[1-9]|1[0-7])$")
    # Only for region 10 (Nord-du-Québec): nunavik, eeyou or jamesie.
    area: Literal["nunavik", "eeyou", "jamesie"] | None = None
    must_mention_any: list[str] = Field(default_factory=list)
    must_mention_all: list[str] = Field(default_factory=list)
    must_not_mention: list[str] = Field(default_factory=list)
    # True: an emergency reply comes no later than the referral. False: no reply is urgent.
    urgent: bool | None = None
    referral: bool = True
    max_turns_to_referral: int | None = Field(default=None, ge=1)
    # "tu" or "vous" in the referral. Without it, French scenarios take the persona's tone.
    tone: Literal["tu", "vous"] | None = None

    @model_validator(mode="after")
    def require_region_10_for_area(self) -> "Expectations":
        if self.area and self.region_code != "10":
            raise ValueError(f"area {self.area!r} needs region_code '10', not {self.region_code!r}")
        return self

    @field_validator("must_mention_any", "must_mention_all", "must_not_mention")
    @classmethod
    def require_known_seed_ids(cls, terms: list[str]) -> list[str]:
        entries = seed_entries()
        for term in terms:
            if term.startswith(SEED_PREFIX) and term[len(SEED_PREFIX):] not in entries:
                raise ValueError(f"{term!r} names no entry of the resource seed")
        return terms


class Scenario(StrictModel):
    """One person's conversation: the opening, their answers and what the bot must do."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    persona: Persona
    language: Literal["fr", "en"] = "fr"
    opening: str = Field(min_length=1)
    answers: Answers = Field(default_factory=Answers)
    mid_conversation: MidConversation | None = None
    expect: Expectations = Field(default_factory=Expectations)
    # The bug that makes this scenario fail today. Like pytest's xfail(strict=True), a run
    # fails when the scenario passes, so that the mark is removed once the bug is fixed.
    known_failure: str | None = Field(default=None, min_length=1)

    @field_validator("opening")
    @classmethod
    def reject_blank_opening(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("opening must contain text")
        return value

    def expected_tone(self) -> str | None:
        """Return the tone the referral must use: explicit, else the persona's in French."""
        if self.expect.tone:
            return self.expect.tone
        if self.language != "fr":
            return None
        return {"jeune": "tu", "parent": "vous", "intervenant": "vous"}.get(self.persona)


def scenario_files(paths: list[Path]) -> list[Path]:
    """Expand folders into their sorted *.yml files and keep files as given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.yml")))
        elif path.is_file():
            files.append(path)
        else:
            raise ScenarioFileError(f"scenario path not found: {path}")
    return files


def load_file(path: Path) -> list[Scenario]:
    """Parse one scenario file, raising ScenarioFileError that names the file and the entry."""
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ScenarioFileError(f"{path}: invalid YAML: {error}") from error

    if not isinstance(entries, list):
        raise ScenarioFileError(f"{path}: expected a YAML list of scenarios at the top level")

    scenarios = []
    for index, entry in enumerate(entries):
        try:
            scenarios.append(Scenario.model_validate(entry))
        except ValidationError as error:
            label = entry.get("id") if isinstance(entry, dict) else None
            raise ScenarioFileError(
                f"{path}: scenario #{index + 1} ({label or 'no id'}) is invalid:\n{error}"
            ) from error
    return scenarios


def load_scenarios(paths: list[Path] | None = None) -> list[Scenario]:
    """Load every scenario from the given files or folders (default: this package's folder).

    Raises ScenarioFileError when two scenarios share an id, so that reports stay unambiguous.
    """
    scenarios: list[Scenario] = []
    for path in scenario_files(paths or [SCENARIO_DIR]):
        scenarios.extend(load_file(path))

    seen: set[str] = set()
    for scenario in scenarios:
        if scenario.id in seen:
            raise ScenarioFileError(f"duplicate scenario id: {scenario.id}")
        seen.add(scenario.id)
    return scenarios
