"""The report: the problems' summaries merged into one record, and that record as one HTML page.

:func:`merge` gathers the per-problem summaries (numbers and answers) and the provenance
into ``results/summary.json``; :func:`render` hands it, with the figures as data URIs, to the
Jinja2 template ``workflow/report/report.html.jinja`` (autoescaped), which lays out the page
and inlines the stylesheet beside it. Same inputs, same bytes.
"""

from __future__ import annotations

import base64
from pathlib import Path

import jinja2

from cs229ps2.problems.registry import with_data

PROBLEM_DATA = {p.course_folder: p.label for p in with_data()}  # data/ folder -> its problem
PAGE_TITLE = "CS229 Problem Set 2: results"


def merge(provenance: dict, summaries: dict) -> dict:
    """results/summary.json: provenance, config, every problem's numbers, and the answers.

    summaries: problem name -> its summary ({"numbers", "section"}), in page order.
    """
    return {
        "provenance": {
            "data": {
                problem: {k: record.get(k) for k in ("source", "reason", "warnings")}
                | ({"normalised": record["normalised"]} if "normalised" in record else {})
                for problem, record in provenance["data"].items()
            },
            "git": provenance.get("git", {}),
            "software": provenance.get("software", {}),
        },
        "config": provenance.get("config", {}),
        **{name: summary["numbers"] for name, summary in summaries.items()},
        "sections": [summary["section"] for summary in summaries.values()],
    }


def data_uri(data: bytes, mime: str = "image/png") -> str:
    """An inline data URI for a file's bytes."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def flatten(config, prefix: str = "") -> list:
    """Nested config -> sorted (dotted key, value) pairs."""
    if isinstance(config, dict) and config:
        pairs = []
        for key in sorted(config):
            pairs.extend(flatten(config[key], f"{prefix}.{key}" if prefix else str(key)))
        return pairs
    return [(prefix, config)]


def _notes(record: dict) -> str:
    """What the banner says of one problem's data: why synthetic, warnings, normalisations."""
    parts = [record.get("reason"), *(record.get("warnings") or []), *(record.get("normalised") or [])]
    return "; ".join(part for part in parts if part)


def banner(provenance: dict) -> dict:
    """What the provenance banner says: headline, one row per problem's data, commit, software."""
    data = provenance.get("data", {})
    synthetic = sorted(p for p, r in data.items() if r.get("source") != "course")
    order = sorted(
        data, key=lambda p: list(PROBLEM_DATA).index(p) if p in PROBLEM_DATA else len(PROBLEM_DATA)
    )
    rows = [
        {
            "problem": PROBLEM_DATA.get(problem, problem),
            "data": problem,
            "source": data[problem].get("source", "?"),
            "notes": _notes(data[problem]),
        }
        for problem in order
    ]
    if not data:
        headline = "No data provenance recorded."
    elif synthetic:
        headline = (
            f"Synthetic or modified data for: {', '.join(synthetic)}. Numbers on those problems come from "
            "stand-ins, not from the course's files."
        )
    else:
        headline = "Every problem ran on the course's files."
    git = provenance.get("git", {})
    return {
        "synthetic": bool(synthetic),
        "headline": headline,
        "rows": rows,
        "commit": git.get("commit") or "unknown",
        "dirty": bool(git.get("dirty")),
        "software": ", ".join(f"{k} {v}" for k, v in sorted(provenance.get("software", {}).items())),
    }


def check_status(rows: list[dict]) -> dict:
    """What the page says of results/check.csv: the set applied, the answers, those that differ."""
    head, answers = rows[0], rows[1:]
    failed = [row["answer"] for row in answers if row["ok"] == "no"]
    if head["ok"] != "yes":
        headline = f"Not checked: {head['note']}."
    elif failed:
        names = ", ".join(failed)
        headline = f"{len(failed)} of {len(answers)} headline numbers differ from the reference: {names}."
    else:
        headline = f"All {len(answers)} headline numbers match the reference answers."
    return {"headline": headline, "reference": head, "answers": answers, "failed": bool(failed)}


def load_template(template: Path) -> jinja2.Template:
    """A page's Jinja2 template: autoescaped, strict, its includes (the stylesheet) beside it."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(template).parent),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.get_template(Path(template).name)


def render(summary: dict, figures: list, check: list, template: Path, title: str = PAGE_TITLE) -> str:
    """The report page from results/summary.json, the figures in display order and the rows of
    results/check.csv.

    figures: [{section (a part key such as '1(b)'), title, caption, src (data URI)}]; a figure
    whose section is not a part of the report raises ValueError. template: the page's Jinja2
    template; the stylesheet it includes lies beside it.
    """
    keys = {p["key"] for s in summary["sections"] for p in s["parts"]}
    unknown = sorted({f["section"] for f in figures} - keys)
    if unknown:
        raise ValueError(f"figures for unknown report sections: {', '.join(unknown)}")
    return load_template(template).render(
        title=title,
        banner=banner(summary.get("provenance", {})),
        sections=summary["sections"],
        figures={key: [f for f in figures if f["section"] == key] for key in keys},
        config=flatten(summary.get("config", {})),
        check=check_status(check),
    )
