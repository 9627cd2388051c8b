"""A trained model packaged by Mlops.Sdk.

load() returns the model; model_card() describes it (name, version, pipeline, run, source commit, metrics,
sha256); MODEL_PATH is the model file. load() checks the file's sha256 against the model card before it
unpickles anything, so a model file changed after packaging is never loaded.
"""

import hashlib
import json
import os
import pickle

__all__ = ["MODEL_PATH", "ModelTamperedError", "load", "model_card"]

_HERE = os.path.dirname(os.path.abspath(__file__))
_CARD_PATH = os.path.join(_HERE, "model_card.json")


def model_card():
    """The model card as a dict (a fresh one on every call)."""
    with open(_CARD_PATH, encoding="utf-8") as card:
        return json.load(card)


MODEL_PATH = os.path.join(_HERE, model_card()["model_file"])


class ModelTamperedError(Exception):
    """The model file does not match the sha256 that its model card records."""


def load():
    """Returns the unpickled model; raises ModelTamperedError if the model file was changed."""
    # Hash the very bytes that get unpickled, so the file cannot change between the check and the load.
    with open(MODEL_PATH, "rb") as model_file:
        data = model_file.read()
    expected = model_card()["model_sha256"]
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise ModelTamperedError(
            "The model file %s was tampered with: its sha256 is %s but the model card records %s. "
            "Reinstall the package (pip install --force-reinstall) to restore it." % (MODEL_PATH, actual, expected)
        )
    return pickle.loads(data)
