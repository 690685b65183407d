"""Which low-confidence messages still start the referral form."""

from actions.unclear import best_situation_intent


def ranked(*pairs: tuple[str, float]) -> dict:
    return {"intent_ranking": [{"name": name, "confidence": score} for name, score in pairs]}


def test_close_situation_intents_start_referral():
    message = ranked(("nlu_fallback", 0.35), ("report_suspicion", 0.31), ("luring_online", 0.29))
    assert best_situation_intent(message) == "report_suspicion"


def test_danger_guess_wins_when_ranked_first():
    message = ranked(("nlu_fallback", 0.35), ("danger_now", 0.3), ("report_confirmed", 0.28))
    assert best_situation_intent(message) == "danger_now"


def test_chitchat_guess_asks_to_rephrase():
    message = ranked(("nlu_fallback", 0.35), ("out_of_scope", 0.3), ("report_suspicion", 0.2))
    assert best_situation_intent(message) is None


def test_weak_situation_guess_asks_to_rephrase():
    message = ranked(("nlu_fallback", 0.35), ("report_suspicion", 0.1))
    assert best_situation_intent(message) is None
