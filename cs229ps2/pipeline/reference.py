"""Reference answers: every headline number of a known run, and the check of a run against them.

``reference/answers.yaml`` holds sets of answers, one per known run (the course data, the
default synthetic data, the test config). A set applies to a run when its config and its
data sources match the run's. Each answer names a value of ``results/summary.json`` by a
path (see :func:`resolve`) and gives its expected value with a tolerance (absolute, relative,
or relative times a condition number), or an upper bound.
"""

from __future__ import annotations

import math
import re

from cs229ps2.pipeline.files import read_yaml

COLUMNS = ("answer", "expected", "got", "difference", "ok", "note")
_STEP = re.compile(r"([^.\[\]]+)|\[(\*|\d+|(\w+)=([^\]]+))\]")


def resolve(document, path: str):
    """The value at a dotted path: ``a.b`` keys, ``[2]`` an index, ``[*]`` every item (a list),
    ``[name=value]`` the list item whose ``name`` field is ``value``. KeyError when absent."""
    return _walk(document, [m.groups() for m in _STEP.finditer(path)], path)


def _walk(value, steps, path):
    if not steps:
        return value
    (key, bracket, field, wanted), rest = steps[0], steps[1:]
    if key is not None:
        if not isinstance(value, dict) or key not in value:
            raise KeyError(f"{path}: no key {key!r}")
        return _walk(value[key], rest, path)
    if bracket == "*":
        return [_walk(item, rest, path) for item in value]
    if field is not None:
        matches = [item for item in value if str(item.get(field)) == wanted]
        if len(matches) != 1:
            raise KeyError(f"{path}: {len(matches)} items with {field} = {wanted}")
        return _walk(matches[0], rest, path)
    return _walk(value[int(bracket)], rest, path)


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def distance(expected, got) -> float:
    """The largest absolute difference between two numbers, or lists/dicts of them (inf when
    their shapes or any non-numeric part differ)."""
    pairs = number_pairs(expected, got)
    if pairs is None:
        return math.inf
    return max((abs(g - e) if math.isfinite(g) else math.inf for e, g, _ in pairs), default=0.0)


def number_pairs(expected, got, scale=1.0) -> list[tuple[float, float, float]] | None:
    """(expected, got, scale) of every number of two values alike in shape (lists, dicts), or None
    when their shapes or any non-numeric part differ. scale: a number, or a dict keyed like
    expected whose entries scale the numbers below each key."""
    if _number(expected) and _number(got):
        return [(expected, got, scale)]
    if isinstance(expected, list) and isinstance(got, list) and len(expected) == len(got):
        found = [number_pairs(a, b, scale) for a, b in zip(expected, got)]
    elif isinstance(expected, dict) and isinstance(got, dict) and expected.keys() == got.keys():
        below = (lambda k: scale[k]) if isinstance(scale, dict) else (lambda k: scale)
        found = [number_pairs(expected[k], got[k], below(k)) for k in expected]
    else:
        return [] if expected == got else None
    return None if any(f is None for f in found) else [pair for f in found for pair in f]


def within(pairs, tolerance: float = 0.0, rtol: float = 0.0) -> bool:
    """Every got within max(tolerance, rtol * scale * |expected|) of its expected."""
    return all(math.isfinite(g) and abs(g - e) <= max(tolerance, rtol * s * abs(e)) for e, g, s in pairs)


def _largest_difference(pairs, relative: bool) -> float:
    def gap(e, g):
        if not math.isfinite(g):
            return math.inf
        return abs(g - e) / abs(e) if relative and e else abs(g - e)

    return max((gap(e, g) for e, g, _ in pairs), default=0.0)


def check_answer(answer: dict, summary: dict) -> dict:
    """One row of results/check.csv: the answer's expected and measured values and the verdict.

    An answer allows an absolute ``tolerance``, or a relative ``rtol`` (of |expected|), which
    ``condition`` (a summary path to condition numbers keyed like the value's first level)
    scales entry by entry where a value is ill-conditioned; or it gives an upper bound ``at_most``.
    """
    try:
        got = resolve(summary, answer["path"])
        scale = resolve(summary, answer["condition"]) if "condition" in answer else 1.0
    except (KeyError, IndexError, TypeError) as missing:
        return _row(answer, _expected(answer), "missing", "", False, str(missing))
    if "at_most" in answer:
        worst = max(got.values()) if isinstance(got, dict) else got
        ok = _number(worst) and worst <= answer["at_most"]
        return _row(answer, _expected(answer), got, "", ok, answer.get("note", ""))
    pairs = number_pairs(answer["expected"], got, scale)
    if pairs is None:
        return _row(answer, _expected(answer), got, "differs", False, answer.get("note", ""))
    ok = within(pairs, answer.get("tolerance", 0), answer.get("rtol", 0))
    gap = _largest_difference(pairs, relative="rtol" in answer)
    difference = format_value(gap) + (" relative" if "rtol" in answer else "") if gap else ""
    return _row(answer, _expected(answer), got, difference, ok, answer.get("note", ""))


def _expected(answer: dict):
    if "at_most" in answer:
        return f"<= {format_value(answer['at_most'])}"
    shown = format_value(answer["expected"])
    if answer.get("rtol"):
        per = " x condition number" if "condition" in answer else ""
        return f"{shown} +- {format_value(answer['rtol'])}{per} relative"
    tolerance = answer.get("tolerance", 0)
    return shown + (f" +- {format_value(tolerance)}" if tolerance else "")


def _row(answer, expected, got, difference, ok, note) -> dict:
    values = (answer["answer"], expected, format_value(got), difference, "yes" if ok else "no", note)
    return dict(zip(COLUMNS, values))


def format_value(value) -> str:
    """A value as the check table prints it: numbers to 10 significant digits, lists joined."""
    if isinstance(value, bool) or value is None:
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:.10g}"
    if isinstance(value, list):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {format_value(v)}" for k, v in value.items()) + "}"
    return str(value)


NOT_ANSWERS = {"course_data", "submission", "submissions", "grading"}  # keys that change no answer checked


def config_differences(expected: dict, got: dict, prefix: str = "") -> list[str]:
    """Dotted keys whose values differ between two configs (the top-level NOT_ANSWERS ignored)."""
    keys = sorted((set(expected) | set(got)) - (NOT_ANSWERS if not prefix else set()))
    found = []
    for key in keys:
        a, b, name = expected.get(key), got.get(key), f"{prefix}{key}"
        if isinstance(a, dict) and isinstance(b, dict):
            found += config_differences(a, b, f"{name}.")
        elif a != b:
            found.append(name)
    return found


def choose_set(reference: dict, configs: dict, config: dict, sources: dict) -> tuple[str | None, str]:
    """The reference set that applies to a run, and why (or why none does).

    configs: the configs the sets name (file -> parsed); config: the run's; sources: data
    source per problem from the run's provenance.
    """
    mismatches = []
    for name, entry in (reference["sets"] or {}).items():
        differs = config_differences(configs[entry["config"]], config)
        wrong = sorted(p for p, source in entry["sources"].items() if sources.get(p) != source)
        if not differs and not wrong:
            return name, entry["description"]
        if differs:
            mismatches.append(f"{name}: config differs from {entry['config']} in {', '.join(differs[:4])}")
        else:
            needed = ", ".join(f"{problem} {entry['sources'][problem]}" for problem in wrong)
            mismatches.append(f"{name}: needs {needed}")
    return None, "no reference answers for this run (" + "; ".join(mismatches) + ")"


def check(reference: dict, configs: dict, config: dict, summary: dict) -> list[dict]:
    """Rows of results/check.csv for a run (summary: results/summary.json).

    The first row names the reference set that applies (ok "yes"), or says why none does (ok
    "n/a", and no other rows); then one row per answer of that set.
    """
    sources = {p: r["source"] for p, r in summary["provenance"]["data"].items()}
    name, why = choose_set(reference, configs, config, sources)
    head = dict(
        zip(COLUMNS, ("reference set", name or "", name or "none", "", "yes" if name else "n/a", why))
    )
    if name is None:
        return [head]
    return [head, *(check_answer(answer, summary) for answer in reference["sets"][name]["answers"])]


def failures(rows: list[dict]) -> list[dict]:
    """The rows whose answer differs from the reference."""
    return [row for row in rows if row["ok"] == "no"]


def read_reference(path) -> dict:
    """reference/answers.yaml, parsed."""
    return read_yaml(path)
