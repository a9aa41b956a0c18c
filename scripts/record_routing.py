"""Record today's routing, so that every answer code made with it keeps working after the tree changes.

    python scripts/record_routing.py          (make routing)

Run it after a change to the questions or to where an answer leads (``make check`` and the tests
say when): it adds the routing to ``decision_tree/content/routings.json``, with which old codes are
read, and adds codes made with it to ``tests/fixtures/answer_codes.json``, the fixture that the tests
open with every later version of the tree. Neither file is edited by hand: entries are only added.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from decision_tree import load, routing  # noqa: E402
from decision_tree.model import Content  # noqa: E402
from decision_tree.paths import all_paths, states_along  # noqa: E402

HISTORY = ROOT / "decision_tree" / "content" / routing.HISTORY_FILE
FIXTURE = ROOT / "tests" / "fixtures" / "answer_codes.json"
# Province and subject answers do not route; two pairs at the two ends of the province list are
# enough to cover their indexes in a code.
VARIANTS = (("individual", 0), ("enterprise", -1))


def codes(content: Content) -> dict[str, dict[str, str]]:
    """Every path's code (in each variant) and every code on the way to it, with what each means:
    its answers as ``question=choice`` words, and the node they reach."""
    provinces = list(content.provinces)
    found: dict[str, dict[str, str]] = {}
    for subject, province_index in VARIANTS:
        for path in all_paths(content):
            for state in states_along(content, path, subject, provinces[province_index]):
                found.setdefault(
                    state.token,
                    {"answers": " ".join(f"{a.question.id}={a.choice.id}" for a in state.answered), "reaches": state.current.id},
                )
    return found


def _dump(fixture: dict[str, dict[str, object]]) -> str:
    """One line per code, so that a review of the diff reads like a list."""
    lines = ["{"]
    for n, (version, entry) in enumerate(fixture.items()):
        codes_ = entry["codes"]
        assert isinstance(codes_, dict)
        lines.append(f'  {json.dumps(version)}: {{"recorded": {json.dumps(entry["recorded"])}, "codes": {{')
        body = [f"    {json.dumps(code)}: {json.dumps(meaning, ensure_ascii=False)}" for code, meaning in codes_.items()]
        lines.append(",\n".join(body))
        lines.append("  }}" + ("," if n < len(fixture) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    content = load()
    now = routing.current(content)
    history = dict(content.routings)
    today = datetime.date.today().isoformat()
    if now.version not in history:
        history[now.version] = dataclasses.replace(now, recorded=today)
        HISTORY.write_text(routing.dump_history(history), encoding="utf-8")
        print(f"Recorded routing {now.version} in {HISTORY.relative_to(ROOT)}")
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8")) if FIXTURE.exists() else {}
    if now.version not in fixture:
        made = codes(content)
        fixture[now.version] = {"recorded": history[now.version].recorded, "codes": made}
        FIXTURE.write_text(_dump(fixture), encoding="utf-8")
        print(f"Added {len(made)} answer codes of routing {now.version} to {FIXTURE.relative_to(ROOT)}")
    else:
        print(f"Routing {now.version} is already recorded; nothing to do")
    return 0


if __name__ == "__main__":
    sys.exit(main())
