"""The reading budget of results (issue "Results that fit the reader"): how much a reader reads before
"Your answers", folded rules left folded, over every path × subject × province in both languages.

Measured on the text result (the CLI's, the same order and folding as the page): English in words
(runs of Latin letters: numbers, dates and the [1, 3] source markers are not words a reader reads),
Chinese in hanzi. Prints the simplest case, then the median and the worst result of each outcome, and
the budget's verdicts; exit status 0 either way (a benchmark reports, it does not assert).

    python bench/budget.py [--province guangdong] [--outcome new_filing] [--markdown FILE]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from decision_tree import load, render  # noqa: E402
from decision_tree.engine import State  # noqa: E402
from decision_tree.messages import messages  # noqa: E402
from decision_tree.model import Content, Outcome, Question  # noqa: E402

# The budget (issue 21): the simplest case, and any result, in the unfolded text before "Your answers".
SIMPLEST_WORDS = 600
SIMPLEST_HANZI = 1000
ANY_RESULT_WORDS = 900
# The simplest case: an individual's first filing of a personal site in Guangdong, nothing unusual.
SIMPLEST = {
    "goal": "online", "what_online": "website", "delivery": "mainland_servers", "subject_filed": "no",
    "subject_type": "individual", "individual_document": "id_card", "province": "guangdong",
    "domain_status": "not_filed", "domain_checks": "all_pass",
}
SIMPLEST_SITES = ("none", "personal_blog")

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_HANZI = re.compile(r"[\u3400-\u9fff]")


def size(text: str, lang: str) -> int:
    return len(_HANZI.findall(text)) if lang == "zh" else len(_WORD.findall(text))


def before_answers(content: Content, state: State) -> str:
    """The result's text as the CLI prints it, up to its "Your answers" section."""
    text = render.result_text(content, state.result(), content.lang)
    title = "\n" + messages(content.lang)("result.your_answers") + "\n"
    return text.split(title)[0]


def results(content: Content) -> Iterator[State]:
    """Every state that ends at a result: each path, for each subject and province it asks about."""
    stack = [State.start(content)]
    while stack:
        state = stack.pop()
        node = state.current
        if isinstance(node, Outcome):
            yield state
        elif isinstance(node, Question):
            stack.extend(state.answer(c.id) for c in node.choices)


@dataclass(frozen=True)
class Measure:
    outcome: str
    province: str
    token: str
    size: int


def measure(content: Content, province: str = "", outcome: str = "") -> list[Measure]:
    out = []
    for state in results(content):
        result = state.result()
        where = result.province.id if result.province else ""
        if (province and where != province) or (outcome and result.outcome.id != outcome):
            continue
        out.append(Measure(result.outcome.id, where, state.token, size(before_answers(content, state), content.lang)))
    return out


def simplest(content: Content) -> list[Measure]:
    out = []
    for site in SIMPLEST_SITES:
        state = State.start(content)
        answers = {**SIMPLEST, "site_type": site}
        while (question := state.question) is not None:
            state = state.answer(answers[question.id])
        text = before_answers(content, state)
        out.append(Measure(state.current.id, "guangdong", state.token, size(text, content.lang)))
    return out


def report(province: str = "", outcome: str = "") -> list[str]:
    lines = []
    for lang, unit in (("en", "words"), ("zh", "hanzi")):
        content = load(lang)
        limit = SIMPLEST_HANZI if lang == "zh" else SIMPLEST_WORDS
        lines += [f"## {lang}: {unit} before “Your answers” (folded rules folded)", ""]
        for m in simplest(content):
            verdict = "yes" if m.size <= limit else "**no**"
            lines.append(f"- Simplest case ({m.token}): {m.size} {unit}; budget ≤ {limit}: {verdict}")
        measures = measure(content, province, outcome)
        by_outcome: dict[str, list[Measure]] = {}
        for m in measures:
            by_outcome.setdefault(m.outcome, []).append(m)
        lines += ["", "| outcome | results | median | worst | worst at |", "|---|---|---|---|---|"]
        for oid, ms in sorted(by_outcome.items(), key=lambda kv: -max(m.size for m in kv[1])):
            worst = max(ms, key=lambda m: m.size)
            lines.append(f"| {oid} | {len(ms)} | {statistics.median(m.size for m in ms):.0f} | {worst.size} | "
                         f"{worst.province or '—'} `{worst.token}` |")
        if lang == "en" and measures:
            over = [m for m in measures if m.size > ANY_RESULT_WORDS]
            top = max(measures, key=lambda m: m.size)
            lines += ["", f"- Results above {ANY_RESULT_WORDS} words: {len(over)} of {len(measures)} "
                          f"(worst {top.size}, {top.outcome} in {top.province or '—'}, `{top.token}`)"]
        lines.append("")
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--province", default="")
    parser.add_argument("--outcome", default="")
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)
    lines = report(args.province, args.outcome)
    print("\n".join(lines))
    if args.markdown:
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
