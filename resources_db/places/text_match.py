"""Finding gazetteer names in free text: exact key, longest name inside a sentence, then typos."""

import bisect

from rapidfuzz import fuzz, process

from resources_db.places.candidates import resolve_entries
from resources_db.places.index import PlaceIndex
from resources_db.places.models import PlaceResolution, UNKNOWN

# Folded words of the sentences around a place name ("je reste proche de", "dans le coin de",
# "chu à", "I live in"). A window made only of these words is never taken as a place, and they
# are trimmed before fuzzy matching.
FILLER_WORDS = frozenset(
    """
    je j jhabite jreste jsuis jsui chu chui sui suis habite habites habitons habitez habitent
    habiter reste restes restons restez restent rester vis vit vivons vivez vivent vivre demeure
    demeurons on nous vous ils elle elles il y ya a au aux en dans de du des d pres proche proches
    coin secteur region ville village cote bord alentours environs autour vers pas loin bout boutte
    c est ici moi ma mon mes notre nos famille maison chez qc canada province svp stp merci ok oui
    ben bin genre pis et ou le la les l un une sur
    the in near i live m im am we my from around area city town of
    """.split()
)

# "Québec" in "Rimouski, Québec" names the province: the name only counts when nothing else does.
WEAK_KEYS = frozenset({"quebec", "qc"})

# Confidence factor of a name found inside a sentence that has other, unexplained words.
PARTIAL_SENTENCE_FACTOR = 0.9

# A shortened name ("Thetford", "Ste-Agathe") is completed only when its completions name at most
# this many places. Text made only of generic name words ("saint", "lac saint") is never
# completed nor fuzzy-matched.
MAX_COMPLETION_PLACES = 3
MIN_COMPLETION_QUERY_LENGTH = 5
GENERIC_NAME_WORDS = frozenset(
    {
        "saint", "sainte", "saints", "lac", "mont", "riviere", "notre", "dame", "pointe", "baie",
        "cap", "val", "grande", "petite", "port", "ile", "iles",
    }
)
COMPLETION_FACTOR = 0.8

# Fuzzy matching (rapidfuzz fuzz.ratio, 0..100). Short queries need a closer score, and queries
# below MIN_FUZZY_QUERY_LENGTH characters are never fuzzy-matched ("lac", "asdf").
MIN_FUZZY_QUERY_LENGTH = 5
FUZZY_SCORE_CUTOFF_SHORT = 90.0  # 5 or 6 characters: one inserted or dropped letter
FUZZY_SCORE_CUTOFF_LONG = 85.0  # 7 characters or more: "rimouksi" scores 87.5
FUZZY_LONG_QUERY_LENGTH = 7
# Keys scoring within this margin of the best one count as equally likely.
FUZZY_TIE_MARGIN = 1.5
FUZZY_CANDIDATE_LIMIT = 8
# A fuzzy match is never as certain as an exact one.
FUZZY_FACTOR_CEILING = 0.9


def resolve_tokens(index: PlaceIndex, tokens: list[str]) -> PlaceResolution:
    """Resolve folded tokens: the whole text as one name, then a name inside it, then typos."""
    if not tokens:
        return UNKNOWN

    whole_key = " ".join(tokens)
    whole_entries = index.entries_by_key.get(whole_key)
    if whole_entries:
        return resolve_entries(index, [whole_key], list(whole_entries), match_factor=1.0)

    extracted = resolve_longest_names(index, tokens)
    if extracted.status != "unknown":
        return extracted

    completed = resolve_name_start(index, strip_filler(tokens))
    if completed.status != "unknown":
        return completed

    return resolve_fuzzy(index, tokens)


def find_name_windows(index: PlaceIndex, tokens: list[str]) -> list[tuple[int, int, str]]:
    """Return (start, end, key) for every run of tokens that is an indexed name."""
    windows = []
    longest = min(len(tokens), index.max_key_tokens)
    for length in range(longest, 0, -1):
        for start in range(len(tokens) - length + 1):
            window = tokens[start:start + length]
            if all(token in FILLER_WORDS for token in window):
                continue

            key = " ".join(window)
            if key in index.entries_by_key:
                windows.append((start, start + length, key))
    return windows


def resolve_longest_names(index: PlaceIndex, tokens: list[str]) -> PlaceResolution:
    """Resolve the longest names found inside a sentence ("je reste proche de Rimouski").

    Shorter names elsewhere in the sentence narrow an ambiguous result: in "Saint-Henri à
    Montréal", "Montréal" keeps the Montréal neighbourhood and drops the Bellechasse town.
    """
    windows = find_name_windows(index, tokens)
    strong_windows = [window for window in windows if window[2] not in WEAK_KEYS]
    if strong_windows:
        windows = strong_windows
    if not windows:
        return UNKNOWN

    longest_length = max(end - start for start, end, _ in windows)
    main_windows = [window for window in windows if window[1] - window[0] == longest_length]
    main_keys = [key for _, _, key in main_windows]
    covered = {position for start, end, _ in main_windows for position in range(start, end)}

    context_windows = [
        window for window in windows if not covered.intersection(range(window[0], window[1]))
    ]
    for start, end, _ in context_windows:
        covered.update(range(start, end))

    unexplained = [
        token for position, token in enumerate(tokens)
        if position not in covered and token not in FILLER_WORDS
    ]
    factor = PARTIAL_SENTENCE_FACTOR if unexplained else 1.0

    main_entries = [entry for key in main_keys for entry in index.entries_by_key[key]]
    resolution = resolve_entries(index, main_keys, main_entries, factor)
    if resolution.status != "ambiguous" or not context_windows:
        return resolution

    context_regions = {
        entry.region_code for _, _, key in context_windows for entry in index.entries_by_key[key]
    }
    narrowed = [entry for entry in main_entries if entry.region_code in context_regions]
    if narrowed:
        return resolve_entries(index, main_keys, narrowed, factor)
    return resolution


def resolve_name_start(index: PlaceIndex, tokens: list[str]) -> PlaceResolution:
    """Resolve the first words of a longer name: "Thetford" → Thetford Mines."""
    query = " ".join(tokens)
    if len(query) < MIN_COMPLETION_QUERY_LENGTH or all(token in GENERIC_NAME_WORDS for token in tokens):
        return UNKNOWN

    prefix = query + " "
    first = bisect.bisect_left(index.fuzzy_keys, prefix)
    completions = []
    for key in index.fuzzy_keys[first:]:
        if not key.startswith(prefix):
            break
        completions.append(key)
    if not completions:
        return UNKNOWN

    entries = [entry for key in completions for entry in index.entries_by_key[key]]
    resolution = resolve_entries(index, completions, entries, COMPLETION_FACTOR)
    if len(resolution.candidates) > MAX_COMPLETION_PLACES:
        return UNKNOWN
    return resolution


def strip_filler(tokens: list[str]) -> list[str]:
    start, end = 0, len(tokens)
    while start < end and tokens[start] in FILLER_WORDS:
        start += 1
    while end > start and tokens[end - 1] in FILLER_WORDS:
        end -= 1
    return tokens[start:end]


def resolve_fuzzy(index: PlaceIndex, tokens: list[str]) -> PlaceResolution:
    """Resolve a misspelt name ("Rimouksi", "Sherbrook") after trimming the sentence around it."""
    stripped_tokens = strip_filler(tokens)
    query = " ".join(stripped_tokens)
    if len(query) < MIN_FUZZY_QUERY_LENGTH or all(token in GENERIC_NAME_WORDS for token in stripped_tokens):
        return UNKNOWN

    cutoff = FUZZY_SCORE_CUTOFF_LONG if len(query) >= FUZZY_LONG_QUERY_LENGTH else FUZZY_SCORE_CUTOFF_SHORT
    results = process.extract(
        query, index.fuzzy_keys, scorer=fuzz.ratio, limit=FUZZY_CANDIDATE_LIMIT, score_cutoff=cutoff
    )
    if not results:
        return UNKNOWN

    best_score = results[0][1]
    tied_keys = [key for key, score, _ in results if score >= best_score - FUZZY_TIE_MARGIN]
    tied_entries = [entry for key in tied_keys for entry in index.entries_by_key[key]]
    factor = min(FUZZY_FACTOR_CEILING, best_score / 100.0)
    return resolve_entries(index, tied_keys, tied_entries, factor)
