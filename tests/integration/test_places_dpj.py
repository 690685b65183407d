"""Place names typed as people type them lead to the DPJ of the right region.

One conversation per administrative region, plus Nunavik, Eeyou Istchee and an English-speaking
Montrealer. The expected DPJs follow resources_db/data/dpj_routing.csv: Centre-du-Québec is
served by the Mauricie-Centre-du-Québec DPJ, Jamésie by one of two DPJs (so the bot gives both
and says it is unsure), Nunavik has one DPJ per coast, and Montréal in English is Batshaw first.
"""

import pytest

from tests.integration.dialogue import (
    all_text,
    answer_until_referral,
    has_phone_link,
    link_position,
    other_dpj_links,
)

pytestmark = pytest.mark.stack

FRENCH_OPENING = (
    "Bonjour, je m'inquiète pour ma fille de 15 ans : un homme beaucoup plus vieux lui donne de "
    "l'argent et des cadeaux."
)
FRENCH_ANSWERS = {"role": "je suis sa mère", "situation": "c'est un doute", "age": "15 ans"}

ENGLISH_OPENING = "My daughter is 15 and a much older man keeps giving her money and gifts."
ENGLISH_ANSWERS = {"role": "I'm her father", "situation": "it's a doubt", "age": "15"}

# Wording of the Jamésie routing note: the bot is not sure which of two DPJs serves the place.
JAMESIE_UNSURE = "pas certain"

# (place as typed, expected DPJs with the one that must come first at the front, English?)
# Chibougamau is in Jamésie, whose rows also make the referral say the bot is unsure.
PLACE_TABLE = [
    ("on habite à Rimouski", ("dpj-bas-saint-laurent",), False),
    ("on reste à Chicoutimi", ("dpj-saguenay-lac-saint-jean",), False),
    ("à Québec, dans Limoilou", ("dpj-capitale-nationale",), False),
    ("Trois-Rivières", ("dpj-mauricie-centre-du-quebec",), False),
    ("à Sherbrooke", ("dpj-estrie",), False),
    ("Montréal", ("dpj-montreal", "dpj-batshaw"), False),
    ("Gatineau", ("dpj-outaouais",), False),
    ("on vit à Rouyn-Noranda", ("dpj-abitibi-temiscamingue",), False),
    ("Sept-Îles", ("dpj-cote-nord",), False),
    ("Chibougamau", ("dpj-saguenay-lac-saint-jean", "dpj-abitibi-temiscamingue"), False),
    ("Gaspé", ("dpj-gaspesie-iles-de-la-madeleine",), False),
    ("Lévis", ("dpj-chaudiere-appalaches",), False),
    ("Laval", ("dpj-laval",), False),
    ("proche de Joliette", ("dpj-lanaudiere",), False),
    ("Saint-Jérôme", ("dpj-laurentides",), False),
    ("Longueuil", ("dpj-monteregie",), False),
    ("Drummondville", ("dpj-mauricie-centre-du-quebec",), False),
    ("Kuujjuaq", ("dpj-nunavik-ungava", "dpj-nunavik-hudson"), False),
    ("Chisasibi", ("dpj-cri-eeyou-istchee",), False),
    ("I live in the West Island", ("dpj-batshaw", "dpj-montreal"), True),
]


@pytest.mark.parametrize(
    ("place", "dpj_ids", "english"), PLACE_TABLE, ids=[row[0] for row in PLACE_TABLE]
)
def test_place_gets_region_dpj(conversation, place, dpj_ids, english):
    opening, answers = (ENGLISH_OPENING, ENGLISH_ANSWERS) if english else (FRENCH_OPENING, FRENCH_ANSWERS)
    replies = answer_until_referral(conversation, opening, {**answers, "region": place})
    referral = all_text(replies[-1])

    for resource_id in dpj_ids:
        assert has_phone_link(referral, resource_id), (
            f"no {resource_id} number in the referral:\n" + conversation.transcript()
        )
    for resource_id in dpj_ids[1:]:
        assert link_position(referral, dpj_ids[0]) < link_position(referral, resource_id), (
            f"{dpj_ids[0]} must come before {resource_id}:\n" + conversation.transcript()
        )
    assert other_dpj_links(referral, dpj_ids) == [], conversation.transcript()

    if place == "Chibougamau":
        assert JAMESIE_UNSURE in referral, conversation.transcript()
