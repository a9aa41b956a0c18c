"""The tree page when the network or the site fails it, in headless Chromium: a moment's network drop
while Python loads, each file of the runtime and the bundle missing in turn, the results' files, the
whole bundle folder, and the tree's own scripts.

Each test says what the reader sees. What the page must never do: leave the reader on a view that
does not match the address without saying why, keep a failure it could mend at the next click or
when the network is back, or say that something works when it does not. The expected views and
words come from the engine and the catalog, never from literals.
"""

from __future__ import annotations

from typing import Any

import pytest

from decision_tree import load, urls, web
from decision_tree.messages import messages

from .scenarios import BY_NAME
from .test_browser import PY_TIMEOUT, READY, current_id, same_html, site_url, submit_tool

__all__ = ["site_url"]  # the fixture, shared with tests/test_browser.py

FAILED = "[data-icp-tree][data-booted=failed]"
RESULT = BY_NAME["first filing, individual in Shanghai"].state(load())
m = messages("en")


def before(key: str) -> str:
    """A catalog text up to its first placeholder: what a notice made from it starts with."""
    return m.texts[key].split("{")[0]


def seen(page: Any) -> dict[str, Any]:
    """What the reader sees: the view's node, the notice (None when hidden) and its link, the address."""
    return dict(page.evaluate(
        """() => {
          const view = document.querySelector('.icp-tree__view');
          const node = view.querySelector('[data-question]')?.dataset.question
            ?? view.querySelector('[data-outcome]')?.dataset.outcome;
          const notice = document.querySelector('.icp-tree__notice');
          return { node, notice: notice.hidden ? null : notice.innerText,
                   link: notice.hidden ? null : notice.querySelector('a')?.href ?? null, query: location.search };
        }"""
    ))


def walkthrough(site_url: str, anchor: str) -> str:
    return site_url + urls.at(urls.WALKTHROUGH_PAGE, anchor)


def missing(site_url: str, path: str) -> str:
    """The words naming a file the site answered 404 for, as the notice gives them."""
    return m("boot.file_status", file="/" + path.removeprefix(site_url), status=404)


def bundle_file(page: Any, site_url: str, name: str) -> str:
    """The address of a file of the bundle (``python.zip``) or of the runtime (``pyodide.mjs``)."""
    where = "pyodide" if name.startswith("pyodide") else "bundle"
    base = page.evaluate(f"() => new URL(document.querySelector('[data-icp-tree]').dataset.{where}, location.href).href")
    return str(base) + name


def test_a_network_drop_while_python_loads_is_mended_when_it_comes_back(cold_page: Any, site_url: str) -> None:
    """The network drops as the page starts (its first results download), Python cannot start, the
    network comes back: the next click shows the result at once (its files are asked for again, not
    kept as missing), and Python starts again by itself (the "online" event), without a reload.

    A profile of its own: the drop is the whole browser's (``set_offline``), and every request made
    during it fails (a route: the emulation does not reach the worker's requests)."""
    page = cold_page
    context = page.context
    almost = RESULT.back()
    held: list[Any] = []  # the first results download, and the runtime's, are where the drop begins
    page.route("**/results/**", lambda route: held.append(route))
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(site_url + f"tree/?a={almost.token}")
    page.wait_for_function("() => document.querySelector('[data-icp-tree]').dataset.booted")
    while not any("/results/" in route.request.url for route in held):
        page.wait_for_timeout(20)
    context.set_offline(True)
    page.route("**/*", lambda route: route.abort("internetdisconnected"))
    for route in held:
        route.abort("internetdisconnected")
    page.wait_for_selector(FAILED, timeout=PY_TIMEOUT)
    # Offline: the question stays, and the notice says Python could not start, which file it could
    # not download, and that it tries again.
    offline = seen(page)
    assert offline["node"] == almost.current.id
    assert before("boot.failed") in offline["notice"]
    assert "could not be downloaded (the connection to the site failed)" in offline["notice"]
    assert "tries again" in offline["notice"]
    page.unroute_all(behavior="wait")
    context.set_offline(False)
    # Back online: the choice that leads to the result shows it, as the build rendered it.
    page.click(f".icp-tree__view a.icp-choice[data-choice='{RESULT.answers[-1]}']")
    page.wait_for_selector(f".icp-tree__view [data-outcome={RESULT.current.id}]", timeout=10_000)
    assert page.url.endswith(f"?a={RESULT.token}") and same_html(page, web.view(RESULT.token)["html"])
    assert seen(page)["notice"] is None
    # And Python is back without a reload: what needs it (changing an answer) works.
    page.wait_for_selector(READY, timeout=PY_TIMEOUT)
    page.click(".icp-answers a.icp-change >> nth=0")
    page.wait_for_function("() => document.querySelector('.icp-tree__view .icp-choice--selected')", timeout=PY_TIMEOUT)
    assert "change=" in page.url and seen(page)["notice"] is None
    assert page.console_errors == []


def test_a_failed_start_is_tried_again_at_the_next_click(page: Any, site_url: str) -> None:
    """The package archive is missing (the site answers 404: nothing to try again by itself); once it
    is there again, the reader's next step that needs Python starts it and is shown."""
    page.route("**/python.zip", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(site_url + f"tree/?a={RESULT.token}")
    page.wait_for_selector(FAILED, timeout=PY_TIMEOUT)
    assert seen(page)["node"] == RESULT.current.id  # the result, from the build
    page.unroute_all(behavior="wait")
    page.click(".icp-answers a.icp-change >> nth=0")  # changing an answer: Python's
    page.wait_for_function("() => document.querySelector('.icp-tree__view .icp-choice--selected')", timeout=PY_TIMEOUT)
    assert page.locator(READY).count() == 1
    assert "change=" in page.url and seen(page)["notice"] is None
    assert page.console_errors == []


# Every file Python's start downloads: each missing, the reader is told which, and keeps the tree.
START_FILES = ["python.zip", "stdlib.zip", "lock.json", "pyodide.asm.wasm", "pyodide.mjs", "pyodide.asm.mjs"]


@pytest.mark.parametrize("name", START_FILES)
def test_each_file_of_python_missing_is_named_and_the_result_still_shows(page: Any, site_url: str, name: str) -> None:
    """A result link with one of Python's files missing: the result, as the build rendered it, and a
    notice that names the missing file by its path and the site's answer, says what waits for Python
    and that it is tried again; no uncaught error."""
    page.route(f"**/{name}", lambda route: route.fulfill(status=404, body="<html>not found</html>"))
    page.goto(site_url + f"tree/?a={RESULT.token}")
    page.wait_for_selector(FAILED, timeout=PY_TIMEOUT)
    shown = seen(page)
    assert shown["node"] == RESULT.current.id and same_html(page, web.view(RESULT.token)["html"])
    notice = shown["notice"]
    assert before("boot.failed") in notice and missing(site_url, bundle_file(page, site_url, name)) in notice
    assert "tries again" in notice
    assert page.console_errors == []


def test_a_lock_file_the_host_replaced_with_a_page_is_named(page: Any, site_url: str) -> None:
    """A host that answers a missing file with a page of its own (200, HTML): the file is named as
    not the one the guide expects, never "Unexpected token '<'"."""
    page.route("**/lock.json", lambda route: route.fulfill(status=200, body="<!doctype html><p>Welcome</p>",
                                                            content_type="text/html"))
    page.goto(site_url + "tree/")
    page.wait_for_selector(FAILED, timeout=PY_TIMEOUT)
    notice = seen(page)["notice"]
    path = "/" + bundle_file(page, site_url, "lock.json").removeprefix(site_url)
    assert m("boot.file_unreadable", file=path) in notice and "Unexpected token" not in notice
    assert page.console_errors == []


def test_the_worker_script_missing_is_named(page: Any, site_url: str) -> None:
    page.route("**/worker.js", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(site_url + "tree/")
    page.wait_for_selector(FAILED, timeout=PY_TIMEOUT)
    assert missing(site_url, site_url + "assets/tree/worker.js") in seen(page)["notice"]


def test_results_files_missing_while_python_runs_python_shows_the_result(page: Any, site_url: str) -> None:
    """The prerendered results cannot be had (404): Python makes the result itself, the same view."""
    page.route("**/results/**", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(site_url + f"tree/?a={RESULT.token}")
    page.wait_for_selector(f".icp-tree__view [data-outcome={RESULT.current.id}]", timeout=PY_TIMEOUT)
    assert same_html(page, web.view(RESULT.token)["html"]) and seen(page)["notice"] is None


@pytest.mark.parametrize("blocked", ["results", "bundle"])
def test_a_result_that_cannot_be_shown_names_the_file_and_links_its_walkthrough_section(
    page: Any, site_url: str, blocked: str
) -> None:
    """The result's files and Python both unavailable (the results folder, or the whole bundle
    folder, unreachable, with the runtime): the page stays where it is, and says which file could
    not be had, that Python could not make it either, and links the result's section of the
    walkthrough. It never says that every result still works."""
    page.route("**/results/**" if blocked == "results" else "**/assets/tree/*/**",
               lambda route: route.fulfill(status=404, body="not found"))
    page.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(site_url + f"tree/?a={RESULT.token}")
    page.wait_for_function("(start) => document.querySelector('.icp-tree__notice').innerText.startsWith(start)",
                           arg=before("boot.result_missing"), timeout=PY_TIMEOUT)
    shown = seen(page)
    assert shown["node"] == "goal" and shown["query"] == f"?a={RESULT.token}"  # the link's address kept
    assert "/results/en/codes/" in shown["notice"] and "(the site answered 404)" in shown["notice"]
    assert "still works" not in shown["notice"]
    assert shown["link"] == walkthrough(site_url, urls.outcome_anchor(RESULT.current.id))
    assert m("boot.walkthrough_section", title=RESULT.current.title) in shown["notice"]


def test_a_change_that_needs_python_links_the_questions_walkthrough_section(page: Any, site_url: str) -> None:
    page.route("**/python.zip", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(site_url + f"tree/?a={RESULT.token}&change=province")
    page.wait_for_function("(start) => document.querySelector('.icp-tree__notice').innerText.startsWith(start)",
                           arg=before("boot.needs_python"), timeout=PY_TIMEOUT)
    shown = seen(page)
    assert "python.zip could not be downloaded (the site answered 404)" in shown["notice"]
    assert shown["link"] == walkthrough(site_url, urls.question_anchor("province"))


@pytest.mark.parametrize("script", ["boot.js", "walk.js", "runtime.js"])
def test_without_the_trees_scripts_a_link_with_answers_says_so(page: Any, site_url: str, script: str) -> None:
    """boot.js (or a module it imports) cannot be had: the page shows the first question as the build
    wrote it, whose answers lead into the walkthrough, and says the link's answers could not be
    opened, with a link to the walkthrough; without answers in the address it says nothing."""
    page.route(f"**/assets/tree/{script}", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(site_url + f"tree/?a={RESULT.token}")
    page.wait_for_load_state("load")
    notice = page.locator(".icp-tree__unscripted")
    notice.wait_for(state="visible")
    assert m("tree.unscripted") in notice.inner_text() and current_id(page) == "goal"
    assert notice.locator("a").evaluate("(a) => a.href") == site_url + urls.WALKTHROUGH_PAGE
    assert page.locator("[data-icp-tree][data-booted]").count() == 0
    page.goto(site_url + "tree/")
    page.wait_for_load_state("load")
    assert not page.locator(".icp-tree__unscripted").is_visible()


def test_with_the_trees_scripts_the_unscripted_notice_never_shows(page: Any, site_url: str) -> None:
    page.goto(site_url + f"tree/?a={RESULT.token}")
    page.wait_for_load_state("load")
    page.wait_for_selector(f".icp-tree__view [data-outcome={RESULT.current.id}]")
    assert not page.locator(".icp-tree__unscripted").is_visible()


def test_the_tools_start_again_at_the_next_check(page: Any, site_url: str) -> None:
    """The tools page with the package archive missing says the tools could not start, naming the
    file; once it is there, the next check starts them and answers."""
    page.route("**/python.zip", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(site_url + "tools/")
    page.wait_for_selector("[data-icp-tool][data-booted=failed]", timeout=PY_TIMEOUT)
    notice = page.locator("[data-icp-tool=domain] .icp-tool__notice")
    assert "python.zip could not be downloaded (the site answered 404)" in notice.inner_text()
    page.unroute_all(behavior="wait")
    submit_tool(page, "domain", domain="example.com.cn")
    assert page.locator("[data-icp-tool=domain] .icp-tool__result").inner_text().strip()
    assert not notice.is_visible()
