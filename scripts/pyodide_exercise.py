# Run inside Pyodide by scripts/pyodide_bundle.mjs: everything the browser asks of Python, once.
# Whatever this imports is what the trimmed standard library must hold; run again on that library
# alone, it proves nothing was left out. Defines exercise_tree() and exercise_tools().

from __future__ import annotations

import json
from typing import Any


def _tokens(content: Any, state_class: Any, limit_per_node: int = 1) -> list[str]:
    """A code for the start, for every question and every result (the first found), and old codes."""
    from decision_tree.model import Question

    seen: dict[str, int] = {}
    out, stack = [""], [state_class.start(content)]
    while stack:
        state = stack.pop()
        node = state.current
        if seen.get(node.id, 0) < limit_per_node:
            seen[node.id] = seen.get(node.id, 0) + 1
            if state.answers:
                out.append(state.token)
        if isinstance(node, Question):
            stack.extend(state.answer(choice.id) for choice in node.choices)
    # A code of every earlier routing: replayed by meaning (decision_tree.resume).
    out += [f"{version}-0" for version in content.routings if content.routing and version != content.routing.version]
    # Codes that cannot be read: malformed, unknown version, too many answers.
    out += ["not a code", "zzzz-0", "!!", (content.routing.version if content.routing else "x") + "-" + "0" * 60]
    return out


def exercise_tree() -> int:
    import pickle

    import decision_tree.web as web
    from decision_tree import State, load
    from decision_tree.model import Outcome

    shown = 0
    for lang in ("en", "zh"):  # each edition's tree page asks in its language
        content = load(lang)
        pickle.loads(pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL))  # the snapshot's way back
        for token in _tokens(content, State):
            json.loads(web.view_json(token, "tree/", lang))
            shown += 1
        result = _first_result(content, State, Outcome)
        web.markdown(result.token, "https://example.org/", lang)
        question = result.answered[0].question.id
        json.loads(web.view_json(result.token, "tree/", lang, question))
    return shown


def _first_result(content: Any, state_class: Any, outcome_class: Any) -> Any:
    state = state_class.start(content)
    while not isinstance(state.current, outcome_class):
        state = state.answer(state.current.choices[0].id)
    return state


def exercise_tools() -> int:
    from decision_tree.tools import web as tools_web

    cases = [
        ("domain", {"domain": "https://api.shop.example.com.cn/cart?x=1#y"}),
        ("domain", {"domain": "例子.中国"}),
        ("domain", {"domain": "xn--fsqu00a.xn--fiqs8s"}),
        ("domain", {"domain": "foo.github.io"}),
        ("domain", {"domain": "a..b"}),
        ("domain", {"domain": "192.0.2.1"}),
        ("number", {"number": "京ICP备 12345678号－1"}),
        ("number", {"number": "粤ICP备2021012345号-2A"}),
        ("number", {"number": "京公网安备11010502030143号"}),
        ("number", {"number": "京ICP证030173号"}),
        ("number", {"number": "粤B2-20090059"}),
        ("number", {"number": "港ICP备12345678号"}),
        ("footer", {"footer": "粤ICP备2021012345号-3", "psb": "粤公网安备44030502000001号"}),
        ("footer", {"footer": "京ICP备12345678号-1", "psb": "京ICP备12345678号"}),
    ]
    for lang in ("en", "zh"):
        for tool, fields in cases:
            json.loads(tools_web.run_json(tool, json.dumps(fields), "tools/", lang))
    from decision_tree import State, load

    state = State.start(load())
    for answer in ("online", "website", "mainland_servers", "no", "individual", "id_card", "beijing", "not_filed"):
        state = state.answer(answer)
    for lang in ("en", "zh"):
        json.loads(tools_web.domain_answer_json("www.example.io", state.token, "tree/", lang))
    return len(cases)
