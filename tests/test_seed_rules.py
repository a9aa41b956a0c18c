"""The developer's guide's rules, by id: each scenario ends at the outcome the sources call for, and
the rules it exercises are carried by that outcome, its materials and warnings, or the questions
on its way — checked by the ids in seed_rules.toml, so rewording a step cannot break these tests
and a wrong rule with familiar words cannot pass them."""

from __future__ import annotations

import pytest

from decision_tree import Content

from .scenarios import BY_NAME, SCENARIOS, Scenario


def carried(content: Content, scenario: Scenario) -> set[str]:
    """Every seed rule the scenario's result carries, for its subject."""
    state = scenario.state(content)
    result = state.result()
    rules = set(result.outcome.implements)
    rules |= {r for m in result.materials for r in m.implements}
    # A warning folded away (a detail the steps already give, a situation not asked) is still carried.
    rules |= {r for w in (*result.warnings, *(f.statement for f in result.other)) for r in getattr(w, "implements", ())}
    rules |= {r for a in state.answered for r in a.question.implements}
    return rules


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_scenario_reaches_its_outcome_and_carries_its_rules(content: Content, scenario: Scenario) -> None:
    state = scenario.state(content)
    assert state.current.id == scenario.outcome
    if scenario.also:
        assert [o.id for o in state.result().also] == list(scenario.also)
    missing = set(scenario.rules) - carried(content, scenario)
    assert not missing, f"{scenario.name}: the result does not carry {sorted(missing)}"


def test_every_rule_of_the_guide_is_exercised_by_a_scenario(content: Content) -> None:
    exercised = {rule for s in SCENARIOS for rule in s.rules}
    assert set(content.seed_rules) - exercised - {"ask-provider"} == set()
    assert exercised <= set(content.seed_rules)


def test_an_enterprise_is_not_given_an_individuals_materials(content: Content) -> None:
    enterprise = carried(content, BY_NAME["first filing, enterprise in Guangdong"])
    individual = carried(content, BY_NAME["first filing, individual in Shanghai"])
    assert "materials-enterprise" in enterprise and "materials-individual" not in enterprise
    assert "materials-individual" in individual and "materials-enterprise" not in individual
