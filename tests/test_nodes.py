"""Node by node, as in Smart Answers' flow tests: each choice of each question leads where this file
says. The expected next node is written here by hand, from the sources' routing, not read from the
content, so swapping two answers' destinations in tree.toml fails here."""

from __future__ import annotations

import pytest

from decision_tree import Content, State, load
from decision_tree.model import QuestionKind
from decision_tree.paths import ANY, all_paths

CONTENT = load()

# (question, choice, where it leads). Subject and province questions lead everywhere to one node,
# listed apart.
ROUTES = [
    ("goal", "online", "what_online"), ("goal", "change", "change_province"), ("goal", "cancel", "cancel_what"),
    ("what_online", "website", "delivery"), ("what_online", "app", "delivery"),
    ("what_online", "mini_program", "mini_program_api"),
    ("mini_program_api", "yes", "delivery"), ("mini_program_api", "no", "mini_program_filing"),
    ("goal", "lost", "forgotten_number"),
    ("delivery", "mainland_servers", "subject_filed"), ("delivery", "mainland_cdn", "cdn_domain_filed"),
    ("delivery", "outside", "no_filing_outside_mainland"), ("delivery", "mail_only", "mail_only"),
    ("delivery", "not_sure", "check_delivery"),
    ("cdn_domain_filed", "filed", "cdn_only"), ("cdn_domain_filed", "not_filed", "file_for_cdn"),
    ("subject_filed", "no", "subject_type"), ("subject_filed", "yes", "subject_type"),
    ("subject_filed", "shell", "subject_type"), ("subject_filed", "not_sure", "check_filing_status"),
    ("subject_type", "individual", "individual_document"), ("subject_type", "enterprise", "organisation_registration"),
    ("individual_document", "id_card", "province"), ("individual_document", "travel_permit", "province"),
    ("individual_document", "passport", "province"),
    ("organisation_registration", "mainland", "province"), ("organisation_registration", "foreign_entity", "province"),
    ("organisation_registration", "foreign_only", "foreign_no_mainland_entity"),
    ("domain_status", "not_filed", "domain_checks"), ("domain_status", "filed_ours", "filed_where"),
    ("domain_status", "filed_other", "previous_owner_filing"), ("domain_status", "not_sure", "check_filing_status"),
    ("filed_where", "same", "nothing_new_same_provider"), ("filed_where", "same_iaas", "same_iaas"),
    ("filed_where", "other", "access_filing"),
    ("domain_checks", "all_pass", "site_type"), ("domain_checks", "one_fails", "domain_problem"),
    ("domain_checks", "not_sure", "check_domain"),
    ("domain_problem", "suffix", "fix_suffix"), ("domain_problem", "registrar", "fix_transfer_domain"),
    ("domain_problem", "validity", "fix_renew_domain"), ("domain_problem", "holder", "fix_domain_holder"),
    ("domain_problem", "privacy", "fix_privacy_protection"),
    # site_type's answers "none" and "personal blog" lead to the router that picks the outcome by the
    # answer to subject_filed; a forum or a pre-approval field, to one that asks who files. The first
    # path through site_type is an individual's first filing.
    ("site_type", "none", "new_filing"), ("site_type", "personal_blog", "new_filing"),
    ("site_type", "interactive", "individual_interactive"),
    ("site_type", "approved", "individual_pre_approval"), ("site_type", "not_approved", "individual_pre_approval"),
    ("site_type", "not_sure", "check_pre_approval"),
    ("change_subject", "individual", "change_what_individual"), ("change_subject", "enterprise", "change_what_enterprise"),
    ("change_what_individual", "details", "change_filing"), ("change_what_individual", "domain", "domain_is_new_website"),
    ("change_what_individual", "to_enterprise", "same_province"),
    ("change_what_individual", "other_subject", "change_not_allowed"),
    ("change_what_individual", "province", "new_province"), ("change_what_individual", "provider", "access_filing"),
    ("change_what_enterprise", "details", "change_filing"), ("change_what_enterprise", "domain", "domain_is_new_website"),
    ("change_what_enterprise", "to_individual", "change_not_allowed"),
    ("change_what_enterprise", "other_subject", "change_not_allowed"),
    ("change_what_enterprise", "province", "new_province"), ("change_what_enterprise", "provider", "access_filing"),
    ("same_province", "yes", "legal_representative"), ("same_province", "no", "new_province"),
    ("legal_representative", "yes", "change_individual_to_enterprise"),
    ("legal_representative", "no", "individual_to_other_enterprise"),
    ("cancel_what", "website", "cancel_website"), ("cancel_what", "subject", "cancel_subject"),
    ("cancel_what", "provider", "cancel_access"), ("cancel_what", "others_filing", "previous_owner_filing"),
]
# The router: after the pre-approval question, the answer to "does the subject already have a filing?"
# picks the outcome.
WHICH_FILING = {"no": "new_filing", "yes": "new_website", "shell": "shell_subject"}
# For an organisation, a forum or a granted approval is filed as usual; a missing approval comes first.
FOR_ORGANISATIONS = {"interactive": "new_filing", "approved": "new_filing", "not_approved": "fix_pre_approval"}
ONE_WAY = {"province": "domain_status", "change_province": "change_subject",
           "new_province": "move_province"}


def reach(content: Content, question_id: str) -> State:
    """A state whose current question is ``question_id``, by the first path through it."""
    for path in all_paths(content):
        state = State.start(content)
        for step in path.steps:
            if step.question_id == question_id:
                return state
            question = state.question
            assert question is not None
            state = state.answer(question.choices[0].id if step.choice_id == ANY else step.choice_id)
    raise AssertionError(f"no path reaches question '{question_id}'")


@pytest.mark.parametrize(("question_id", "choice_id", "expected"), ROUTES, ids=[f"{q}={c}" for q, c, _ in ROUTES])
def test_choice_leads_to_its_node(question_id: str, choice_id: str, expected: str) -> None:
    state = reach(CONTENT, question_id)
    assert state.current.id == question_id
    assert state.answer(choice_id).current.id == expected


@pytest.mark.parametrize(("question_id", "expected"), sorted(ONE_WAY.items()))
def test_subject_and_province_questions_lead_one_way(question_id: str, expected: str) -> None:
    question = CONTENT.questions[question_id]
    assert question.kind in (QuestionKind.SUBJECT, QuestionKind.PROVINCE)
    state = reach(CONTENT, question_id)
    assert {state.answer(c.id).current.id for c in question.choices} == {expected}


@pytest.mark.parametrize(("filed", "expected"), sorted(WHICH_FILING.items()))
def test_the_first_filing_question_decides_the_outcome_at_the_end(filed: str, expected: str) -> None:
    state = reach(CONTENT, "site_type")
    prefix = [a.choice.id for a in state.answered]
    prefix[[a.question.id for a in state.answered].index("subject_filed")] = filed  # the same walk, another answer there
    state = State(CONTENT, tuple(prefix))
    assert state.current.id == "site_type"
    assert state.answer("none").current.id == expected


@pytest.mark.parametrize(("answer", "expected"), sorted(FOR_ORGANISATIONS.items()))
def test_who_files_decides_where_a_forum_or_a_pre_approval_leads(answer: str, expected: str) -> None:
    state = reach(CONTENT, "site_type")
    prefix = [a.choice.id for a in state.answered]
    questions = [a.question.id for a in state.answered]
    # The same walk, by an organisation registered in mainland China (the question after "who files" changes).
    prefix[questions.index("subject_type")] = "enterprise"
    prefix[questions.index("individual_document")] = "mainland"
    state = State(CONTENT, tuple(prefix))
    assert state.current.id == "site_type" and state.subject is not None and state.subject.value == "enterprise"
    assert state.answer(answer).current.id == expected


def test_the_table_covers_every_choice() -> None:
    routed = {(q, c) for q, c, _ in ROUTES}
    for q in CONTENT.questions.values():
        if q.id in ONE_WAY:
            continue
        assert {(q.id, c.id) for c in q.choices} == {(q.id, c) for qid, c in routed if qid == q.id}, q.id


def test_subject_and_province_answers_set_the_result() -> None:
    state = reach(CONTENT, "province").answer("shaanxi")
    assert state.province is not None and state.province.name_zh == "陕西"
    state = reach(CONTENT, "subject_type").answer("enterprise")
    assert state.subject is not None and state.subject.value == "enterprise"
    state = reach(CONTENT, "change_subject").answer("enterprise")
    assert state.subject is not None and state.subject.value == "enterprise"  # a routing choice that sets it
