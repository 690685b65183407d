"""The gateway's danger lexicon: what must trigger 911 first, and what must not."""

import pytest

from api.danger_lexicon import mentions_danger


@pytest.mark.parametrize(
    "text",
    [
        "il est chez nous en ce moment pis il la menace",
        "Il est chez nous en ce moment et il la menace",
        "elle est dans un hôtel avec des hommes en ce moment",
        "elle est dans un hotel avec des hommes maintenant",
        "au secours",
        "chu en danger",
        "je suis en danger",
        "jveux mourir",
        "j'ai pu envie de vivre",
        "je pense au suicide",
        "je vais me tuer",
        "he is here right now with a gun",
        "i want to die",
        "il est en bas pis il a un couteau drette là",
        "elle est enfermée chez lui présentement",
        "jveux pu vivre depuis que mes photos circulent a lecole",
        "je veux plus vivre",
        "chu pu capable de vivre de meme",
        "je pense à mettre fin à mes jours",
        # Emergency messages the NLU cross-validation misread as other intents.
        "je me suis fait du mal pis jvais recommencer",
        "vous me reverrez pas",
        "j'ai peur pour ma vie",
        "he's going to kill me",
        "no one would even notice if I died",
        "help me please",
        "a laide",
        "À l'aide!",
        "he has a knife",
        "y'a un gun",
        "quelqu'un essaie d'ouvrir ma porte",
        "someone is trying to break in",
        "jsuis en fugue pis le gars chez qui je reste veut pas que je parte",
        "il la laisse pas partir",
        "ma fille est disparue depuis 3 jours, on sait qu'elle est avec son pimp",
        "je sais comment je vais le faire",
        "je sais comment pis quand je vais le faire",
        "merci pour tout, je vais pas être là demain",
        "j'ai écrit mes lettres d'adieu",
        "Elle vient de me texter qu'elle est dans une voiture avec lui et qu'elle a peur.",
    ],
)
def test_danger_detected(text):
    assert mentions_danger(text)


@pytest.mark.parametrize(
    "text",
    [
        "je pense que ma fille se fait exploiter par un gars plus vieux",
        "on habite à Rimouski",
        "c'est quoi la DPJ",
        "ma fille a un nouveau chum de 25 ans",
        "un gars me demande des photos",
        "bonjour",
        "il me suit sur insta depuis une semaine",
        "ça m'a fait du bien de vous écrire",
        "j'ai hâte de la revoir",
        "j'ai traduit le texte à l'aide d'un dictionnaire",
        "il a un cell neuf",
        "ma mère veut pas que je sorte ce soir",
        "je sais comment je vais faire pour lui en parler",
        "je vais pas être là demain, je travaille",
        "merci pour tout",
        "elle vient de me texter qu'elle est rendue chez son amie",
        "elle est dans une voiture avec sa mère",
        "can you help me with my homework",
    ],
)
def test_no_danger(text):
    assert not mentions_danger(text)
