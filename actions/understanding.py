"""Read the role, situation, topic, age and places out of one parsed user message.

Pure functions over the message dictionary that Rasa sends to the action server
(`tracker.latest_message`), so they are tested without a running bot.
"""

import re
from typing import Any

from resources_db.text import fold as fold_accents

Message = dict[str, Any]

DANGER_INTENTS = frozenset({"danger_now", "suicide_risk"})

# Intents that interrupt the form: their message never fills a slot, so the form rejects the
# turn and the rule for the intent runs (emergency reply, FAQ answer, explanation…).
INTERRUPTING_INTENTS = DANGER_INTENTS | frozenset(
    {
        "faq",
        "ask_why",
        "refuse_info",
        "restart",
        "human_help",
        "bot_challenge",
        "greet",
        "goodbye",
        "thanks",
        "insult",
        "affirm",
        "deny",
    }
)

SITUATION_BY_INTENT = {
    "report_suspicion": "soupcon",
    "report_confirmed": "situation_averee",
    "danger_now": "danger",
    "sextortion": "situation_averee",
    "luring_online": "soupcon",
    "pimping_recruitment": "soupcon",
    "runaway": "situation_averee",
}

TOPIC_BY_INTENT = {
    "sextortion": "sextorsion",
    "luring_online": "leurre",
    "pimping_recruitment": "proxenetisme",
    "runaway": "fugue",
}

ROLE_BY_RELATION = {
    "enfant": "parent",
    "proche": "parent",
    "eleve": "intervenant",
    "patient": "intervenant",
    "ami": "ami",
}

ROLES = frozenset({"parent", "jeune", "ami", "intervenant"})

ADULT_AGE = 18

# A young person giving their own age: "j'ai 14 ans", "chu une fille de 15", "moi 13 ans",
# "i'm 14". An age elsewhere in a sentence ("je crois qu'une fille de 16 ans…") says nothing
# about who writes.
SELF_AGE_PATTERN = re.compile(
    r"\b(?:j'?ai|jai|j ai|chu|chui|je suis|jsuis|moi|i'?m|i am)\s+"
    r"(?:(?:une?|a|juste|only)\s+)?(?:(?:fille|gars|garcon|ado|jeune|girl|boy)\s+(?:de\s+|of\s+)?)?"
    r"(\d{1,2})\b"
)

# Someone acting on the writer, or the writer's own pictures: "un gars me demande des nudes",
# "y m'fait chanter", "il a mes photos", "a guy wants my pics". Parents and professionals name
# the child instead ("il demande des photos à ma fille"), so this is read last.
SELF_TARGET_PATTERN = re.compile(
    r"(?<!je )\b(?:me|m'|m)\s*(?:a\s+|ont\s+)?(?:demande|demandent|menace|menacent|harcele|harcelent|"
    r"fait chanter|font chanter|force|forcent|oblige|obligent|offre|offert|propose|veut|veulent|"
    r"suit|suivent|paye|paie|envoie|envoye|envoient|recrute|pousse)\b"
    r"|(?<!je )\b(?:me|m'|m)\s*(?:ecrit|ecrivent|texte|textent)\b"
    r"|\b(?:mes|my)\s+(?:nudes?|photos?|pics?|images?|videos?|vids?)\b"
    r"|\b(?:wants?|asks?|asked|asking|blackmail(?:s|ed|ing)?|threaten(?:s|ed|ing)?)\s+me\b"
)

# A possessive before a child or pupil word tells who writes even when the NLU tagged no
# relation: "mon garçon", "ma grande", "notre ado" (a parent), "mon élève" (a professional).
CHILD_RELATION_PATTERN = re.compile(
    r"\b(?:mon|ma|notre|nos|my|our)\s+(?:(eleve|eleves|student|pupil)|"
    r"fils|fille|filles|garcon|gars|enfant|enfants|ado|ados|adolescente?|petite?|grande?|"
    r"petite?-fille|niece|neveu|son|daughter|kid|child|boy|girl)\b"
)

# Relation entity values as people type them, folded, after a possessive ("ma fille",
# "my daughter"). A bare "fille" is no relation: "chu une fille de 14 ans" is a girl writing.
RELATION_SYNONYMS = {
    "enfant": "enfant", "fille": "enfant", "fils": "enfant", "garcon": "enfant",
    "gars": "enfant", "ado": "enfant", "daughter": "enfant", "son": "enfant",
    "eleve": "eleve", "student": "eleve",
    "ami": "ami", "amie": "ami", "chum": "ami", "friend": "ami",
    "patient": "patient", "patiente": "patient", "usager": "patient",
    "proche": "proche", "soeur": "proche", "frere": "proche", "cousine": "proche",
}
CANONICAL_RELATIONS = frozenset({"enfant", "eleve", "ami", "patient", "proche"})
POSSESSIVE_PREFIX = re.compile(r"^(?:mon|ma|mes|my|our|notre|nos)\s+")

# People who work with young people, as they describe themselves ("je suis entraîneur",
# "Travailleuse sociale. Une jeune…", "un de mes joueurs").
PROFESSIONAL_WORDS = (
    r"(?:prof|enseignante?|entraineure?|coach|intervenante?|educatrice|educateur|tes|"
    r"psychoeducatrice|psychoeducateur|infirmiere?|policiere?|travailleu(?:r|se)(?: de rue| sociale?)?|"
    r"\bts\b|psychologue|directrice|directeur|teacher|nurse|social worker|youth worker|police officer)"
)
PROFESSIONAL_PATTERN = re.compile(
    r"\b(?:je suis|chu|i'?m|i am)\s+(?:un |une |a |an )?" + PROFESSIONAL_WORDS
    + r"|^\s*(?:bonjour,?\s*)?" + PROFESSIONAL_WORDS
    + r"|\b(?:un|une) de mes (?:joueurs|joueuses|eleves|jeunes|athletes|patients|patientes)\b"
)

# A parent or guardian saying so: "je suis la mère d'une fille de 14 ans", "I'm her father".
PARENT_PATTERN = re.compile(
    r"\b(?:je suis|chu|i'?m|i am)\s+(?:la |le |sa |son |the |her |his )?"
    r"(?:mere|pere|parent|maman|papa|tuteur|tutrice|grand-?mere|grand-?pere|mother|father|mom|dad)\b"
)

# Short answers to "qui m'écrit?" that the NLU may not classify, tried in this order so that
# "moi je suis sa mère" is a parent and "c moi, mon chum a mes photos" the young person.
ROLE_ANSWER_PATTERNS = (
    ("parent", re.compile(r"\b(?:pere|mere|parent|papa|maman|father|mother|mom|dad|grand-?(?:pere|mere)|tante|oncle)\b")),
    ("jeune", re.compile(r"^\s*(?:c'?est |c |it'?s |its )?(?:moi|me|myself)\b|^\s*(?:je suis |chu |i'?m )?(?:le |la |the )?jeune\b")),
    ("intervenant", re.compile(r"\b(?:prof|enseignante?|intervenante?|professionnel(?:le)?|teacher|worker|nurse|police|coach)\b")),
    ("ami", re.compile(r"\b(?:ami|amie|chum|best|friend)\b")),
)


def intent_name(message: Message) -> str | None:
    """Return the name of the message's intent, or None when NLU gave none."""
    return (message.get("intent") or {}).get("name")


def entity_values(message: Message, entity: str) -> list[str]:
    """Return the values of one entity type in the message, in order, without repeats."""
    values: list[str] = []
    for found in message.get("entities") or []:
        value = found.get("value")
        if found.get("entity") == entity and isinstance(value, str) and value not in values:
            values.append(value)
    return values


def age_from_message(message: Message) -> int | None:
    """Return the first age entity as a number, or None."""
    for value in entity_values(message, "age"):
        digits = re.search(r"\d{1,2}", value)
        if digits:
            return int(digits.group())
    return None


def fold(text: str) -> str:
    """Lower-case a text, strip its accents and straighten its apostrophes."""
    return fold_accents(text.replace("’", "'"))


def canonical_relation(value: str) -> str | None:
    """Map a relation entity value ("enfant", "ma fille", "My daughter") to a canonical value."""
    folded = fold(value).strip()
    if folded in CANONICAL_RELATIONS:
        return folded
    if not POSSESSIVE_PREFIX.match(folded):
        return None
    return RELATION_SYNONYMS.get(POSSESSIVE_PREFIX.sub("", folded))


def role_from_answer(text: str) -> str | None:
    """Read a short answer to the role question ("c moi", "I'm his father", "la prof")."""
    folded = fold(text)
    for role, pattern in ROLE_ANSWER_PATTERNS:
        if pattern.search(folded):
            return role
    return None


def role_from_message(message: Message) -> str | None:
    """Infer who is writing: a role entity, a relation, a self-description, else the writer as target."""
    for value in entity_values(message, "role"):
        if value in ROLES:
            return value

    for value in entity_values(message, "relation"):
        relation = canonical_relation(value)
        if relation in ROLE_BY_RELATION:
            return ROLE_BY_RELATION[relation]

    folded = fold(message.get("text") or "")
    if PROFESSIONAL_PATTERN.search(folded):
        return "intervenant"
    if PARENT_PATTERN.search(folded):
        return "parent"

    possessive = CHILD_RELATION_PATTERN.search(folded)
    if possessive:
        return "intervenant" if possessive.group(1) else "parent"

    own_age = SELF_AGE_PATTERN.search(folded)
    if own_age:
        return "jeune" if int(own_age.group(1)) < ADULT_AGE else None

    if SELF_TARGET_PATTERN.search(folded):
        return "jeune"
    return None


# Short answers to the situation question that the NLU may not classify ("soupçon", "sûr"),
# doubts first so that "pas sûre" is a doubt.
# A danger is not read here: it goes through the danger intents and the emergency reply.
SITUATION_ANSWER_PATTERNS = (
    ("soupcon", re.compile(r"\b(?:soupcons?|soupconne|doute|doutes|je pense|je crois|peut-etre|pas sure?|pas certaine?|inquiete?|suspicion|not sure|maybe|worried)\b")),
    ("situation_averee", re.compile(r"\b(?:confirme|certaine?|sure?|sur a 100|preuves?|elle m'a dit|il m'a dit|s'est confiee?|confidence|ca arrive|c'est arrive|proof|confirmed|sure)\b")),
)


def situation_from_answer(text: str) -> str | None:
    """Read a short answer to the situation question ("un doute", "c'est confirmé")."""
    folded = fold(text)
    for situation, pattern in SITUATION_ANSWER_PATTERNS:
        if pattern.search(folded):
            return situation
    return None


def situation_from_message(message: Message) -> str | None:
    """Map the intent to a situation: a doubt, a confirmed situation or a danger now."""
    return SITUATION_BY_INTENT.get(intent_name(message) or "")


def topic_from_message(message: Message) -> str | None:
    """Map a topic intent (sextortion, luring, pimping, runaway) to the guidance topic."""
    return TOPIC_BY_INTENT.get(intent_name(message) or "")


def language_from_message(message: Message) -> str | None:
    """Return the language the gateway detected and sent as message metadata."""
    language = (message.get("metadata") or {}).get("language")
    return language if language in ("fr", "en") else None


# Young people and their friends are addressed with "tu", parents and professionals with "vous".
TONE_BY_ROLE = {"jeune": "tu", "ami": "tu", "parent": "vous", "intervenant": "vous"}


def tone_for_role(role: str | None) -> str | None:
    """Return "tu" or "vous" for a role, or None while the role is unknown."""
    return TONE_BY_ROLE.get(role or "")
