"""The bilingual glossary: it loads and is consistent, it keeps every term docs/glossary.md had, its
tables are the page's, and the check of the Chinese texts finds a variant the glossary rules out."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from decision_tree import ContentError, cli, glossary
from decision_tree.messages import messages
from decision_tree.pages import fences
from decision_tree.pages.glossary import chinese_cell, render_group

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "glossary.md"
# The terms the issue names, and every Chinese name docs/glossary.md's tables held before they were
# made from glossary.toml: none may drop out.
NAMED_IN_THE_ISSUE = (
    "首次备案", "新增网站", "接入备案", "变更备案", "注销主体", "注销网站", "取消接入", "主体", "管局", "幕布",
    "核验单", "前置审批", "公安联网备案",
)
ON_THE_PAGE_BEFORE = (
    "备案", "ICP备案", "新增互联网信息服务", "新增接入", "注销备案申请表", "网站迁移", "迁移互联网信息服务", "初审",
    "年审", "工业和信息化部", "工信部", "通信管理局", "接入商", "公安", "编办", "网信办", "12381", "个人", "单位",
    "个体工商户", "事业单位", "党政机关", "负责人", "主体负责人", "网站负责人", "互联网信息服务负责人", "法定代表人",
    "身份证", "居住证", "暂住证", "营业执照", "统一社会信用代码", "授权委托书", "承诺书", "网站建设方案书",
    "网站备案信息真实性核验单", "域名证书", "域名", "域名核验", "域名实名认证", "隐私保护", "备案号", "主体备案号",
    "网站备案号", "省简称", "备案密码", "短信核验", "空壳网站", "空壳主体", "不涉及前置审批承诺书", "非经营性",
    "经营性", "经营性ICP许可证", "增值电信业务经营许可证", "全国互联网安全管理服务平台", "APP备案", "小程序备案",
    "快应用",
)


def _term(**changes: Any) -> dict[str, Any]:
    term: dict[str, Any] = {
        "zh": "接入备案", "pinyin": "jiērù bèi'àn", "en": "access filing", "definition": "adding a provider",
        "definition_zh": "增加接入商时办理的备案。", "link": "procedures/access-filing.md", "link_title": "access filing",
        "link_title_zh": "接入备案", "avoid": ["接入登记"],
    }
    term.update(changes)
    return term


def _doc(*terms: dict[str, Any]) -> dict[str, Any]:
    return {"group": [{"id": "procedures", "title": "Procedures", "title_zh": "备案业务", "term": list(terms)}]}


def _problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ContentError) as caught:
        glossary.parse(data)
    return list(caught.value.problems)


def test_the_glossary_keeps_every_term() -> None:
    names = {name for term in glossary.load().terms for name in term.names}
    assert [n for n in (*NAMED_IN_THE_ISSUE, *ON_THE_PAGE_BEFORE) if n not in names] == []


def test_every_term_has_both_definitions_and_a_page() -> None:
    for term in glossary.load().terms:
        assert term.definition and term.definition_zh and term.link and term.link_title, term.zh
        assert (ROOT / "docs" / term.link.partition("#")[0]).is_file(), f"{term.zh}: {term.link}"


def test_a_chinese_name_listed_twice_fails() -> None:
    problems = _problems(_doc(_term(), _term(zh="新增接入"), _term(zh="首次备案", also=["新增接入"], avoid=[])))
    assert "glossary.toml: term '首次备案': the Chinese name '新增接入' is already listed, under '新增接入'" in problems


def test_a_missing_field_or_a_bad_link_is_named_with_file_and_key() -> None:
    term = _term(link="procedures/access filing")
    del term["definition_zh"]
    problems = _problems(_doc(term))
    assert "glossary.toml: group 'procedures', term '接入备案': missing 'definition_zh'" in problems
    assert any(p.startswith("glossary.toml: group 'procedures', term '接入备案': 'link' must be a docs/ page") for p in problems)
    assert _problems(_doc(_term(colour="red"))) == [
        "glossary.toml: group 'procedures', term '接入备案': unknown key 'colour' (allowed: also, avoid, definition, "
        "definition_zh, en, link, link_title, link_title_zh, pinyin, short, zh)"
    ]


def test_a_variant_to_avoid_must_not_be_part_of_a_right_name() -> None:
    problems = _problems(_doc(_term(avoid=["接入"])))
    assert problems == ["glossary.toml: term '接入备案': 'avoid' lists '接入', which the glossary's own 接入备案 contains"]


def test_todays_content_uses_the_glossarys_terms() -> None:
    assert glossary.check_content() == []


def test_a_variant_in_a_chinese_text_fails_naming_file_key_and_term() -> None:
    tree = {"questions": {"goal": {"text": "What?", "choices": [{"label_zh": "新增接入"}, {"label_zh": "办理接入登记"}]}}}
    assert glossary.term_problems(glossary.load(), "tree.toml", tree) == [
        "tree.toml: 'questions.goal.choices.2.label_zh' says '接入登记': write '接入备案' (glossary.toml)"
    ]


def test_every_string_with_chinese_is_checked_whatever_its_key() -> None:
    links = {"links": {"access": {"title": "Access filing (接入登记)", "path": "procedures/access-filing.md"}}}
    assert glossary.term_problems(glossary.load(), "links.toml", links) == [
        "links.toml: 'links.access.title' says '接入登记': write '接入备案' (glossary.toml)"
    ]
    assert list(glossary.chinese_texts({"a": "English only", "b_zh": "", "c": ["中文"]})) == [("b_zh", ""), ("c.1", "中文")]


def test_the_check_command_fails_on_a_variant(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    real = list(glossary.content_files())
    bad = ("regions.toml", {"provinces": {"tianjin": {"caveats": [{"text_zh": "先完成公安备案。"}]}}})
    monkeypatch.setattr(glossary, "content_files", lambda: iter([*real, bad]))
    assert cli.main(["check"]) == cli.EXIT_CONTENT
    err = capsys.readouterr().err
    assert "regions.toml: 'provinces.tianjin.caveats.1.text_zh' says '公安备案': write '公安联网备案' (glossary.toml)" in err


def test_half_width_punctuation_beside_chinese_fails_naming_file_and_key() -> None:
    outcomes = {
        "outcomes": {"x": {
            "why": "A new filing (首次备案), then: wait.",  # English quoting a term: its marks are English
            "why_zh": "先备案, 再上线 (约20天)。",
            "steps_zh": ["访问 https://beian.miit.gov.cn/ 查询。", "填写 a, b 两项：完成！"],
        }},
        "kinds_zh": {"procedure": "要办理的备案;"},
    }
    assert glossary.punctuation_problems("outcomes.toml", outcomes) == [
        "outcomes.toml: 'outcomes.x.why_zh' has half-width punctuation beside Chinese: write ，（） "
        "(先备案, 再上线 | 再上线 (约20天 | 约20天)。)",
        "outcomes.toml: 'kinds_zh.procedure' has half-width punctuation beside Chinese: write ； (理的备案;)",
    ]
    assert glossary.punctuation_problems("messages/zh.toml", {"tree": {"back": "返回:"}}) == [
        "messages/zh.toml: 'tree.back' has half-width punctuation beside Chinese: write ： (返回:)"
    ]
    assert glossary.punctuation_problems("messages/en.toml", {"tree": {"back": "Back (上一步):"}}) == []


def test_the_check_command_fails_on_half_width_punctuation(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = list(glossary.content_files())
    bad = ("regions.toml", {"provinces": {"tianjin": {"caveats": [{"text_zh": "先备案,再上线。"}]}}})
    monkeypatch.setattr(glossary, "content_files", lambda: iter([*real, bad]))
    assert cli.main(["check"]) == cli.EXIT_CONTENT
    err = capsys.readouterr().err
    assert "regions.toml: 'provinces.tianjin.caveats.1.text_zh' has half-width punctuation beside Chinese: write ，" in err


def test_every_content_file_is_read() -> None:
    read = {name for name, _ in glossary.content_files()}
    assert {"tree.toml", "outcomes.toml", "regions.toml", "sources.toml", "suffixes.toml", "messages/zh.toml"} <= read


# --- the page -------------------------------------------------------------------------------------


def test_the_page_has_one_table_per_group_under_its_heading() -> None:
    text = PAGE.read_text(encoding="utf-8")
    found = re.findall(r"^### .*\{ #([a-z-]+) \}\n\n```icp-glossary\n([a-z-]+)\n```$", text, flags=re.MULTILINE)
    assert found == [(g.id, g.id) for g in glossary.load().groups]
    assert "| Chinese |" not in text, "the tables are made from glossary.toml"


def test_a_table_has_the_pages_columns_and_relative_links() -> None:
    html = render_group(glossary.load(), "procedures", "glossary/", messages())
    assert "<th>Chinese</th>\n<th>Pinyin</th>\n<th>English</th>\n<th>More</th>" in html
    assert '<td><a href="../procedures/cancellation/#cancel-access">cancellation</a></td>' in html
    assert "<td>接入备案 / 新增接入</td>" in html
    assert chinese_cell(next(t for t in glossary.load().terms if t.zh == "通信管理局")) == "通信管理局（管局）"


def test_the_fence_fails_loudly_on_an_unknown_or_missing_group() -> None:
    assert "<table>" in fences.icp_glossary("documents\n", "icp-glossary", "", {}, None)
    with pytest.raises(Exception, match="no group 'nowhere'"):
        fences.icp_glossary("nowhere\n", "icp-glossary", "", {}, None)
    with pytest.raises(Exception, match="write the group's id"):
        fences.icp_glossary("\n", "icp-glossary", "", {}, None)


def test_the_file_parses_as_it_is_read() -> None:
    data = tomllib.loads((ROOT / "decision_tree" / "content" / "glossary.toml").read_text(encoding="utf-8"))
    assert glossary.parse(data) == glossary.load()


def test_the_power_of_attorney_has_one_name() -> None:
    """授权书 and 授权委托书 are one document in the sources: a text that says 授权书 fails the check."""
    found = glossary.term_problems(glossary.load(), "regions.toml", {"x": {"text_zh": "须提供授权书。"}})
    assert found == ["regions.toml: 'x.text_zh' says '授权书': write '授权委托书' (glossary.toml)"]
    assert glossary.term_problems(glossary.load(), "regions.toml", {"x": {"text_zh": "须提供授权委托书。"}}) == []
