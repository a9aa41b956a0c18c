"""Graph checks on the routing: every node known, reachable, acyclic; every walk ends at an outcome."""

from __future__ import annotations

import graphlib
from collections import deque

from .model import Content


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
