"""Documents for the tests of every door (the engine, the CLI, the page): the format's header, a
document built from fields, and the invalid ones, each group with a comment saying what is wrong
(module-level case lists, as pypa/packaging's tests keep them)."""

from __future__ import annotations

from typing import Any

from calculator.assessment import FORMAT, MAX_DEPTH, VERSION
from calculator.scheme import load_scheme
from tests.vectors import scores, vectors

BASE = {"format": FORMAT, "version": VERSION}


def doc(**fields: object) -> dict[str, object]:
    return {**BASE, "scores": {}, **fields}


# A realistic document, every field used: the scores of the golden vector "realistic"
DOCUMENT: dict[str, Any] = {
    **BASE,
    "title": "某局 2025 年自评",
    "scores": scores(next(v for v in vectors() if v.name == "realistic").scores, load_scheme()),
    "notes": {"4.1.2": {"strengths": "班子分工明确", "opportunities": "绩效管理待加强"}},
    "generator": "e2e",
}


# (document text, field named in the message, words the message must contain)
INVALID_TEXT = [
    # not JSON, not UTF-8
    ("{", "", "不是有效的 JSON（第 1 行第 2 列）"),
    ("", "", "不是有效的 JSON"),
    (b"\xff\xfe{}", "", "不是 UTF-8"),
    # not an object at the top
    ("[]", "", "顶层应为 JSON 对象，实为数组"),
    ('"text"', "", "实为字符串"),
    # numbers strict JSON does not have, named by their field (JavaScript cannot read them back)
    (
        '{"format": "excellence-assessment", "version": 1, "scores": {"4.1.2": NaN}}',
        'scores["4.1.2"]',
        "不允许 NaN",
    ),
    (
        '{"format": "excellence-assessment", "version": 1, "scores": {}, "m": [1, Infinity]}',
        "m[1]",
        "不允许 Infinity",
    ),
    (
        '{"format": "excellence-assessment", "version": -Infinity, "scores": {}}',
        "version",
        "不允许 -Infinity",
    ),
    # nesting that would exhaust the parser's stack (fatal in Pyodide), refused before parsing
    ('{"x": ' + "[" * 100_000 + "]" * 100_000 + "}", "", "嵌套层数超过 64 层"),
    ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "", "嵌套层数超过"),
    # an integer of more digits than Python converts
    ('{"version": ' + "9" * 5000 + "}", "", "有超过 4300 位数的整数"),
    # a key given twice: which value was meant cannot be known
    (
        '{"format": "excellence-assessment", "version": 1, "scores": {"4.1.2": 57, "4.1.2": 60}}',
        "scores",
        '键 "4.1.2" 重复出现',
    ),
    (
        '{"format": "excellence-assessment", "version": 1, "version": 1, "scores": {}}',
        "",
        "version",
    ),
    # lone surrogates, which no UTF-8 output can carry
    (
        (
            '{"format": "excellence-assessment", "version": 1, "scores": {},'
            ' "notes": {"4.1.2": {"strengths": "\\ud800"}}}'
        ),
        'notes["4.1.2"]["strengths"]',
        "单独的代理项 U+D800",
    ),
    (
        (
            '{"format": "excellence-assessment", "version": 2, "scores": {},'
            ' "comments": {"4.1.2": [{"kind": "strength", "text": "\\udfff"}]}}'
        ),
        'comments["4.1.2"][0]["text"]',
        "单独的代理项 U+DFFF",
    ),
    (
        '{"format": "excellence-assessment", "version": 1, "scores": {"\\udc00": 5}}',
        'scores["\udc00"]',
        "键含有无效的 Unicode 字符",
    ),
]


def nested(depth: int) -> list[object]:
    value: list[object] = []
    for _ in range(depth):
        value = [value]
    return value


INVALID_DATA = [
    # wrong or missing format / version
    ({"version": 1, "scores": {}}, "format", "缺少此字段"),
    ({**BASE, "format": "other", "scores": {}}, "format", '实为 "other"'),
    ({"format": "excellence-assessment", "scores": {}}, "version", "缺少此字段"),
    ({**BASE, "version": 3, "scores": {}}, "version", "不支持的版本 3，仅支持 1、2"),
    ({**BASE, "version": 0, "scores": {}}, "version", "不支持的版本 0"),
    ({**BASE, "version": "1", "scores": {}}, "version", '不支持的版本 "1"'),
    ({**BASE, "version": True, "scores": {}}, "version", "不支持的版本 true"),
    ({**BASE, "version": 1.0, "scores": {}}, "version", "不支持的版本 1.0"),
    # title of the wrong type
    (doc(title=2025), "title", "应为字符串，实为整数 2025"),
    # scores missing or of the wrong shape
    (BASE, "scores", "缺少此字段"),
    (doc(scores=[55]), "scores", "应为对象"),
    # unknown item
    (doc(scores={"4.1.1": 50}), 'scores["4.1.1"]', '未知的评分条款 "4.1.1"'),
    (doc(scores={"4.8": 50}), 'scores["4.8"]', "未知的评分条款"),
    # percent not an integer
    (doc(scores={"4.1.2": "55"}), 'scores["4.1.2"]', '应为整数，实为字符串 "55"'),
    (doc(scores={"4.1.2": 55.0}), 'scores["4.1.2"]', "应为整数，实为小数 55.0"),
    (doc(scores={"4.1.2": None}), 'scores["4.1.2"]', "应为整数，实为null"),
    (doc(scores={"4.1.2": True}), 'scores["4.1.2"]', "应为整数，实为布尔值 true"),
    # not a multiple of 5
    (doc(scores={"4.1.2": 57}), 'scores["4.1.2"]', "应为 5 的倍数，实为 57"),
    # outside 0–100
    (doc(scores={"4.1.2": 105}), 'scores["4.1.2"]', "应在 0–100 之间，实为 105"),
    (doc(scores={"4.1.2": -5}), 'scores["4.1.2"]', "应在 0–100 之间，实为 -5"),
    # notes of the wrong shape
    (doc(notes=["x"]), "notes", "应为对象"),
    (
        doc(notes={"4.1.2": "好"}),
        'notes["4.1.2"]',
        '应为对象（strengths、opportunities），实为字符串 "好"',
    ),
    (doc(notes={"9.9": {}}), 'notes["9.9"]', "未知的评分条款"),
    (doc(notes={"4.1.2": {"weakness": "x"}}), 'notes["4.1.2"]["weakness"]', "未知字段"),
    (
        doc(notes={"4.1.2": {"strengths": 1}}),
        'notes["4.1.2"]["strengths"]',
        "应为字符串，实为整数 1",
    ),
    # format 2: the profile (appendix B's sections, points of the sections that have them)
    (doc(profile=["x"]), "profile", "应为对象（组织概述的章节编号 → 内容）"),
    (doc(profile={"B.3": "x"}), 'profile["B.3"]', "应为 B.1.1、B.1.2、B.2.1、B.2.2、B.2.3 之一"),
    (
        doc(profile={"B.1.1": "法定职能"}),
        'profile["B.1.1"]',
        "应为对象（要点 a、b、c、d、e → 文字）",
    ),
    (doc(profile={"B.1.2": {"e": "x"}}), 'profile["B.1.2"]["e"]', "B.1.2 的要点为 a、b、c、d"),
    (doc(profile={"B.1.1": {"a": 1}}), 'profile["B.1.1"]["a"]', "应为字符串，实为整数 1"),
    (
        doc(profile={"B.2.1": {"a": "x"}}),
        'profile["B.2.1"]',
        "应为字符串（B.2.1 营商环境不分要点）",
    ),
    # key factors: a list of objects, ids unique, tied to a profile section or point, and items
    (doc(key_factors={"KF1": "x"}), "key_factors", "应为数组（关键因素列表），实为对象"),
    (doc(key_factors=["KF1"]), "key_factors[0]", "应为对象（id、text 等字段）"),
    (doc(key_factors=[{"text": "x"}]), "key_factors[0].id", "缺少此字段（关键因素编号"),
    (doc(key_factors=[{"id": "", "text": "x"}]), "key_factors[0].id", "应为非空字符串"),
    (doc(key_factors=[{"id": 1, "text": "x"}]), "key_factors[0].id", "实为整数 1"),
    (
        doc(key_factors=[{"id": "KF1", "text": "a"}, {"id": "KF1", "text": "b"}]),
        "key_factors[1].id",
        '编号 "KF1" 重复出现，关键因素的编号应唯一',
    ),
    (doc(key_factors=[{"id": "KF1"}]), "key_factors[0].text", "缺少此字段（关键因素的文字"),
    (doc(key_factors=[{"id": "KF1", "text": None}]), "key_factors[0].text", "应为字符串，实为null"),
    (
        doc(key_factors=[{"id": "KF1", "text": "", "profile": "B.3"}]),
        "key_factors[0].profile",
        "应为组织概述的章节编号（B.1.1、B.1.2、B.2.1、B.2.2、B.2.3）或章节的要点（如 B.1.2.a）",
    ),
    (
        doc(key_factors=[{"id": "KF1", "text": "", "profile": "B.2.1.a"}]),  # B.2.1 has no points
        "key_factors[0].profile",
        '实为字符串 "B.2.1.a"',
    ),
    (
        doc(key_factors=[{"id": "KF1", "text": "", "profile": ["B.1.1"]}]),  # not a set's key
        "key_factors[0].profile",
        '实为数组 ["B.1.1"]',
    ),
    (
        doc(key_factors=[{"id": "KF1", "text": "", "profile": "B.1.1.f"}]),
        "key_factors[0].profile",
        "或章节的要点",
    ),
    (
        doc(key_factors=[{"id": "KF1", "text": "", "items": "4.1.2"}]),
        "key_factors[0].items",
        "应为数组（编号列表）",
    ),
    (
        doc(key_factors=[{"id": "KF1", "text": "", "items": ["4.1.1"]}]),
        "key_factors[0].items[0]",
        '未知的评分条款 "4.1.1"',
    ),
    (
        doc(key_factors=[{"id": "KF1", "text": "", "items": ["4.1.2", "4.1.2"]}]),
        "key_factors[0].items[1]",
        '"4.1.2" 重复出现',
    ),
    (
        doc(key_factors=[{"id": "KF1", "text": "", "items": [412]}]),
        "key_factors[0].items[0]",
        "应为字符串（编号），实为整数 412",
    ),
    # comments: per item a list of strengths and opportunities
    (doc(comments=[]), "comments", "应为对象（评分条款编号 → 评语列表）"),
    (doc(comments={"4.1.1": []}), 'comments["4.1.1"]', '未知的评分条款 "4.1.1"'),
    (doc(comments={"4.1.2": {}}), 'comments["4.1.2"]', "应为数组（评语列表）"),
    (doc(comments={"4.1.2": ["好"]}), 'comments["4.1.2"][0]', "应为对象（kind、text 等字段）"),
    (
        doc(comments={"4.1.2": [{"text": "x"}]}),
        'comments["4.1.2"][0].kind',
        '缺少此字段，应为 "strength"（优势）或 "opportunity"（改进机会）',
    ),
    (
        doc(comments={"4.1.2": [{"kind": "weakness", "text": "x"}]}),
        'comments["4.1.2"][0].kind',
        '应为 "strength"（优势）或 "opportunity"（改进机会），实为 "weakness"',
    ),
    (
        doc(comments={"4.1.2": [{"kind": "strength"}]}),
        'comments["4.1.2"][0].text',
        "缺少此字段（评语的文字，可为空字符串）",
    ),
    (
        doc(comments={"4.1.2": [{"kind": "strength", "text": ["x"]}]}),
        'comments["4.1.2"][0].text',
        "应为字符串，实为数组",
    ),
    (
        doc(comments={"4.1.2": [{"kind": "strength", "text": "", "major": "yes"}]}),
        'comments["4.1.2"][0].major',
        '应为布尔值（true：最重要的 ++/−−），实为字符串 "yes"',
    ),
    (
        doc(comments={"4.1.2": [{"kind": "strength", "text": "", "major": 1}]}),
        'comments["4.1.2"][0].major',
        "实为整数 1",
    ),
    # the factor: one of the item's table (C.1 for 4.1–4.6, C.2 for 4.7)
    (
        doc(comments={"4.1.2": [{"kind": "strength", "text": "", "factor": "X"}]}),
        'comments["4.1.2"][0].factor',
        '应为 A、D、L、I 之一（表C.1，过程条款），实为 "X"',
    ),
    (
        doc(comments={"4.1.2": [{"kind": "strength", "text": "", "factor": "Le"}]}),
        'comments["4.1.2"][0].factor',
        '应为 A、D、L、I 之一（表C.1，过程条款），实为 "Le"',
    ),
    (
        doc(comments={"4.7.2": [{"kind": "opportunity", "text": "", "factor": "A"}]}),
        'comments["4.7.2"][0].factor',
        '应为 Le、T、C、I 之一（表C.2，结果条款），实为 "A"',
    ),
    (
        doc(comments={"4.7.2": [{"kind": "opportunity", "text": "", "factor": "le"}]}),
        'comments["4.7.2"][0].factor',
        '实为 "le"',
    ),
    # the point: one of the item's own (its lettered points, else its paragraphs)
    (
        doc(comments={"4.1.2": [{"kind": "strength", "text": "", "point": "g"}]}),
        'comments["4.1.2"][0].point',
        '应为 a、b、c、d、e、f 之一（4.1.2 的条款要点），实为 "g"',
    ),
    (
        doc(comments={"4.1.4": [{"kind": "strength", "text": "", "point": "a"}]}),
        'comments["4.1.4"][0].point',
        '应为 1、2、3 之一（4.1.4 的条款要点），实为 "a"',
    ),
    (
        doc(comments={"4.1.4": [{"kind": "strength", "text": "", "point": 1}]}),
        'comments["4.1.4"][0].point',
        "实为 1",
    ),
    (
        doc(comments={"4.1.2": [{"kind": "strength", "text": "", "evidence": 3}]}),
        'comments["4.1.2"][0].evidence',
        "应为字符串，实为整数 3",
    ),
    # the key factors: a list of the ids of existing key factors, none twice
    (
        doc(comments={"4.1.2": [{"kind": "strength", "text": "", "key_factors": "KF1"}]}),
        'comments["4.1.2"][0].key_factors',
        "应为数组（编号列表）",
    ),
    (
        doc(comments={"4.1.2": [{"kind": "strength", "text": "", "key_factors": ["KF9"]}]}),
        'comments["4.1.2"][0].key_factors[0]',
        '未知的关键因素 "KF9"，key_factors 中没有此编号',
    ),
    (
        doc(
            key_factors=[{"id": "KF1", "text": ""}],
            comments={"4.1.2": [{"kind": "strength", "text": "", "key_factors": ["KF1", "KF1"]}]},
        ),
        'comments["4.1.2"][0].key_factors[1]',
        '"KF1" 重复出现',
    ),
    # key themes: groups process/results × strengths/opportunities, a theme a string or
    # {text, items}, the items of the group's kind (process 4.1–4.6, results 4.7), none twice
    (doc(key_themes=[]), "key_themes", "应为对象（process、results → strengths、opportunities）"),
    (
        doc(key_themes={"process": []}),
        'key_themes["process"]',
        "应为对象（strengths、opportunities",
    ),
    (
        doc(key_themes={"results": {"strengths": "x"}}),
        'key_themes["results"]["strengths"]',
        '应为数组（主题列表），实为字符串 "x"',
    ),
    (
        doc(key_themes={"process": {"strengths": [5]}}),
        'key_themes["process"]["strengths"][0]',
        "应为字符串或对象（text、items），实为整数 5",
    ),
    (
        doc(key_themes={"process": {"strengths": [{"items": []}]}}),
        'key_themes["process"]["strengths"][0].text',
        "缺少此字段（主题的文字）",
    ),
    (
        doc(key_themes={"process": {"opportunities": [{"text": None}]}}),
        'key_themes["process"]["opportunities"][0].text',
        "应为字符串，实为null",
    ),
    (
        doc(key_themes={"process": {"strengths": [{"text": "", "items": "4.1.2"}]}}),
        'key_themes["process"]["strengths"][0].items',
        "应为数组（编号列表）",
    ),
    (
        doc(key_themes={"process": {"strengths": [{"text": "", "items": ["4.7.2"]}]}}),
        'key_themes["process"]["strengths"][0].items[0]',
        '"4.7.2" 不是过程条款（4.1–4.6）的编号',
    ),
    (
        doc(key_themes={"results": {"strengths": [{"text": "", "items": ["4.1.2"]}]}}),
        'key_themes["results"]["strengths"][0].items[0]',
        '"4.1.2" 不是结果条款（4.7）的编号',
    ),
    (
        doc(key_themes={"process": {"strengths": [{"text": "", "items": ["9.9"]}]}}),
        'key_themes["process"]["strengths"][0].items[0]',
        '"9.9" 不是过程条款',
    ),
    (
        doc(key_themes={"process": {"strengths": [{"text": "", "items": ["4.1.2", "4.1.2"]}]}}),
        'key_themes["process"]["strengths"][0].items[1]',
        '"4.1.2" 重复出现',
    ),
    # the consensus's record: examiners (names unique, their percents), their original comments
    # (each naming one of them), one rationale per item
    (doc(consensus=[]), "consensus", "应为对象（examiners、comments、rationales）"),
    (doc(consensus={"examiners": {}}), "consensus.examiners", "应为数组（评审员列表）"),
    (doc(consensus={"examiners": ["张"]}), "consensus.examiners[0]", "应为对象（name、scores）"),
    (
        doc(consensus={"examiners": [{}]}),
        "consensus.examiners[0].name",
        "缺少此字段（评审员的姓名）",
    ),
    (
        doc(consensus={"examiners": [{"name": 5}]}),
        "consensus.examiners[0].name",
        "应为字符串，实为整数 5",
    ),
    (
        doc(consensus={"examiners": [{"name": "张"}, {"name": "张"}]}),
        "consensus.examiners[1].name",
        '"张" 重复出现，评审员的姓名应唯一',
    ),
    (
        doc(consensus={"examiners": [{"name": "张", "scores": {"4.1.2": 57}}]}),
        'consensus.examiners[0].scores["4.1.2"]',
        "应为 5 的倍数，实为 57",
    ),
    (
        doc(consensus={"examiners": [{"name": "张", "scores": []}]}),
        "consensus.examiners[0].scores",
        "应为对象（评分条款编号 → 百分比）",
    ),
    (
        doc(consensus={"comments": {"4.1.2": [{"kind": "strength", "text": ""}]}}),
        'consensus.comments["4.1.2"][0].examiner',
        "缺少此字段（评审员的姓名，consensus.examiners 中的一位）",
    ),
    (
        doc(
            consensus={
                "examiners": [{"name": "张"}],
                "comments": {"4.1.2": [{"kind": "strength", "text": "", "examiner": "王"}]},
            }
        ),
        'consensus.comments["4.1.2"][0].examiner',
        '应为 consensus.examiners 中的一位评审员，实为 "王"',
    ),
    (
        doc(
            consensus={
                "examiners": [{"name": "张"}],
                "comments": {"4.1.2": [{"kind": "strength", "text": "", "examiner": ["张"]}]},
            }
        ),
        'consensus.comments["4.1.2"][0].examiner',
        '实为 ["张"]',
    ),
    (
        doc(
            consensus={
                "examiners": [{"name": "张"}],
                "comments": {
                    "4.7.2": [{"kind": "strength", "text": "", "factor": "A", "examiner": "张"}]
                },
            }
        ),
        'consensus.comments["4.7.2"][0].factor',
        "应为 Le、T、C、I 之一",
    ),
    (doc(consensus={"comments": []}), "consensus.comments", "应为对象（评分条款编号 → 评语列表）"),
    (
        doc(consensus={"rationales": []}),
        "consensus.rationales",
        "应为对象（评分条款编号 → 合议理由）",
    ),
    (
        doc(consensus={"rationales": {"4.1.1": ""}}),
        'consensus.rationales["4.1.1"]',
        "未知的评分条款",
    ),
    (
        doc(consensus={"rationales": {"4.1.2": 55}}),
        'consensus.rationales["4.1.2"]',
        "应为字符串，实为整数 55",
    ),
    # the site visit: what the consensus held when it started, the issues (item known, kind
    # verify or clarify, about a strength or an opportunity, text required, the rest strings)
    (doc(site_visit="x"), "site_visit", "应为对象（before、issues）"),
    (doc(site_visit={"before": []}), "site_visit.before", "应为对象（scores、comments）"),
    (
        doc(site_visit={"before": {"scores": {"4.1.2": 101}}}),
        'site_visit.before.scores["4.1.2"]',
        "应在 0–100 之间",
    ),
    (
        doc(site_visit={"before": {"comments": {"4.1.2": [{"kind": "x", "text": ""}]}}}),
        'site_visit.before.comments["4.1.2"][0].kind',
        '应为 "strength"（优势）或 "opportunity"（改进机会）',
    ),
    (doc(site_visit={"issues": {}}), "site_visit.issues", "应为数组（现场评审问题列表）"),
    (
        doc(site_visit={"issues": [1]}),
        "site_visit.issues[0]",
        "应为对象（item、kind、text 等字段）",
    ),
    (
        doc(site_visit={"issues": [{"kind": "verify", "text": ""}]}),
        "site_visit.issues[0].item",
        "缺少此字段（评分条款编号）",
    ),
    (
        doc(site_visit={"issues": [{"item": "4.1.1", "kind": "verify", "text": ""}]}),
        "site_visit.issues[0].item",
        '未知的评分条款 "4.1.1"',
    ),
    (
        doc(site_visit={"issues": [{"item": 412, "kind": "verify", "text": ""}]}),
        "site_visit.issues[0].item",
        "未知的评分条款 412",
    ),
    (
        doc(site_visit={"issues": [{"item": "4.1.2", "text": ""}]}),
        "site_visit.issues[0].kind",
        '缺少此字段，应为 "verify"（核实）、"clarify"（澄清）',
    ),
    (
        doc(site_visit={"issues": [{"item": "4.1.2", "kind": "check", "text": ""}]}),
        "site_visit.issues[0].kind",
        '实为 "check"',
    ),
    (
        doc(site_visit={"issues": [{"item": "4.1.2", "kind": ["verify"], "text": ""}]}),
        "site_visit.issues[0].kind",
        '实为 ["verify"]',
    ),
    (
        doc(site_visit={"issues": [{"item": "4.1.2", "kind": "verify", "about": "x", "text": ""}]}),
        "site_visit.issues[0].about",
        '应为 "strength"（优势）或 "opportunity"（改进机会），实为 "x"',
    ),
    (
        doc(site_visit={"issues": [{"item": "4.1.2", "kind": "verify"}]}),
        "site_visit.issues[0].text",
        "缺少此字段（问题的文字）",
    ),
    (
        doc(site_visit={"issues": [{"item": "4.1.2", "kind": "verify", "text": 1}]}),
        "site_visit.issues[0].text",
        "应为字符串，实为整数 1",
    ),
    (
        doc(site_visit={"issues": [{"item": "4.1.2", "kind": "clarify", "text": "", "ask": 1}]}),
        "site_visit.issues[0].ask",
        "应为字符串，实为整数 1",
    ),
    (
        doc(site_visit={"issues": [{"item": "4.1.2", "kind": "clarify", "text": "", "whom": []}]}),
        "site_visit.issues[0].whom",
        "应为字符串，实为数组",
    ),
    (
        doc(
            site_visit={
                "issues": [{"item": "4.1.2", "kind": "clarify", "text": "", "finding": None}]
            }
        ),
        "site_visit.issues[0].finding",
        "应为字符串，实为null",
    ),
    # non-finite numbers and deep nesting handed over as data (the calculator page's requests)
    (doc(extra={"ratio": float("nan")}), 'extra["ratio"]', "不允许 nan"),
    (doc(deep=nested(MAX_DEPTH)), "", "嵌套层数超过 64 层"),
]
