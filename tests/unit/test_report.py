"""The report on small summaries made in code: each problem's sentences follow its numbers, and the
page rendered from the template is self-contained, escaped and deterministic, and a browser loads
its images."""

from __future__ import annotations

import base64
import copy
import re
from html import unescape
from pathlib import Path

import pytest

from cs229ps2.pipeline.workspace import REPO
from cs229ps2.problems.batchnorm import summary as batchnorm
from cs229ps2.problems.doubledescent import summary as dd
from cs229ps2.problems.perceptron import summary as perceptron
from cs229ps2.problems.simple_nn import summary as simple_nn
from cs229ps2.problems.spam import summary as spam
from cs229ps2.problems.stability import summary as stability
from cs229ps2.report import page, plots, text

TEMPLATE = REPO / "workflow" / "report" / "report.html.jinja"


def png_bytes(tmp_path: Path, name: str = "fig") -> bytes:
    fig, ax = plots.figure(2, 1.5)
    ax.plot([0, 1], [0, 1])
    ax.set_title(name)
    path = tmp_path / f"{name}.png"
    plots.save(fig, path)
    return path.read_bytes()


MIN_EXPONENT = 1.5


def stability_inputs() -> tuple:
    """Runs, certificates, SVMs and 1(c) rows: A converges and is not separable, B the opposite."""
    trace = {
        "iteration": [1, 10, 100, 1000],
        "angle_deg": [40.0, 3.0, 0.25, 0.0],
        "loss": [0.7, 0.1, 0.01, 0.001],
    }

    def run(converged, growth, loss):
        return {
            "stopped": converged,
            "converged": converged,
            "iterations": 345 if converged else 1000,
            "theta": [-1.0, 2.0, 3.0],
            "theta_norm": 3.742,
            "decay_exponent": 2.5 if converged else 0.9,
            "min_exponent": MIN_EXPONENT,
            "norm_growth_last_decade": growth,
            "trace": {**trace, "loss": loss},
        }

    runs = {"ds1_a": run(True, 0.001, [0.7, 0.2, 0.1, 0.1]), "ds1_b": run(False, 12.5, trace["loss"])}
    certificates = {
        "ds1_a": {"separable": False, "margin": -0.0, "w": [1.0, 1.0], "b": 0.0},
        "ds1_b": {"separable": True, "margin": 0.0123, "w": [1.0, 1.0], "b": 0.0},
    }
    svm = {
        "C": 1.0,
        "w": [1.0, 2.0],
        "b": -1.0,
        "epochs": 120,
        "converged": True,
        "trace": {"gap": [1.0, 1e-11]},
    }
    rows = [
        {
            "modification": f"{kind}-{value:g}",
            "kind": kind,
            "value": value,
            "converged": conv,
            "stopped": conv,
            "theta_norm": 10.0,
            "case": [kind, conv],
            "evidence": {"decay_exponent": 1.0, "norm_growth_last_decade": None, "lp_margin": 0.5},
        }
        for kind, value, conv in [
            ("lr", 1.0, False),
            ("decay", 0.1, True),
            ("xnoise", 0.01, False),
            ("xnoise", 0.1, True),
        ]
    ]
    return runs, certificates, {"ds1_a": svm, "ds1_b": svm}, rows


def spam_inputs() -> tuple:
    naive_bayes = {
        "test_accuracy": 0.97,
        "confusion": [[40, 1], [2, 7]],
        "vocabulary_size": 1234,
        "reader": "course",
        "min_messages": 5,
    }
    top_words = [{"word": "<b>prize</b>", "log_ratio": 5.0}, {"word": "won", "log_ratio": 4.5}]
    svm = {
        "best_radius": 0.1,
        "test_accuracy": 0.95,
        "confusion": [[41, 0], [3, 6]],
        "validation": [
            {"radius": 0.1, "validation_accuracy": 0.96},
            {"radius": 1.0, "validation_accuracy": 0.9},
        ],
    }
    logreg = {
        "features": "minilm",
        "best_learning_rate": 0.01,
        "test_accuracy": 0.99,
        "confusion": [[41, 0], [0, 9]],
        "validation": [
            {"learning_rate": 0.01, "validation_accuracy": 0.99, "status": "completed"},
            {"learning_rate": 1.0, "validation_accuracy": float("nan"), "status": "diverged"},
        ],
    }
    return naive_bayes, top_words, svm, logreg


def perceptron_models() -> list:
    predictions = {"dot": [0, 1, 1, 0, 1], "rbf": [1, 0, 0, 0, 1], "non_psd": [1, 1, 1, 1, 1]}
    return [
        {
            "kernel": k,
            "test_accuracy": a,
            "majority_rate": 0.6,
            "predicted_class1_fraction": sum(predictions[k]) / 5,
            "n_test": 5,
        }
        for k, a in [("dot", 0.55), ("rbf", 0.95), ("non_psd", 0.6)]
    ]


def doubledescent_numbers() -> dict:
    sizes, labels = ["200", "500", "800"], ["0", "1/2", "1", "2"]
    mse = {"200": [0.9, 0.8, 0.85, 0.9], "500": [50.0, 0.7, 0.6, 0.7], "800": [0.6, 0.55, 0.5, 0.6]}
    return {
        "lambda_opt": 250.0,
        "model": {"d": 500, "eta": 0.0447, "sigma": 0.5},
        "multipliers": labels,
        "multiplier_values": dict(zip(labels, [0.0, 0.5, 1.0, 2.0])),
        "validation_mse": {n: dict(zip(labels, mse[n])) for n in sizes},
        "monotone_decreasing_in_n": {"0": False, "1/2": True, "1": True, "2": True},
        "best_multiplier_per_n": {"200": "1/2", "500": "1", "800": "1"},
        "best_fine_multiplier_per_n": {"200": 0.5, "500": 0.9, "800": 1.0},
        "expected_best_fine_multiplier_per_n": {"200": 1.0, "500": 1.0, "800": 1.0},
        "condition_number": {"200": 4.28, "500": 13829.9, "800": 8.6},
    }


def simple_nn_inputs() -> tuple:
    sigmoid = {
        "gradient_check": {
            "w12_closed_form": 0.0197,
            "w12_finite_difference": 0.0197,
            "w12_relative_error": 1e-10,
        },
        "initial_loss": 0.4,
        "final_loss": 0.01,
        "train_accuracy": 1.0,
    }
    step = {
        "accuracy": 1.0,
        "n": 448,
        "w1": [[-0.5, -0.5, 4.0], [1.0, 0.0, -1.0], [0.0, 1.0, -1.0]],
        "w2": [3.0, -1.0, -1.0, -1.0],
    }
    linear = {
        "certificate": {"separable": False, "margin": 0.0},
        "network_accuracy": 0.8,
        "best": "pair_search",
        "attempts": {"pair_search": {"accuracy": 0.8}},
        "search_bound": 100,
    }
    return sigmoid, step, linear


GRADCHECK = {
    "all_within_tolerance": True,
    "eps": 1e-6,
    "tolerance": 1e-6,
    "seed": 6,
    "shapes": [[3, 4]],
    "trials_per_shape": 3,
    "max_relative_error": {"beta_vs_finite_differences": 3e-10},
}


def make_summary() -> dict:
    """results/summary.json of a small made-up run: every problem's summary merged."""
    summaries = {
        "stability": stability.summarize(*stability_inputs()),
        "spam": spam.summarize(*spam_inputs()),
        "perceptron": perceptron.summarize(perceptron_models()),
        "doubledescent": {
            "numbers": doubledescent_numbers(),
            "section": text.section("4", dd.TITLE, dd.parts(doubledescent_numbers())),
        },
        "simple_nn": simple_nn.summarize(*simple_nn_inputs()),
        "batchnorm": batchnorm.summarize(GRADCHECK),
    }
    provenance = {
        "data": {p: {"source": "course", "reason": "", "warnings": []} for p in page.PROBLEM_DATA},
        "git": {"commit": "abc123", "dirty": False},
        "software": {"numpy": "2.0"},
        "config": {"stability": {"min_exponent": 1.5, "max_iter": 1000}, "spam": {"min_messages": 5}},
    }
    provenance["data"]["bayesianreg"] = {
        "source": "synthetic",
        "reason": "missing validation.csv",
        "warnings": [],
    }
    return page.merge(provenance, summaries)


def answers(parts: list) -> dict:
    """Part key -> all its sentences as one string."""
    return {p["key"]: " ".join(p["sentences"]) for p in parts}


def all_answers(summary: dict) -> dict:
    return answers([p for s in summary["sections"] for p in s["parts"]])


def test_sentences_are_derived_from_the_numbers():
    summary = make_summary()
    text = all_answers(summary)
    assert "training converges on A but not on B" in text["1(a)"]
    assert "B is linearly separable: the LP max-margin is 0.0123 > 0" in text["1(b)"]
    assert "A is not linearly separable: the LP max-margin is 0 " in text["1(b)"]  # -0.0 printed as 0
    assert "direction turned by only 0.25 degrees" in text["1(b)"]  # angle at t = 1000 / 10
    assert "Caution" not in text["1(b)"]
    assert "converges for s = 0.1 but not for s = 0.01" in text["1(c)"]
    assert "not vulnerable" in text["1(d)"]
    assert "It beats the SVM but not naive Bayes." not in text["2(e)"]  # 0.99 beats both
    assert "It beats naive Bayes and the SVM" in text["2(e)"]
    assert "peaks at n = 500 (= d)" in text["4(d)"]
    assert "condition number is 13,830, against 4.28 to 8.6 for the other n" in text["4(d)"]
    assert "As the problem set states" in text["4(d)"]
    assert "predicts class 1 for all 5 test points" in text["3(c)"]
    assert text["3(c)"].index("The rbf kernel") < text["3(c)"].index("The non_psd kernel")  # ranked
    assert "Every weight lies in the hint's value set" in text["5(b)"]
    assert text["5(c)"].startswith("No.")

    # Swap the data sets' behaviour: the sentences must follow.
    swapped = copy.deepcopy(summary["stability"])
    a, b = swapped["datasets"]["ds1_a"], swapped["datasets"]["ds1_b"]
    a["converged"], b["converged"] = False, True
    text = answers(stability.parts(swapped))
    assert "training converges on B but not on A" in text["1(a)"]
    assert "Caution: on A and B" in text["1(b)"]

    # A curve at lambda_opt that rises: the claim of the problem set is reported as contradicted.
    contrary = doubledescent_numbers()
    contrary["monotone_decreasing_in_n"]["1"] = False
    assert (
        "Contrary to the problem set's statement, the curves for 1 x lambda_opt"
        in answers(dd.parts(contrary))["4(d)"]
    )

    # The linear network can separate separable data.
    separable = copy.deepcopy(summary["simple_nn"])
    separable.update(linear_possible=True, linear_certificate_margin=0.2, best_linear_accuracy=1.0)
    assert answers(simple_nn.parts(separable))["5(c)"].startswith("Yes")


def test_summary_values():
    summary = make_summary()
    assert summary["perceptron"]["kernels"]["dot"]["predicted_class1_fraction"] == pytest.approx(3 / 5)
    assert summary["spam"]["svm"]["validation"] == [
        {"radius": 0.1, "validation_accuracy": 0.96},
        {"radius": 1.0, "validation_accuracy": 0.9},
    ]
    assert summary["spam"]["logreg"]["validation"][1]["validation_accuracy"] is None  # NaN: JSON null
    assert summary["stability"]["datasets"]["ds1_b"]["angle_change_last_decade_deg"] == 0.25
    assert summary["stability"]["datasets"]["ds1_b"]["svm"]["final_gap"] == 1e-11
    assert summary["provenance"]["data"]["bayesianreg"]["source"] == "synthetic"
    assert [s["number"] for s in summary["sections"]] == list("123456")
    metrics = spam.metrics(summary["spam"])
    assert metrics["top_five_words"] == ["<b>prize</b>", "won"] and metrics["vocabulary_size"] == 1234


CHECK = [
    {
        "answer": "reference set",
        "expected": "test",
        "got": "test",
        "difference": "",
        "ok": "yes",
        "note": "made up",
    },
    {
        "answer": "2(a) <vocabulary>",
        "expected": "1234",
        "got": "1234",
        "difference": "",
        "ok": "yes",
        "note": "",
    },
    {
        "answer": "2(b) accuracy",
        "expected": "0.97",
        "got": "0.96",
        "difference": "0.01",
        "ok": "no",
        "note": "",
    },
]


def render(summary, figures, check=CHECK):
    return page.render(summary, figures, check, TEMPLATE)


def test_the_check_section_names_what_differs():
    html = render(make_summary(), [])
    check = html[html.index('<section id="check"') : html.index("</section>")]
    assert 'class="check failed"' in check
    assert "1 of 2 headline numbers differ from the reference: 2(b) accuracy." in check
    assert "2(a) &lt;vocabulary&gt;" in check and '<tr class="ok-no">' in check
    passed = render(make_summary(), [], [CHECK[0], CHECK[1]])
    assert "All 1 headline numbers match the reference answers." in passed and "check failed" not in passed
    unchecked = [{**CHECK[0], "ok": "n/a", "note": "no reference answers for this run (config differs)"}]
    assert "Not checked: no reference answers for this run (config differs)." in render(
        make_summary(), [], unchecked
    )


def test_page_is_self_contained_escaped_and_deterministic(tmp_path):
    summary = make_summary()
    pngs = {name: png_bytes(tmp_path, name) for name in ("one", "two")}
    figures = [
        {
            "section": "1(b)",
            "title": "Curves <&>",
            "caption": "caption with <script>alert(1)</script>",
            "src": page.data_uri(pngs["one"]),
        },
        {
            "section": "4(d)",
            "title": "Double descent",
            "caption": "plain",
            "src": page.data_uri(pngs["two"]),
        },
    ]
    html = render(summary, figures)
    assert html == render(copy.deepcopy(summary), copy.deepcopy(figures))
    assert "<script" not in html and "&lt;script&gt;" in html and "Curves &lt;&amp;&gt;" in html
    assert "&lt;b&gt;prize&lt;/b&gt;" in html  # data from the pipeline is escaped as well
    assert not re.search(r'(src|href)="(?!data:|#)', html), "external resource in the page"
    sources = re.findall(r'<img src="data:image/png;base64,([^"]+)"', html)
    assert [base64.b64decode(s) for s in sources] == [pngs["one"], pngs["two"]]
    for number in "123456":
        assert f'data-problem="{number}"' in html
    keys = re.findall(r'data-part="([^"]+)"', html)
    assert keys == [
        "1(a)",
        "1(b)",
        "1(c)",
        "1(d)",
        "2(a)",
        "2(b)",
        "2(c)",
        "2(d)",
        "2(e)",
        "3(b)",
        "3(c)",
        "4(d)",
        "5(a)",
        "5(b)",
        "5(c)",
        "6(a)-(d)",
    ]
    # the provenance banner names the synthetic problem; the config table shows the recorded values
    banner = html[html.index('id="provenance"') : html.index("</div>")]
    assert "synthetic" in banner and "bayesianreg" in banner and "missing validation.csv" in banner
    assert "<td>stability.max_iter</td><td>1000</td>" in html


def test_all_course_banner_and_unknown_section():
    summary = make_summary()
    summary["provenance"]["data"]["bayesianreg"]["source"] = "course"
    assert "Every problem ran on the course's files." in unescape(render(summary, []))
    with pytest.raises(ValueError, match="7"):
        render(summary, [{"section": "7", "title": "t", "caption": "c", "src": "data:,"}])


def test_helpers():
    assert page.flatten({"b": {"c": 1, "a": [1, 2]}, "a": ""}) == [("a", ""), ("b.a", [1, 2]), ("b.c", 1)]
    assert text.caption_text("First line\n``code`` here.\n") == "First line code here."
    assert text.num(12345) == "12,345" and text.num(-0.0) == "0" and text.num(0.123456) == "0.1235"
    assert text.join_words(["a", "b", "c"]) == "a, b and c"


def test_perceptron_verdict_sentences():
    from cs229ps2.problems.perceptron.summary import verdict

    assert "works well" in verdict("rbf", 0.95, 0.5, 0.5)
    assert "fails" in verdict("non_psd", 0.48, 0.52, 1.0)
    assert "class 1 for every" in verdict("non_psd", 0.48, 0.52, 1.0)
    assert "for every" not in verdict("dot", 0.6, 0.52, 0.7)


def test_a_modifications_reason_is_its_cases_theory_and_what_was_measured():
    row = {
        "kind": "yflip",
        "case": ["yflip", False, False],
        "evidence": {"decay_exponent": 0.5, "norm_growth_last_decade": 2.0, "lp_margin": 0.0},
    }
    because = stability.reason(row)
    assert because.startswith(stability.EXPLANATIONS[("yflip", False, False)])
    assert "(LP margin of the relabelled data: 0)" in because
    assert because.endswith(
        "measured: displacement exponent p = 0.50 over the last decade, ||theta|| grew by 2 in it"
    )
    assert stability.reason({**row, "case": ["yflip", True, True]}).startswith(stability.UNEXPECTED)


def test_the_convergence_criterion_is_read_from_the_runs_records():
    runs, certificates, svms, rows = stability_inputs()
    for run in runs.values():
        run["min_exponent"] = 1.75
    text = answers(stability.summarize(runs, certificates, svms, rows)["section"]["parts"])
    assert "convergence needs an exponent above 1.75" in text["1(a)"]
