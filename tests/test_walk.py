"""walk.js, the page's walk before Python, run in Node over every state of the tree in both languages.

The data a build writes (the routing table, the question templates, the rows of "Your answers", the
results files) is made here with the prerender functions and handed to one Node process
(tests/node/walk_states.mjs), which runs walk.js on the code of every state (a question: its
template filled in; a result: assembled from its files), on codes it must leave to Python (another
version of the tree, a character that is no choice, an answer after the result) and on every code
of tests/fixtures/answer_codes.json. Each view is compared with the one Python renders
(widget.render_state; the HTML by its SHA-256 digest, so that little crosses between the two) and
where each code leads with where the engine leads.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest

from decision_tree import State, answer_token, load, urls, widget
from decision_tree.messages import LANGUAGES, messages
from decision_tree.model import Question
from decision_tree.pages import prerender
from decision_tree.resume import read

ROOT = Path(__file__).resolve().parent.parent
RUNNER = Path(__file__).with_name("node") / "walk_states.mjs"
FIXTURE = Path(__file__).with_name("fixtures") / "answer_codes.json"
HERE = urls.TREE_PAGE

pytestmark = pytest.mark.node


def unfollowable(state: State) -> list[str]:
    """Codes one step from ``state``'s that the table cannot follow: another version's, a character
    beyond the question's choices or no choice at all, an answer after the result, and the code
    mistyped (its last character changed, its last two swapped)."""
    code, version = state.token, state.token.partition("-")[0]
    indexes = [a.index for a in state.answered]
    other = answer_token.encode("zzzz" if version != "zzzz" else "yyyy", indexes)
    changed = code[:-1] + answer_token.ALPHABET[(answer_token.ALPHABET.index(code[-1]) + 1) % answer_token.MAX_CHOICES]
    mistyped = [changed] + ([code[:-2] + code[-1] + code[-2]] if code[-1] != code[-2] and code[-2] != "-" else [])
    node = state.current
    if not isinstance(node, Question):
        return [other, answer_token.encode(version, [*indexes, 0]), *mistyped]
    beyond = [answer_token.encode(version, [*indexes, len(node.choices)])] if len(node.choices) < answer_token.MAX_CHOICES else []
    return [other, code + "!", *beyond, *mistyped]


def recorded_codes() -> list[str]:
    """Every code ever issued, and each again in capitals (codes are read case-blind)."""
    codes = [code for entry in json.loads(FIXTURE.read_text(encoding="utf-8")).values() for code in entry["codes"]]
    return codes + [code.upper() for code in codes]


@dataclass
class Edition:
    lang: str
    prefix: str  # what every code of today's tree starts with
    empty: str  # the code of no answers at all
    states: list[State]
    unfollowable: list[str]
    recorded: list[str]
    results: dict[str, Any]  # the results files, by name under the bundle
    searches: list[str]
    queries: list[tuple[str, str]]
    walked: dict[str, Any]  # what Node made of it all

    @property
    def codes(self) -> list[str]:
        """As handed to Node: every state's (the start's as ""), the start's with no answers, the others."""
        return [s.token if s.answers else "" for s in self.states] + [self.empty] + self.unfollowable + self.recorded

    def out(self, first: int, count: int) -> list[list[Any]]:
        return list(self.walked["codes"][first : first + count])

    @property
    def of_states(self) -> list[list[Any]]:
        return self.out(0, len(self.states))

    @property
    def of_prefix(self) -> list[Any]:
        return self.out(len(self.states), 1)[0]

    @property
    def of_unfollowable(self) -> list[list[Any]]:
        return self.out(len(self.states) + 1, len(self.unfollowable))

    @property
    def of_recorded(self) -> list[list[Any]]:
        return self.out(len(self.states) + 1 + len(self.unfollowable), len(self.recorded))

    def holding(self, state: State) -> list[str]:
        """The results files a result is assembled from, by what Python wrote: the one that holds its
        code, its outcome's, and its province's if its body has parts of it."""
        names = prerender.results_files(self.lang, state.current.id, state.province.id if state.province else "")
        codes = self.results[names["codes"]]
        body = codes["bodies"][codes["codes"][answer_token.answer_characters([a.index for a in state.answered])]]
        return [names["codes"], names["outcome"]] + ([names["province"]] if body[1:] else [])


def write(folder: Path, lang: str) -> tuple[dict[str, Any], Edition]:
    """The edition's data as a build writes it, in ``folder``, and what Node is to run on."""
    content, m = load(lang), messages(lang)
    table = prerender.routing_table(content, m)
    templates = {"": widget.render_state(State.start(content), HERE, m), **prerender.question_templates(content, m, HERE)}
    rows = widget.row_templates(content, HERE, m)
    results = prerender.result_files(content, m, HERE)
    for name, value in {"table.json": table, "templates.json": templates, "rows.json": rows, **results}.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    states = list(prerender.states(content))
    prefix = table["prefix"]
    searches = ["", f"?a={prefix}0", f"?a={prefix}01&change=what_online", "?change=goal&a=x-1", "?x=1", "?a=&change=",
                "?a=a+b%2Bc"]
    queries = [(s.token, "") for s in states[1:40]] + [(s.token, s.answered[0].question.id) for s in states[1:40]] + [("", "")]
    edition = Edition(lang, prefix, states[0].token, states, [c for s in states for c in unfollowable(s)], recorded_codes(),
                      results, searches, queries, {})
    (folder / "codes.json").write_text(json.dumps(edition.codes), encoding="utf-8")
    manifest = {
        "lang": lang, "bundle": str(folder), "table": str(folder / "table.json"), "templates": str(folder / "templates.json"),
        "rows": str(folder / "rows.json"), "codes": str(folder / "codes.json"), "searches": searches, "queries": queries,
    }
    return manifest, edition


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Edition]:
    node = shutil.which("node")
    assert node, "Node.js is needed to run walk.js (apt-get install nodejs)"
    folder = tmp_path_factory.mktemp("walk")
    cpu = time.process_time()
    made = {lang: write(folder / lang, lang) for lang in LANGUAGES}
    (folder / "manifest.json").write_text(json.dumps([manifest for manifest, _ in made.values()]), encoding="utf-8")
    cpu = time.process_time() - cpu
    started = time.perf_counter()
    # walk.js is an ES module named .js, as the page's other scripts are (a host that sends .mjs with
    # the wrong type must not cost the tree its answers in the page): Node is told to see that.
    proc = subprocess.run([node, "--experimental-detect-module", str(RUNNER), str(folder / "manifest.json"),
                           str(folder / "output.json")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    walked = json.loads((folder / "output.json").read_text(encoding="utf-8"))
    print(f"\nthe data made in {cpu:.1f} s of CPU; Node took {time.perf_counter() - started:.1f} s")
    for lang, (_, edition) in made.items():
        edition.walked = walked[lang]
    return {lang: edition for lang, (_, edition) in made.items()}


def digest(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def python_view(state: State, lang: str) -> list[Any]:
    """What walk.js gives for a state, as Python makes it: the HTML's digest, then the view's fields."""
    m = messages(lang)
    token = state.token if state.answers else ""
    html = widget.render_state(state, HERE, m)
    query, announce = urls.state_query(token), widget.announcement(state, m)
    return [digest(html), token, query, widget.title(state), announce, state.is_complete, ""]


def province(state: State) -> str:
    return state.province.id if state.province else ""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_state_leads_where_the_engine_does_and_shows_what_python_renders(editions: dict[str, Edition], lang: str) -> None:
    edition = editions[lang]
    started = time.process_time()
    for state, (walked, view, files, _) in zip(edition.states, edition.of_states, strict=True):
        assert walked == [state.current.id, province(state)], state.token
        assert view == python_view(state, lang), state.token
        assert files == (edition.holding(state) if state.is_complete else None), state.token
    print(f"\n{lang}: {len(edition.states)} states rendered by Python in {time.process_time() - started:.1f} s of CPU")
    # A code with no answers ("<version>-<check>") is the start.
    assert edition.of_prefix[:2] == edition.of_states[0][:2]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_codes_the_table_cannot_follow_are_left_to_python(editions: dict[str, Edition], lang: str) -> None:
    edition = editions[lang]
    assert len(edition.unfollowable) > 2 * len(edition.states)
    for code, made in zip(edition.unfollowable, edition.of_unfollowable, strict=True):
        assert made == [None, None, None, []], code


@pytest.mark.parametrize("lang", LANGUAGES)
def test_recorded_codes_of_todays_tree_are_followed_and_earlier_ones_left_to_python(
    editions: dict[str, Edition], lang: str
) -> None:
    edition, content = editions[lang], load(lang)
    today = 0
    for code, (walked, view, _, _) in zip(edition.recorded, edition.of_recorded, strict=True):
        if code.lower().startswith(edition.prefix):
            state = read(content, code).state
            assert walked == [state.current.id, province(state)] and view == python_view(state, lang), code
            today += 1
        else:
            assert walked is None and view is None, code
    assert 0 < today < len(edition.recorded)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_question_prefetches_the_files_of_the_results_one_step_away(editions: dict[str, Edition], lang: str) -> None:
    edition = editions[lang]
    prefetching = 0
    for state, (_, _, _, prefetched) in zip(edition.states, edition.of_states, strict=True):
        node = state.current
        if not isinstance(node, Question):
            assert prefetched == []
            continue
        after = [state.answer(choice.id) for choice in node.choices]
        expected = {name for step in after if step.is_complete for name in edition.holding(step)}
        assert sorted(prefetched) == sorted(expected), state.token
        prefetching += bool(expected)
    assert prefetching > 100


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_result_is_in_the_files_once_and_every_file_is_used(editions: dict[str, Edition], lang: str) -> None:
    edition = editions[lang]
    results = [s for s in edition.states if s.is_complete]
    codes = [data["codes"] for data in edition.results.values() if "codes" in data]
    assert sum(len(c) for c in codes) == len(results)
    assert sorted(edition.walked["fetched"]) == sorted(edition.results)


def test_the_query_is_read_and_made_as_python_reads_and_makes_it(editions: dict[str, Edition]) -> None:
    edition = editions["en"]
    for search, read_back in zip(edition.searches, edition.walked["searches"], strict=True):
        # The first of each parameter, as the browser reads it.
        params = dict(reversed(parse_qsl(search.lstrip("?"), keep_blank_values=True)))
        assert read_back == {"token": params.get(urls.CODE_PARAMETER, ""), "change": params.get(urls.CHANGE_PARAMETER, "")}
    for (token, change), query in zip(edition.queries, edition.walked["queries"], strict=True):
        assert query == urls.state_query(token, change)


def test_the_answer_back_returns_to_is_the_one_the_reader_gave(tmp_path: Path) -> None:
    """walk.givenBefore (boot.js marks it after Back): for a state one or more answers before a state the
    reader reached on the same walk, the choice the reader made there; for any other pair, none."""
    node = shutil.which("node")
    assert node, "Node.js is needed to run walk.js (apt-get install nodejs)"
    content, m = load(), messages()
    states = [s for s in prerender.states(content) if s.answers][:300]
    pairs: list[tuple[str, str, str]] = []
    for deep in states:
        for cut in range(len(deep.answers)):
            here = State.start(content)
            for answer in deep.answers[:cut]:
                here = here.answer(answer)
            pairs.append((here.token if here.answers else "", deep.token, deep.answers[cut]))
        pairs.append((deep.token, deep.token, ""))  # the same state: nothing was given beyond it
        pairs.append((deep.token, deep.back().token, ""))  # a shallower state: not a walk on from here
    other = states[-1]
    # Not a walk on from s: other's answers do not start with s's (codes end in a check character, so
    # one code is no prefix of the other's either way).
    pairs += [(s.token, other.token, "") for s in states[:40] if other.answers[: len(s.answers)] != s.answers]
    pairs.append((states[0].token, "zzzz-01", ""))  # another version's code: Python's to read
    (tmp_path / "table.json").write_text(json.dumps(prerender.routing_table(content, m)), encoding="utf-8")
    (tmp_path / "pairs.json").write_text(json.dumps([p[:2] for p in pairs]), encoding="utf-8")
    script = (
        "import { readFileSync } from 'node:fs';"
        f"import {{ givenBefore }} from {json.dumps((ROOT / 'docs/assets/tree/walk.js').as_uri())};"
        f"const table = JSON.parse(readFileSync({json.dumps(str(tmp_path / 'table.json'))}, 'utf8'));"
        f"const pairs = JSON.parse(readFileSync({json.dumps(str(tmp_path / 'pairs.json'))}, 'utf8'));"
        "console.log(JSON.stringify(pairs.map(([token, reached]) => givenBefore(table, token, reached))));"
    )
    proc = subprocess.run([node, "--experimental-detect-module", "--input-type=module", "-e", script],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [p[2] for p in pairs]
