"""Start Rasa's command line with start-up and per-message costs removed.

The changes keep Rasa's behaviour (same weights, same predictions, same response checks):
- bot.inference_loading loads the TensorFlow models without a training step;
- bot.action_result_validation checks action server responses with a validator built once;
- bot.lean_spacy switches off the spaCy pipe whose output the pipeline never reads;
- bot.retrieval_only_selection runs the ResponseSelector only on FAQ questions;
- bot.ted_prediction_cache reuses TED's predictions for dialogue states it has already seen;
- bot.event_type_lookup finds event classes by name without walking the class tree each time;
- bot.gc_freeze keeps the objects of the loaded model out of Python's garbage collector.

Run it with Rasa's environment and the arguments of the `rasa` command, from the repository
root:
    .venv-rasa/bin/python -m bot.rasa_server run --model models ...
"""

import sys

from rasa.__main__ import main as rasa_main

from bot.action_result_validation import install_cached_action_result_validator
from bot.event_type_lookup import install_event_type_lookup
from bot.gc_freeze import install_gc_freeze_after_model_load
from bot.inference_loading import install_inference_only_loading
from bot.lean_spacy import install_lean_spacy_loading
from bot.retrieval_only_selection import install_retrieval_only_selection
from bot.ted_prediction_cache import install_ted_prediction_cache

if __name__ == "__main__":
    install_inference_only_loading()
    install_cached_action_result_validator()
    install_lean_spacy_loading()
    install_retrieval_only_selection()
    install_ted_prediction_cache()
    install_event_type_lookup()
    install_gc_freeze_after_model_load()
    sys.argv[0] = "rasa"
    rasa_main()
