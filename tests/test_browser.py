"""The built site in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

The session's build of the site (tests/conftest.py: ``built_site``) is served on 127.0.0.1 by
scripts/serve.py. Expected results come from the same engine on CPython, never from literals: a walk in
the browser must end where ``State`` says and show exactly the regional caveats ``Result`` holds.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from decision_tree import State, load, render, urls, web, widget
from decision_tree.messages import messages
from decision_tree.present import ResultView

from .conftest import BuiltSite, new_context
from .scenarios import BY_NAME

ROOT = Path(__file__).resolve().parent.parent
READY = "[data-icp-tree][data-booted=ready]"
LOADING = "[data-icp-tree][data-booted=loading]"  # boot.js answers, Python is on its way
PY_TIMEOUT = 90_000

pytestmark = pytest.mark.browser

sys.path.insert(0, str(ROOT / "scripts"))
import serve  # noqa: E402

sys.path.pop(0)


@pytest.fixture(scope="module")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    server, url = serve.serve_in_thread(built_site.root)
    yield url
    server.shutdown()


def open_tree(page: Any, site_url: str, token: str = "", lang: str = "en", *, python: bool = True) -> None:
    """The tree opened (at ``token``, in the edition of ``lang``), once Python runs and the code's view
    is shown: a code the build could not prerender (tampered, from an earlier version) is read by
    Python after it starts.

    ``python=False``: the runtime's download is held back, so Python never starts and the test costs
    no Python start; for a test of what the build prerendered, which is what every click shows
    whether Python runs or not (boot.js takes a prerendered view before asking Python)."""
    if not python:
        page.route("**/pyodide.asm.wasm", lambda route: None)  # never answered: loading, for good
    edition = "" if lang == "en" else f"{lang}/"
    page.goto(site_url + edition + "tree/" + (f"?a={token}" if token else ""))
    page.wait_for_selector(READY if python else LOADING, timeout=PY_TIMEOUT)
    if token:
        # The code's view has been put in (the widget's code is set with it): while Python reads a
        # code, the status says so already, and Python answers a moment after it is ready.
        page.wait_for_function("() => document.querySelector('[data-icp-tree]').dataset.token !== undefined",
                               timeout=PY_TIMEOUT)


def current_id(page: Any) -> str:
    return str(page.evaluate(
        "() => { const v = document.querySelector('.icp-tree__view');"
        " const q = v.querySelector('[data-question]'); const o = v.querySelector('[data-outcome]');"
        " return q ? q.dataset.question : o.dataset.outcome; }"
    ))


def click_choice(page: Any, choice_id: str) -> None:
    before = page.evaluate("() => document.querySelector('[data-icp-tree]').dataset.token || ''")
    page.click(f".icp-tree__view a.icp-choice[data-choice='{choice_id}']")
    page.wait_for_function(
        "(before) => (document.querySelector('[data-icp-tree]').dataset.token || '') !== before", arg=before
    )


WALKS = {
    name: BY_NAME[name].answers
    for name in (
        "first filing, individual in Shanghai",
        "new website, enterprise in Guangdong",
        "access filing, enterprise in Tianjin",
        "moving province, individual from Sichuan to Guangdong",
        "change filing, enterprise in Shaanxi",
        "overseas registrar, individual in Shanxi",
        "individual to own enterprise, Jiangsu",
        "Hong Kong origin behind a mainland CDN, domain not filed",
        "an app with its API in mainland China, first filing",
        "a mini-program on its platform only",
        "a mini-program calling its own API, subject already filed",
    )
}


def expected_state(answers: dict[str, str]) -> State:
    state = State.start(load())
    while not state.is_complete:
        assert state.question is not None
        state = state.answer(answers[state.question.id])
    return state


@pytest.mark.parametrize("name", list(WALKS))
def test_walk_by_clicking_ends_at_the_right_procedure_and_caveats(page: Any, site_url: str, name: str) -> None:
    answers = WALKS[name]
    expected = expected_state(answers)
    result = expected.result()
    open_tree(page, site_url, python=False)
    while current_id(page) in answers:
        click_choice(page, answers[current_id(page)])
    assert current_id(page) == result.outcome.id
    heading = page.inner_text(".icp-tree__view #icp-current")
    assert result.outcome.title in heading and result.outcome.title_zh in heading
    view = ResultView(load(), result, messages())
    regional = [*view.decisive, *view.regional]  # the province's decisive rules first, before the steps
    shown = page.eval_on_selector_all(".icp-decisive li, .icp-regional li", "els => els.map(e => e.dataset.sources)")
    assert shown == [" ".join(c.sources) for c in regional]
    texts = page.eval_on_selector_all(".icp-decisive li, .icp-regional li", "els => els.map(e => e.textContent)")
    assert all(c.text in t for c, t in zip(regional, texts, strict=True))
    if result.outcome.caveat_topics and not regional:
        assert page.locator(".icp-regional-none").is_visible(), f"{name}: no caveat, and no word saying so"
    elif result.outcome.caveat_topics:
        links = ".icp-decisive .icp-meta a[href*='sources/#src-'], .icp-regional .icp-meta a[href*='sources/#src-']"
        assert page.locator(links).count() >= len(regional)
    assert page.url.endswith(f"?a={expected.token}")
    then = page.eval_on_selector_all(".icp-tree__view .icp-then", "els => els.map(e => e.dataset.outcome)")
    assert then == [o.id for o in result.also]  # every filing that applies, in order
    assert page.requests.outside() == []
    assert page.console_errors == []


def test_back_change_and_start_again(page: Any, site_url: str) -> None:
    answers = WALKS["access filing, enterprise in Tianjin"]
    open_tree(page, site_url, expected_state(answers).token)
    assert current_id(page) == "access_filing"
    page.click(".icp-tree__view .icp-back")
    page.wait_for_function("() => document.querySelector('[data-question]')")
    assert current_id(page) == "filed_where"
    click_choice(page, "same")
    assert current_id(page) == "nothing_new_same_provider"
    # Change the province answer: the question again, the earlier answer marked, the later answers kept.
    page.click(".icp-answers a.icp-change[href*='change=province']")
    page.wait_for_function("() => document.querySelector('[data-question=province]')")
    assert page.evaluate("() => document.activeElement.id") == "icp-current"
    assert "change=province" in page.url
    assert page.get_attribute(".icp-choice[aria-current=true]", "data-choice") == "tianjin"
    click_choice(page, "hainan")
    assert current_id(page) == "nothing_new_same_provider"  # every later answer still fitted
    assert page.inner_text(".icp-answers").count("Hainan") == 1 and "change=" not in page.url
    page.go_back()  # the browser's Back returns to the question being changed, then to the result
    page.wait_for_function("() => document.querySelector('[data-question=province]')")
    page.go_back()
    page.wait_for_function("() => document.querySelector('[data-outcome=nothing_new_same_provider]')")
    page.click(".icp-tree__view .icp-restart")
    page.wait_for_function("() => document.querySelector('[data-question=goal]')")
    assert urlparse(page.url).query == ""


def test_reload_with_token_restores_and_browser_back_works(page: Any, site_url: str) -> None:
    open_tree(page, site_url, python=False)
    click_choice(page, "online")
    click_choice(page, "website")
    click_choice(page, "mainland_servers")
    assert current_id(page) == "subject_filed"
    page.reload()
    page.wait_for_selector(LOADING)
    assert current_id(page) == "subject_filed"
    page.go_back()
    page.wait_for_function("() => document.querySelector('[data-question=delivery]')")
    page.go_back()
    page.wait_for_function("() => document.querySelector('[data-question=what_online]')")
    page.go_back()
    page.wait_for_function("() => document.querySelector('[data-question=goal]')")
    page.go_forward()
    page.wait_for_function("() => document.querySelector('[data-question=what_online]')")


def test_tampered_token_shows_a_notice_and_a_fresh_start(page: Any, site_url: str) -> None:
    good = expected_state(WALKS["change filing, enterprise in Shaanxi"]).token
    open_tree(page, site_url, good[:-1] + "Z9")
    notice = page.locator(".icp-tree__notice")
    assert notice.is_visible()
    assert "start again" in notice.inner_text().lower() or "first question" in notice.inner_text()
    assert current_id(page) == "goal"
    assert "?a=" not in page.url
    swapped = good[:-3] + good[-2] + good[-3] + good[-1]  # two answers swapped: its check says so
    assert swapped != good
    open_tree(page, site_url, swapped)
    assert "does not check out" in page.locator(".icp-tree__notice").inner_text()
    assert current_id(page) == "goal" and "?a=" not in page.url
    open_tree(page, site_url, "zzzz-0")
    notice = page.locator(".icp-tree__notice").inner_text()
    # Never a code of ours: it says it could not be read, not that the guide changed.
    assert "could not read" in notice and "earlier version" not in notice
    assert current_id(page) == "goal" and "?a=" not in page.url


def test_first_question_is_in_the_html_before_python(page: Any, site_url: str) -> None:
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto(site_url + "tree/")
    # Present at first paint, rendered at build time.
    assert page.locator(".icp-tree__view [data-question=goal] a.icp-choice").count() == 4


def test_a_code_with_no_answers_opens_the_start_before_python(page: Any, site_url: str) -> None:
    page.route("**/*.wasm", lambda route: route.abort())
    start_code = State.start(load()).token.upper()  # "<version>-<check>", read case-blind
    page.goto(site_url + "tree/?a=" + start_code)
    page.wait_for_function("() => !location.search")  # the address says what is shown: the start
    assert current_id(page) == "goal"
    status = page.inner_text(".icp-tree__status")
    # No "your answer is kept" (none was given), nor "restoring": the start is shown as it is.
    assert messages("en")("boot.kept") not in status and messages("en")("boot.restoring") not in status
    page.unroute_all(behavior="ignoreErrors")


def test_without_webassembly_every_question_and_result_still_works(page: Any, site_url: str) -> None:
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto(site_url + "tree/")
    page.wait_for_selector("[data-icp-tree][data-booted=failed]", timeout=PY_TIMEOUT)
    notice = page.locator(".icp-tree__notice")
    assert notice.is_visible() and "could not start" in notice.inner_text()
    # The walk goes on from the views the build rendered: the same views Python would show.
    walk = BY_NAME["first filing, individual in Shanghai"]
    expected = walk.state(load())
    for answer in expected.answers:
        click_choice(page, answer)
    page.wait_for_selector(f".icp-tree__view [data-outcome={expected.current.id}]")
    assert page.url.endswith(f"?a={expected.token}")
    assert same_html(page, web.view(expected.token)["html"])
    # What only Python can do says so, and nothing else is lost.
    page.click(".icp-tree__view button[data-action=copy-markdown]")  # Python is tried again first
    page.wait_for_function(
        "() => document.querySelector('.icp-tree__view .icp-actions__status').textContent.includes('needs Python')",
        timeout=PY_TIMEOUT,
    )
    page.click(".icp-answers a.icp-change >> nth=0")
    page.wait_for_function("() => document.querySelector('.icp-tree__notice').textContent.includes('needs Python')")
    assert page.locator(f".icp-tree__view [data-outcome={expected.current.id}]").count() == 1
    assert page.requests.outside() == []


def same_html(page: Any, python_html: str) -> bool:
    """Whether the view shows exactly the HTML Python renders (both parsed by the browser), but for
    what boot.js shows once it runs (the province filter, the domain check's form), on both sides."""
    return bool(page.evaluate(
        "(html) => { const t = document.createElement('div'); t.innerHTML = html;"
        " const shown = '.icp-filter, .icp-domain-check__form, .icp-domain-check__intro';"
        " t.querySelectorAll(shown).forEach((e) => e.removeAttribute('hidden'));"
        " const v = document.querySelector('.icp-tree__view').cloneNode(true);"
        " v.querySelectorAll(shown).forEach((e) => e.removeAttribute('hidden'));"
        " return t.innerHTML === v.innerHTML; }",
        python_html,
    ))


def test_keyboard_only_walk(page: Any, site_url: str) -> None:
    answers = WALKS["overseas registrar, individual in Shanxi"]
    open_tree(page, site_url, python=False)
    assert answers["domain_problem"] == "registrar"
    page.focus(".icp-tree__view a.icp-choice >> nth=0")
    while current_id(page) in answers:
        question = current_id(page)
        want = answers[question]
        # Tab through the choices until the wanted one has focus, then press Enter.
        for _ in range(80):
            focused = page.evaluate("() => document.activeElement.dataset.choice || ''")
            if focused == want:
                break
            page.keyboard.press("Tab")
        else:
            raise AssertionError(f"could not reach choice {want} of {question} with Tab")
        before = page.evaluate("() => document.querySelector('[data-icp-tree]').dataset.token")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "(b) => document.querySelector('[data-icp-tree]').dataset.token !== b", arg=before
        )
        assert page.evaluate("() => document.activeElement.id") == "icp-current"
        assert page.inner_text(".icp-tree__status")
    assert current_id(page) == "fix_transfer_domain"


def test_copy_as_markdown(page: Any, site_url: str) -> None:
    state = expected_state(WALKS["first filing, individual in Shanghai"])
    open_tree(page, site_url, state.token)
    page.click("button[data-action=copy-markdown]")
    # The confirmation appears beside the button, where the reader is looking.
    page.wait_for_function("() => document.querySelector('.icp-actions__status').textContent.includes('copied')")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    content = load()
    expected = render.result_markdown(content, state.result(), docs_base=site_url)
    assert copied == expected
    assert "- [ ] " in copied
    assert f"{site_url}tree/?a={state.token}" in copied  # the Markdown links back to the result
    near = page.evaluate(
        "() => { const b = document.querySelector('button[data-action=copy-markdown]').getBoundingClientRect();"
        " const s = document.querySelector('.icp-actions__status').getBoundingClientRect(); return s.top - b.bottom; }"
    )
    assert 0 <= near < 80


def test_the_simplest_case_takes_at_most_ten_questions(page: Any, site_url: str) -> None:
    # Ten since the tree asks an individual which document they file with: a passport or a travel
    # permit changes whether and where they can file (issue "The people who ask most").
    answers = WALKS["first filing, individual in Shanghai"]
    open_tree(page, site_url, python=False)
    clicks = 0
    while current_id(page) in answers:
        click_choice(page, answers[current_id(page)])
        clicks += 1
    assert current_id(page) == "new_filing"
    assert clicks <= 10, clicks


def test_not_sure_on_the_domain_checks_leads_to_how_to_check(page: Any, site_url: str) -> None:
    state = BY_NAME["first filing, individual in Shanghai"].state(load()).change("domain_checks")
    open_tree(page, site_url, state.token, python=False)
    assert current_id(page) == "domain_checks"
    checks = page.eval_on_selector_all(".icp-tree__view ul.icp-checks > li", "els => els.map(e => e.innerText)")
    assert checks == list(load().questions["domain_checks"].checks)  # five lines, the suffix first
    click_choice(page, "not_sure")
    assert current_id(page) == "check_domain"
    assert "domain.miit.gov.cn" in page.inner_text(".icp-tree__view .icp-steps")


def test_the_app_path_is_asked_in_app_words_and_a_not_sure_result_leads_back(page: Any, site_url: str) -> None:
    answers = BY_NAME["an app with its API in mainland China, first filing"].answers
    expected = State.start(load())
    open_tree(page, site_url, python=False)  # every view below is the build's, before Python
    while current_id(page) != "site_type":
        question = expected.question
        assert question is not None
        assert page.inner_text(".icp-tree__view #icp-current").startswith(question.text)
        click_choice(page, answers[current_id(page)])
        expected = expected.answer(answers[question.id])
    asked = expected.question
    assert asked is not None and asked.wording == "what_online=app"
    assert page.inner_text(".icp-tree__view #icp-current").startswith(asked.text)
    assert asked.text in page.title()
    click_choice(page, "not_sure")
    assert current_id(page) == "check_pre_approval"
    # Your answers name the questions as they were asked.
    rows = page.eval_on_selector_all(".icp-tree__view .icp-answers dt", "els => els.map(e => e.innerText)")
    assert rows == [a.question.text for a in expected.answer("not_sure").answered]
    link = page.locator(".icp-tree__view a.icp-back-to-question")
    assert link.inner_text() == messages()("tree.back_to_question")
    link.click()
    page.wait_for_function("(token) => document.querySelector('[data-icp-tree]').dataset.token === token",
                           arg=expected.token)
    assert current_id(page) == "site_type" and f"?a={expected.token}" in page.url
    assert page.inner_text(".icp-tree__view #icp-current").startswith(asked.text)


def _at_province_question(page: Any, site_url: str) -> None:
    state = State.start(load()).answer("online").answer("website").answer("mainland_servers").answer("no").answer("individual")
    state = state.answer("id_card")
    open_tree(page, site_url, state.token, python=False)
    assert current_id(page) == "province"
    page.wait_for_selector(".icp-filter:not([hidden])")


def test_province_picker_by_typing_chinese(page: Any, site_url: str) -> None:
    _at_province_question(page, site_url)
    page.fill(".icp-filter__input", "浙")
    visible = page.eval_on_selector_all(".icp-choices li:not([hidden]) a", "els => els.map(e => e.dataset.choice)")
    assert visible == ["zhejiang"]
    assert "1" in page.inner_text(".icp-filter__count")
    before = page.evaluate("() => document.querySelector('[data-icp-tree]').dataset.token")
    page.press(".icp-filter__input", "Enter")
    page.wait_for_function("(b) => document.querySelector('[data-icp-tree]').dataset.token !== b", arg=before)
    assert current_id(page) == "domain_status"
    assert "Zhejiang" in page.inner_text(".icp-tree__view") or read_province(page) == "zhejiang"


def read_province(page: Any) -> str:
    from decision_tree import read

    token = page.evaluate("() => document.querySelector('[data-icp-tree]').dataset.token")
    province = read(load(), token).state.province
    return province.id if province else ""


def test_province_picker_by_keyboard(page: Any, site_url: str) -> None:
    _at_province_question(page, site_url)
    page.focus(".icp-filter__input")
    page.keyboard.type("zhe")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.dataset.choice") == "zhejiang"
    page.keyboard.press("ArrowUp")  # from the first match back to the box
    assert page.evaluate("() => document.activeElement.classList.contains('icp-filter__input')")
    page.fill(".icp-filter__input", "")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("() => document.activeElement.dataset.choice")
    assert second == list(load().provinces)[1]
    before = page.evaluate("() => document.querySelector('[data-icp-tree]').dataset.token")
    page.keyboard.press("Enter")
    page.wait_for_function("(b) => document.querySelector('[data-icp-tree]').dataset.token !== b", arg=before)
    assert read_province(page) == second


def test_the_province_list_fits_a_phone(browser: Any, site_url: str) -> None:
    context = new_context(browser, viewport={"width": 390, "height": 844})
    page = context.new_page()
    _at_province_question(page, site_url)
    height = page.evaluate("() => document.querySelector('.icp-choices--grid').getBoundingClientRect().height")
    context.close()
    assert height < 844, height


def test_a_result_leads_with_the_next_step_above_the_fold_on_a_phone(browser: Any, site_url: str) -> None:
    context = new_context(browser, viewport={"width": 390, "height": 844})
    page = context.new_page()
    state = BY_NAME["first filing, individual in Shanghai"].state(load())
    open_tree(page, site_url, state.token, python=False)
    box = page.evaluate("() => document.querySelector('.icp-tree__view .icp-next-step').getBoundingClientRect().bottom")
    heading = page.evaluate("() => document.querySelector('#icp-current').getBoundingClientRect().top")
    text = page.inner_text(".icp-tree__view .icp-next-step")
    context.close()
    assert 0 <= heading < box <= 844, (heading, box)
    assert text == state.result().outcome.next_step


def test_the_question_comes_first_on_the_tree_page(browser: Any, site_url: str) -> None:
    context = new_context(browser, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "tree/")
    top = page.evaluate("() => document.querySelector('.icp-tree__view #icp-current').getBoundingClientRect().top")
    first_choice = page.evaluate("() => document.querySelector('.icp-tree__view .icp-choice').getBoundingClientRect().bottom")
    context.close()
    assert top < 300 and first_choice < 844, (top, first_choice)


def test_regions_pages_fit_a_phone(browser: Any, site_url: str) -> None:
    context = new_context(browser, viewport={"width": 390, "height": 844})
    page = context.new_page()
    for path in ["regions/", *(f"regions/{p}/" for p in load().provinces)]:
        page.goto(site_url + path)
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        tables = page.evaluate(
            "() => [...document.querySelectorAll('article table')]"
            ".filter(t => t.scrollWidth > t.parentElement.clientWidth + 1).length"
        )
        assert wide <= 390 and tables == 0, (path, wide, tables)
    context.close()


@pytest.mark.parametrize("path", ["tree/?a={result}", "regions/guangdong/", "procedures/new-filing/"])
def test_axe_in_dark_mode(browser: Any, site_url: str, path: str) -> None:
    context = new_context(browser, color_scheme="dark")
    page = context.new_page()
    token = BY_NAME["new website, enterprise in Guangdong"].state(load()).token
    if "tree/" in path:
        open_tree(page, site_url, token, python=False)  # the result as the build prerendered it, Python's view
    else:
        page.goto(site_url + path)
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    violations = axe_violations(page)
    context.close()
    assert violations == [], _describe(violations)


SEARCHES = [
    ("New filing", "procedures/new-filing/"), ("首次备案", "procedures/new-filing/"),
    ("New website", "procedures/new-website/"), ("新增网站", "procedures/new-website/"),
    ("Access filing", "procedures/access-filing/"), ("接入备案", "procedures/access-filing/"),
    ("Change filing", "procedures/change-filing/"), ("变更备案", "procedures/change-filing/"),
    ("Cancellation", "procedures/cancellation/"), ("注销主体", "procedures/cancellation/"),
    ("注销网站", "procedures/cancellation/"), ("取消接入", "procedures/cancellation/"),
    # Words of more than one word: the page that explains the term, not one that says "of" and "offline" often.
    ("power of attorney", "requirements/"), ("access filing", "procedures/access-filing/"),
]


@pytest.mark.parametrize(("query", "target"), SEARCHES, ids=[q for q, _ in SEARCHES])
def test_search_finds_a_procedures_own_page_first(search_page: Any, site_url: str, query: str, target: str) -> None:
    page = search_page
    page.goto(site_url)
    page.click("label.md-search__icon, .md-search__input")
    page.locator(".md-search__input").click()
    page.keyboard.insert_text(query)
    page.keyboard.press("End")  # Material searches on a key event
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    first = page.get_attribute(".md-search-result__item >> nth=0 >> a", "href")
    assert first is not None and urlparse(first).path.rstrip("/").endswith(target.rstrip("/")), (query, first)


def test_print_shows_the_result_only_with_link_addresses(page: Any, site_url: str) -> None:
    state = BY_NAME["first filing, individual in Shanghai"].state(load())
    open_tree(page, site_url, state.token, python=False)
    page.evaluate("() => dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert page.locator(".icp-tree__view .icp-next-step").first.is_visible()
    assert page.locator(".icp-tree__view .icp-then").is_visible()  # what comes after approval is printed too
    intro = page.locator("article > p").first  # the page's introduction under the widget
    assert not intro.is_visible()
    assert not page.locator(".icp-tree__view .icp-actions").is_visible()
    # The result's own address, its answer code in it, is printed beside the code ...
    own = page.evaluate("() => getComputedStyle(document.querySelector('.icp-tree__view .icp-version code'), '::after').content")
    assert f"{site_url}tree/?a={state.token}" in own
    assert page.locator(".icp-tree__view .icp-version").is_visible()
    # ... and no link's address is put after it: the sources read as a list of names.
    after = page.eval_on_selector_all(".icp-tree__view a", "els => els.map(e => getComputedStyle(e, '::after').content)")
    assert after and not [c for c in after if "http" in c]
    assert page.evaluate("() => [...document.querySelectorAll('.icp-tree__view details')].every(d => d.open)")
    assert page.locator(".icp-tree__view details.icp-meta a.icp-source").first.is_visible()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))
    results = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [v for v in results if v["impact"] in ("serious", "critical")]


def _describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in violations)


def test_axe_tree_page_question_and_result(page: Any, site_url: str) -> None:
    open_tree(page, site_url, python=False)
    violations = axe_violations(page)
    assert violations == [], _describe(violations)
    open_tree(page, site_url, expected_state(WALKS["new website, enterprise in Guangdong"]).token, python=False)
    violations = axe_violations(page)
    assert violations == [], _describe(violations)


def test_axe_docs_page(page: Any, site_url: str) -> None:
    page.goto(site_url + "procedures/access-filing/")
    violations = axe_violations(page)
    assert violations == [], _describe(violations)


def test_docs_pages_fetch_no_pyodide(page: Any, site_url: str) -> None:
    for path in ("", "procedures/new-filing/", "regions/"):
        page.requests.urls.clear()
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        assert not [u for u in page.requests.urls if "pyodide" in u or u.endswith(".whl")], path
        assert page.requests.outside() == []


def test_tree_page_requests_stay_on_the_site(page: Any, site_url: str) -> None:
    open_tree(page, site_url)
    page.wait_for_load_state("networkidle")
    assert page.requests.outside() == []
    assert any(u.endswith("pyodide.asm.wasm") for u in page.requests.urls)
    # The trimmed runtime and the compiled package of the bundle; not Pyodide's full library or lock.
    assert any(u.endswith("/stdlib.zip") for u in page.requests.urls)
    assert any(u.endswith("/python.zip") for u in page.requests.urls)
    assert not any(u.endswith(("python_stdlib.zip", "pyodide-lock.json", ".whl")) for u in page.requests.urls)


def test_clicks_answer_at_once_while_python_loads_and_what_needs_it_waits(page: Any, site_url: str) -> None:
    held: list[Any] = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.clock.install()
    page.goto(site_url + "tree/")
    page.wait_for_function("() => document.querySelector('[data-icp-tree]').dataset.booted === 'loading'")
    # Python is not there: the next question shows at once, from the build's template.
    click_choice(page, "online")
    assert current_id(page) == "what_online" and "?a=" in page.url
    assert page.evaluate("() => document.activeElement.id") == "icp-current"
    assert same_html(page, web.view(State.start(load()).answer("online").token)["html"])
    # Changing an answer needs Python: it is kept, and a slow load says so.
    expected = BY_NAME["first filing, individual in Shanghai"].state(load())
    go = "(t) => { history.pushState({}, '', '?a=' + t); dispatchEvent(new PopStateEvent('popstate')); }"
    page.evaluate(go, expected.token)
    page.wait_for_selector(f".icp-tree__view [data-outcome={expected.current.id}]")
    page.click(".icp-answers a.icp-change >> nth=0")
    page.wait_for_function("() => document.querySelector('.icp-tree__status').textContent.includes('kept')")
    page.clock.fast_forward(25_000)
    notice = page.locator(".icp-tree__notice")
    assert notice.is_visible() and "still loading" in notice.inner_text()
    assert held, "the page should be fetching the runtime"
    page.clock.resume()
    for route in held:
        route.continue_()
    page.unroute("**/pyodide.asm.wasm")
    page.wait_for_selector(READY, timeout=PY_TIMEOUT)
    page.wait_for_function("() => document.querySelector('.icp-tree__view [data-question=goal] .icp-choice--selected')")
    assert "change=goal" in page.url
    assert not notice.is_visible()


def test_missing_package_archive_shows_a_notice(page: Any, site_url: str) -> None:
    page.route("**/python.zip", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(site_url + "tree/")
    page.wait_for_selector("[data-icp-tree][data-booted=failed]", timeout=PY_TIMEOUT)
    assert "could not start" in page.inner_text(".icp-tree__notice")
    link = page.locator("a[href$='walkthrough/']")  # the page of every question, one link away
    assert link.first.is_visible()


def test_wasm_with_the_wrong_type_is_reported_not_waited_for(page: Any, site_url: str) -> None:
    def wrong_type(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-type": "application/octet-stream"})

    page.route("**/*.wasm", wrong_type)
    page.goto(site_url + "tree/")
    page.wait_for_selector("[data-icp-tree][data-booted=failed]", timeout=PY_TIMEOUT)
    assert "not application/wasm" in page.inner_text(".icp-tree__notice")
    page.unroute_all(behavior="ignoreErrors")  # the worker may still be fetching


# Opens each code as a link would (history + popstate) and reports what the page then shows: in the
# page, in one call, since a round trip per check and per code would cost more than the views.
OPEN_CODES = """async (codes) => {
  const widget = document.querySelector('[data-icp-tree]');
  const notice = document.querySelector('.icp-tree__notice');
  const shown = [];
  for (const [code, today] of codes) {
    // The widget's code cleared first: two codes in a row may lead to the same state, and the wait
    // below must see this code's view, not the one before it.
    widget.dataset.token = 'pending';
    history.pushState({}, '', '?a=' + code);
    dispatchEvent(new PopStateEvent('popstate'));
    const started = performance.now();
    while (widget.dataset.token !== today) {
      if (performance.now() - started > 30000) return { timeout: code, shown };
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const view = document.querySelector('.icp-tree__view');
    const node = view.querySelector('[data-question]')?.dataset.question ?? view.querySelector('[data-outcome]').dataset.outcome;
    shown.push({ code, node, url: location.href, version: view.querySelector('.icp-version')?.innerText ?? '',
                 notice: notice.hidden ? null : notice.innerText });
    notice.hidden = true;
    notice.textContent = '';
  }
  return { shown };
}"""


def recorded_codes_to_open() -> list[str]:
    """Every recorded code of today's routing (the page's walk follows each), and of each earlier
    routing one code of each kind that Python reads in the page: a result or a question, with or
    without the notice that the guide changed, its address kept or replaced by today's code.

    How each earlier code reads is checked code by code in Pyodide (tests/test_pyodide.py) and in
    CPython (tests/test_answer_codes.py); here, that the page shows each kind of reading as it must."""
    import json

    from decision_tree import read

    fixture = json.loads((ROOT / "tests" / "fixtures" / "answer_codes.json").read_text(encoding="utf-8"))
    content = load()
    current = content.routing.version if content.routing else ""
    codes = list(fixture[current]["codes"])
    for version, entry in fixture.items():
        kinds: dict[tuple[bool, bool, bool], str] = {}
        for code in entry["codes"]:
            resumed = read(content, code)
            waiting = bool(set(resumed.known) - set(resumed.state.by_question))  # answers for questions to come
            kinds.setdefault((resumed.state.is_complete, resumed.changed, waiting), code)
        codes += [] if version == current else list(kinds.values())
    return codes


def test_recorded_answer_codes_open_in_the_browser(page: Any, site_url: str) -> None:
    """Recorded codes (``recorded_codes_to_open``), each opened as a link would open it (history + popstate)."""
    from decision_tree import read

    content = load()
    codes = recorded_codes_to_open()
    resumed = {code: read(content, code) for code in codes}  # today's reading, as tests/test_answer_codes.py checks it
    today = {code: r.state.token if r.state.answers else "" for code, r in resumed.items()}
    open_tree(page, site_url)
    found = page.evaluate(OPEN_CODES, [[code, today[code]] for code in codes])
    assert "timeout" not in found, f"{found.get('timeout')} did not open in 30 s"
    assert [s["code"] for s in found["shown"]] == codes
    for shown in found["shown"]:
        code, expected = shown["code"], resumed[shown["code"]]
        assert shown["node"] == expected.state.current.id, code
        # Today's code, or the old one while its answers still wait (Python's view says which).
        address = urls.state_query(code) if code == today[code] else web.view(code)["query"]
        assert shown["url"].endswith(f"?{address}"), code  # the address bar holds what the page shows
        if expected.state.is_complete:
            assert today[code] in shown["version"], code
        assert (shown["notice"] is not None) is expected.changed, code
        if expected.changed:
            assert "earlier version of this guide" in shown["notice"], code
    assert page.console_errors == []


# --- the developer's tools ------------------------------------------------------------------------

TOOL_READY = "[data-icp-tool][data-booted=ready]"


def open_tools(page: Any, site_url: str, query: str = "") -> None:
    page.goto(site_url + "tools/" + query)
    page.wait_for_selector(TOOL_READY, timeout=PY_TIMEOUT)


def submit_tool(page: Any, tool: str, **fields: str) -> None:
    form = f"[data-icp-tool={tool}] form"
    for name, value in fields.items():
        page.fill(f"{form} [data-field={name}] input", value)
    before = page.evaluate(f"() => document.querySelector('[data-icp-tool={tool}]').dataset.checked || ''")
    page.click(f"{form} button[type=submit]")
    page.wait_for_function(
        "([tool, before]) => { const t = document.querySelector(`[data-icp-tool=${tool}]`);"
        " const shown = t.querySelector('.icp-tool__result').textContent;"
        " return (t.dataset.checked || '') !== before && !shown.startsWith('Checking'); }",
        arg=[tool, before],
    )


def test_tools_page_checks_a_domain_keeps_it_in_the_address_and_refuses_with_the_input_kept(page: Any, site_url: str) -> None:
    from decision_tree.tools import web as tools_web

    open_tools(page, site_url)
    submit_tool(page, "domain", domain="https://api.shop.example.com.cn/cart")
    result = page.locator("[data-icp-tool=domain] .icp-tool__result")
    assert page.get_attribute("[data-icp-tool=domain] .icp-domain", "data-registrable") == "example.com.cn"
    assert page.get_attribute("[data-icp-tool=domain] .icp-domain-verdict", "data-verdict") == "fileable"
    assert "sources/#src-" in result.inner_html()
    assert "domain=https" in page.url and page.url.endswith("#domain-check")
    assert page.evaluate("() => document.activeElement.classList.contains('icp-tool__result')")
    # Bad input: the reason beside the field, what was typed still there, nothing else lost.
    submit_tool(page, "domain", domain="shop..example.com")
    error = page.locator("[data-icp-tool=domain] [data-field=domain] .icp-tool__error")
    assert error.is_visible() and "two dots in a row" in error.inner_text()
    assert page.input_value("[data-icp-tool=domain] [data-field=domain] input") == "shop..example.com"
    assert page.get_attribute("[data-icp-tool=domain] [data-field=domain] input", "aria-invalid") == "true"
    assert error.inner_text() == tools_web.run("domain", {"domain": "shop..example.com"})["error"]
    # Back shows the earlier check again; a reload of a check's address shows it at once.
    page.go_back()
    page.wait_for_function("() => document.querySelector('[data-icp-tool=domain] .icp-domain')")
    assert page.input_value("[data-icp-tool=domain] [data-field=domain] input") == "https://api.shop.example.com.cn/cart"
    open_tools(page, site_url, "?domain=%E4%BE%8B%E5%AD%90.%E4%B8%AD%E5%9B%BD#domain-check")
    page.wait_for_function("() => document.querySelector('[data-icp-tool=domain] .icp-domain')")
    assert page.get_attribute("[data-icp-tool=domain] .icp-domain", "data-registrable") == "xn--fsqu00a.xn--fiqs8s"
    assert page.requests.outside() == [] and page.console_errors == []


def test_tools_page_reads_a_number_and_makes_a_footer(page: Any, site_url: str) -> None:
    open_tools(page, site_url)
    submit_tool(page, "number", number="京ICP备 12345678号－1")
    number = page.inner_text("[data-icp-tool=number] .icp-tool__result")
    assert "Beijing" in number and "京ICP备12345678号-1" in number
    submit_tool(page, "footer", footer="粤ICP备2021012345号-3", psb="粤公网安备44030502000001号")
    code = page.inner_text("[data-icp-tool=footer] .icp-footer-code")
    assert 'href="https://beian.miit.gov.cn/"' in code and "粤ICP备2021012345号" in code
    assert "code=44030502000001" in code
    # A public security number that is not one is refused beside its own field.
    submit_tool(page, "footer", footer="粤ICP备2021012345号-3", psb="粤ICP备2021012345号")
    assert page.locator("[data-icp-tool=footer] [data-field=psb] .icp-tool__error").is_visible()
    assert not page.locator("[data-icp-tool=footer] [data-field=footer] .icp-tool__error").is_visible()
    assert "psb=" in page.url and "number=" in page.url  # each tool keeps its own fields in the address
    assert page.requests.outside() == [] and page.console_errors == []


def test_tools_page_without_webassembly_says_so_and_shows_the_rules(page: Any, site_url: str) -> None:
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto(site_url + "tools/?domain=example.io")
    page.wait_for_selector("[data-icp-tool=domain][data-booted=failed]", timeout=PY_TIMEOUT)
    notice = page.locator("[data-icp-tool=domain] .icp-tool__notice")
    assert notice.is_visible() and "could not start" in notice.inner_text()
    assert page.input_value("[data-icp-tool=domain] [data-field=domain] input") == "example.io"  # kept
    rules = page.locator("[data-icp-tool=domain] .icp-tool__rules")
    assert rules.get_attribute("open") is not None
    not_fileable = "[data-icp-tool=domain] table.icp-suffixes tr[data-verdict=not_fileable] code"
    assert page.locator(not_fileable, has_text=".io").count() == 1


def test_check_my_domain_answers_the_tree_question_without_putting_the_domain_in_the_address(
    page: Any, site_url: str
) -> None:
    state = State.start(load())
    for answer in ("online", "website", "mainland_servers", "no", "individual", "id_card", "beijing", "not_filed"):
        state = state.answer(answer)
    open_tree(page, site_url, state.token)
    assert current_id(page) == "domain_checks"
    box = "[data-icp-domain-check]"
    assert page.locator(f"{box} form").is_visible()
    assert not any(u.endswith("/psl.zip") for u in page.requests.urls)  # not loaded until the first check
    page.fill(f"{box} input", "a..b")
    page.click(f"{box} button")
    page.wait_for_selector(f"{box} .icp-domain-check__error:not([hidden])", timeout=PY_TIMEOUT)
    assert page.input_value(f"{box} input") == "a..b"
    page.fill(f"{box} input", "www.example.io")
    page.click(f"{box} button")
    page.wait_for_selector(f"{box} .icp-domain-answer[data-verdict=not_fileable]", timeout=PY_TIMEOUT)
    assert page.locator(f"{box} .icp-domain-check__error").is_hidden()
    assert any(u.endswith("/psl.zip") for u in page.requests.urls)
    before = page.evaluate("() => document.querySelector('[data-icp-tree]').dataset.token")
    page.click(f"{box} a.icp-domain-answer__go")
    page.wait_for_function("(b) => document.querySelector('[data-icp-tree]').dataset.token !== b", arg=before)
    assert current_id(page) == "fix_suffix"
    assert "example" not in page.url and page.url.endswith("?a=" + state.answer("one_fails").answer("suffix").token)
    assert page.requests.outside() == [] and page.console_errors == []


def test_axe_tools_page(page: Any, site_url: str) -> None:
    open_tools(page, site_url, "?domain=example.cc&number=%E4%BA%ACICP%E5%A4%8712345678%E5%8F%B7-1")
    page.wait_for_function("() => document.querySelector('[data-icp-tool=number] .icp-tool__result').children.length")
    page.wait_for_function("() => document.querySelector('[data-icp-tool=domain] .icp-tool__result').children.length")
    violations = axe_violations(page)
    assert violations == [], _describe(violations)


def test_a_statements_sources_are_a_quiet_link_not_a_material_admonition(page: Any, site_url: str) -> None:
    open_tree(page, site_url, BY_NAME["first filing, individual in Shanghai"].state(load()).token, python=False)
    style = page.evaluate(
        "() => { const d = document.querySelector('.icp-tree__view details.icp-meta');"
        " const s = d.querySelector('summary');"
        " return [getComputedStyle(d).borderTopWidth, getComputedStyle(d).display,"
        " getComputedStyle(s, '::before').display, getComputedStyle(s).paddingLeft]; }"
    )
    assert style == ["0px", "inline", "none", "0px"]


@pytest.mark.parametrize("name", list(WALKS))
def test_before_python_every_view_is_the_one_python_renders(page: Any, site_url: str, name: str) -> None:
    """With the runtime blocked, each step shows the build's view: the same HTML Python renders."""
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto(site_url + "tree/")
    answers, state = WALKS[name], State.start(load())
    while not state.is_complete:
        assert state.question is not None
        state = state.answer(answers[state.question.id])
        click_choice(page, state.answers[-1])
        page.wait_for_function("(id) => document.querySelector(`.icp-tree__view [data-question=${id}], "
                               ".icp-tree__view [data-outcome=${id}]`)", arg=state.current.id)
        assert same_html(page, web.view(state.token)["html"]), state.token
        assert page.title().startswith(state.current.title if state.is_complete else state.current.text)
    # Back, by the browser: the view one answer back, again as Python renders it.
    page.go_back()
    page.wait_for_function("(t) => document.querySelector('[data-icp-tree]').dataset.token === t", arg=state.back().token)
    # The answer the reader gave there is marked, as Python marks an answer being changed.
    assert same_html(page, widget.render_state(state.back(), urls.TREE_PAGE, messages(), selected=state.answers[-1]))
    # The blocked runtime's own download fails inside Pyodide's loader: that, and nothing else.
    assert page.requests.outside() == [] and [e for e in page.console_errors if "Failed to fetch" not in e] == []


def test_a_shared_result_link_opened_cold_shows_the_result_without_python(page: Any, site_url: str) -> None:
    page.route("**/*.wasm", lambda route: route.abort())
    expected = BY_NAME["moving province, individual from Sichuan to Guangdong"].state(load())
    page.goto(site_url + f"tree/?a={expected.token}")
    page.wait_for_selector(f".icp-tree__view [data-outcome={expected.current.id}]")
    assert same_html(page, web.view(expected.token)["html"])
    assert page.evaluate("() => document.activeElement === document.body")  # a page load does not move focus


# --- the Chinese edition ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["first filing, individual in Shanghai", "access filing, enterprise in Tianjin"])
def test_walk_in_chinese_by_clicking_ends_at_the_same_result_in_chinese(page: Any, site_url: str, name: str) -> None:
    answers = WALKS[name]
    zh = load("zh")
    state = State.start(zh)
    while not state.is_complete:
        assert state.question is not None
        state = state.answer(answers[state.question.id])
    result = state.result()
    assert state.token == expected_state(answers).token  # one answer code in both languages
    open_tree(page, site_url, lang="zh", python=False)
    assert page.evaluate("() => document.documentElement.lang") == "zh"
    while current_id(page) in answers:
        question = zh.questions[current_id(page)]
        assert question.text in page.inner_text(".icp-tree__view #icp-current")
        click_choice(page, answers[current_id(page)])
    assert current_id(page) == result.outcome.id
    assert page.inner_text(".icp-tree__view #icp-current").strip() == result.outcome.title
    view = ResultView(zh, result, messages("zh"))
    texts = page.eval_on_selector_all(".icp-decisive li, .icp-regional li", "els => els.map(e => e.textContent)")
    regional = [*view.decisive, *view.regional]
    assert len(texts) == len(regional) and all(c.text in t for c, t in zip(regional, texts, strict=True))
    steps = page.eval_on_selector_all(".icp-tree__view > article > .icp-steps li, .icp-tree__view .icp-steps li",
                                      "els => els.map(e => e.textContent)")
    assert steps[: len(result.outcome.steps)] == list(result.outcome.steps)
    assert page.url.endswith(f"zh/tree/?a={state.token}")
    # No English text of the outcome is on the page.
    english = load("en").outcomes[result.outcome.id]
    shown = page.inner_text(".icp-tree__view")
    assert english.why not in shown and english.next_step not in shown
    assert page.requests.outside() == [] and page.console_errors == []


def no_sitemap_was_asked_for(page: Any) -> bool:
    """Material asks for the sitemap.xml beside each <link rel=alternate hreflang> of a page, and then
    sends a link into another edition to that edition's home page unless it finds the page there. The
    pages have no such link without SITE_URL, and assets/lang.js keeps the ones they have with it out
    of its sight: the language switch never races a sitemap."""
    return not [u for u in page.requests.urls if u.endswith("sitemap.xml")]


def test_switching_language_on_a_result_keeps_the_answers(cold_page: Any, site_url: str) -> None:
    page = cold_page  # nothing Material kept from another page
    state = BY_NAME["new website, enterprise in Guangdong"].state(load())
    open_tree(page, site_url, state.token, lang="zh")
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang=en]")
    page.wait_for_url(f"{site_url}tree/?a={state.token}", wait_until="commit")
    page.wait_for_selector(f".icp-tree__view [data-outcome={state.current.id}]")
    assert page.evaluate("() => document.documentElement.lang") == "en"
    assert load("en").outcomes[state.current.id].title in page.inner_text(".icp-tree__view #icp-current")
    # And back, with the link under the page, once the page has settled.
    page.wait_for_selector(READY, timeout=PY_TIMEOUT)
    page.wait_for_load_state("networkidle")
    page.click("a[data-icp-edition]")
    page.wait_for_url(f"{site_url}zh/tree/?a={state.token}", wait_until="commit")
    page.wait_for_selector(f".icp-tree__view [data-outcome={state.current.id}]")
    assert page.inner_text(".icp-tree__view #icp-current").strip() == load("zh").outcomes[state.current.id].title
    assert no_sitemap_was_asked_for(page)


def test_switching_language_on_a_page_keeps_the_anchor(cold_page: Any, site_url: str) -> None:
    page = cold_page
    page.goto(site_url + "procedures/new-filing/#steps")
    page.wait_for_load_state("networkidle")
    page.click("a[data-icp-edition]")
    page.wait_for_url(f"{site_url}zh/procedures/new-filing/#steps", wait_until="commit")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => document.getElementById('steps') !== null && document.documentElement.lang") == "zh"
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang=en]")
    page.wait_for_url(f"{site_url}procedures/new-filing/#steps", wait_until="commit")
    assert no_sitemap_was_asked_for(page)


def test_copy_as_markdown_in_chinese(page: Any, site_url: str) -> None:
    zh = load("zh")
    state = BY_NAME["first filing, individual in Shanghai"].state(zh)
    open_tree(page, site_url, state.token, lang="zh")
    page.click("button[data-action=copy-markdown]")
    copied_text = messages("zh")("boot.copied")
    page.wait_for_function(
        "(copied) => document.querySelector('.icp-actions__status').textContent.includes(copied)", arg=copied_text
    )
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == render.result_markdown(zh, state.result(), docs_base=site_url + "zh/", lang="zh")
    assert f"{site_url}zh/tree/?a={state.token}" in copied


def test_a_chinese_result_before_python_is_the_one_python_renders(page: Any, site_url: str) -> None:
    page.route("**/*.wasm", lambda route: route.abort())
    state = BY_NAME["moving province, individual from Sichuan to Guangdong"].state(load())
    page.goto(site_url + f"zh/tree/?a={state.token}")
    page.wait_for_selector(f".icp-tree__view [data-outcome={state.current.id}]")
    assert same_html(page, web.view(state.token, lang="zh")["html"])
    page.wait_for_selector("[data-icp-tree][data-booted=failed]", timeout=PY_TIMEOUT)
    said = messages("zh").texts["boot.failed"].split("{")[0]  # the notice is in the page's language
    assert said and said in page.inner_text(".icp-tree__notice")


# A term of art searched on a Chinese page finds the page the glossary sends it to (its `link`).
ZH_SEARCHES = ["接入备案", "备案密码", "幕布", "首次备案", "核验单", "注销主体"]


@pytest.mark.parametrize("query", ZH_SEARCHES)
def test_chinese_search_finds_the_glossarys_page_first(search_page: Any, site_url: str, query: str) -> None:
    from decision_tree import glossary

    page = search_page
    from decision_tree.urls import page_url

    term = next(t for g in glossary.load().groups for t in g.terms if query in t.names)
    target = page_url(term.link).split("#")[0]
    page.goto(site_url + "zh/")
    page.click("label.md-search__icon, .md-search__input")
    page.locator(".md-search__input").click()
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    first = page.get_attribute(".md-search-result__item >> nth=0 >> a", "href")
    assert first is not None and urlparse(first).path.endswith("/zh/" + target), (query, first, target)


# --- where the reader lands, how a choice is made, where to start -----------------------------------

SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}

# Where the view's heading is, and what of Material's sticky page chrome covers the top of the screen.
HEADING_AND_CHROME = """() => {
  const h = document.querySelector('.icp-tree__view #icp-current').getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const top = document.querySelector('.md-top');
  const t = top.getBoundingClientRect();
  const shown = !top.hidden && getComputedStyle(top).visibility !== 'hidden' && t.height > 0;
  return { top: h.top, bottom: h.bottom, left: h.left, right: h.right, header: header.bottom,
           button: shown ? [t.top, t.bottom, t.left, t.right] : null, focused: document.activeElement.id };
}"""


def assert_heading_in_sight(page: Any, where: str) -> None:
    seen = page.evaluate(HEADING_AND_CHROME)
    height = page.viewport_size["height"]
    assert seen["focused"] == urls.CURRENT_VIEW_ID, where
    assert seen["header"] <= seen["top"] and seen["bottom"] <= height, (where, seen)
    if seen["button"]:
        b_top, b_bottom, b_left, b_right = seen["button"]
        beside = b_right <= seen["left"] or b_left >= seen["right"]
        assert beside or seen["top"] >= b_bottom or seen["bottom"] <= b_top, (where, seen)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_after_an_answer_the_next_heading_is_in_sight_below_the_header(browser: Any, site_url: str, screen: str) -> None:
    """Answered from a scrolled position (the heading half under the sticky header, or above the
    screen), the next question's heading is below Material's header and its "Back to top" button."""
    context = new_context(browser, viewport=SCREENS[screen])
    page = context.new_page()
    _at_province_question(page, site_url)
    heading_at = page.evaluate("() => document.querySelector('#icp-current').getBoundingClientRect().top + scrollY")
    for scroll in (heading_at - 10, heading_at + 400, 100_000):
        page.evaluate("(y) => window.scrollTo(0, y)", scroll)
        page.wait_for_timeout(100)  # Material sees the scroll (its "Back to top" button)
        # Clicked where the page is: Playwright's own click would scroll the choice into view first.
        before = page.evaluate("() => document.querySelector('[data-icp-tree]').dataset.token")
        page.evaluate("() => document.querySelector(\".icp-tree__view a.icp-choice[data-choice='zhejiang']\").click()")
        page.wait_for_function("(b) => document.querySelector('[data-icp-tree]').dataset.token !== b", arg=before)
        page.wait_for_timeout(100)
        assert_heading_in_sight(page, f"{screen}, answered at scrollY {scroll}")
        page.go_back()
        page.wait_for_selector(".icp-tree__view [data-question=province]")
        page.wait_for_timeout(100)
        assert_heading_in_sight(page, f"{screen}, back from scrollY {scroll}")
    context.close()


def test_space_on_a_choice_answers_and_does_not_scroll(page: Any, site_url: str) -> None:
    open_tree(page, site_url, python=False)
    page.set_viewport_size({"width": 390, "height": 500})
    page.focus(".icp-tree__view a.icp-choice[data-choice=online]")
    scrolled = page.evaluate("() => scrollY")
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelector('[data-icp-tree]').dataset.token")
    assert current_id(page) == "what_online"
    assert page.evaluate("() => document.activeElement.id") == urls.CURRENT_VIEW_ID
    assert abs(page.evaluate("() => scrollY") - scrolled) < 250  # not a page down (about 500 px)
    assert page.url.endswith("?a=" + State.start(load()).answer("online").token)


def test_after_back_the_answer_given_is_marked(page: Any, site_url: str) -> None:
    content = load()
    state = State.start(content).answer("online").answer("website").answer("mainland_servers")
    open_tree(page, site_url, state.token, python=False)
    page.click(".icp-tree__view .icp-back")
    page.wait_for_selector(".icp-tree__view [data-question=delivery]")
    assert page.get_attribute(".icp-choice[aria-current=true]", "data-choice") == "mainland_servers"
    assert same_html(page, widget.render_state(state.back(), urls.TREE_PAGE, messages(), selected="mainland_servers"))
    page.click(".icp-tree__view .icp-back")  # one more question back: its answer is marked too
    page.wait_for_selector(".icp-tree__view [data-question=what_online]")
    assert page.get_attribute(".icp-choice[aria-current=true]", "data-choice") == "website"
    page.go_back()  # the browser's Back (to the question after it, here) marks the same way
    page.wait_for_selector(".icp-tree__view [data-question=delivery]")
    assert page.get_attribute(".icp-choice[aria-current=true]", "data-choice") == "mainland_servers"
    page.go_forward()
    page.wait_for_selector(".icp-tree__view [data-question=what_online]")
    # Another answer: the walk goes on from it, and nothing is marked that the reader did not choose.
    click_choice(page, "app")
    assert page.locator(".icp-tree__view .icp-choice--selected").count() == 0
    page.click(".icp-tree__view .icp-back")
    page.wait_for_selector(".icp-tree__view [data-question=what_online]")
    assert page.get_attribute(".icp-choice[aria-current=true]", "data-choice") == "app"
    # Starting again forgets the answers.
    page.click(".icp-tree__view .icp-restart")
    page.wait_for_selector(".icp-tree__view [data-question=goal]")
    assert page.locator(".icp-tree__view .icp-choice--selected").count() == 0


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("edition", ["", "zh/"])
def test_the_home_page_has_a_start_button_above_the_fold(browser: Any, site_url: str, screen: str, edition: str) -> None:
    context = new_context(browser, viewport=SCREENS[screen])
    page = context.new_page()
    page.goto(site_url + edition)
    button = page.locator("article a.md-button.md-button--primary[href$='tree/']")
    assert button.count() == 1 and button.is_visible()
    box = button.bounding_box()
    context.close()
    assert box is not None and box["y"] + box["height"] <= SCREENS[screen]["height"], box


def test_the_domain_check_comes_before_the_answers(page: Any, site_url: str) -> None:
    state = BY_NAME["first filing, individual in Shanghai"].state(load()).change("domain_checks")
    open_tree(page, site_url, state.token, python=False)
    order = page.evaluate(
        "() => { const v = document.querySelector('.icp-tree__view');"
        " const box = v.querySelector('[data-icp-domain-check]'), list = v.querySelector('.icp-choices');"
        " return [Boolean(box.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING),"
        " box.getBoundingClientRect().bottom <= list.getBoundingClientRect().top]; }"
    )
    assert order == [True, True]


def _luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: list[float], background: list[float]) -> float:
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


COLOURS = """(selector) => { const e = document.querySelector(selector); const s = getComputedStyle(e);
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  return [rgb(s.color), rgb(s.backgroundColor)]; }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_check_my_domain_button_reads_at_4_5_to_1(browser: Any, site_url: str, scheme: str) -> None:
    context = new_context(browser, color_scheme=scheme)
    page = context.new_page()
    state = BY_NAME["first filing, individual in Shanghai"].state(load()).change("domain_checks")
    open_tree(page, site_url, state.token, python=False)
    page.wait_for_selector("[data-icp-domain-check] form:not([hidden]) button")
    foreground, background = page.evaluate(COLOURS, "[data-icp-domain-check] button")
    page.goto(site_url + "tools/")
    tool_fg, tool_bg = page.evaluate(COLOURS, "[data-icp-tool=domain] button[type=submit]")
    context.close()
    assert background[3:] in ([], [1]) and contrast(foreground, background) >= 4.5, (foreground, background)
    assert contrast(tool_fg, tool_bg) >= 4.5, (tool_fg, tool_bg)


def test_the_footer_html_has_a_copy_button_and_fits_a_phone(page: Any, site_url: str) -> None:
    from decision_tree.tools import footer

    made = footer.make("粤ICP备2021012345号-3", "粤公网安备44030502000001号", load())
    page.set_viewport_size({"width": 390, "height": 844})
    open_tools(page, site_url, "?footer=%E7%B2%A4ICP%E5%A4%872021012345%E5%8F%B7-3"
               "&psb=%E7%B2%A4%E5%85%AC%E7%BD%91%E5%AE%89%E5%A4%8744030502000001%E5%8F%B7#footer-maker")
    block = "[data-icp-tool=footer] .icp-tool__result pre.icp-footer-code"
    page.wait_for_selector(block)
    code = page.locator(f"{block} > code")
    assert code.get_attribute("tabindex") == "0" and code.get_attribute("role") == "region"
    assert code.get_attribute("aria-label") == messages("en")("footer.heading.html")
    wide = page.evaluate(
        "(sel) => { const c = document.querySelector(sel); return [document.documentElement.scrollWidth,"
        " c.getBoundingClientRect().right, c.scrollWidth - c.clientWidth]; }", f"{block} > code"
    )
    assert wide[0] <= 390 and wide[1] <= 390 and wide[2] <= 1, wide
    page.click(f"{block} button.md-code__button")
    page.wait_for_selector(".md-dialog.md-dialog--active")  # Material's own "Copied to clipboard"
    assert page.evaluate("() => navigator.clipboard.readText()") == made.html
    assert page.requests.outside() == [] and page.console_errors == []


def test_axe_tools_page_with_the_footer(page: Any, site_url: str) -> None:
    open_tools(page, site_url, "?footer=%E7%B2%A4ICP%E5%A4%872021012345%E5%8F%B7-3#footer-maker")
    page.wait_for_selector("[data-icp-tool=footer] .icp-tool__result pre.icp-footer-code")
    violations = axe_violations(page)
    assert violations == [], _describe(violations)
