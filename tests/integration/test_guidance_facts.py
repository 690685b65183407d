"""The how-to-react text of the referral carries the key facts for each role, situation and topic.

Expected key words come from content/guidance.yml (short, stable phrases rather than whole
sentences), and the services listed for each case must appear with one of their seed numbers.
"""

from dataclasses import dataclass

import pytest

from tests.integration.dialogue import (
    answer_until_referral,
    assert_emergency_first,
    guidance_text,
    has_phone_link,
    tu_words,
    vous_words,
)

pytestmark = pytest.mark.stack

PARENT_ANSWERS = {"role": "je suis le parent", "situation": "c'est un doute", "age": "14 ans"}
YOUTH_ANSWERS = {"role": "c moi", "situation": "ca m'arrive", "age": "jai 15"}
FRIEND_ANSWERS = {"role": "chu son ami", "situation": "elle me la dit", "age": "14"}
PROFESSIONAL_ANSWERS = {"role": "je suis intervenant", "situation": "un soupçon", "age": "15 ans"}


@dataclass(frozen=True)
class GuidanceCase:
    """One conversation and the facts its guidance text must contain."""

    opening: str
    answers: dict[str, str]
    # Phrases of the expected content/guidance.yml entry, compared without case.
    key_phrases: tuple[str, ...]
    # Seed entries whose phone number the guidance text must link.
    linked_ids: tuple[str, ...]
    tone: str
    danger: bool = False


CASES = [
    pytest.param(
        GuidanceCase(
            "Enseignante au primaire. Je soupçonne qu'un élève de 12 ans est exploité sexuellement par un voisin.",
            {**PROFESSIONAL_ANSWERS, "region": "Laval"},
            ("sans délai", "secret professionnel", "identité reste confidentielle", "bonne foi"),
            ("dpj-laval",),
            "vous",
        ),
        id="professional-suspicion",
    ),
    pytest.param(
        GuidanceCase(
            "Je suis psychoéducatrice. Une élève de 13 ans m'a dévoilé hier qu'un adulte de son "
            "entourage l'agresse sexuellement depuis des mois.",
            {**PROFESSIONAL_ANSWERS, "region": "Sherbrooke"},
            ("sans délai", "24 heures sur 24", "paroles exactes", "Cyberaide.ca"),
            ("dpj-estrie", "cyberaide"),
            "vous",
        ),
        id="professional-confirmed",
    ),
    pytest.param(
        GuidanceCase(
            "Je suis travailleuse de rue. Une jeune de 15 ans est en ce moment dans une chambre "
            "d'hôtel avec un homme qui l'exploite et elle n'arrive pas à partir.",
            {**PROFESSIONAL_ANSWERS, "region": "Limoilou"},
            ("911", "tenus de signaler"),
            ("dpj-capitale-nationale",),
            "vous",
            danger=True,
        ),
        id="professional-danger",
    ),
    pytest.param(
        GuidanceCase(
            "un gars menace denvoyer mes photos a mes amis si jle paye pas, jai 15 ans",
            {**YOUTH_ANSWERS, "region": "Gatineau"},
            ("ne paie pas", "captures d'écran", "bloque", "Cyberaide.ca", "AidezMoiSVP.ca"),
            ("cyberaide", "tel-jeunes"),
            "tu",
        ),
        id="youth-sextortion",
    ),
    pytest.param(
        GuidanceCase(
            "Mon fils de 15 ans m'a montré des messages : une fille qu'il a rencontrée en ligne a "
            "obtenu une vidéo intime de lui et exige maintenant 300 $ pour ne pas la publier.",
            {**PARENT_ANSWERS, "region": "Rimouski"},
            ("ne pas payer", "captures d'écran", "ne copiez", "AidezMoiSVP.ca"),
            ("cyberaide", "info-social-811"),
            "vous",
        ),
        id="parent-sextortion",
    ),
    pytest.param(
        GuidanceCase(
            "Mon fils de 14 ans est chez un homme en ce moment, il le retient et le menace.",
            {**PARENT_ANSWERS, "region": "Laval"},
            ("911", "la police enquête", "ne copiez"),
            ("dpj-laval",),
            "vous",
            danger=True,
        ),
        id="parent-danger",
    ),
    pytest.param(
        GuidanceCase(
            "Ma fille de 14 ans a fugué de la maison hier soir et elle ne répond plus à son téléphone.",
            {**PARENT_ANSWERS, "region": "Trois-Rivières"},
            ("911", "sans attendre", "fugue"),
            ("dpj-mauricie-centre-du-quebec", "ligneparents"),
            "vous",
        ),
        id="parent-runaway",
    ),
    pytest.param(
        GuidanceCase(
            "J'ai un doute. Depuis qu'elle fréquente un homme de 30 ans, ma fille de 13 ans est "
            "devenue renfermée et je sens que quelque chose ne va pas.",
            {**PARENT_ANSWERS, "region": "Gaspé"},
            ("pas besoin de preuves", "sans délai", "LigneParents"),
            ("dpj-gaspesie-iles-de-la-madeleine", "ligneparents"),
            "vous",
        ),
        id="parent-suspicion",
    ),
    pytest.param(
        GuidanceCase(
            "Ma fille de 12 ans m'a confié ce soir que son oncle la touche depuis des mois. Je "
            "suis sous le choc.",
            {**PARENT_ANSWERS, "region": "Longueuil"},
            ("ne promettez pas de garder le secret", "paroles exactes", "sans délai"),
            ("dpj-monteregie", "reseau-cavac"),
            "vous",
        ),
        id="parent-confirmed",
    ),
    pytest.param(
        GuidanceCase(
            "un gars que jconnais pas mecrit sur tiktok pis il veut que jlui envoie des photos, "
            "il dit quil a 16 ans, moi jai 13",
            {**YOUTH_ANSWERS, "region": "Joliette"},
            ("crime", "captures d'écran", "bloque", "911"),
            ("cyberaide",),
            "tu",
        ),
        id="youth-luring",
    ),
    pytest.param(
        GuidanceCase(
            "Un adulte contacte mon fils de 12 ans sur Fortnite, lui fait des compliments et lui "
            "demande des photos de lui.",
            {**PARENT_ANSWERS, "region": "Saint-Jérôme"},
            ("leurre", "captures d'écran", "Cyberaide.ca"),
            ("cyberaide", "dpj-laurentides"),
            "vous",
        ),
        id="parent-luring",
    ),
    pytest.param(
        GuidanceCase(
            "mon chum dit que jdois faire des clients pour rembourser ce que je lui dois, jai 16",
            {**YOUTH_ANSWERS, "region": "Saguenay"},
            ("exploitation sexuelle", "victime", "traite"),
            ("ligne-urgence-traite", "dpj-saguenay-lac-saint-jean"),
            "tu",
        ),
        id="youth-pimping",
    ),
    pytest.param(
        GuidanceCase(
            "Intervenant en maison de jeunes : une jeune de 15 ans semble recrutée par un proxénète.",
            {**PROFESSIONAL_ANSWERS, "region": "Lévis"},
            ("sans délai", "motifs raisonnables suffisent", "ne le confrontez pas"),
            ("dpj-chaudiere-appalaches", "ligne-urgence-traite"),
            "vous",
        ),
        id="professional-pimping",
    ),
    pytest.param(
        GuidanceCase(
            "mon amie m'a avoué qu'un homme de 30 ans l'exploite sexuellement, elle a 15 ans",
            {**FRIEND_ANSWERS, "region": "Drummondville"},
            ("ne demande pas de détails", "ne promets pas de garder le secret"),
            ("dpj-mauricie-centre-du-quebec",),
            "tu",
        ),
        id="friend-confirmed",
    ),
    pytest.param(
        GuidanceCase(
            "jai fugue de chez nous hier pis jsais pas ou dormir ce soir, jai 15",
            {**YOUTH_ANSWERS, "region": "Sept-Îles"},
            ("911", "exploitation", "sans être jugé"),
            ("tel-jeunes", "dpj-cote-nord"),
            "tu",
        ),
        id="youth-runaway",
    ),
    pytest.param(
        GuidanceCase(
            "mon ami de 15 ans se fait menacer par un gars qui a ses nudes pis qui veut de l'argent",
            {**FRIEND_ANSWERS, "region": "Rouyn-Noranda"},
            ("pas payer", "illégal", "Cyberaide.ca"),
            ("cyberaide",),
            "tu",
        ),
        id="friend-sextortion",
    ),
]


@pytest.mark.parametrize("case", CASES)
def test_guidance_gives_key_facts(conversation, case: GuidanceCase):
    replies = answer_until_referral(conversation, case.opening, case.answers)
    guidance = guidance_text(replies[-1])
    lowered = guidance.lower()

    if case.danger:
        assert_emergency_first(replies[0], conversation)
    for phrase in case.key_phrases:
        assert phrase.lower() in lowered, (
            f"{phrase!r} missing from the guidance:\n" + conversation.transcript()
        )
    for resource_id in case.linked_ids:
        assert has_phone_link(guidance, resource_id), (
            f"no {resource_id} number in the guidance:\n" + conversation.transcript()
        )

    # Some "vous" entries speak only in the imperative, so only the absence of "tu" is checked.
    if case.tone == "tu":
        assert vous_words(guidance) == [], conversation.transcript()
        assert tu_words(guidance) != [], conversation.transcript()
    else:
        assert tu_words(guidance) == [], conversation.transcript()
