"""Role, situation and topic read from parsed messages as Rasa sends them."""

import pytest

from actions.understanding import (
    role_from_answer,
    role_from_message,
    situation_from_answer,
    situation_from_message,
    tone_for_role,
    topic_from_message,
)


def parsed(text: str, intent: str = "inform", entities: list[dict] | None = None) -> dict:
    return {"text": text, "intent": {"name": intent}, "entities": entities or []}


def entity(name: str, value: str) -> dict:
    return {"entity": name, "value": value}


@pytest.mark.parametrize(
    ("entities", "text", "expected"),
    [
        ([entity("role", "intervenant")], "je suis prof", "intervenant"),
        ([entity("relation", "enfant")], "ma fille de 15 ans", "parent"),
        ([entity("relation", "eleve")], "une de mes élèves", "intervenant"),
        ([entity("relation", "ami")], "ma chum de fille", "ami"),
        ([entity("age", "14")], "slt jai 14 ans", "jeune"),
        ([entity("age", "14"), entity("relation", "enfant")], "mon gars a 14 ans", "parent"),
        ([entity("age", "19")], "j'ai 19 ans", None),
        ([entity("age", "13")], "Mon garçon de 13 ans passe ses soirées avec un adulte", "parent"),
        ([entity("age", "15")], "je pense que ma grande de 15 ans se fait exploiter", "parent"),
        ([], "mon élève reçoit des cadeaux d'un homme", "intervenant"),
        ([entity("relation", "My daughter")], "My daughter is 14", "parent"),
        ([entity("relation", "fille")], "ma fille", "parent"),
        ([], "bonjour", None),
    ],
)
def test_role_from_message(entities, text, expected):
    assert role_from_message(parsed(text, entities=entities)) == expected


@pytest.mark.parametrize(
    ("intent", "situation", "topic"),
    [
        ("report_suspicion", "soupcon", None),
        ("report_confirmed", "situation_averee", None),
        ("danger_now", "danger", None),
        ("sextortion", "situation_averee", "sextorsion"),
        ("luring_online", "soupcon", "leurre"),
        ("pimping_recruitment", "soupcon", "proxenetisme"),
        ("runaway", "situation_averee", "fugue"),
        ("greet", None, None),
    ],
)
def test_situation_and_topic_from_intent(intent, situation, topic):
    message = parsed("…", intent=intent)
    assert situation_from_message(message) == situation
    assert topic_from_message(message) == topic


def test_tone_for_role():
    assert tone_for_role("jeune") == "tu"
    assert tone_for_role("ami") == "tu"
    assert tone_for_role("parent") == "vous"
    assert tone_for_role("intervenant") == "vous"
    assert tone_for_role(None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("chu une fille de 14 ans", "jeune"),
        ("Je suis entraîneur, un de mes joueurs de 13 ans reçoit des messages", "intervenant"),
        ("je suis TES au secondaire, une élève de 14 ans", "intervenant"),
        ("Travailleuse sociale. Une jeune de 14 ans m'appelle, elle est enfermée", "intervenant"),
        ("Travailleur de rue à Rivière-du-Loup, je crois qu'une fille de 16 ans se fait recruter", "intervenant"),
        ("Je suis psychoéducatrice et je soupçonne qu'un élève de 15 ans se fait exploiter", "intervenant"),
        ("Bonjour, je suis la mère d'une fille de 14 ans à Sept-Îles", "parent"),
        ("je crois qu'une fille de 16 ans se fait recruter", None),
        ("chu une fille de 14 ans pis un gars me harcèle", "jeune"),
        ("i'm 15 and a guy wants pics", "jeune"),
    ],
)
def test_role_from_message_text(text, expected):
    entities = [entity("age", "14")]
    if "fille" in text:
        entities.append(entity("relation", "fille"))
    assert role_from_message(parsed(text, entities=entities)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A teen who writes in the first person and never replies to "qui m'écrit?".
        ("un gars me demande des nudes pis jsp quoi faire", "jeune"),
        ("y m'fait chanter avec mes photos", "jeune"),
        ("quelqu'un m'a offert de l'argent pour des pics", "jeune"),
        ("il a mes nudes", "jeune"),
        ("a guy keeps asking me for pics", "jeune"),
        ("he is blackmailing me", "jeune"),
        ("un gars demande des photos à ma fille", "parent"),
        ("un homme demande des photos à une de mes élèves", "intervenant"),
        ("j'ai 19 ans et un gars me demande des nudes", None),
        ("je me demande si c'est grave", None),
        ("ça me fait peur", None),
        ("une élève m'a écrit hier soir", None),
        ("elle m'a dit qu'un homme lui écrit", None),
    ],
)
def test_role_from_writer_as_target(text, expected):
    assert role_from_message(parsed(text)) == expected


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("c moi", "jeune"),
        ("c moi qui a envoyer les photos", "jeune"),
        ("it's me", "jeune"),
        ("I'm his father", "parent"),
        ("moi je suis sa mère", "parent"),
        ("sa grand-mère", "parent"),
        ("je suis son amie", "ami"),
        ("la prof", "intervenant"),
        ("bof", None),
    ],
)
def test_role_from_answer(answer, expected):
    assert role_from_answer(answer) == expected


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("soupçon", "soupcon"),
        ("c'est juste un doute", "soupcon"),
        ("je suis pas sûre", "soupcon"),
        ("c'est confirmé", "situation_averee"),
        ("elle m'a dit que c'est vrai", "situation_averee"),
        ("oui", None),
    ],
)
def test_situation_from_answer(answer, expected):
    assert situation_from_answer(answer) == expected
