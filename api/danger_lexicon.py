"""A deterministic French danger lexicon: the gateway's second layer behind the NLU.

If the NLU misses a message that names an immediate danger or suicidal thoughts, the gateway
still puts 911 first. Words are matched after folding case and accents, so "enfermee",
"ENFERMÉE" and "enfermée" are the same, and the Québécois and SMS spellings people type are
listed beside the standard ones.
"""

import re

from resources_db.text import fold as fold_accents

# Statements that are a danger on their own.
DIRECT_PATTERNS = (
    r"\b(je|j|j'|chu|chui|jsuis|je suis)\s*(suis\s+)?en danger\b",
    r"\bau secours\b",
    r"\baidez[- ]?moi\b.*\b(vite|svp|maintenant)\b",
    r"\bhelp me\b(?! with)",
    r"\bsuicid",
    r"\b(me|m)\s*(tuer|pendre|suicider)\b",
    r"\b(jveux|je veux|j'veux|veux)\s+mourir\b",
    r"\ben finir\b",
    r"\b(pu|plus|pus)\s+envie\s+de\s+vivre\b",
    r"\b(veux|veut|jveux|vx)\s+(pu|plus|pus|pas)\s+vivre\b",
    r"\b(pu|plus|pus)\s+(capable|la force)\s+de\s+vivre\b",
    r"\b(me|m)\s*(faire du mal|blesser|scarifier)\b",
    r"\bme\s+jeter\s+(en bas|du pont|devant)\b",
    r"\bmettre fin a (mes|ma) (jours|vie)\b",
    r"\b(me|m)\s*(suis\s+)?fait du mal\b",
    r"\b(me|m)\s*reverr\w*\s+(pas|pu|pus|plus|jamais)\b",
    r"\bpeur pour ma vie\b",
    r"\b(fear|scared|afraid) for my life\b",
    r"\bgoing to kill me\b|\bgonna kill me\b|\bwill kill me\b",
    r"\bif i (died|was dead|were dead)\b|\bbetter off (dead|without me)\b",
    r"\bkms\b",
    r"\bend it all\b",
    r"\bkill myself\b",
    r"\bwant to die\b",
    r"\bappelle[rz]? la police\b",
    # A cry for help on its own. "à l'aide de" ("by means of") is ordinary French, so it is left out.
    r"\ba l'?aide\b(?!\s+d)",
    # Someone armed: "il a un couteau", "y'a un gun", "he has a knife".
    r"\b(il|elle|y|y'|he|she)\s*(a|has|got|'s got)\s+(un|une|a)\s+(couteau|gun|fusil|arme|knife)\b",
    # Someone forcing a way in.
    r"\bessai\w*\s+d'?(ouvrir|entrer|rentrer|defoncer)\b",
    r"\b(trying|tries) to (get|break) in\b",
    # Held by the person who exploits: "veut pas que je parte", "la laisse pas partir".
    r"\b(veut|veulent) (pas|pu|plus) (que je (parte|m'en aille)|me laisser partir|la laisser partir|le laisser partir)\b",
    r"\b(me|la|le|nous) laisse(nt)? (pas|pu|plus) partir\b",
    r"\b(est|suis|sont|reste) (avec|chez) (son|mon|leur|un|le) (pimp|proxenete)\b",
    # A plan or a farewell that does not name suicide.
    r"\bsais (comment|quand)( (pis|et) (comment|quand))? (je vais|jvais|j'vais|je vas) le faire\W*$",
    r"\b(merci pour tout|adieu)\b.*\b(pas|pu|plus) (etre )?la demain\b",
    r"\blettres? d'adieu\b",
    r"\bmon dernier soir\b",
)

# Words that place the danger now.
IMMEDIATE_PATTERNS = (
    r"\ben ce moment\b",
    r"\bdrette la\b",
    r"\bright now\b",
    r"\bmaintenant\b",
    r"\bpresentement\b",
    r"\b(il|elle|y|ils|ye)\s+(est|e|sont)?\s*(ici|la|chez nous|chez moi|en bas|dehors|devant)\b",
    r"\bil s'en vient\b",
    r"\bs'en vient me chercher\b",
    r"\bm'attend\b",
    r"\bvient de (me |m')(texter|ecrire|appeler)\b",
)

# Method and threat words.
THREAT_PATTERNS = (
    r"\bmenac",
    r"\bfrapp",
    r"\bbat\b|\bbattre\b",
    r"\barme\b|\bcouteau\b|\bgun\b|\bfusil\b",
    r"\benferm",
    r"\bsequestr",
    r"\bretenu",
    r"\bkidnapp|\benlev",
    r"\bforce\b|\bforcer\b",
    r"\bviol",
    r"\btuer\b",
    r"\bblesse",
)

# Places where exploitation happens, which are a danger when someone is there now.
PLACE_PATTERNS = (
    r"\bhotel\b",
    r"\bmotel\b",
    r"\bchez (lui|eux)\b",
    r"\bdans (son|leur) (char|auto|voiture|van)\b",
    r"\bdans (un|une|l') ?(char|auto|voiture|van|camion) avec (lui|eux|un homme|des hommes|un gars|un inconnu)\b",
    r"\bappartement\b|\bappart\b",
    r"\bparty\b",
)


def fold(text: str) -> str:
    """Lower-case the text, strip accents and typographic apostrophes, squeeze spaces."""
    return re.sub(r"\s+", " ", fold_accents(text.replace("’", "'"))).strip()


def _matches_any(patterns: tuple[str, ...], text: str) -> bool:
    return any(re.search(pattern, text) for pattern in patterns)


def mentions_danger(text: str) -> bool:
    """Tell whether a message names an immediate danger or suicidal thoughts."""
    folded = fold(text)
    if _matches_any(DIRECT_PATTERNS, folded):
        return True

    immediate = _matches_any(IMMEDIATE_PATTERNS, folded)
    threat = _matches_any(THREAT_PATTERNS, folded)
    place = _matches_any(PLACE_PATTERNS, folded)
    return immediate and (threat or place)
