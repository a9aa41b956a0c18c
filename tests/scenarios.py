"""Named situations, answered by choice id, with the outcome the sources call for.

One table for every test that walks the tree: the engine and seed-rule tests, the command line,
Pyodide and the browser. Each scenario names the rules of the developer's guide it exercises
(``decision_tree/content/seed_rules.toml``); the tests check those rules by id against what the
outcome carries, never by its wording. The expected outcome comes from the sources, not from
the content.
"""

from __future__ import annotations

from dataclasses import dataclass

from decision_tree import Content, State


@dataclass(frozen=True)
class Scenario:
    name: str
    answers: dict[str, str]
    outcome: str
    rules: tuple[str, ...] = ()
    also: tuple[str, ...] = ()  # the outcomes that follow, in order (an app's filing, what follows approval)

    def state(self, content: Content) -> State:
        """Answer each question the walk reaches by its id. Fails if the walk reaches a question the
        scenario does not answer, so a scenario cannot silently end somewhere else."""
        state = State.start(content)
        while (question := state.question) is not None:
            if question.id not in self.answers:
                raise AssertionError(f"{self.name}: no answer for question '{question.id}' ({question.text})")
            state = state.answer(self.answers[question.id])
        return state

    def but(self, name: str, outcome: str, rules: tuple[str, ...] = (), also: tuple[str, ...] = (), **answers: str) -> Scenario:
        return Scenario(name, {**self.answers, **answers}, outcome, rules, also)


# The subject's identity, when nothing says otherwise: a mainland ID card, a mainland registration.
MAINLAND_SUBJECT = {"individual_document": "id_card", "organisation_registration": "mainland"}
ONLINE = {"goal": "online", "what_online": "website", "delivery": "mainland_servers", **MAINLAND_SUBJECT}
# A domain that passes every check, for a subject that has filed nothing yet: the guide's simplest case.
READY = {
    **ONLINE, "subject_filed": "no", "subject_type": "individual", "province": "shanghai", "domain_status": "not_filed",
    "domain_checks": "all_pass", "site_type": "none",
}
FAILS = {"domain_checks": "one_fails"}
CHANGE = {"goal": "change", "change_province": "sichuan", "change_subject": "individual"}

FIRST_FILING = Scenario(
    "first filing, individual in Shanghai", READY, "new_filing",
    ("filing-required", "new-filing-steps", "closed-during-filing", "provider-review", "verification-photo",
     "sms-24-hours", "review-20-days", "materials-individual", "individual-site-name", "residence-in-province",
     "phone-in-province", "number-and-password", "several-sites", "approved-suffix", "domestic-registrar",
     "domain-validity", "domain-holder", "privacy-off", "pre-approval"),
)

SCENARIOS = [
    FIRST_FILING,
    FIRST_FILING.but("first filing, enterprise in Guangdong", "new_filing", ("materials-enterprise",),
                     subject_type="enterprise", province="guangdong"),
    FIRST_FILING.but("new website, enterprise in Guangdong", "new_website",
                     ("new-website", "new-website-closed", "new-website-named-new-filing", "materials-enterprise"),
                     subject_type="enterprise", province="guangdong", site_type="approved", subject_filed="yes"),
    FIRST_FILING.but("personal blog, individual in Beijing", "new_filing", ("pre-approval",),
                     province="beijing", site_type="personal_blog"),
    FIRST_FILING.but("shell subject, enterprise in Hunan", "shell_subject", (),
                     subject_type="enterprise", province="hunan", subject_filed="shell"),
    FIRST_FILING.but("pre-approval missing", "fix_pre_approval", ("pre-approval",), site_type="not_approved",
                     subject_type="enterprise"),
    FIRST_FILING.but(".io domain at an overseas registrar", "fix_suffix", ("approved-suffix",),
                     **FAILS, domain_problem="suffix"),
    FIRST_FILING.but("overseas registrar, individual in Shanxi", "fix_transfer_domain", ("domestic-registrar",),
                     province="shanxi", **FAILS, domain_problem="registrar"),
    FIRST_FILING.but("domain expires soon", "fix_renew_domain", ("domain-validity",), **FAILS, domain_problem="validity"),
    FIRST_FILING.but("domain held by someone else", "fix_domain_holder", ("domain-holder",), **FAILS, domain_problem="holder"),
    FIRST_FILING.but("privacy protection on", "fix_privacy_protection", ("privacy-off",), **FAILS, domain_problem="privacy"),
    FIRST_FILING.but("not sure whether the domain passes the checks", "check_domain",
                     ("approved-suffix", "domestic-registrar", "domain-validity", "domain-holder", "privacy-off"),
                     domain_checks="not_sure"),
    FIRST_FILING.but("not sure whether a pre-approval is needed", "check_pre_approval", ("pre-approval",),
                     site_type="not_sure"),
    FIRST_FILING.but("not sure whether the subject has filed", "check_filing_status", (), subject_filed="not_sure"),
    FIRST_FILING.but("not sure whether the domain is filed", "check_filing_status", (), domain_status="not_sure"),
    Scenario("not sure where the domain is served from",
             {"goal": "online", "what_online": "website", "delivery": "not_sure"}, "check_delivery", ("filing-required",)),
    Scenario("access filing, enterprise in Tianjin",
             {**ONLINE, "subject_filed": "yes", "subject_type": "enterprise", "province": "tianjin",
              "domain_status": "filed_ours", "filed_where": "other"},
             "access_filing", ("access-filing", "access-filing-online", "access-matches-original", "all-providers-filed")),
    Scenario("subdomain on the same provider, Guangdong",
             {**ONLINE, "subject_filed": "yes", "subject_type": "enterprise", "province": "guangdong",
              "domain_status": "filed_ours", "filed_where": "same"},
             "nothing_new_same_provider", ("one-domain-one-website",)),
    Scenario("same underlying IaaS", {**ONLINE, "subject_filed": "yes", "subject_type": "individual",
                                      "province": "zhejiang", "domain_status": "filed_ours", "filed_where": "same_iaas"},
             "same_iaas", ("same-iaas",)),
    Scenario("someone else's filing on the domain",
             {**ONLINE, "subject_filed": "no", "subject_type": "individual", "province": "henan",
              "domain_status": "filed_other"},
             "previous_owner_filing"),
    Scenario("Hong Kong servers, no mainland delivery", {"goal": "online", "what_online": "website", "delivery": "outside"},
             "no_filing_outside_mainland", ("filing-required",)),
    Scenario("Hong Kong origin behind a mainland CDN, domain not filed",
             {"goal": "online", "what_online": "website", "delivery": "mainland_cdn", "cdn_domain_filed": "not_filed"},
             "file_for_cdn", ("filing-required",)),
    Scenario("Hong Kong origin behind a mainland CDN, domain filed",
             {"goal": "online", "what_online": "website", "delivery": "mainland_cdn", "cdn_domain_filed": "filed"},
             "cdn_only", ("cdn-mail-exempt",)),
    # A reader whose servers are in mainland China and who is only adding a CDN: the CDN answer is theirs too.
    Scenario("mainland servers already filed, adding a CDN in front",
             {"goal": "online", "what_online": "website", "delivery": "mainland_cdn", "cdn_domain_filed": "filed"},
             "cdn_only", ("cdn-mail-exempt",)),
    Scenario("e-mail only",
             {"goal": "online", "what_online": "website", "delivery": "mail_only"}, "mail_only", ("cdn-mail-exempt",)),
    Scenario("change filing, enterprise in Shaanxi",
             {"goal": "change", "change_province": "shaanxi", "change_subject": "enterprise",
              "change_what_enterprise": "details"},
             "change_filing", ("change-via-provider",)),
    Scenario("new domain is not a change", {**CHANGE, "change_what_individual": "domain"}, "domain_is_new_website",
             ("domain-not-changeable",)),
    Scenario("individual to own enterprise, Sichuan",
             {**CHANGE, "change_what_individual": "to_enterprise", "same_province": "yes", "legal_representative": "yes"},
             "change_individual_to_enterprise", ("individual-to-enterprise",)),
    Scenario("individual to own enterprise, Jiangsu",
             {"goal": "change", "change_province": "jiangsu", "change_subject": "individual",
              "change_what_individual": "to_enterprise", "same_province": "yes", "legal_representative": "yes"},
             "change_individual_to_enterprise", ("individual-to-enterprise",)),
    Scenario("individual to someone else's enterprise",
             {**CHANGE, "change_what_individual": "to_enterprise", "same_province": "yes", "legal_representative": "no"},
             "individual_to_other_enterprise"),
    Scenario("enterprise to individual",
             {"goal": "change", "change_province": "beijing", "change_subject": "enterprise",
              "change_what_enterprise": "to_individual"},
             "change_not_allowed", ("enterprise-to-individual",)),
    Scenario("moving province, individual from Sichuan to Guangdong",
             {**CHANGE, "change_what_individual": "to_enterprise", "same_province": "no", "new_province": "guangdong"},
             "move_province", ("province-fixed",)),
    Scenario("moving the website to another provider",
             {**CHANGE, "change_what_individual": "provider"}, "access_filing", ("access-filing",)),
    Scenario("cancel one website", {"goal": "cancel", "cancel_what": "website"}, "cancel_website"),
    Scenario("cancel the subject", {"goal": "cancel", "cancel_what": "subject"}, "cancel_subject"),
    Scenario("cancel access at one provider", {"goal": "cancel", "cancel_what": "provider"}, "cancel_access"),
    Scenario("forgotten filing number", {"goal": "lost"}, "forgotten_number", ("forgotten-number",)),
    # Apps and mini-programs: every filing that applies, in order.
    FIRST_FILING.but("an app with its API in mainland China, first filing", "new_filing", (),
                     ("app_filing", "after_approval"), what_online="app", subject_type="enterprise"),
    FIRST_FILING.but("a website and an app, subject already filed", "new_website", (),
                     ("app_filing", "after_approval"), what_online="app", subject_filed="yes"),
    Scenario("an app whose servers are all outside mainland China",
             {"goal": "online", "what_online": "app", "delivery": "outside"},
             "no_filing_outside_mainland", (), ("app_filing", "after_approval")),
    Scenario("a mini-program on its platform only", {"goal": "online", "what_online": "mini_program",
                                                      "mini_program_api": "no"},
             "mini_program_filing"),
    FIRST_FILING.but("a mini-program calling its own API, subject already filed", "new_website", (),
                     ("mini_program_filing", "after_approval"), what_online="mini_program", mini_program_api="yes",
                     subject_filed="yes", subject_type="enterprise", province="guangdong"),
]

# Foreign companies and individuals, and what an individual's site may include, as readers put them.
# The expected outcomes come from the sources: documents issued outside mainland China cannot be used
# (Alibaba 2019); a mainland entity files on its own document; a passport or a Mainland Travel Permit
# stands for the ID card (Tencent 2020), Hebei refuses foreigners, Sichuan wants proof of residence (JD
# Cloud); an individual may not run a forum nor cover a pre-approval field (Tencent 2019, 2020).
FOREIGN = [
    FIRST_FILING.but("a company registered only abroad, no mainland entity", "foreign_no_mainland_entity",
                     ("filing-required",), subject_type="enterprise", organisation_registration="foreign_only"),
    Scenario("a company registered only abroad, its app's API in mainland China",
             {"goal": "online", "what_online": "app", "delivery": "mainland_servers", "subject_filed": "no",
              "subject_type": "enterprise", "organisation_registration": "foreign_only"},
             "foreign_no_mainland_entity", (), ("app_filing", "after_approval")),
    FIRST_FILING.but("a foreign company with a WFOE in Shanghai", "new_filing", ("materials-enterprise",),
                     subject_type="enterprise", organisation_registration="foreign_entity", province="shanghai"),
    FIRST_FILING.but("a foreign company's WFOE in Shandong, adding a website", "new_website", (),
                     subject_type="enterprise", organisation_registration="foreign_entity", province="shandong",
                     subject_filed="yes"),
    FIRST_FILING.but("a Hong Kong resident living in Guangdong", "new_filing", ("materials-individual",),
                     individual_document="travel_permit", province="guangdong"),
    FIRST_FILING.but("a foreigner with a passport in Hebei", "new_filing", (), individual_document="passport",
                     province="hebei"),
    FIRST_FILING.but("a foreigner with a passport in Sichuan", "new_filing", ("residence-in-province",),
                     individual_document="passport", province="sichuan"),
    FIRST_FILING.but("an individual planning a forum", "individual_interactive", (), site_type="interactive"),
    FIRST_FILING.but("an individual with comments on a blog", "individual_interactive", (), site_type="interactive",
                     province="beijing"),
    FIRST_FILING.but("a company planning a forum", "new_filing", (), site_type="interactive",
                     subject_type="enterprise", province="zhejiang"),
    FIRST_FILING.but("an individual without the pre-approval", "individual_pre_approval", ("pre-approval",),
                     site_type="not_approved"),
]
SCENARIOS += FOREIGN

BY_NAME = {s.name: s for s in SCENARIOS}
assert len(BY_NAME) == len(SCENARIOS), "scenario names are unique"
