"""The checks over a built ``Content``, across its files: the routing's graph (every node known,
reachable, acyclic; every walk ends at an outcome), routers, the sources, links, seed rules and
outcomes that statements name, and each statement's date against its sources'.

``loader`` reads each file's tables and checks what one table can say; what needs the whole
content is here, run once it is built (``content_problems``).
"""

from __future__ import annotations

import graphlib
from collections import deque
from collections.abc import Mapping

from .model import Content, QuestionKind, Source, SourcedStatement


def content_problems(content: Content) -> list[str]:
    """Every problem across the content's files, each naming its file and key."""
    return [
        *_reference_problems(content),
        *graph_problems(content),
        *_router_problems(content),
        *_wording_problems(content),
        *_follow_on_problems(content),
        *_formerly_problems(content),
        *_rule_and_change_problems(content),
        *_division_problems(content),
    ]


def edges(content: Content) -> dict[str, set[str]]:
    """Node id -> the node ids it leads to (a router leads to each of its routes)."""
    out: dict[str, set[str]] = {q.id: {c.next for c in q.choices} for q in content.questions.values()}
    for router in content.routers.values():
        out[router.id] = set(router.routes.values())
    return out


def reachable_without(content: Content, target: str, avoid: str) -> bool:
    """Whether some walk from the start reaches ``target`` without passing through ``avoid``."""
    graph = edges(content)
    seen = {content.start}
    queue = deque([content.start])
    while queue:
        node = queue.popleft()
        if node == target:
            return True
        for nxt in graph.get(node, ()):
            if nxt != avoid and nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return False


def graph_problems(content: Content) -> list[str]:
    problems: list[str] = []
    for qid in content.questions.keys() & content.outcomes.keys():
        problems.append(f"tree.toml: '{qid}' is both a question and an outcome (outcomes.toml)")
    for rid in content.routers.keys() & (content.questions.keys() | content.outcomes.keys()):
        problems.append(f"tree.toml: router '{rid}' has the id of a question or an outcome")
    if content.start not in content.questions:
        problems.append(f"tree.toml: start node '{content.start}' is not a question")
        return problems

    known = content.questions.keys() | content.outcomes.keys() | content.routers.keys()
    for q in content.questions.values():
        for c in q.choices:
            if c.next not in known:
                problems.append(f"tree.toml: question '{q.id}', choice '{c.id}' leads to unknown node '{c.next}'")
    for router in content.routers.values():
        for choice_id, nxt in router.routes.items():
            if nxt not in known:
                problems.append(f"tree.toml: router '{router.id}', route '{choice_id}' leads to unknown node '{nxt}'")
    if problems:
        return problems
    graph = edges(content)

    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as exc:
        cycle = " -> ".join(exc.args[1])
        problems.append(f"tree.toml: the questions form a cycle: {cycle}")
        return problems

    reached = {content.start}
    queue = deque([content.start])
    while queue:
        for nxt in graph.get(queue.popleft(), ()):
            if nxt not in reached:
                reached.add(nxt)
                queue.append(nxt)
    for qid in content.questions:
        if qid not in reached:
            problems.append(f"tree.toml: question '{qid}' cannot be reached from '{content.start}'")
    # An outcome that only ever follows another (an answer's 'adds', an outcome's 'then') is reached too.
    followers = {o for q in content.questions.values() for c in q.choices for o in c.adds}
    followers |= {t for o in content.outcomes.values() for t in o.then}
    for oid in content.outcomes:
        if oid not in reached and oid not in followers:
            problems.append(f"outcomes.toml: outcome '{oid}' cannot be reached from '{content.start}'")
    for rid in content.routers:
        if rid not in reached:
            problems.append(f"tree.toml: router '{rid}' cannot be reached from '{content.start}'")
    return problems


def _reference_problems(content: Content) -> list[str]:
    """Cross-file references: sources and links that must exist."""
    problems = []

    def need_sources(where: str, keys: tuple[str, ...]) -> None:
        for key in keys:
            if key not in content.sources:
                problems.append(f"{where}: unknown source '{key}' (add it to sources.toml)")

    for p in content.provinces.values():
        for n, cav in enumerate(p.caveats, start=1):
            where = f"regions.toml: province '{p.id}', caveat {n}"
            need_sources(where, cav.sources)
            problems.extend(as_of_problems(where, cav, content.sources))
            problems.extend(scope_problems(where, cav, content))
            for oid in cav.scope.procedures:
                if oid in content.outcomes and cav.topic not in content.outcomes[oid].caveat_topics:
                    problems.append(
                        f"{where}: 'procedures' names '{oid}', whose results do not show the topic '{cav.topic}'"
                    )
    for o in content.outcomes.values():
        where = f"outcomes.toml: outcome '{o.id}'"
        need_sources(where, o.sources)
        for n, m in enumerate(o.materials, start=1):
            need_sources(f"{where}, material {n}", m.sources)
            problems.extend(_when_problems(f"{where}, material {n}", m.when, content))
        for n, w in enumerate(o.warnings, start=1):
            need_sources(f"{where}, warning {n}", w.sources)
            problems.extend(as_of_problems(f"{where}, warning {n}", w, content.sources))
            problems.extend(scope_problems(f"{where}, warning {n}", w, content))
        for key in o.links:
            if key not in content.links:
                problems.append(f"{where}: unknown link '{key}' (add it to links.toml)")
    return problems


def scope_problems(where: str, statement: SourcedStatement, content: Content) -> list[str]:
    """A scope names outcomes and questions' choices that exist."""
    problems = []
    for oid in statement.scope.procedures:
        if oid not in content.outcomes:
            problems.append(f"{where}: 'procedures' names '{oid}', not an outcome of outcomes.toml")
    return problems + _when_problems(where, statement.scope.when, content)


def _when_problems(where: str, when: tuple[tuple[str, tuple[str, ...]], ...], content: Content) -> list[str]:
    problems = []
    for qid, choices in when:
        question = content.questions.get(qid)
        if question is None:
            problems.append(f"{where}: 'when' names '{qid}', not a question of tree.toml")
            continue
        for cid in choices:
            if question.choice(cid) is None:
                known = ", ".join(c.id for c in question.choices)
                problems.append(f"{where}: 'when' names '{qid}={cid}', not a choice of that question (choices: {known})")
    return problems


def as_of_problems(where: str, statement: SourcedStatement, sources: Mapping[str, Source]) -> list[str]:
    """``as_of`` is the date of the newest dated source stating it, or "undated" when none is dated."""
    dates = [sources[k].date for k in statement.sources if k in sources and sources[k].date != "undated"]
    if len(dates) != sum(1 for k in statement.sources if k in sources and sources[k].date != "undated"):
        return []
    if not dates:
        if statement.as_of == "undated":
            return []
        return [f"{where}: 'as_of' is {statement.as_of!r} but none of its sources is dated: write 'undated'"]
    newest = max(dates)
    if statement.as_of == "undated":
        return [f"{where}: 'as_of' is 'undated' but its newest dated source is of {newest}"]
    if statement.as_of != newest:
        return [f"{where}: 'as_of' is {statement.as_of!r}; the newest of its sources is dated {newest}"]
    return []


def _router_problems(content: Content) -> list[str]:
    """A router's question exists, its routes cover exactly that question's choices, and every walk
    that reaches the router has answered the question."""
    problems = []
    for router in content.routers.values():
        where = f"tree.toml: router '{router.id}'"
        question = content.questions.get(router.question)
        if question is None:
            problems.append(f"{where}: unknown question '{router.question}'")
            continue
        if question.kind is not QuestionKind.CHOICE:
            problems.append(f"{where}: '{question.id}' is a {question.kind.value} question; a router reads a choice question")
        choices = {c.id for c in question.choices}
        if set(router.routes) != choices:
            problems.append(f"{where}: routes must name exactly the choices of '{question.id}': {', '.join(sorted(choices))}")
        if reachable_without(content, router.id, question.id):
            problems.append(f"{where}: some walk reaches it without answering '{question.id}'")
    return problems


def reaches(content: Content, origin: str, target: str) -> bool:
    """Whether some walk from the node ``origin`` comes to ``target`` (``origin`` itself included)."""
    graph = edges(content)
    seen = {origin}
    queue = deque([origin])
    while queue:
        node = queue.popleft()
        if node == target:
            return True
        for nxt in graph.get(node, set()) - seen:
            seen.add(nxt)
            queue.append(nxt)
    return False


def _wording_problems(content: Content) -> list[str]:
    """A wording follows an answer that exists, to a question with listed choices, and that some walk
    gives before it asks the question: words that can never be shown are a mistake."""
    problems = []
    for q in content.questions.values():
        seen: set[str] = set()
        for n, w in enumerate(q.wordings, start=1):
            where = f"tree.toml: question '{q.id}', wording {n} (after '{w.key}')"
            earlier = content.questions.get(w.question)
            if w.key in seen:
                problems.append(f"{where}: a second wording after the same answer")
            seen.add(w.key)
            if earlier is None:
                problems.append(f"{where}: unknown question '{w.question}'")
            elif earlier.kind is not QuestionKind.CHOICE:
                problems.append(f"{where}: '{w.question}' is a {earlier.kind.value} question; it must be a choice question")
            elif (choice := earlier.choice(w.choice)) is None:
                known = ", ".join(c.id for c in earlier.choices)
                problems.append(f"{where}: '{w.choice}' is not a choice of '{w.question}' (choices: {known})")
            elif not reaches(content, choice.next, q.id):
                problems.append(f"{where}: no walk asks '{q.id}' after that answer")
    return problems


def _follow_on_problems(content: Content) -> list[str]:
    """Filings added by an answer or following an outcome exist, and none follows itself."""
    problems = []
    for q in content.questions.values():
        for c in q.choices:
            problems += [
                f"tree.toml: question '{q.id}', choice '{c.id}': 'adds' names unknown outcome '{o}'"
                for o in c.adds
                if o not in content.outcomes
            ]
    for o in content.outcomes.values():
        where = f"outcomes.toml: outcome '{o.id}'"
        problems += [f"{where}: 'then' names unknown outcome '{t}'" for t in o.then if t not in content.outcomes]
        if o.id in o.then:
            problems.append(f"outcomes.toml: outcome '{o.id}' follows itself in 'then'")
    return problems


def _formerly_problems(content: Content) -> list[str]:
    """A former id must not be a question id of today's tree: the answer would mean two things."""
    problems = []
    for q in content.questions.values():
        for old in q.formerly:
            if old in content.questions:
                problems.append(f"tree.toml: question '{q.id}' lists '{old}' in 'formerly', but '{old}' is a question today")
    return problems


def _rule_and_change_problems(content: Content) -> list[str]:
    """Seed-rule ids used exist, every seed rule is implemented somewhere, and changes name real things."""
    problems = []
    used: set[str] = set()

    def need(where: str, ids: tuple[str, ...]) -> None:
        for rid in ids:
            used.add(rid)
            if rid not in content.seed_rules:
                problems.append(f"{where}: unknown seed rule '{rid}' (add it to seed_rules.toml)")

    for q in content.questions.values():
        need(f"tree.toml: question '{q.id}'", q.implements)
    for o in content.outcomes.values():
        where = f"outcomes.toml: outcome '{o.id}'"
        need(where, o.implements)
        for n, m in enumerate(o.materials, start=1):
            need(f"{where}, material {n}", m.implements)
        for n, w in enumerate(o.warnings, start=1):
            need(f"{where}, warning {n}", w.implements)
    for rid in content.seed_rules.keys() - used:
        problems.append(f"seed_rules.toml: rule '{rid}' is implemented nowhere (name it in 'implements')")
    for n, change in enumerate(content.changes, start=1):
        where = f"changes.toml: change {n}"
        problems += [f"{where}: unknown source '{k}'" for k in change.sources if k not in content.sources]
        problems += [f"{where}: unknown outcome '{k}'" for k in change.outcomes if k not in content.outcomes]
        problems += [f"{where}: unknown province '{k}'" for k in change.provinces if k not in content.provinces]
    return problems


def _division_problems(content: Content) -> list[str]:
    table = content.divisions
    problems = [f"divisions.toml: unknown source '{key}' (add it to sources.toml)" for key in table.sources
                if key not in content.sources]
    dates = [content.sources[k].date for k in table.sources if k in content.sources and content.sources[k].date != "undated"]
    newest = max(dates, default="undated")
    if table.provinces and not problems and table.as_of != newest:
        problems.append(f"divisions.toml: 'as_of' is {table.as_of!r}; the newest of its sources is dated {newest}")
    return problems
