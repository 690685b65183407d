"""Conversations of the three personas, and their unhappy paths, through the gateway.

Worried parents write long emotional paragraphs, young people write SMS-style joual without
accents, professionals write terse notes, and a few Montrealers write in English. Each
conversation must end at the DPJ of the right region, in "tu" or "vous" as fits the person,
and any danger or suicidal thought must put 911 first, at whatever turn it comes.
"""

from dataclasses import dataclass

import pytest

from tests.integration.dialogue import (
    all_text,
    answer_until_asked,
    answer_until_referral,
    assert_emergency_first,
    has_phone_link,
    link_position,
    other_dpj_links,
    tu_words,
    vous_words,
)

pytestmark = pytest.mark.stack

REGION_BUTTON_COUNT = 17

PARENT_ANSWERS = {"role": "je suis sa mère", "situation": "c'est un doute", "age": "15 ans"}
YOUTH_ANSWERS = {"role": "c moi le jeune", "situation": "ca m'arrive a moi", "age": "jai 14"}
PROFESSIONAL_ANSWERS = {"role": "intervenante", "situation": "soupçon", "age": "15 ans"}
ENGLISH_ANSWERS = {"role": "I'm her mother", "situation": "it's a doubt", "age": "14"}


@dataclass(frozen=True)
class Persona:
    """One person's opening, where they live, and what the referral must contain."""

    opening: str
    region_answer: str
    # DPJs the referral must link, the first one before the others.
    dpj_ids: tuple[str, ...]
    answers: dict[str, str]
    # "tu", "vous", or None for English conversations, whose guidance text is in English.
    tone: str | None


PERSONAS = [
    # Worried parents and relatives: long, emotional paragraphs.
    pytest.param(
        Persona(
            "Bonsoir. Je vous écris parce que je n'en dors plus. Ma fille de 14 ans fréquente "
            "depuis l'été un homme de 24 ans qui lui achète des vêtements de marque et lui a donné "
            "un nouveau cellulaire. Elle rentre tard, elle me ment sur l'endroit où elle était et "
            "elle a changé d'amis. J'ai peur qu'il l'exploite.",
            "on habite à Magog",
            ("dpj-estrie",),
            PARENT_ANSWERS,
            "vous",
        ),
        id="parent-gifts-magog",
    ),
    pytest.param(
        Persona(
            "Mon garçon de 13 ans passe ses soirées à clavarder avec un adulte qu'il a connu sur "
            "un jeu en ligne. Hier, j'ai vu que cet homme lui demandait des photos de lui en "
            "sous-vêtements et lui disait de ne rien me dire. Je suis sous le choc.",
            "à Sainte-Foy",
            ("dpj-capitale-nationale",),
            PARENT_ANSWERS,
            "vous",
        ),
        id="parent-luring-sainte-foy",
    ),
    pytest.param(
        Persona(
            "Ma fille de 16 ans vient de m'avouer en pleurant qu'elle a envoyé une photo intime à "
            "un garçon rencontré sur Instagram. Maintenant il exige de l'argent, sinon il va "
            "envoyer la photo à tous ses contacts. Je ne sais pas comment l'aider.",
            "Lévis",
            ("dpj-chaudiere-appalaches",),
            PARENT_ANSWERS,
            "vous",
        ),
        id="parent-sextortion-levis",
    ),
    pytest.param(
        Persona(
            "Mon fils de 15 ans a fugué depuis deux jours. Ses amis disent qu'il dort chez un "
            "homme plus âgé qui lui fournit de la drogue. J'ai déjà appelé la police mais je ne "
            "sais plus quoi faire de mon côté.",
            "Shawinigan",
            ("dpj-mauricie-centre-du-quebec",),
            PARENT_ANSWERS,
            "vous",
        ),
        id="parent-runaway-shawinigan",
    ),
    pytest.param(
        Persona(
            "Ma nièce de 16 ans habite chez nous depuis un an. Je viens d'apprendre que son copain "
            "la pousse à coucher avec ses amis en échange d'argent. Elle dit qu'elle l'aime et "
            "qu'elle est d'accord. Je suis complètement perdue.",
            "Gatineau",
            ("dpj-outaouais",),
            {**PARENT_ANSWERS, "role": "je suis sa tante"},
            "vous",
        ),
        id="parent-pimping-gatineau",
    ),
    pytest.param(
        Persona(
            "Mon fils de 14 ans m'a confié hier soir que son entraîneur de hockey lui fait des "
            "attouchements et lui donne de l'argent pour qu'il se taise. Je veux faire les bonnes "
            "choses pour lui.",
            "dans Rosemont",
            ("dpj-montreal", "dpj-batshaw"),
            PARENT_ANSWERS,
            "vous",
        ),
        id="parent-confided-rosemont",
    ),
    pytest.param(
        Persona(
            "Je remarque plein de choses inquiétantes chez ma fille de 15 ans : des absences la "
            "nuit, des sacs à main de luxe, un téléphone que je ne lui ai jamais acheté et un "
            "nouvel ami de 28 ans dont elle refuse de parler.",
            "Repentigny",
            ("dpj-lanaudiere",),
            PARENT_ANSWERS,
            "vous",
        ),
        id="parent-signs-repentigny",
    ),
    pytest.param(
        Persona(
            "Bonjour, je suis la grand-mère d'une adolescente de 13 ans. Un homme lui écrit sur "
            "Snapchat, lui fait des compliments sur son corps et veut la rencontrer en cachette. "
            "Je ne sais pas si je dois en parler à ses parents.",
            "Rivière-du-Loup",
            ("dpj-bas-saint-laurent",),
            {**PARENT_ANSWERS, "role": "je suis sa grand-mère"},
            "vous",
        ),
        id="grandparent-snapchat-riviere-du-loup",
    ),
    pytest.param(
        Persona(
            "Mon fils de 16 ans revient de ses fins de semaine avec beaucoup d'argent comptant. "
            "Un homme vient le chercher en voiture le vendredi soir. Quand je pose des questions, "
            "il se fâche. Je suis inquiet qu'on l'exploite sexuellement.",
            "Baie-Comeau",
            ("dpj-cote-nord",),
            {**PARENT_ANSWERS, "role": "je suis son père"},
            "vous",
        ),
        id="parent-cash-baie-comeau",
    ),
    pytest.param(
        Persona(
            "J'ai trouvé dans le téléphone de ma fille de 14 ans des conversations avec un homme "
            "qui lui promet de l'argent pour des photos. Elle m'a juré que ce n'était rien, mais "
            "je n'arrive pas à la croire.",
            "on est à Mont-Tremblant",
            ("dpj-laurentides",),
            PARENT_ANSWERS,
            "vous",
        ),
        id="parent-phone-mont-tremblant",
    ),
    # Young people: SMS style, joual, no accents.
    pytest.param(
        Persona(
            "slt jai 14 ans pis un gars sur insta me demande des photos de moi tout nue",
            "jreste a Matane",
            ("dpj-bas-saint-laurent",),
            YOUTH_ANSWERS,
            "tu",
        ),
        id="youth-photos-matane",
    ),
    pytest.param(
        Persona(
            "chu pas sure mais mon chum me demande de coucher avec ses chums pour de l'argent, jai 15",
            "a Jonquiere",
            ("dpj-saguenay-lac-saint-jean",),
            YOUTH_ANSWERS,
            "tu",
        ),
        id="youth-boyfriend-jonquiere",
    ),
    pytest.param(
        Persona(
            "jsp quoi faire ya un gars de 30 ans qui m'ecrit sur snap tous les soirs pis il veut me voir en secret",
            "Rouyn",
            ("dpj-abitibi-temiscamingue",),
            YOUTH_ANSWERS,
            "tu",
        ),
        id="youth-snap-rouyn",
    ),
    pytest.param(
        Persona(
            "jai fugue de chez nous pis un gars m'offre de rester chez lui si jfais des affaires avec ses amis",
            "a Victoriaville",
            ("dpj-mauricie-centre-du-quebec",),
            YOUTH_ANSWERS,
            "tu",
        ),
        id="youth-runaway-victoriaville",
    ),
    pytest.param(
        Persona(
            "ya un gars qui menace de publier mes nudes si jlui envoie pas 200$ jsuis vraiment stresse",
            "Trois-Rivieres",
            ("dpj-mauricie-centre-du-quebec",),
            YOUTH_ANSWERS,
            "tu",
        ),
        id="youth-sextortion-trois-rivieres",
    ),
    pytest.param(
        Persona(
            "mon amie de 15 ans sort avec un gars de 25 qui lui paye toute pis ya des gars qui viennent la voir",
            "Terrebonne",
            ("dpj-lanaudiere",),
            {**YOUTH_ANSWERS, "role": "chu son amie"},
            "tu",
        ),
        id="friend-older-boyfriend-terrebonne",
    ),
    pytest.param(
        Persona(
            "jsais pas si c normal mais mon coach me texte tard le soir pis il ma dit de garder ca secret, jai 13 ans",
            "mon code postal c H1W",
            ("dpj-montreal", "dpj-batshaw"),
            YOUTH_ANSWERS,
            "tu",
        ),
        id="youth-coach-postal-code",
    ),
    pytest.param(
        Persona(
            "un gars ma envoyer des messages bizarres sur discord pis il dit quil a 15 ans mais je le crois pas, moi jai 13",
            "Gaspe",
            ("dpj-gaspesie-iles-de-la-madeleine",),
            YOUTH_ANSWERS,
            "tu",
        ),
        id="youth-discord-gaspe",
    ),
    pytest.param(
        Persona(
            "ma chum de classe dit quelle fait des clients pour son chum pis jsais pas quoi faire, jai 14 ans",
            "Alma",
            ("dpj-saguenay-lac-saint-jean",),
            {**YOUTH_ANSWERS, "role": "chu son amie"},
            "tu",
        ),
        id="friend-clients-alma",
    ),
    # Professionals: terse notes.
    pytest.param(
        Persona(
            "élève 14 ans, soupçon proxénétisme, Laval",
            "Laval",
            ("dpj-laval",),
            PROFESSIONAL_ANSWERS,
            "vous",
        ),
        id="teacher-pimping-laval",
    ),
    pytest.param(
        Persona(
            "Intervenante jeunesse. Jeune de 15 ans, sextorsion confirmée. Rimouski.",
            "Rimouski",
            ("dpj-bas-saint-laurent",),
            PROFESSIONAL_ANSWERS,
            "vous",
        ),
        id="youth-worker-sextortion-rimouski",
    ),
    pytest.param(
        Persona(
            "Enseignant au secondaire : un élève de 13 ans reçoit des messages sexuels d'un adulte sur Discord. Val-d'Or.",
            "Val-d'Or",
            ("dpj-abitibi-temiscamingue",),
            PROFESSIONAL_ANSWERS,
            "vous",
        ),
        id="teacher-luring-val-dor",
    ),
    pytest.param(
        Persona(
            "Infirmière scolaire. Une élève m'a confié être exploitée sexuellement par un homme. Joliette.",
            "Joliette",
            ("dpj-lanaudiere",),
            PROFESSIONAL_ANSWERS,
            "vous",
        ),
        id="nurse-confided-joliette",
    ),
    pytest.param(
        Persona(
            "TS en CLSC, doute d'exploitation sexuelle chez une ado de 15 ans, Saguenay",
            "Saguenay",
            ("dpj-saguenay-lac-saint-jean",),
            PROFESSIONAL_ANSWERS,
            "vous",
        ),
        id="social-worker-doubt-saguenay",
    ),
    pytest.param(
        Persona(
            "Policier. Mineure de 16 ans en fugue, possiblement recrutée par un proxénète. Secteur Longueuil.",
            "Longueuil",
            ("dpj-monteregie",),
            {**PROFESSIONAL_ANSWERS, "role": "policier"},
            "vous",
        ),
        id="police-recruitment-longueuil",
    ),
    pytest.param(
        Persona(
            "Éducatrice en centre jeunesse, soupçon de leurre en ligne, jeune de 12 ans, Beauce",
            "Beauce",
            ("dpj-chaudiere-appalaches",),
            PROFESSIONAL_ANSWERS,
            "vous",
        ),
        id="educator-luring-beauce",
    ),
    # Montrealers writing in English: Batshaw's English line comes before the French DPJ.
    pytest.param(
        Persona(
            "My 14 year old daughter has been talking to a much older man online who keeps sending her gifts.",
            "we live in Montreal",
            ("dpj-batshaw", "dpj-montreal"),
            ENGLISH_ANSWERS,
            None,
        ),
        id="english-parent-gifts-montreal",
    ),
    pytest.param(
        Persona(
            "I'm a teacher and one of my students told me her boyfriend is selling her to other men.",
            "NDG",
            ("dpj-batshaw", "dpj-montreal"),
            {**ENGLISH_ANSWERS, "role": "I'm a teacher"},
            None,
        ),
        id="english-teacher-pimping-ndg",
    ),
    pytest.param(
        Persona(
            "My daughter ran away from home last week and I think she is staying with a pimp.",
            "Pointe-Claire",
            ("dpj-batshaw", "dpj-montreal"),
            ENGLISH_ANSWERS,
            None,
        ),
        id="english-parent-runaway-pointe-claire",
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
def test_persona_gets_region_dpj(conversation, persona: Persona):
    answers = {**persona.answers, "region": persona.region_answer}
    replies = answer_until_referral(conversation, persona.opening, answers)
    referral = all_text(replies[-1])

    for resource_id in persona.dpj_ids:
        assert has_phone_link(referral, resource_id), (
            f"no {resource_id} number in the referral:\n" + conversation.transcript()
        )
    first_position = link_position(referral, persona.dpj_ids[0])
    for resource_id in persona.dpj_ids[1:]:
        assert first_position < link_position(referral, resource_id), (
            f"{persona.dpj_ids[0]} must come before {resource_id}:\n" + conversation.transcript()
        )
    assert other_dpj_links(referral, persona.dpj_ids) == [], conversation.transcript()

    if persona.tone == "tu":
        assert vous_words(referral) == [], conversation.transcript()
        assert tu_words(referral) != [], conversation.transcript()
    elif persona.tone == "vous":
        assert tu_words(referral) == [], conversation.transcript()
    else:
        assert "youth protection (DPJ)" in referral, conversation.transcript()
        assert "Reminder: this chat is not a report" in referral, conversation.transcript()


@pytest.mark.parametrize(
    "opening",
    [
        "un gars me demande des photos pis jai 14 ans",
        "jsp quoi faire un gars me demande des photos de moi",
    ],
)
def test_youth_photo_request_is_understood(conversation, opening):
    reply = conversation.say(opening)

    assert reply["expecting"] is not None, conversation.transcript()


@pytest.mark.parametrize("role_answer", ["je suis le parent", "I'm her parent"])
def test_parent_role_answer_is_not_a_place(conversation, role_answer):
    answer_until_asked(
        conversation,
        "Un homme de 40 ans offre de l'argent à une fille de 14 ans pour des photos.",
        {"situation": "c'est un doute"},
        "role",
    )

    after_role = conversation.say(role_answer)

    # No place was given yet, so the bot must still ask for the region.
    assert after_role["expecting"] == "region", conversation.transcript()
    assert not has_phone_link(all_text(after_role), "dpj-mauricie-centre-du-quebec")


# --- Danger and suicidal thoughts, at any turn ----------------------------------------------


def test_danger_opening_gets_911_first(conversation):
    reply = conversation.say("chu dans un appart avec des gars pis y me laissent pas sortir")

    assert_emergency_first(reply, conversation)


def test_danger_opening_with_place_gives_dpj(conversation):
    reply = conversation.say(
        "Ma fille de 15 ans vient de m'appeler en panique : elle est dans un motel à Laval avec "
        "des hommes et ils ne la laissent pas partir."
    )
    text = all_text(reply)

    assert_emergency_first(reply, conversation)
    # The place in the danger message is enough for the emergency reply to add the DPJ.
    assert has_phone_link(text, "dpj-laval"), conversation.transcript()
    assert link_position(text, "urgence-911") < link_position(text, "dpj-laval")


def test_danger_mid_form_then_resumes(conversation):
    opening = conversation.say("un gars me demande des photos")
    assert opening["expecting"] is not None, conversation.transcript()

    danger = conversation.say("il est en bas de chez nous drette la pis il dit quil va monter")

    assert_emergency_first(danger, conversation)
    # The emergency reply interrupts the form, which then asks again for what is missing.
    assert danger["expecting"] is not None, conversation.transcript()

    replies = answer_until_referral(
        conversation, "chu a Sherbrooke", {**YOUTH_ANSWERS, "region": "Sherbrooke"}
    )
    assert has_phone_link(all_text(replies[-1]), "dpj-estrie"), conversation.transcript()


def test_danger_after_referral_gives_dpj(conversation):
    answer_until_referral(
        conversation,
        "Je crois que ma fille de 15 ans est recrutée par un proxénète, elle a un nouveau chum de 30 ans.",
        {**PARENT_ANSWERS, "region": "Sherbrooke"},
    )

    danger = conversation.say("Elle vient de m'écrire : il la retient dans un motel en ce moment.")
    text = all_text(danger)

    assert_emergency_first(danger, conversation)
    # The region is already known, so the emergency reply names its DPJ after 911.
    assert has_phone_link(text, "dpj-estrie"), conversation.transcript()


def test_suicide_opening_gets_line(conversation):
    reply = conversation.say("jveux pu vivre depuis que mes photos circulent a lecole")
    text = all_text(reply)

    assert_emergency_first(reply, conversation)
    assert has_phone_link(text, "suicide-1866appelle"), conversation.transcript()
    assert link_position(text, "urgence-911") < link_position(text, "suicide-1866appelle")


def test_suicide_mid_form_gets_line(conversation):
    opening = conversation.say(
        "Je soupçonne qu'un homme exploite ma fille de 15 ans, il lui donne de l'argent et de la drogue."
    )
    assert opening["expecting"] == "region", conversation.transcript()

    reply = conversation.say("Ce soir elle m'a dit qu'elle pense à se suicider.")
    text = all_text(reply)

    assert_emergency_first(reply, conversation)
    assert has_phone_link(text, "suicide-1866appelle"), conversation.transcript()
    # After the emergency reply, the form still wants the region.
    assert reply["expecting"] == "region", conversation.transcript()


def test_suicide_after_referral_gets_line(conversation):
    answer_until_referral(
        conversation,
        "ya un gars qui veut que jlui envoie des photos sinon il dit a tout le monde que jsuis gai, jai 15",
        {**YOUTH_ANSWERS, "region": "Rimouski"},
    )

    reply = conversation.say("jpense a en finir, jpeux pu endurer ca")
    text = all_text(reply)

    assert_emergency_first(reply, conversation)
    assert has_phone_link(text, "suicide-1866appelle"), conversation.transcript()


# --- Interruptions in the middle of the form ---------------------------------------------------


def test_faq_mid_form_answers_then_resumes(conversation):
    opening = conversation.say(
        "Je suis enseignante et je soupçonne qu'une élève de 15 ans est exploitée sexuellement."
    )
    assert opening["expecting"] == "region", conversation.transcript()

    faq = conversation.say("Est-ce que mon nom va rester confidentiel si je fais un signalement?")
    faq_text = all_text(faq)

    # The reporter-confidentiality answer: the identity is protected and good faith protects.
    assert "bonne foi" in faq_text, conversation.transcript()
    assert faq["expecting"] == "region", conversation.transcript()

    referral = conversation.say("Joliette")
    assert has_phone_link(all_text(referral), "dpj-lanaudiere"), conversation.transcript()


def test_why_question_mid_form_resumes(conversation):
    answer_until_asked(
        conversation,
        "un gars de 25 ans me donne de l'argent pour des photos, jai 15 ans",
        YOUTH_ANSWERS,
        "region",
    )

    why = conversation.say("pourquoi tu me demandes ça?")

    assert "Chaque région a sa propre DPJ" in all_text(why), conversation.transcript()
    assert why["expecting"] == "region", conversation.transcript()

    referral = conversation.say("Lévis")
    assert has_phone_link(all_text(referral), "dpj-chaudiere-appalaches"), conversation.transcript()


def test_region_refusal_gives_province_services(conversation):
    opening = conversation.say(
        "Je pense que mon fils de 14 ans se fait leurrer par un adulte sur internet."
    )
    assert opening["expecting"] == "region", conversation.transcript()

    referral = conversation.say("je veux pas le dire")
    text = all_text(referral)

    assert referral["expecting"] is None, conversation.transcript()
    assert "partout au Québec" in text, conversation.transcript()
    # No region was given, so no regional DPJ may be picked for the person.
    assert other_dpj_links(text, ()) == [], conversation.transcript()


def test_restart_clears_the_slots(conversation):
    opening = "Je crois qu'un homme exploite ma fille de 16 ans, elle revient avec des cadeaux chers."
    first = answer_until_referral(conversation, opening, {**PARENT_ANSWERS, "region": "Sherbrooke"})
    assert has_phone_link(all_text(first[-1]), "dpj-estrie"), conversation.transcript()

    restart = conversation.say("recommencer")
    assert "on recommence" in all_text(restart), conversation.transcript()

    again = conversation.say(opening)
    # The region from before the restart is gone, so the bot asks for it again.
    assert again["expecting"] == "region", conversation.transcript()
    assert not has_phone_link(all_text(again), "dpj-estrie"), conversation.transcript()

    referral = conversation.say("Gaspé")
    text = all_text(referral)
    assert has_phone_link(text, "dpj-gaspesie-iles-de-la-madeleine"), conversation.transcript()
    assert not has_phone_link(text, "dpj-estrie"), conversation.transcript()


def test_unknown_place_twice_offers_region_buttons(conversation):
    opening = conversation.say(
        "Je m'inquiète pour ma fille de 15 ans, un homme plus âgé lui offre de l'argent pour des photos."
    )
    assert opening["expecting"] == "region", conversation.transcript()

    conversation.say("Narnia")
    second = conversation.say("au chalet")
    buttons = [button for message in second["messages"] for button in message["buttons"]]
    payloads = [button["payload"] for button in buttons]

    assert second["expecting"] == "region", conversation.transcript()
    assert len(buttons) >= REGION_BUTTON_COUNT, conversation.transcript()
    assert '/inform{"place": "05"}' in payloads, payloads

    referral = conversation.say('/inform{"place": "05"}')
    assert has_phone_link(all_text(referral), "dpj-estrie"), conversation.transcript()


def test_ambiguous_place_offers_candidates(conversation):
    opening = conversation.say(
        "Mon fils de 13 ans reçoit des messages sexuels d'un adulte sur un jeu en ligne, ça m'inquiète."
    )
    assert opening["expecting"] == "region", conversation.transcript()

    ambiguous = conversation.say("la Rive-Sud")
    payloads = [
        button["payload"] for message in ambiguous["messages"] for button in message["buttons"]
    ]

    assert ambiguous["expecting"] == "region", conversation.transcript()
    assert '/inform{"place": "16"}' in payloads, payloads
    assert '/inform{"place": "12"}' in payloads, payloads

    referral = conversation.say('/inform{"place": "16"}')
    text = all_text(referral)
    assert has_phone_link(text, "dpj-monteregie"), conversation.transcript()
    assert not has_phone_link(text, "dpj-chaudiere-appalaches"), conversation.transcript()


def test_english_youth_suicide_reply_in_english(conversation):
    reply = conversation.say("I'm 15 and I want to kill myself since the pics got out")
    text = all_text(reply)

    assert_emergency_first(reply, conversation)
    assert has_phone_link(text, "suicide-1866appelle"), conversation.transcript()
    assert "People trained in suicide prevention" in text, conversation.transcript()
    # The French "tu" variation used to be picked at random for English young people.
    assert "Tu n'es pas seul" not in text, conversation.transcript()
    assert "Contact details taken from public sources" in text, conversation.transcript()
    assert "Coordonnées tirées" not in text, conversation.transcript()


def test_english_small_talk_in_english(conversation):
    out_of_scope = all_text(conversation.say("is it going to rain today"))
    thanks = all_text(conversation.say("thank you so much"))

    assert "I can't help with that" in out_of_scope, conversation.transcript()
    assert "You're welcome" in thanks, conversation.transcript()
