"""Load Rasa's TensorFlow models (DIET, ResponseSelector, TED) for inference only.

`RasaModel.load` in Rasa 3.6.21 compiles each model with an Adam optimizer and trains it for
one step on one example, only to create variables of the right sizes, then overwrites them
with the saved weights. That step traces the whole training graph (gradients, optimizer
slots) and keeps it in memory. Skipping it shortened the stack's cold start and cut its memory
by about 30 % on the 2-core benchmark machine (docs/benchmarks.md, "Conversation load").

Here the saved weights are read first and restored as the variables come into existence
during one inference call (TensorFlow's deferred restoration of object-based checkpoints).
The optimizer slots of the checkpoint stay unused. If any created variable has no saved
value, the model is loaded again the original way, so a model never runs with fresh weights.
Models loaded to be fine-tuned, or without an example to predict on, use the original path.
"""

import logging
from typing import Any, Optional

from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel

logger = logging.getLogger(__name__)

_original_load = RasaModel.load.__func__


def _load_for_inference(
    cls: type[RasaModel],
    model_file_name: str,
    model_data_example: RasaModelData,
    predict_data_example: Optional[RasaModelData] = None,
    finetune_mode: bool = False,
    *args: Any,
    **kwargs: Any,
) -> RasaModel:
    if finetune_mode or predict_data_example is None:
        return _original_load(
            cls, model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs
        )

    model = cls(*args, **kwargs)
    restore_status = model.load_weights(model_file_name)
    # The first inference call builds the layers, and their variables get the saved values.
    model.run_inference(predict_data_example)
    restore_status.expect_partial()
    try:
        restore_status.assert_existing_objects_matched()
    except AssertionError as error:
        # NOTE: no model of this project reaches this branch (bot.compare_model_loading).
        logger.warning(
            "inference-only loading left variables without saved values model=%s error=%s; "
            "loading it with a training step instead",
            cls.__name__,
            str(error)[:300],
        )
        return _original_load(
            cls, model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs
        )
    return model


def install_inference_only_loading() -> None:
    """Make RasaModel.load (and so every Rasa TensorFlow component) skip the training step."""
    RasaModel.load = classmethod(_load_for_inference)
