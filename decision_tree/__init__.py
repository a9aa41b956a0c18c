"""ICP filing decision tree: which procedure you need, and what applies to you.

Pure Python (stdlib only); the same module runs on CPython and in the browser on Pyodide.
"""

from .engine import Result, State, Step
from .errors import AnswerError, ContentError, DecisionTreeError, TokenError
from .loader import load
from .model import Content, Outcome, Province, Question, Subject
from .paths import all_paths

__all__ = [
    "AnswerError",
    "Content",
    "ContentError",
    "DecisionTreeError",
    "Outcome",
    "Province",
    "Question",
    "Result",
    "State",
    "Step",
    "Subject",
    "TokenError",
    "all_paths",
    "load",
]
