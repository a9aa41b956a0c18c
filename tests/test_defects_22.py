"""The defects issue 22 measured, one test each (each failed before its fix): statements that took one
side where the sources disagree, or said more or less than their source says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from decision_tree import Content, load
from decision_tree.messages import messages
from decision_tree.model import Choice, Confidence
from decision_tree.tools import domain_check, domain_view

from .scenarios import BY_NAME

ROOT = Path(__file__).resolve().parent.parent


def page(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def choice(content: Content, question: str, choice_id: str) -> Choice:
    return next(c for c in content.questions[question].choices if c.id == choice_id)


# --- a personal blog: Alibaba's and QingCloud's naming rules against the pre-approval tables -----------


def test_a_personal_blog_is_shown_both_sides_of_the_pre_approval_question(content: Content) -> None:
    result = BY_NAME["personal blog, individual in Beijing"].state(content).result()
    on_blogs = [w for w in result.warnings if any(q == "site_type" for q, _ in w.scope.when)]
    assert on_blogs, "no statement on blogs applies to a personal blog"
    for w in on_blogs:
        assert w.conflict
        assert {"A19-name", "QC-NAME"} <= set(w.sources), "the naming rules' side is missing"
        assert "A19-pre" in w.sources, "the pre-approval tables' side is missing"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_text_on_blogs_leaves_out_the_naming_rules(lang: str) -> None:
    content = load(lang)
    blog, qingcloud = ("blog", "QingCloud") if lang == "en" else ("博客", "青云")
    texts = [content.questions["site_type"].help or "", choice(content, "site_type", "personal_blog").hint or ""]
    texts += [w.text for w in content.outcomes["fix_pre_approval"].warnings]
    texts += list(content.outcomes["check_pre_approval"].steps)
    on_blogs = [t for t in texts if blog in t.lower()]
    assert len(on_blogs) >= 4
    assert all(qingcloud in t for t in on_blogs), [t for t in on_blogs if qingcloud not in t]


@pytest.mark.parametrize("path", ["pre-approval.md", "procedures/new-filing.md", "faq.md"])
@pytest.mark.parametrize("docs", ["docs", "docs-zh"])
def test_the_pages_on_blogs_cite_the_naming_rules(docs: str, path: str) -> None:
    text = page(f"{docs}/{path}")
    assert "#src-qc-name" in text and "#src-a19-name" in text


# --- Guangdong's operating licence: what Alibaba says of Shenzhen ---------------------------------------


@pytest.mark.parametrize(("path", "says", "not_said"), [
    ("docs/related-obligations.md", "located in Shenzhen", "exception for Shenzhen IPs"),
    ("docs-zh/related-obligations.md", "备案归属地为深圳", "深圳的IP除外"),
])
def test_the_guangdong_ip_rule_is_the_one_alibaba_states(path: str, says: str, not_said: str) -> None:
    text = page(path)
    assert says in text and not_said not in text


# --- the public security filing: Alibaba counts from going live, Tencent equates it with approval -------


def test_the_public_security_days_are_counted_as_each_provider_counts_them(content: Content) -> None:
    step = next(s for s in content.outcomes["after_approval"].steps if "public security" in s)
    assert re.search(r"Alibaba[^.;]*from the day the site goes live", step)
    assert re.search(r"Tencent[^.;]*approval date", step)


@pytest.mark.parametrize(("path", "alibaba", "tencent"), [
    ("docs/related-obligations.md", "Alibaba (2019) counts the 30 days from the day the",
     "Tencent takes the day the ICP filing was approved"),
    ("docs-zh/related-obligations.md", "阿里云（2019年）从网站开通之日起计算",
     "腾讯云则把工信部查询结果中ICP备案的审核通过日期当作网站开通日期"),
])
def test_the_pages_count_the_public_security_days_as_the_providers_do(path: str, alibaba: str, tencent: str) -> None:
    text = " ".join(page(path).split())
    assert alibaba in text and tencent in text


# --- enterprise to individual: refused by most, allowed by Alibaba in eight provinces ------------------


def test_enterprise_to_individual_shows_where_alibaba_allowed_it(content: Content) -> None:
    result = BY_NAME["enterprise to individual"].state(content).result()
    warnings = [w for w in result.warnings if "enterprise-to-individual" in w.implements]
    assert warnings and all(w.conflict and w.confidence is not Confidence.HIGH for w in warnings)
    text = " ".join(w.text for w in warnings)
    for province in ("Shanxi", "Hebei", "Xinjiang", "Qinghai", "Guizhou", "Guangdong", "Tibet", "Chongqing"):
        assert province in text


# --- Zhejiang: the residency disagreement, and its own rule on individual filings ----------------------


def test_the_residency_conflicts_are_the_ones_the_requirements_page_lists(content: Content) -> None:
    row = next(line for line in page("docs/requirements.md").splitlines() if "**contradict**" in line)
    names = {re.sub(r"\s*\(.*?\)", "", n).strip() for n in row.split("|")[2].split(",")}
    by_name = {p.name_en: p.id for p in content.provinces.values()}
    listed = {by_name[n] for n in names}
    flagged = {p.id for p in content.provinces.values() if any(c.topic == "residency" and c.conflict for c in p.caveats)}
    assert flagged == listed


@pytest.mark.parametrize(("path", "group"), [
    ("docs/faq.md", r"only if the individual is the organisation's legal representative in (.*?);"),
    ("docs/procedures/change-filing.md", r"only when the individual is the organisation's legal representative in (.*?);"),
    ("docs-zh/faq.md", r"只有当该个人是单位的法定代表人时才允许——(.*?)；"),
    ("docs-zh/procedures/change-filing.md", r"在([^；|]*?)，仅当该个人是单位的法定代表人时"),
])
def test_zhejiang_is_not_grouped_with_the_provinces_that_refuse_another_individual(path: str, group: str) -> None:
    """Alibaba's Zhejiang page (2019) lets an individual's filing pass to another individual, as
    regions.toml says; the provinces in this group do not."""
    found = re.search(group, " ".join(page(path).split()))
    assert found, f"{path}: the group is gone"
    assert "Zhejiang" not in found.group(1) and "浙江" not in found.group(1)


# --- Chongqing: the Alibaba page's own date ----------------------------------------------------------


def test_chongqing_rules_carry_the_date_of_the_alibaba_page_that_states_them(content: Content) -> None:
    cited = {k for c in content.provinces["chongqing"].caveats for k in c.sources
             if "AlibabaCloudDocs/icp" in (content.sources[k].url or "")}
    assert cited
    for key in cited:
        source = content.sources[key]
        pages = re.findall(r"重庆备案规则\.md[^;:]*?(\d{4}-\d{2}-\d{2})", source.note or "")
        assert pages, f"{key} does not name the Chongqing page"
        assert source.date == max(pages), f"{key} is dated {source.date}, its Chongqing page {max(pages)}"


# --- the audit's total ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "total", "parts"), [
    ("docs/audit-process.md", r"up to about (\d+) working days", r"\((3–5 \+ 1–2 \+ up to 20 working days, plus the SMS day)\)"),
    ("docs-zh/audit-process.md", r"最长可能需要约 (\d+) 个工作日", r"（(3–5 \+ 1–2 \+ 最多 20 个工作日，再加上短信核验的一天)）"),
])
def test_the_review_time_is_the_sum_of_its_stages(path: str, total: str, parts: str) -> None:
    text = " ".join(page(path).split())
    stated, sum_of = re.search(total, text), re.search(parts, text)
    assert stated and sum_of
    stages = sum_of.group(1)
    upper = [int(hi) for _, hi in re.findall(r"(\d+)–(\d+)", stages)]
    upper += [int(n) for n in re.findall(r"(?:up to|最多) (\d+)", stages)]
    sms_day = 1
    assert int(stated.group(1)) == sum(upper) + sms_day


# --- subdomains: the provinces' "prefix" rules are about different domain names ------------------------


def test_a_subdomain_on_the_same_provider_needs_nothing_new_in_any_province(content: Content) -> None:
    base = BY_NAME["subdomain on the same provider, Guangdong"]
    for province in content.provinces:
        result = base.but(f"subdomain, {province}", base.outcome, province=province).state(content).result()
        assert result.outcome.id == "nothing_new_same_provider"
        shown = [c.text for c in result.regional] + [w.text for w in result.warnings] + list(result.outcome.steps)
        assert not [t for t in shown if re.search(r"prefix(es)? [^.]*(separate|own) (site|website)", t)
                    and "not subdomains" not in t], province


# --- a CDN in front of mainland servers ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_cdn_in_front_of_mainland_servers_is_sent_to_the_cdn_answer(lang: str) -> None:
    content = load(lang)
    cdn = choice(content, "delivery", "mainland_cdn")
    lead = re.split(r"[,，]", cdn.label)[0]
    assert ("elsewhere" not in cdn.label) and ("源站在别处" not in cdn.label)
    assert ("mainland China" if lang == "en" else "中国内地") in (cdn.hint or "")
    # The answers a reader adding only a CDN might take instead name the CDN answer by its words.
    assert lead in (choice(content, "delivery", "mainland_servers").hint or "")
    assert lead in (choice(content, "filed_where", "other").hint or "")
    cdn_warnings = [w for w in content.outcomes["access_filing"].warnings if "CDN" in w.text]
    assert cdn_warnings and all(lead in w.text for w in cdn_warnings)


# --- a domain whose suffix cannot be filed -------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_name_whose_suffix_cannot_be_filed_is_not_said_to_be_filed(lang: str) -> None:
    m = messages(lang)
    report = domain_check.check("example.io", lang=lang)
    out = domain_view.text(report, m)
    assert m("domain.verdict.not_fileable") in out
    assert m("domain.is_registrable", name="example.io") not in out


# --- one address for the public security platform ------------------------------------------------------


def test_the_public_security_platform_has_one_address_everywhere() -> None:
    """beian.mps.gov.cn, as the number reader links it; the older www.beian.gov.cn only named as the old one."""
    files = [*ROOT.glob("docs/**/*.md"), *ROOT.glob("docs-zh/**/*.md"), *ROOT.glob("decision_tree/content/*.toml"),
             *ROOT.glob("decision_tree/content/messages/*.toml")]
    for path in files:
        if path.name == "sources.toml":  # the sources' notes record the address each source gives
            continue
        text = path.read_text(encoding="utf-8")
        for found in re.finditer(r"(?<![\w.-])(?:www\.)?beian\.gov\.cn", text):
            around = text[max(0, found.start() - 400): found.end() + 100]
            assert "beian.mps.gov.cn" in around, f"{path.relative_to(ROOT)}: {text[found.start() - 80: found.end()]!r}"


# --- the mini-program deadline -------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "announced"), [("en", "would be taken down"), ("zh", "将自2024-04-01起下架")])
def test_the_mini_program_take_down_is_reported_as_announced(lang: str, announced: str) -> None:
    outcome = load(lang).outcomes["mini_program_filing"]
    texts = [outcome.why, *outcome.steps, *(w.text for w in outcome.warnings)]
    on_take_down = [t for t in texts if "2024-04-01" in t]
    assert on_take_down and all(announced in t for t in on_take_down)
