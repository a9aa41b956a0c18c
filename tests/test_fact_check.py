"""What a fact-check of the tree found, one test per defect (each failed before its fix), and the
reader's language: sources by name, dated rules marked, no internal vocabulary in any output."""

from __future__ import annotations

import json
import re

import pytest

from decision_tree import Content, State, glossary, load, render, web, widget
from decision_tree.markup import source_links
from decision_tree.messages import messages
from decision_tree.model import Freshness
from decision_tree.paths import all_paths, states_along
from decision_tree.present import ResultView
from decision_tree.tools import filing_number, number_view

from .scenarios import BY_NAME, FIRST_FILING, Scenario


def result_of(content: Content, scenario: Scenario):  # type: ignore[no-untyped-def]
    return scenario.state(content).result()


# --- 1. a mainland CDN in front of an overseas origin ------------------------------------------------


def test_an_overseas_origin_behind_a_mainland_cdn_is_told_to_file(content: Content) -> None:
    assert BY_NAME["Hong Kong origin behind a mainland CDN, domain not filed"].state(content).current.id == "file_for_cdn"
    assert BY_NAME["Hong Kong servers, no mainland delivery"].state(content).current.id == "no_filing_outside_mainland"


def test_a_cdn_as_the_only_mainland_resource_is_not_sent_to_a_host_it_does_not_have(content: Content) -> None:
    assert "mainland_cdn" in {c.id for c in content.questions["delivery"].choices}
    steps = " ".join(content.outcomes["cdn_only"].steps)
    assert "provider hosting its mainland servers" not in steps


# --- 2. and 3. regional caveats: who they apply to, and what their sources say ------------------------


@pytest.mark.parametrize("province", ["tianjin", "jiangsu"])
def test_local_mobile_number_rules_reach_organisations(content: Content, province: str) -> None:
    scenario = FIRST_FILING.but("enterprise", "new_filing", subject_type="enterprise", province=province)
    assert any(c.topic == "phone" for c in result_of(content, scenario).regional)


def test_every_caveat_is_dated_by_its_newest_source(content: Content) -> None:
    for p in content.provinces.values():
        for c in p.caveats:
            dated = [content.sources[k].date for k in c.sources if content.sources[k].date != "undated"]
            assert c.as_of == (max(dated) if dated else "undated"), (p.id, c.text[:60])


@pytest.mark.parametrize(
    ("province", "words", "silent"),
    [("tianjin", "privacy", "JD"), ("sichuan", "privacy", "JD"), ("shanxi", "3 ", "JD")],
)
def test_a_caveat_does_not_cite_a_page_that_is_silent_on_it(content: Content, province: str, words: str, silent: str) -> None:
    found = [c for c in content.provinces[province].caveats if words in c.text.lower() or words in c.text]
    assert found, f"{province}: no caveat mentions {words!r}"
    assert all(silent not in c.sources for c in found)


# --- 4. a domain at an overseas registrar -------------------------------------------------------------


def test_the_transfer_rule_is_not_narrowed_without_a_hedge(content: Content) -> None:
    warnings = content.outcomes["fix_transfer_domain"].warnings
    assert any("seed" in w.sources and "A19-dom" in w.sources for w in warnings)


# --- 5. a personal blog --------------------------------------------------------------------------------


def test_a_personal_blog_is_not_sent_after_a_pre_approval(content: Content) -> None:
    assert BY_NAME["personal blog, individual in Beijing"].state(content).current.id == "new_filing"


# --- 6. individual to enterprise ------------------------------------------------------------------------


def test_individual_to_own_enterprise_is_a_change_unless_the_province_refuses(content: Content) -> None:
    m = messages()
    sichuan = ResultView(content, result_of(content, BY_NAME["individual to own enterprise, Sichuan"]), m)
    jiangsu = ResultView(content, result_of(content, BY_NAME["individual to own enterprise, Jiangsu"]), m)
    assert sichuan.result.outcome.id == jiangsu.result.outcome.id == "change_individual_to_enterprise"
    assert not sichuan.decisive
    assert jiangsu.decisive and all(c.topic == "change" for c in jiangsu.decisive)
    html = web.view(jiangsu.result.token)["html"]
    assert html.index("icp-decisive") < html.index("<h3>")  # the province's rule comes before the steps


def test_individual_to_someone_elses_enterprise_is_not_a_change(content: Content) -> None:
    assert BY_NAME["individual to someone else's enterprise"].state(content).current.id == "individual_to_other_enterprise"


# --- 7. to 11. -----------------------------------------------------------------------------------------------


def test_providers_on_the_same_iaas_can_say_so(content: Content) -> None:
    assert BY_NAME["same underlying IaaS"].state(content).current.id == "same_iaas"


def test_moving_province_shows_the_new_provinces_rules(content: Content) -> None:
    result = result_of(content, BY_NAME["moving province, individual from Sichuan to Guangdong"])
    assert result.province is not None and result.province.id == "guangdong"
    assert all(c in content.provinces["guangdong"].caveats for c in result.regional)


def test_change_options_follow_the_subject(content: Content) -> None:
    individual = {c.id for c in content.questions["change_what_individual"].choices}
    enterprise = {c.id for c in content.questions["change_what_enterprise"].choices}
    assert "to_individual" not in individual and "to_enterprise" in individual
    assert "to_enterprise" not in enterprise and "to_individual" in enterprise


def test_a_suffix_that_cannot_be_filed_is_said_before_a_transfer(content: Content) -> None:
    state = BY_NAME[".io domain at an overseas registrar"].state(content)
    assert state.current.id == "fix_suffix"
    assert "registrar" not in [a.question.id for a in state.answered]


# --- 12. and the reader's language ----------------------------------------------------------------------


def every_result(content: Content) -> list[State]:
    return [
        states_along(content, path, subject, province)[-1]
        for subject, province in (("individual", "guangdong"), ("enterprise", "xinjiang"))
        for path in all_paths(content)
    ]


def test_the_json_result_carries_the_disclaimer(content: Content) -> None:
    data = json.loads(render.result_json(content, FIRST_FILING.state(content).result()))
    assert data["disclaimer"] == messages()("disclaimer.short")


def test_no_output_says_seed(content: Content) -> None:
    seed = re.compile(r"\bseed\b", re.IGNORECASE)
    for state in every_result(content):
        result = state.result()
        for fmt in render.FORMATS:
            text = render.render_result(content, result, fmt)
            if fmt == "json":  # source keys are data there, not prose
                data = json.loads(text)
                statements = ("warnings", "regional_caveats", "other")
                text = json.dumps({k: v for k, v in data.items() if k not in statements})
                text += " ".join(s["text"] + " ".join(x["name"] + x["title"] for x in s["sources"])
                                 for key in statements for s in data[key])
            assert not seed.search(text), (state.token, fmt, seed.search(text))
        visible = re.sub(r"<[^>]+>", " ", web.view(state.token)["html"])  # anchors such as #src-seed are ids, not text
        assert not seed.search(visible), state.token


def test_citations_show_source_names_and_dates_not_keys(content: Content) -> None:
    html = source_links(content, ["A19", "seed"], "tree/", messages())
    assert ">Alibaba Cloud, 2019</a>" in html and "(2019-09)" in html and "(date unknown)" in html
    assert ">A19<" not in html and ">seed<" not in html
    text = render.result_text(content, FIRST_FILING.state(content).result())
    numbered = re.findall(r"^  \[(\d+)\] ", text, flags=re.MULTILINE)
    assert numbered == [str(n) for n in range(1, len(numbered) + 1)] and numbered


def test_dated_rules_are_marked_in_results_and_in_the_regions_table(content: Content) -> None:
    from decision_tree.pages.regions import render_province

    m = messages()
    dated = [c for p in content.provinces.values() for c in p.caveats if c.freshness(content.dated_before) is Freshness.DATED]
    assert dated, "no dated caveat left: the test below would prove nothing"
    pages = "".join(render_province(content, p, f"regions/{p}/", m) for p in content.provinces)
    assert pages.count('class="icp-dated icp-dated--dated"') == len(dated)
    state = FIRST_FILING.state(content)
    view = ResultView(content, state.result(), m)
    # Folded rules ("Other rules for Shanghai") are on the page too, and marked as the shown ones are.
    shown = [*view.decisive, *view.result.warnings, *view.regional, *(f.statement for f in view.result.other)]
    html = web.view(state.token)["html"]
    marks = html.count('class="icp-dated icp-dated--summary"')
    assert marks == sum(1 for s in shown if s.freshness(content.dated_before) is not Freshness.CURRENT)
    assert marks and ("last confirmed " in html or "newest dated source " in html)


def test_results_link_to_what_changed_and_the_page_lists_every_change(content: Content) -> None:
    from decision_tree.pages.sources import render_changes

    html = web.view(FIRST_FILING.state(content).token)["html"]
    assert 'href="../changes/"' in html
    page = render_changes(content, "changes/", messages())
    assert page.count('class="icp-change-title"') == len(content.changes) > 0


# --- the Chinese edition: Chinese names, dates and punctuation ------------------------------------------


def chinese_results(zh: Content) -> list[State]:
    """Every path, once for each subject, each path in another province: every outcome and every
    province's rules, in well under a second per hundred results."""
    provinces = list(zh.provinces)
    return [
        states_along(zh, path, subject, provinces[(2 * n + s) % len(provinces)])[-1]
        for n, path in enumerate(all_paths(zh))
        for s, subject in enumerate(("individual", "enterprise"))
    ]


def _visible(html: str) -> str:
    """What a reader of the HTML sees: its text, and the titles shown on hover."""
    titles = " ".join(re.findall(r'title="([^"]*)"', html))
    return re.sub(r"<[^>]+>", " ", html) + " " + titles


def chinese_outputs(zh: Content) -> list[tuple[str, str]]:
    m = messages("zh")
    out = []
    for state in chinese_results(zh):
        result = state.result()
        out.append((f"{state.token} text", render.result_text(zh, result, "zh")))
        out.append((f"{state.token} markdown", render.result_markdown(zh, result, lang="zh")))
        out.append((f"{state.token} html", _visible(widget.render_state(state, "tree/", m))))
    return out


def test_chinese_results_name_no_province_in_english_no_undated_date_and_no_source_key() -> None:
    zh = load("zh")
    english_names = re.compile(r"\b(" + "|".join(p.name_en for p in zh.provinces.values()) + r")\b")
    # A source key standing as a word where a name belongs ("来源 ABBR"): keys are ids, never shown.
    keys = re.compile(r"(?<![\w/#.-])(" + "|".join(re.escape(k) for k in zh.sources) + r")(?![\w/.-])")
    outputs = chinese_outputs(zh)
    assert {o.split()[1] for o, _ in outputs} == {"text", "markdown", "html"} and len(outputs) > 1000
    assert {s.result().outcome.id for s in chinese_results(zh)} == {p.outcome_id for p in all_paths(zh)}
    problems = []
    for where, text in outputs:
        for pattern in (english_names, re.compile("undated", re.IGNORECASE), re.compile("截至 *日期不详"), keys):
            found = pattern.search(text)
            if found:
                problems.append(f"{where}: {text[max(found.start() - 30, 0) : found.end() + 10]!r}")
    assert problems == []


def test_chinese_results_write_full_width_punctuation_beside_chinese() -> None:
    problems = [f"{where}: {found}" for where, text in chinese_outputs(load("zh")) for found in glossary.half_width(text)]
    assert problems == []


def test_a_chinese_province_reads_as_its_chinese_name_alone() -> None:
    zh, en = load("zh"), load("en")
    choice = next(c for c in zh.questions["province"].choices if c.id == "guangdong")
    assert (choice.label, choice.label_zh) == ("广东", "")
    english = next(c for c in en.questions["province"].choices if c.id == "guangdong")
    assert (english.label, english.label_zh) == ("Guangdong", "广东")
    state = next(s for s in chinese_results(zh) if s.result().province is not None)
    html = widget.render_state(state, "tree/", messages("zh"))
    answered = state.result().province
    assert answered is not None and f"<dd>{answered.name_zh} <a" in html


def test_a_chinese_number_reading_names_the_province_in_chinese() -> None:
    zh, m = load("zh"), messages("zh")
    reading = filing_number.read("京公网安备44010502030143号", zh)
    text = number_view.text(reading, m)
    assert "广东" in text and "北京" in text and "Guangdong" not in text and "Beijing" not in text
    assert "省份：广东" in text
    english = number_view.text(filing_number.read("京公网安备44010502030143号", load("en")), messages("en"))
    assert "Guangdong (广东)" in english and "Beijing (北京)" in english


def test_the_chinese_regions_pages_show_no_source_key_no_undated_and_full_width_punctuation() -> None:
    from decision_tree.pages.regions import render_conflicts, render_province, render_regions

    zh, m = load("zh"), messages("zh")
    keys = re.compile(r"(?<![\w/#.-])(" + "|".join(re.escape(k) for k in zh.sources) + r")(?![\w/.-])")
    pages = {p: render_province(zh, p, f"regions/{p}/", m) for p in zh.provinces}
    pages |= {"index": render_regions(zh, "regions/", m), "conflicts": render_conflicts(zh, "regions/", m)}
    problems = []
    for page, html in pages.items():
        text = _visible(html)
        problems += [f"{page}: {found}" for found in glossary.half_width(text)]
        for pattern in (keys, re.compile("undated", re.IGNORECASE)):
            problems += [f"{page}: {text[max(f.start() - 30, 0) : f.end()]!r}" for f in pattern.finditer(text)]
    assert problems == []
