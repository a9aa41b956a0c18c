"""Open an answer code from any version of the tree: replay what its answers meant on today's tree.

A code holds positions, which mean something only with the routing it was made with. ``read``
looks that routing up by the code's version (``content/routings.json`` keeps every routing a code
was issued with), turns the positions back into answers (question id, choice id), maps answers
that were renamed since (``formerly`` in tree.toml) and replays them, by question, on today's
tree. The walk stops where a question is new, or an answer no longer fits: the reader picks up
there. Only a code this guide never issued (or one damaged on the way) raises a ``TokenError``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import answer_token, routing
from .answer_token import InvalidTokenError, UnknownVersionError
from .engine import State, replay
from .model import Content, Routing


@dataclass(frozen=True)
class Resumed:
    """A code, opened: the state it leads to today, and how that differs from when it was made."""

    state: State
    version: str  # the routing version the code was made with
    outdated: bool  # made with an earlier routing than today's
    dropped: tuple[tuple[str, str], ...] = ()  # answers of the code that today's walk did not use
    moved: bool = False  # today's walk ends elsewhere than the code's did (a new question, another result)
    # What the code's answers mean today, by question: the ones the walk has not reached yet are kept
    # for when the reader answers the question it stopped at.
    known: dict[str, str] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """Whether the reader should be told the guide changed since the code was made."""
        return self.outdated and (bool(self.dropped) or self.moved)

    @property
    def pending(self) -> bool:
        """Whether answers of the code wait for a question the walk has not reached yet."""
        return bool(set(self.known) - set(self.state.by_question))

    def continue_with(self, token: str) -> str:
        """The code to go on from: the code itself while it holds answers still to come (today's code
        of the state would lose them), else today's code of the state."""
        return token.strip().lower() if self.pending else self.state.token


def from_token(content: Content, token: str) -> State:
    """The state an answer code stands for, from this or any earlier version of the tree.

    Raises a ``TokenError`` subclass for a code this guide never issued. See ``read`` for what
    changed when the code was made with an earlier version.
    """
    return read(content, token).state


def read(content: Content, token: str) -> Resumed:
    version, indexes = answer_token.decode(token, routing.UNCHECKED)
    made_with = routing.routing_for(content, version)
    if made_with is None:
        raise UnknownVersionError("code.unknown_version", code=answer_token.shorten(token.strip()), version=version)
    walked = routing.walk(made_with, indexes)
    if isinstance(walked, routing.Misfit):
        raise _misfit(content, walked, len(indexes))
    if _same(made_with, routing.current(content)):
        # Today's routing, or the same routing under an earlier version (its codes had no check
        # character): the positions mean what they meant, so the code opens exactly where it did.
        return Resumed(State(content, tuple(cid for _, cid in walked.answers)), version, outdated=False)
    return _replay_old(content, made_with, walked)


def _same(made_with: Routing, now: Routing) -> bool:
    return (made_with.start, made_with.questions, dict(made_with.routers)) == (now.start, now.questions, dict(now.routers))


def _replay_old(content: Content, made_with: Routing, walked: routing.Walked) -> Resumed:
    table = routing.meanings(content)
    version = made_with.version
    today: dict[str, str] = {}
    for answer in walked.answers:
        # By question: a later answer of the old walk refines an earlier one that meant the same
        # question today (nd7j's "servers outside" then "delivered from mainland nodes").
        for question_id, choice_id in routing.translate(content, answer, table, version):
            today[question_id] = choice_id
    state = replay(content, today)
    used = {(a.question.id, a.choice.id) for a in state.answered}
    dropped = tuple(
        a
        for a in walked.answers
        if not used.intersection(routing.translate(content, a, table, version)) and not routing.subsumed(content, a, used)
    )
    moved = state.current.id != _today_id(content, walked.node)
    return Resumed(state, made_with.version, outdated=True, dropped=dropped, moved=moved, known=today)


def _today_id(content: Content, node_id: str) -> str:
    """The id today's tree uses for a node of an earlier routing (a question may have been renamed)."""
    for q in content.questions.values():
        if node_id in q.formerly:
            return q.id
    return node_id


def _misfit(content: Content, misfit: routing.Misfit, count: int) -> InvalidTokenError:
    if not misfit.question:
        return InvalidTokenError("code.too_many_answers", count=count, answered=misfit.answered)
    question = content.questions.get(misfit.question)
    text = question.text if question else misfit.question
    return InvalidTokenError("code.no_such_choice", position=misfit.position, question=text)
