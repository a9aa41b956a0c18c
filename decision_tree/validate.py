"""Graph checks on the routing: every node known, reachable, acyclic; every walk ends at an outcome."""

from __future__ import annotations

import graphlib
from collections import deque

from .model import Content


def graph_problems(content: Content) -> list[str]:
    problems: list[str] = []
    for qid in content.questions.keys() & content.outcomes.keys():
        problems.append(f"tree.toml: '{qid}' is both a question and an outcome (outcomes.toml)")
    if content.start not in content.questions:
        problems.append(f"tree.toml: start node '{content.start}' is not a question")
        return problems

    known = content.questions.keys() | content.outcomes.keys()
    edges: dict[str, set[str]] = {}
    for q in content.questions.values():
        edges[q.id] = set()
        for c in q.choices:
            if c.next not in known:
                problems.append(f"tree.toml: question '{q.id}', choice '{c.id}' leads to unknown node '{c.next}'")
            else:
                edges[q.id].add(c.next)
    if problems:
        return problems

    try:
        graphlib.TopologicalSorter(edges).prepare()
    except graphlib.CycleError as exc:
        cycle = " -> ".join(exc.args[1])
        problems.append(f"tree.toml: the questions form a cycle: {cycle}")
        return problems

    reached = {content.start}
    queue = deque([content.start])
    while queue:
        for nxt in edges.get(queue.popleft(), ()):
            if nxt not in reached:
                reached.add(nxt)
                queue.append(nxt)
    for qid in content.questions:
        if qid not in reached:
            problems.append(f"tree.toml: question '{qid}' cannot be reached from '{content.start}'")
    for oid in content.outcomes:
        if oid not in reached:
            problems.append(f"outcomes.toml: outcome '{oid}' cannot be reached from '{content.start}'")
    return problems
