# Helpers of workflow/rules/report.smk: paths, sweep settings and input functions of its rules.
from cs229ps2.problems.registry import PROBLEMS
from cs229ps2.report.text import dataset_label

SUMMARIES = [problem.key for problem in PROBLEMS]  # page order


def report_wildcards():
    """Wildcard of a registry path -> {value: its label in the figure's title}."""
    return {
        "dataset": {dataset: dataset_label(dataset) for dataset in STABILITY_DATASETS},
        "kernel": {kernel: kernel for kernel in config["perceptron"]["kernels"]},
    }


def figure_values(path):
    """(wildcard values, their labels) of each figure a registry path stands for."""
    names = path_wildcards(path)
    if not names:
        return [({}, {})]
    (name,) = names  # one wildcard per path
    return [({name: value}, {name: label}) for value, label in report_wildcards()[name].items()]


def report_figures():
    """The figures of results/report.html in page order: section, title, image, caption file."""
    return [
        {
            "section": entry["section"],
            "title": entry["title"].format(**labels),
            "path": path.format(**values),
            "caption": f"{REPORT_DIR}/{entry['caption']}.rst",
        }
        for path, entry in REPORT_REGISTRY.items()
        if "section" in entry
        for values, labels in figure_values(path)
    ]


REFERENCE = "reference/answers.yaml"


def reference_configs():
    """The config files the reference answer sets were measured with."""
    sets = read_yaml(ROOT / REFERENCE)["sets"] or {}
    return sorted({entry["config"] for entry in sets.values()})


def run_settings():
    """The run's config but for the data folder (whose effect the provenance records)."""
    return {key: value for key, value in config.items() if key != "course_data"}


def final_targets():
    """Everything `snakemake` builds by default: the report needs every result and the check."""
    return ["results/summary.json", "results/check.csv", "results/report.html"]
