"""ICP filing decision tree: which procedure you need, and what applies to you.

Pure Python; the same package runs on CPython and in the browser on Pyodide. The tree needs only the
standard library; the tools beside it (``decision_tree.tools``) also need the Public Suffix List.
"""

from .answer_token import (
    InvalidTokenError,
    MalformedTokenError,
    MistypedTokenError,
    TokenError,
    UnknownVersionError,
)
from .engine import Answer, Result, State
from .errors import AnswerError, ContentError, DecisionTreeError, MessageError
from .loader import load
from .messages import InputError
from .model import Caveat, Content, Outcome, OutcomeWarning, Province, Question, Subject
from .paths import all_paths
from .resume import Resumed, from_token, read

__all__ = [
    "Answer",
    "AnswerError",
    "Caveat",
    "Content",
    "ContentError",
    "DecisionTreeError",
    "InputError",
    "InvalidTokenError",
    "MalformedTokenError",
    "MessageError",
    "MistypedTokenError",
    "Outcome",
    "OutcomeWarning",
    "Province",
    "Question",
    "Result",
    "Resumed",
    "State",
    "Subject",
    "TokenError",
    "UnknownVersionError",
    "all_paths",
    "from_token",
    "load",
    "read",
]
