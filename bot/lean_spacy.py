"""Serve with spaCy's named-entity recognizer switched off.

Rasa's SpacyNLP loads fr_core_news_md with its parser disabled, but it keeps the `ner` pipe,
whose output nothing in this pipeline reads: entities come from DIET and the
RegexEntityExtractor, never from spaCy. The features do not depend on it either. The tokenizer
and featurizers read the tokens, lemmas, part-of-speech tags and word vectors, which come from
`tok2vec`, `morphologizer`, `attribute_ruler` and `lemmatizer`.
In one measurement on a 2-core machine shared with a training job, spaCy took 6.8 ms for a
message with `ner` and 2.4 ms without it. docs/benchmarks.md gives the effect on throughput.
"""

from typing import Text

from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP

UNUSED_PIPES = ("ner",)


def install_lean_spacy_loading() -> None:
    """Make SpacyNLP.load_model disable the pipes whose output the pipeline never reads."""
    load_full_model = SpacyNLP.load_model

    def load_lean_model(spacy_model_name: Text) -> SpacyModel:
        spacy_model = load_full_model(spacy_model_name)
        for pipe_name in UNUSED_PIPES:
            if pipe_name in spacy_model.model.pipe_names:
                spacy_model.model.disable_pipe(pipe_name)
        return spacy_model

    SpacyNLP.load_model = staticmethod(load_lean_model)
