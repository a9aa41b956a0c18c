"""Foreign companies and individuals, and what an individual's site may include (issue 22, parts 1, 2, 5).

The situations are walked as readers describe them (tests/scenarios.py, ``FOREIGN``) and each result
is held to what the sources say, by the statements' sources and scopes rather than their wording:
a company registered only abroad cannot file (Alibaba 2019: documents issued outside mainland China
cannot be used) and is sent to its real options; a mainland entity files on its own document; a
passport or a Mainland Travel Permit stands for the ID card (Tencent 2020), Hebei refuses foreigners and
Sichuan asks for proof of residence (JD Cloud); an individual may neither run a forum nor cover a
field that needs pre-approval (Tencent 2019, 2020).
"""

from __future__ import annotations

import pytest

from decision_tree import Content, load, read
from decision_tree.engine import Result
from decision_tree.messages import messages
from decision_tree.model import Subject
from decision_tree.paths import all_paths
from decision_tree.present import ResultView
from decision_tree.scope import Reason

from .scenarios import BY_NAME, FOREIGN


def result(content: Content, name: str) -> Result:
    return BY_NAME[name].state(content).result()


def applying(result: Result) -> set[str]:
    """The sources of every statement the result shows as applying (warnings, regional rules, follow-ons)."""
    shown = [*result.warnings, *result.regional, *(w for ws in result.also_warnings for w in ws)]
    return {key for statement in shown for key in statement.sources}


def folded_by_answers(result: Result) -> set[str]:
    return {k for f in result.other if f.reason is Reason.OTHER_ANSWERS for k in f.statement.sources}


@pytest.mark.parametrize("scenario", FOREIGN, ids=[s.name for s in FOREIGN])
def test_each_situation_reaches_the_outcome_the_sources_call_for(content: Content, scenario) -> None:  # type: ignore[no-untyped-def]
    assert scenario.state(content).current.id == scenario.outcome


def test_a_company_registered_only_abroad_cannot_file_and_learns_its_options(content: Content) -> None:
    r = result(content, "a company registered only abroad, no mainland entity")
    outcome = r.outcome
    assert outcome.kind == "not_allowed" and r.province is None  # not sent on to a province's filing
    assert {"A19-fgnfaq", "A19-fgn"} <= {*outcome.sources, *applying(r)}
    # Both ways out: a mainland entity (or representative office) filing in its province, or no
    # mainland delivery at all, which the no-filing result and its page describe.
    assert "外国（地区）企业常驻代表机构登记证" in " ".join(outcome.steps)
    assert "who-need-not" in outcome.links and "foreign" in outcome.links
    assert any(s.startswith("Until then, or instead: serve the domain only from outside") for s in outcome.steps)


def test_an_app_of_a_company_without_mainland_registration_says_the_sources_are_silent(content: Content) -> None:
    r = result(content, "a company registered only abroad, its app's API in mainland China")
    assert [o.id for o in r.also] == ["app_filing", "after_approval"]
    silent = [w for ws in r.also_warnings for w in ws if w.scope.when == (("organisation_registration", ("foreign_only",)),)]
    assert len(silent) == 1 and "say nothing" in silent[0].text


def test_a_foreign_company_files_in_its_mainland_entitys_name(content: Content) -> None:
    r = result(content, "a foreign company with a WFOE in Shanghai")
    assert r.subject is Subject.ENTERPRISE and {"A19-fgnfaq", "UC"} <= applying(r)
    # Shanghai's passport-name rule applies to a foreign company's legal representative.
    assert any("passport name" in c.text for c in r.regional)
    mainland = result(content, "first filing, enterprise in Guangdong")
    assert "A19-fgnfaq" not in applying(mainland) and "A19-fgnfaq" in folded_by_answers(mainland)


def test_a_foreign_legal_representative_is_told_about_the_authorised_chinese_national(content: Content) -> None:
    r = result(content, "a foreign company's WFOE in Shandong, adding a website")
    rep = [w for w in r.warnings if "UC" in w.sources and w.scope.situation]
    assert len(rep) == 1 and "Chinese national" in rep[0].text
    # Shandong's own rule says so too, in the province's section.
    assert any("legal representative is a foreigner" in c.text for c in r.regional)
    # Already filed, the subject needs no telling in whose name to file.
    assert "A19-fgnfaq" not in applying(r)


def test_a_hong_kong_resident_files_with_the_travel_permit(content: Content) -> None:
    r = result(content, "a Hong Kong resident living in Guangdong")
    permit = [w for w in r.warnings if w.scope.when == (("individual_document", ("travel_permit",)),)]
    assert len(permit) == 1 and "Mainland Travel Permit" in permit[0].text and "TX-INTL" in permit[0].sources
    # Nothing about passports, and nothing for mainland ID holders.
    assert not any(w.scope.when == (("individual_document", ("passport",)),) for w in r.warnings)
    mainland = result(content, "first filing, individual in Shanghai")
    assert "TX-INTL" not in applying(mainland)


def test_a_foreigner_in_hebei_is_told_first_that_hebei_refuses_foreigners(content: Content) -> None:
    r = result(content, "a foreigner with a passport in Hebei")
    view = ResultView(content, r, messages("en"))
    assert any("Foreign nationals cannot file" in c.text for c in view.decisive)
    assert any("passport" in w.text and "Hebei refuses" in w.text for w in r.warnings)
    # A mainland ID holder in Hebei sees the rule folded, as a situation.
    mainland = BY_NAME["a foreigner with a passport in Hebei"].but("mainland ID in Hebei", "new_filing",
                                                                     individual_document="id_card")
    folded = mainland.state(content).result().other
    assert any(f.reason is Reason.SITUATION and "Foreign nationals" in f.statement.text for f in folded)


def test_a_foreigner_in_sichuan_is_asked_for_proof_of_residence(content: Content) -> None:
    r = result(content, "a foreigner with a passport in Sichuan")
    assert any(c.topic == "residency" and "Hong Kong, Macau, Taiwan and abroad" in c.text for c in r.regional)


@pytest.mark.parametrize("name", ["an individual planning a forum", "an individual with comments on a blog"])
def test_an_individual_with_a_forum_or_comments_learns_what_a_personal_site_may_include(content: Content, name: str) -> None:
    r = result(content, name)
    assert r.outcome.kind == "not_allowed" and "individual-site" in r.outcome.links
    assert {"TX-INTL-IND", "TX-INTL-SITE"} <= applying(r)
    # Where the providers say nothing (comments), the result says so, and cites the one filer's notes it has.
    silent = [w for w in r.warnings if w.sources == ("NOTE-IND",)]
    assert len(silent) == 1 and silent[0].confidence.value == "low"
    # The naming rules, both sides with their dates.
    names = [w for w in r.warnings if set(w.sources) == {"A19-name", "TX-INTL-SITE"}]
    assert names and "2019-09" in names[0].text and "2019-02" in names[0].text
    # What to do instead: file as an organisation, or leave the forum out.
    assert "organisation" in r.outcome.next_step and "leave the forum out" in r.outcome.next_step


def test_a_company_with_a_forum_files_as_usual(content: Content) -> None:
    assert result(content, "a company planning a forum").outcome.id == "new_filing"


def test_no_individual_is_told_to_get_a_pre_approval_first(content: Content) -> None:
    reached = {p.outcome_id for p in all_paths(content)
               if any(s.question_id == "subject_type" and s.choice_id == "individual" for s in p.steps)}
    assert "individual_pre_approval" in reached and "fix_pre_approval" not in reached
    r = result(content, "an individual without the pre-approval")
    assert not r.outcome.title.startswith("Get the pre-approval")
    first = r.warnings[0]
    assert "may not cover fields that need pre-approval" in first.text


def test_the_self_contradicting_code_now_leads_an_individual_to_what_an_individual_may_file() -> None:
    content = load()
    resumed = read(content, "rzri-00000i003")  # an individual, "not approved", in Guangdong
    assert resumed.state.current.id == "individual_document" and resumed.changed
    assert resumed.state.answer_keeping("id_card", resumed.known).current.id == "individual_pre_approval"


def test_the_new_results_stay_within_the_reading_budget() -> None:
    from bench.budget import ANY_RESULT_WORDS, before_answers, size

    content = load("en")
    for scenario in FOREIGN:
        state = scenario.state(content)
        assert size(before_answers(content, state), "en") <= ANY_RESULT_WORDS, scenario.name


def test_a_beijing_blogger_with_comments_sees_the_provinces_naming_rule(content: Content) -> None:
    r = result(content, "an individual with comments on a blog")
    assert any(c.topic == "sites" and "评论" in c.text and "论坛" in c.text for c in r.regional)
