"""Load, validate and query the dataset under ``data/``."""

from .dataset import Dataset, load_dataset
from .validate import Problem, ValidationFailed, validate

__all__ = ["Dataset", "load_dataset", "Problem", "ValidationFailed", "validate"]
