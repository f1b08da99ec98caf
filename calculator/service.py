"""JSON-in / JSON-out entry point for the calculator page's web worker (Pyodide).

The worker passes a request as a JSON string and gets a JSON string back, so no Python object
ever crosses into JavaScript (no PyProxy to leak or destroy). Requests:

    {"type": "scheme"}                                   → the scheme (tables A.1, C.1, C.2)
    {"type": "parse", "payload": {"text": "…"}}          → the validated document (import, link)
    {"type": "score", "payload": {"document": {…}}}      → the result (as the CLI's JSON)
    {"type": "export", "payload": {"document": {…}, "format": "json" | "csv"}}  → file text
    {"type": "consensus", "payload": {"examiners": [{"file", "document"}, …], "flag_bands": 1}}
    {"type": "compare", "payload": {"a": {"label", "document"}, "b": {…}}}   → B minus A
    {"type": "trend", "payload": {"series": [{"file", "document"}, …]}}  → in file-name order
    {"type": "feedback", "payload": {"document": {…}, "docx": true?}}
                                        → the report as HTML to print, its data (``report``),
                                          and with ``docx`` the Word document's blocks
    {"type": "feedback", "payload": {"document": {…}}}             → the report as HTML to print
                                                      (and the key themes proposed from ++/−−)
    {"type": "visit", "payload": {"document": {…}, "start": false}}
        → the site visit's worksheet, changes and words (with start: the document started too)
    {"type": "calibrate", "payload": {"reference": {"file", "document"},
                                      "trainees": [{"file", "document"}, …]}}
        → the CLI's calibrate JSON, the class view's sentences (display) and the CSV's text

An examiner's (or a series entry's) label is the ``label`` given, else the document's title, else
the file's name without ``.json``; labels given twice are numbered, and every label is made safe
to show (``safe_text.printable``) here, once. The replies of the examiner's tools carry every
sentence the page shows (``display``), so the page only places them.

Replies are ``{"ok": true, "result": …}`` or ``{"ok": false, "error": {"message", "problems"}}``
with messages in Chinese, ready to show. Every reply is strict JSON (no NaN, which JavaScript's
``JSON.parse`` rejects), and every exception becomes an error reply: the page must always hear
back, whatever a file or a link contains.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from calculator import (
    assessment,
    calibrate,
    compare,
    consensus,
    feedback,
    feedback_docx,
    hints,
    key_themes,
    output,
    site_visit,
)
from calculator.assessment import AssessmentError, Problem
from calculator.safe_text import printable
from calculator.scheme import Kind, Scheme, load_scheme
from calculator.scoring import score


def _scheme(_: dict[str, Any]) -> Any:  # noqa: ANN401 - JSON data
    return load_scheme().to_dict()


def _parse(payload: dict[str, Any]) -> Any:  # noqa: ANN401 - JSON data
    document = assessment.loads(str(payload["text"]))
    return assessment.to_data(document)


def _score(payload: dict[str, Any]) -> Any:  # noqa: ANN401 - JSON data
    document = assessment.from_data(payload["document"])
    scheme = load_scheme()
    data = output.page_data(score(document, scheme), document)
    data["record"] = consensus.record_display(document, scheme)  # a consensus's originals
    return data


def _export(payload: dict[str, Any]) -> Any:  # noqa: ANN401 - JSON data
    document = assessment.from_data(payload["document"])
    if payload.get("format") == "csv":
        return output.to_csv(score(document))
    return assessment.dumps(document)


def _label(entry: dict[str, Any], document: assessment.Assessment) -> str:
    if "label" in entry:
        return str(entry["label"])
    file = str(entry.get("file", ""))
    return document.title or re.sub(r"\.json$", "", file, flags=re.IGNORECASE)


def _labelled(entries: list[dict[str, Any]]) -> list[tuple[str, assessment.Assessment]]:
    documents = [assessment.from_data(e["document"]) for e in entries]
    labels = output.distinct([_label(e, d) for e, d in zip(entries, documents, strict=True)])
    return list(zip(map(printable, labels), documents, strict=True))


def _consensus(payload: dict[str, Any]) -> Any:  # noqa: ANN401 - JSON data
    flag_bands = payload.get("flag_bands", consensus.DEFAULT_FLAG_BANDS)  # checked by consensus
    examiners = _labelled(payload["examiners"])
    result = consensus.consensus(examiners, flag_bands=flag_bands)
    return consensus.page_data(result)


def _compare(payload: dict[str, Any]) -> Any:  # noqa: ANN401 - JSON data
    a, b = _labelled([payload["a"], payload["b"]])
    return compare.comparison_data(compare.compare(a, b))


def _trend(payload: dict[str, Any]) -> Any:  # noqa: ANN401 - JSON data
    series = payload["series"]
    order = compare.file_order([str(e.get("file", e.get("label", ""))) for e in series])
    return compare.trend_data(compare.trend(_labelled([series[n] for n in order])))


def _feedback(payload: dict[str, Any]) -> Any:  # noqa: ANN401 - JSON data
    document = assessment.from_data(payload["document"])
    scheme = load_scheme()
    reply = feedback.page_data(document, scheme)
    # the page's "propose from ++/−−" button: whatever the file's own themes
    reply["proposed_themes"] = key_themes.proposed(document, scheme)
    if payload.get("docx") is True:  # the Word document's blocks, for docx.mjs to render
        reply["docx"] = feedback_docx.layout(reply["report"])
    return reply


def _visit(payload: dict[str, Any]) -> Any:  # noqa: ANN401 - JSON data
    """The site visit's worksheet, changes (None: not started) and words; with ``start``, the
    document started too."""
    document = assessment.from_data(payload["document"])
    started = payload.get("start", False)
    if type(started) is not bool:
        raise AssessmentError([Problem("start", f"应为布尔值，实为 {json.dumps(started)}")])
    if started:
        document = site_visit.start(document)
    reply = {**site_visit.report(document)}
    reply["display"] = site_visit.display(reply)  # the changes, as the page shows them
    return {"document": assessment.to_data(document), **reply} if started else reply


def _calibrate(payload: dict[str, Any]) -> Any:  # noqa: ANN401 - JSON data
    """The reference and the trainees, labelled together (distinct across all)."""
    trainees = payload.get("trainees", [])
    if not isinstance(trainees, list):
        raise AssessmentError([Problem("trainees", calibrate.TOO_FEW_TRAINEES)])
    reference, *others = _labelled([payload["reference"], *trainees])
    return calibrate.page_data(calibrate.calibrate(reference, others))


# the request and its payload around a document (and the list and entry around an examiner's)
_ENVELOPE_DEPTH = 5

HANDLERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "scheme": _scheme,
    "parse": _parse,
    "score": _score,
    "export": _export,
    "consensus": _consensus,
    "compare": _compare,
    "trend": _trend,
    "feedback": _feedback,
    "visit": _visit,
    "calibrate": _calibrate,
}


def _kind_words(scheme: Scheme, kind: Kind) -> dict[str, Any]:
    """过程条款 (4.1–4.6) and their most points, as the summary beside the form shows them."""
    ids = [c.id for c in scheme.categories if c.kind == kind]
    return {
        "label": f"{output.KIND_LABELS[kind]}条款",
        "span": ids[0] if len(ids) == 1 else f"{ids[0]}–{ids[-1]}",
        "max": sum(c.points for c in scheme.categories if c.kind == kind),
    }


def scorebook_words(scheme: Scheme) -> dict[str, Any]:
    """What the scorebook's editors show before any reply: the kinds of comment and their marks,
    the fields' labels, the factors each kind of item may name (tables C.1/C.2), the hints'
    title."""
    return {
        "kinds": dict(output.COMMENT_KINDS),
        "marks": {kind: list(marks) for kind, marks in output.MARKS.items()},
        "fields": dict(output.FIELD_LABELS),
        "factors": {
            kind: [{"key": f.key, "name": f.name} for f in g.factors]
            for kind, g in scheme.guidelines.items()
        },
        "no_comments": output.NO_COMMENTS,
        "hints_title": hints.HINTS_TITLE,
        "themes": {
            "groups": [
                {"kind": kind, "side": side, "label": label}
                for (kind, side), label in key_themes.GROUP_LABELS.items()
            ],
            **key_themes.EDITOR_WORDS,
        },
    }


def page_words(scheme: Scheme | None = None) -> dict[str, Any]:
    """The words and rules the page shows before any reply, rendered into it at build time
    (build_scripts/hooks/scheme_markers.py): the same constants the engine's replies use."""
    scheme = scheme or load_scheme()
    return {
        "scorebook": scorebook_words(scheme),
        "kinds": {kind: _kind_words(scheme, kind) for kind in output.KIND_LABELS},
        "default_title": feedback.DEFAULT_TITLE,
        "not_scored": output.NOT_SCORED,
        "chart": {
            "percent": output.PERCENT_LABEL,
            "points": output.POINTS_LABEL,
            "max": output.MAX_LABEL,
        },
        "flag_bands": {
            "default": consensus.DEFAULT_FLAG_BANDS,
            "choices": consensus.flag_choices(scheme),
        },
        "median_rule": consensus.MEDIAN_RULE.format(step=scheme.step),
        "record": consensus.RECORD_WORDS,
        "visit": site_visit.WORDS,
        "trend_note": compare.TREND_NOTE,
        "calibration": calibrate.PAGE_WORDS,
    }


def handle(request: str) -> str:
    """Answer one request; never raises, so the worker always gets a reply."""
    try:
        if assessment.nesting_depth(request) > assessment.MAX_DEPTH + _ENVELOPE_DEPTH:
            return _error([Problem("", assessment.TOO_DEEP)])
        message = json.loads(request, parse_constant=assessment.NonFinite)
        handler = HANDLERS[message["type"]]
        result = handler(message.get("payload") or {})
        return json.dumps({"ok": True, "result": result}, ensure_ascii=False, allow_nan=False)
    except AssessmentError as exc:
        return _error(exc.problems)
    except Exception as exc:  # noqa: BLE001 - any failure must reach the page as a reply
        return _error([Problem("", f"评分引擎收到无法处理的请求：{type(exc).__name__}: {exc}")])


def _error(problems: list[Problem]) -> str:
    error = {
        "message": assessment.summary(problems),
        "problems": [
            {"field": p.field, "message": p.message} for p in problems[: assessment.PROBLEMS_SHOWN]
        ],
    }
    return json.dumps({"ok": False, "error": error}, ensure_ascii=False)
