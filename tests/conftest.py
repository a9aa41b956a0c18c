from __future__ import annotations

import copy
import json
import shutil
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from filelock import FileLock

from decision_tree import Content, State, load, routing
from decision_tree.loader import parse, read_documents

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import build_site  # noqa: E402

sys.path.pop(0)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if not path:
        pytest.fail("Chromium not found at /usr/bin/chromium: install Debian's 'chromium' package (make test does)")
    return path


@pytest.fixture(scope="module")
def playwright() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Any) -> Iterator[Any]:
    """Debian's headless Chromium, one per test module, for tests that set up a context of their own
    (a phone's screen, dark mode, a script before the page's)."""
    b = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture(scope="module")
def reader(playwright: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A reader's browser, one per test module: each test opens its own tab (``page``), and the tabs
    share a profile, so the runtime a test's tab downloaded and compiled is in the cache for the
    next, as for a reader coming back. The tests' subject is the page, not the first visit: the
    benchmark (bench/) measures cold loads."""
    context = playwright.chromium.launch_persistent_context(
        tmp_path_factory.mktemp("profile"), executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS,
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    yield context
    context.close()


class Requests:
    def __init__(self) -> None:
        self.urls: list[str] = []

    def outside(self) -> list[str]:
        return [u for u in self.urls if urlparse(u).hostname not in ("127.0.0.1",) and not u.startswith("data:")]


# Material starts its search in a worker on every page, which fetches and indexes the whole site
# (about half a second of CPU a page here); a test that does not search (all but the search tests,
# which ask for ``search_page``) gives it a worker that does nothing. A route would do it too, but
# a routed page does without the HTTP cache, and with it the compiled runtime.
NO_SEARCH = """{
  const Real = window.Worker;
  window.Worker = class extends Real {
    constructor(url, options) {
      super(/\\/workers\\/search\\.[0-9a-f]+\\.min\\.js/.test(String(url)) ? "data:text/javascript," : url, options);
    }
  };
}"""


def _watched(pg: Any) -> Any:
    """``pg`` with what it requests (``pg.requests``) and the errors it throws (``pg.console_errors``)."""
    pg.requests = Requests()
    pg.on("request", lambda r: pg.requests.urls.append(r.url))
    pg.console_errors = []
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    return pg


def new_context(browser: Any, **options: Any) -> Any:
    """A new profile of ``browser`` (a phone's screen, dark mode ...), whose pages do not search."""
    context = browser.new_context(**options)
    context.add_init_script(NO_SEARCH)
    return context


@pytest.fixture
def cold_page(browser: Any) -> Iterator[Any]:
    """A tab in a new profile: nothing cached, nothing stored (what Material keeps of the sitemaps among it)."""
    context = new_context(browser)
    yield _watched(context.new_page())
    context.close()


@pytest.fixture
def page(reader: Any) -> Iterator[Any]:
    """A new tab of the module's reader."""
    yield from _tab(reader, search=False)


@pytest.fixture
def search_page(reader: Any) -> Iterator[Any]:
    """A new tab of the module's reader, with Material's search at work."""
    yield from _tab(reader, search=True)


def _tab(reader: Any, *, search: bool) -> Iterator[Any]:
    pg = _watched(reader.new_page())
    if not search:
        pg.add_init_script(NO_SEARCH)
    yield pg
    # What a page keeps in the profile (Material's palette and search settings) must not reach the next test.
    if pg.url.startswith("http"):
        pg.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    pg.unroute_all(behavior="ignoreErrors")  # a request a test held back is dropped, not left pending
    pg.close()
    reader.clear_cookies()


@pytest.fixture(scope="session")
def content() -> Content:
    return load()


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    said: str  # what MkDocs printed
    seconds: dict[str, float]  # by build step


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> BuiltSite:
    """The whole site as `make build` makes it (scripts/build_site.py, every step), built once per test
    session and shared by every test that reads it: with pytest-xdist the first worker to ask builds
    it under a lock, the others wait for it (or for the reason it failed). Tests only read it."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent  # the session's folder, above each worker's own
    root, report, failed = shared / "built-site", shared / "built-site.json", shared / "built-site.failed"
    with FileLock(str(shared / "built-site.lock")):
        if failed.is_file():
            pytest.fail(failed.read_text(encoding="utf-8"), pytrace=False)
        if not report.is_file():
            try:
                built = build_site.build(root)
            except Exception:
                failed.write_text(f"the site did not build:\n{traceback.format_exc()}", encoding="utf-8")
                raise
            report.write_text(json.dumps({"said": built.said, "seconds": built.seconds}), encoding="utf-8")
    found = json.loads(report.read_text(encoding="utf-8"))
    return BuiltSite(root, found["said"], found["seconds"])


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test is marked by what it needs, so that `make test-fast` (-m "not site and not browser and not
    node") can never start a build or a browser: the built site makes it a ``site`` test, Chromium a
    ``browser`` test.

    The tests that need the built site run first: under pytest-xdist (--dist worksteal) one worker
    starts the build at once while the other runs the tests that need none, taking them from the end
    of the list, instead of both waiting for the build."""
    for item in items:
        needs = set(getattr(item, "fixturenames", ()))
        if "built_site" in needs:
            item.add_marker(pytest.mark.site)
        if needs & {"browser", "reader", "page", "search_page", "cold_page"}:
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: item.get_closest_marker("site") is None)  # stable: the rest keep their order


def resolve(content: Content, **answers: str) -> State:
    """Answer each question the walk reaches by its id, as a person reading the seed would.

    Fails if the walk reaches a question the scenario did not answer, so a scenario cannot
    silently end somewhere else when the tree changes.
    """
    state = State.start(content)
    while not state.is_complete:
        question = state.question
        assert question is not None
        if question.id not in answers:
            raise AssertionError(f"scenario does not answer question '{question.id}' ({question.text})")
        state = state.answer(answers[question.id])
    return state


def changed(edit: Callable[[dict[str, Any]], object]) -> Content:
    """The real content with today's routing recorded, then ``edit`` applied to tree.toml (as a dict):
    a later version of the tree, for trying what happens to codes made today."""
    docs = copy.deepcopy(read_documents())
    docs[routing.HISTORY_FILE] = json.loads(routing.dump_history(parse(read_documents()).routings))
    edit(docs["tree.toml"])
    return parse(docs)


def old_code(**answers: str) -> str:
    """A code made by today's tree, to open with a changed one."""
    return resolve(load(), **answers).token


def choice(tree: dict[str, Any], question: str, choice_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in tree["questions"][question]["choices"] if c["id"] == choice_id)
    return found


def add_question(tree: dict[str, Any]) -> None:
    """An edit: a new question between "does the domain pass the checks" and "does it need a pre-approval"."""
    choice(tree, "domain_checks", "all_pass")["next"] = "real_name"
    tree["questions"]["real_name"] = {
        "text": "Has the domain passed real-name verification?",
        "choices": [{"id": "yes", "label": "Yes", "next": "site_type"}, {"id": "no", "label": "No", "next": "check_domain"}],
    }


def swap_questions(tree: dict[str, Any]) -> None:
    """An edit: the province asked before who files."""
    for c in tree["questions"]["subject_filed"]["choices"]:
        if c["next"] == "subject_type":
            c["next"] = "province"
    tree["questions"]["province"]["next"] = "subject_type"
    for question in ("individual_document", "organisation_registration"):
        for c in tree["questions"][question]["choices"]:
            if c["next"] == "province":
                c["next"] = "domain_status"
