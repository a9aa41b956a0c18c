"""One scenario per rule of the seed guide, written from the seed's own words.

Each test quotes the rule (../shared/seed/000_46319d4f1939da96.txt) and answers the questions as a
reader in that situation would. The expected outcome comes from the seed, not from the content.
"""

from __future__ import annotations

from decision_tree import Content

from .conftest import resolve

# A subject with nothing yet filed, whose domain passes every check: the seed's "simplest case".
READY = dict(
    goal="online", hosting="mainland", service_kind="host", subject_type="enterprise", province="beijing",
    domain_status="not_filed", registrar="domestic", suffix="yes", validity="over_3_months", holder="yes",
    privacy="off", site_type="none",
)


def outcome(content: Content, **answers: str) -> str:
    return resolve(content, **answers).current.id


def test_all_services_in_china_must_be_filed(content: Content) -> None:
    # "all services running in China (with IP address of domestic public network ...) must be recorded by ICP"
    assert outcome(content, **READY, subject_filed="no") == "new_filing"


def test_servers_outside_mainland_need_no_filing(content: Content) -> None:
    # The seed's scope is services on a domestic public IP; elsewhere there is nothing to file.
    assert outcome(content, goal="online", hosting="outside") == "no_filing_outside_mainland"


def test_new_filing_in_the_simplest_case(content: Content) -> None:
    # "you set up a website ... Registered domain name; contact cloud service provider for new record;
    # go online after approval"
    result = resolve(content, **READY, subject_filed="no").result()
    assert result.outcome.title_zh == "首次备案"
    assert any("go online" in s.lower() for s in result.outcome.steps)


def test_domain_from_an_overseas_registrar_must_be_transferred(content: Content) -> None:
    # "If the domain name was previously registered from an overseas service provider, it needs to be
    # transferred to the domestic domain name registration service provider."
    assert outcome(content, **{**READY, "registrar": "overseas"}) == "fix_transfer_domain"


def test_site_is_closed_during_filing(content: Content) -> None:
    # "during the filing period, the corresponding website must be closed ... the cloud service provider
    # will also block the IP address"
    result = resolve(content, **READY, subject_filed="no").result()
    assert any("closed" in w.text and "IP address" in w.text for w in result.warnings)


def test_special_websites_need_pre_approval(content: Content) -> None:
    # "Some special types of websites (such as forums, blogs, news, ...) need pre-approval before filing."
    assert outcome(content, **{**READY, "site_type": "not_approved"}) == "fix_pre_approval"
    assert outcome(content, **{**READY, "site_type": "approved"}, subject_filed="no") == "new_filing"


def test_individual_site_names_should_not_look_like_an_enterprise(content: Content) -> None:
    # "For a website filed in the name of an individual ... should not involve enterprise information ..."
    individual = resolve(content, **{**READY, "subject_type": "individual"}, subject_filed="no").result()
    enterprise = resolve(content, **READY, subject_filed="no").result()
    assert any("enterprise" in w.text and "name" in w.text for w in individual.warnings)
    assert not any("website name" in w.text for w in enterprise.warnings)


def test_suffix_must_be_on_miits_list(content: Content) -> None:
    # "The Ministry ... has released the domain name suffixes supporting the filing."
    assert outcome(content, **{**READY, "suffix": "no"}) == "fix_suffix"


def test_sms_within_24_hours_and_about_20_working_days(content: Content) -> None:
    # "verify according to the SMS prompt within 24 hours" / "complete the review within 20 working days"
    result = resolve(content, **READY, subject_filed="no").result()
    texts = " ".join(w.text for w in result.warnings) + " ".join(result.outcome.steps)
    assert "24 hours" in texts and "20 working days" in texts


def test_materials_for_an_individual(content: Content) -> None:
    # "ID card (personal record)"
    result = resolve(content, **{**READY, "subject_type": "individual"}, subject_filed="no").result()
    assert any("ID card" in m.text for m in result.materials)
    assert not any("Business licence" in m.text for m in result.materials)


def test_materials_for_an_enterprise(content: Content) -> None:
    # "Business license, ID card of legal representative, ID card of the person in charge of the website.
    # If [they] are not the same person, the power of attorney shall be provided"
    texts = [m.text for m in resolve(content, **READY, subject_filed="no").result().materials]
    assert any("Business licence" in t for t in texts)
    assert any("legal representative" in t for t in texts)
    assert any("person in charge" in t for t in texts)
    assert any("Power of attorney" in t for t in texts)


def test_domain_valid_for_more_than_3_months(content: Content) -> None:
    # "The domain name is valid for more than 3 months."
    assert outcome(content, **{**READY, "validity": "under_3_months"}) == "fix_renew_domain"


def test_domain_holder_must_be_the_filing_subject(content: Content) -> None:
    # "The domain name holder shall be consistent with the filing subject"
    assert outcome(content, **{**READY, "holder": "no"}) == "fix_domain_holder"


def test_privacy_protection_must_be_closed(content: Content) -> None:
    # "If privacy protection is enabled for the domain name, privacy protection shall be closed during the
    # filing period."
    assert outcome(content, **{**READY, "privacy": "on"}) == "fix_privacy_protection"


def test_residence_outside_the_province_needs_a_residence_permit(content: Content) -> None:
    # "The residence of the individual's registered certificate shall be in the provincial administrative
    # region ... Otherwise, ... 'residence permit' shall be submitted."
    result = resolve(content, **{**READY, "subject_type": "individual"}, subject_filed="no").result()
    assert any("Residence permit" in m.text for m in result.materials)


def test_phone_number_of_the_person_in_charge_in_the_province(content: Content) -> None:
    # "The mobile phone number of the person in charge shall be in the provincial administrative region"
    result = resolve(content, **READY, subject_filed="no").result()
    assert any("mobile number" in m.text and "province" in m.text for m in result.materials)


def test_forgotten_filing_number(content: Content) -> None:
    # "If the filing number is forgotten, it can be inquired through the website of the filing system of
    # the Ministry ... The filing password can also be retrieved through this website."
    result = resolve(content, goal="lost").result()
    assert result.outcome.id == "forgotten_number"
    steps = " ".join(result.outcome.steps)
    assert "beian.miit.gov.cn" in steps and "2020-08-17" in steps


def test_new_website_for_a_subject_already_filed(content: Content) -> None:
    # "Enterprises and individuals that have successfully registered need to add new websites when they
    # have newly set up websites in addition to the existing ones."
    assert outcome(content, **READY, subject_filed="yes") == "new_website"


def test_new_website_closes_the_domain_until_done(content: Content) -> None:
    # "domain names are not available until the filing is completed"
    result = resolve(content, **READY, subject_filed="yes").result()
    assert any("until the filing is approved" in w.text for w in result.warnings)


def test_some_providers_call_new_website_a_new_filing(content: Content) -> None:
    # "Some service providers do not distinguish between new filing and new website"
    steps = " ".join(resolve(content, **READY, subject_filed="yes").result().outcome.steps)
    assert "do not distinguish this from a new filing" in steps


def test_several_websites_with_the_new_filing(content: Content) -> None:
    # "Authorities in some regions allow multiple websites to be added when new records are added."
    result = resolve(content, **READY, subject_filed="no").result()
    assert any("Several websites" in w.text for w in result.warnings)


def test_another_provider_needs_access_filing(content: Content) -> None:
    # "access to multiple cloud service providers needs to be recorded" / "the first cloud service provider
    # uses a new record or a new website, and other cloud service providers access to be put on record"
    answers = {**READY, "domain_status": "filed_ours", "filed_where": "other"}
    assert outcome(content, **answers) == "access_filing"


def test_access_filing_keeps_the_site_online(content: Content) -> None:
    # "the access filing can be conducted after the service is online, without requiring the station to be
    # closed or the resolution to be stopped"
    result = resolve(content, **{**READY, "domain_status": "filed_ours", "filed_where": "other"}).result()
    assert "Keep the site online" in result.outcome.steps[0]


def test_access_filing_information_matches_the_original(content: Content) -> None:
    # "The information such as the filing subject submitted by the access filing shall be consistent with
    # the original filing information."
    result = resolve(content, **{**READY, "domain_status": "filed_ours", "filed_where": "other"}).result()
    assert any("exactly as in the original filing" in s for s in result.outcome.steps)


def test_cdn_and_email_need_no_access_filing(content: Content) -> None:
    # "CDN and email services generally do not need access for filing."
    assert outcome(content, goal="online", hosting="mainland", service_kind="cdn") == "cdn_only"
    assert outcome(content, goal="online", hosting="mainland", service_kind="mail") == "mail_only"


def test_same_iaas_counts_as_one_provider(content: Content) -> None:
    # "the underlying IAAs service providers used by multiple cloud service providers are the same, which
    # is considered as a cloud service provider"
    result = resolve(content, **{**READY, "domain_status": "filed_ours", "filed_where": "other"}).result()
    assert any("same underlying IaaS count as one" in w.text for w in result.warnings)


def test_subdomains_are_the_same_website(content: Content) -> None:
    # "the same top-level domain name (including different sub domain names) can be regarded as different
    # services of the same website"
    answers = {**READY, "domain_status": "filed_ours", "filed_where": "same"}
    assert outcome(content, **answers) == "nothing_new_same_provider"


def test_change_through_the_original_provider(content: Content) -> None:
    # "If you need to change the filing information, you can contact the original cloud service provider"
    result = resolve(content, goal="change", change_subject="enterprise", change_province="beijing",
                     change_what="details").result()
    assert result.outcome.id == "change_filing"
    assert "provider through which the filing was made" in result.outcome.steps[0]


def test_domain_cannot_be_changed_or_added(content: Content) -> None:
    # "The domain name cannot be modified or added. Modification of domain name or new domain name is a
    # new website, not a change of filing information."
    assert outcome(content, goal="change", change_subject="individual", change_province="beijing",
                   change_what="domain") == "domain_is_new_website"


def test_individual_to_enterprise_generally_allowed(content: Content) -> None:
    # "Generally speaking, the individual record can be transferred to the enterprise record"
    result = resolve(content, goal="change", change_subject="individual", change_province="zhejiang",
                     change_what="to_enterprise", same_province="yes").result()
    assert result.outcome.id == "change_individual_to_enterprise"
    assert any(w.conflict for w in result.warnings), "newer sources disagree and the result says so"


def test_enterprise_to_individual_not_allowed(content: Content) -> None:
    # "the enterprise record cannot be transferred to the individual record"
    assert outcome(content, goal="change", change_subject="enterprise", change_province="beijing",
                   change_what="to_individual") == "change_not_allowed"


def test_province_cannot_change(content: Content) -> None:
    # "The provincial administrative region cannot be changed ... can only be cancelled in the original
    # administration, and then added in the new administration. During this period, it is necessary to shut
    # down the station and stop parsing."
    result = resolve(content, goal="change", change_subject="enterprise", change_province="beijing",
                     change_what="province").result()
    assert result.outcome.id == "move_province"
    steps = " ".join(result.outcome.steps)
    assert "Cancel" in steps and "new filing" in steps and "stop resolution" in steps


def test_individual_to_enterprise_in_another_province_is_a_move(content: Content) -> None:
    # "(including the transfer of personal record to enterprise record, and the place of residence of the
    # individual and the place of registration of the enterprise are not in the same provincial
    # administrative region)"
    assert outcome(content, goal="change", change_subject="individual", change_province="beijing",
                   change_what="to_enterprise", same_province="no") == "move_province"
