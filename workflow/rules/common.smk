# Helpers of the workflow: paths, data-source decisions, code versions, input
# functions and the final targets of every problem.
import re
from pathlib import Path

from snakemake.exceptions import WorkflowError

from cs229ps2.pipeline.codehash import code_digest
from cs229ps2.pipeline.datastage import FILES, PROBLEMS, data_files, missing_course_files
from cs229ps2.pipeline.provenance import git_state
from cs229ps2.report.text import dataset_label

ROOT = Path(workflow.basedir)
PACKAGE_DIR = ROOT / "cs229ps2"
SCRIPTS_DIR = ROOT / "workflow" / "scripts"


def code_version(script):
    """Digest of the package code a script uses: a param, so code edits rerun its jobs."""
    return code_digest(SCRIPTS_DIR / script, PACKAGE_DIR)


def data_paths(problem):
    """The problem's data files under data/, as the data stage writes them."""
    return [f"data/{problem}/{name}" for name in data_files(problem, config["train_sizes"])]


def data_stage(problem):
    """How the data stage gets a problem's files, from one look at course_data.

    missing: the problem's files absent from course_data (all of them when it is unset);
    source: 'course' when none is missing, else 'synthetic'; inputs: the course files it
    copies (none for synthetic); synthetic: the generator settings, only where they are used;
    course_data_set: whether course_data names a folder (the synthetic record's reason).
    """
    course_data = config["course_data"]
    missing = missing_course_files(course_data, problem, config["train_sizes"])
    if missing:
        inputs, synthetic = [], config["synthetic"][problem]
    else:
        folder = Path(course_data) / problem
        inputs = [str(folder / name) for name in data_files(problem, config["train_sizes"])]
        synthetic = {}
    return {
        "missing": missing,
        "source": "synthetic" if missing else "course",
        "inputs": inputs,
        "synthetic": synthetic,
        "course_data_set": bool(course_data),
    }


DATA_STAGES = {problem: data_stage(problem) for problem in PROBLEMS}


def provenance_inputs():
    return {problem: f"data/{problem}/provenance.json" for problem in PROBLEMS}


# --- Problem 1: logistic regression stability ---------------------------------

STABILITY_DATASETS = [Path(name).stem for name in FILES["stability"]]
MODIFICATION_LISTS = {
    "lr": "learning_rates",
    "decay": "decay_c",
    "scale": "scales",
    "l2": "l2",
    "xnoise": "input_noise",
    "ynoise": "label_noise",
}


def stability_modifications():
    """Modification job name (e.g. lr-0.001) -> {kind, value, seed}, from config."""
    mods = config["stability"]["modifications"]
    seeds = {"xnoise": mods["input_noise_seed"], "ynoise": mods["label_noise_seed"]}
    return {
        f"{kind}-{value:g}": {"kind": kind, "value": float(value), "seed": seeds.get(kind, 0)}
        for kind, key in MODIFICATION_LISTS.items()
        for value in mods[key]
    }


def modification_spec(wildcards):
    return stability_modifications()[wildcards.mod]


def stability_training_params():
    """The settings every logistic regression run of problem 1 shares."""
    s = config["stability"]
    keys = ("max_iter", "learning_rate", "tol", "trace_points", "min_exponent", "boundary_iterations")
    return {key: s[key] for key in keys}


def modification_results():
    return expand("results/stability/modifications/{mod}.json", mod=stability_modifications())


DATASET_PATTERN = "|".join(STABILITY_DATASETS)
MODIFICATION_PATTERN = "|".join(re.escape(name) for name in stability_modifications()) or "NONE"


# --- Problem 2: spam classification -------------------------------------------

SPAM_SPLITS = ["train", "val", "test"]
SPAM_CLASSIFIERS = {"naive_bayes": "Naive Bayes", "svm": "RBF SVM", "logreg": "Logistic regression"}


def spam_label(value):
    """Wildcard form of a radius or learning rate: 0.01, 1, 1e-05."""
    return f"{float(value):g}"


def svm_radii():
    """Radius label -> value, in the configured (training) order."""
    return {spam_label(r): float(r) for r in config["spam"]["svm"]["radii"]}


def logreg_rates():
    """Learning-rate label -> value, in the configured order."""
    return {spam_label(r): float(r) for r in config["spam"]["logreg"]["learning_rates"]}


def spam_pattern(labels):
    return "|".join(re.escape(label) for label in labels)


def spam_matrices():
    return {split: f"results/spam/{split}_matrix.npz" for split in SPAM_SPLITS}


def spam_tsvs():
    return {split: f"data/spam/spam_{split}.tsv" for split in SPAM_SPLITS}


def svm_radius(wildcards):
    return svm_radii()[wildcards.radius]


def svm_stream_position(wildcards):
    """Models trained before this one on the course's shared stream (0: fresh stream)."""
    return svm_stream_models(list(svm_radii()).index(wildcards.radius))


def svm_stream_models(position):
    return position if config["spam"]["svm"]["stream"] == "course" else 0


def svm_test_stream_position():
    """The test model follows all validation models on the course's stream."""
    return svm_stream_models(len(svm_radii()))


def svm_settings():
    s = config["spam"]["svm"]
    return {"seed": s["seed"], "stream": s["stream"], "outer_loops": s["outer_loops"]}


def svm_radius_results():
    return expand("results/spam/svm/radius_{radius}.json", radius=svm_radii())


def logreg_rate(wildcards):
    return logreg_rates()[wildcards.rate]


def logreg_rate_results():
    return expand("results/spam/logreg/rate_{rate}.json", rate=logreg_rates())


def bert_course_files():
    """The course's BERT matrices (the one exception to depending on data/ only)."""
    folder = Path(config["course_data"]) / "spam" if config["course_data"] else None
    return {s: str(folder / f"bert_{s}_matrix.tsv.bz2") if folder else f"bert_{s}_matrix.tsv.bz2" for s in SPAM_SPLITS}


def missing_bert_files():
    """Course BERT matrices absent from course_data (all three when it is unset)."""
    return [path for path in bert_course_files().values() if not config["course_data"] or not Path(path).is_file()]


def check_bert_features():
    """spam.features: bert needs all three course BERT matrices: fail early, naming the missing ones."""
    if config["spam"]["features"] == "bert" and missing_bert_files():
        raise WorkflowError(
            "spam.features is 'bert' but course BERT matrices are missing (course_data="
            f"{config['course_data']!r}): {', '.join(missing_bert_files())}. "
            "Set spam.features: minilm or provide them."
        )


def bert_inputs(wildcards):
    return bert_course_files()


check_bert_features()


def deep_features(wildcards):
    """Feature arrays of 2(e) per split: MiniLM embeddings or the course's BERT matrices."""
    folder = "embeddings" if config["spam"]["features"] == "minilm" else "bert"
    return {split: f"results/spam/{folder}/{split}.npy" for split in SPAM_SPLITS}


def spam_plots():
    return {
        "radius": "results/spam/plots/svm_radius_selection.png",
        "rate": "results/spam/plots/logreg_rate_selection.png",
        **{c: f"results/spam/plots/confusion_{c}.png" for c in SPAM_CLASSIFIERS},
    }


# --- Problem 3: kernel perceptron ---------------------------------------------

def perceptron_kernel_params(wildcards):
    """The kernel's settings: rbf gets its sigma, the others none."""
    settings = config["perceptron"]
    return {"sigma": settings["rbf_sigma"]} if wildcards.kernel == "rbf" else {}


def perceptron_results():
    return expand("results/perceptron/{kernel}_model.json", kernel=config["perceptron"]["kernels"])


# --- Problem 4(d): double descent ---------------------------------------------

def doubledescent_fit_paths():
    """The per-training-set sweep results, one per n in config["train_sizes"]."""
    return expand("results/doubledescent/fits/train{n}.json", n=config["train_sizes"])


# --- Report: results/summary.json and results/report.html -----------------------
# One table of what the reports show; results/report.html and `snakemake --report` both
# read it.

REPORT_CAPTIONS = "workflow/report"
RULE_CAPTIONS = "../report"  # the same folder, as report() in workflow/rules/*.smk resolves it


def report_caption(name):
    """A caption file under workflow/report/, as a path from the working directory."""
    return f"{REPORT_CAPTIONS}/{name}.rst"


def report_table():
    """Outputs the reports show, keyed by path, in page order: section and title on
    results/report.html (None: only in `snakemake --report`), caption file name, category
    and subcategory of `snakemake --report`. A {wildcard} in a path stands for one figure
    per value (report_wildcards()); in the title it is the value's label."""
    plots = spam_plots()
    categories = {
        "0 Summary": {"results/summary.json": (None, None, "summary", None)},
        "1 Stability": {
            "results/stability/training_curves.png": (
                "1(b)", "Training curves on A and B", "stability_training_curves", "1(b) why B diverges"
            ),
            "results/stability/boundaries.png": (
                "1(b)", "Decision boundaries during training", "stability_boundaries", "1(b) why B diverges"
            ),
            "results/stability/modifications.csv": (
                None, None, "stability_modifications_table", "1(c) modifications"
            ),
            "results/stability/modifications.png": (
                "1(c)", "The 1(c) modifications on B", "stability_modifications", "1(c) modifications"
            ),
            "results/stability/svm/{dataset}.png": (
                "1(d)", "Soft-margin SVM on {dataset}", "stability_svm", "1(d) SVM"
            ),
        },
        "2 Spam": {
            plots["naive_bayes"]: ("2(b)", "Naive Bayes on the test set", "spam_confusion", "2(b) naive Bayes"),
            plots["radius"]: ("2(d)", "SVM radius selection", "spam_svm_radius", "2(d) SVM"),
            plots["svm"]: ("2(d)", "SVM on the test set", "spam_confusion", "2(d) SVM"),
            plots["rate"]: ("2(e)", "Learning-rate selection", "spam_logreg_rate", "2(e) logistic regression"),
            plots["logreg"]: (
                "2(e)", "Logistic regression on the test set", "spam_confusion", "2(e) logistic regression"
            ),
        },
        "3 Perceptron": {
            "results/perceptron/{kernel}_output.png": (
                "3(b)", "Kernel: {kernel}", "perceptron_output", "3(b) decision regions"
            ),
        },
        "4 Double descent": {
            "results/doubledescent/mse.csv": (None, None, "doubledescent_table", "4(d) validation MSE"),
            "results/doubledescent/doubledescent.png": (
                "4(d)", "Double descent", "doubledescent", "4(d) validation MSE"
            ),
            "results/doubledescent/best_lambda.png": (
                "4(d)", "Best lambda per training set", "doubledescent_best_lambda", "4(d) optimal lambda"
            ),
            "results/doubledescent/expected_mse.png": (
                "4(d)", "Expected MSE under the model", "doubledescent_expected", "4(d) optimal lambda"
            ),
        },
        "5 Neural network": {
            "results/simple_nn/loss_curve.png": (
                "5(a)", "Training loss with sigmoid units", "simple_nn_loss", "5(a) sigmoid"
            ),
            "results/simple_nn/step_weights.png": ("5(b)", "Step-activation weights", "simple_nn_step", "5(b) step"),
            "results/simple_nn/linear_weights.png": ("5(c)", "Linear hidden units", "simple_nn_linear", "5(c) linear"),
        },
        "6 Batch norm": {"results/batchnorm/gradcheck.csv": (None, None, "batchnorm_gradcheck", "6 gradient check")},
    }
    return {
        path: {"section": section, "title": title, "caption": caption, "category": category, "subcategory": sub}
        for category, items in categories.items()
        for path, (section, title, caption, sub) in items.items()
    }


def report_wildcards():
    """Wildcard of a report_table() path -> {value: label in the figure's title}."""
    return {
        "dataset": {dataset: dataset_label(dataset) for dataset in STABILITY_DATASETS},
        "kernel": {kernel: kernel for kernel in config["perceptron"]["kernels"]},
    }


def path_wildcards(path):
    return re.findall(r"\{(\w+)\}", path)


def report_output(path):
    """The output path flagged for `snakemake --report` with its report_table() entry."""
    item = report_table()[path]
    return report(
        path,
        caption=f"{RULE_CAPTIONS}/{item['caption']}.rst",
        category=item["category"],
        subcategory=item["subcategory"],
        labels={name: f"{{{name}}}" for name in path_wildcards(path)} or None,
    )


def figure_values(path):
    """(wildcard values, their labels) of each figure a report_table() path stands for."""
    names = path_wildcards(path)
    if not names:
        return [({}, {})]
    (name,) = names  # one wildcard per path
    return [({name: value}, {name: label}) for value, label in report_wildcards()[name].items()]


def report_figures():
    """The figures of results/report.html in page order: section, title, image, caption file."""
    return [
        {
            "section": item["section"],
            "title": item["title"].format(**labels),
            "path": path.format(**values),
            "caption": report_caption(item["caption"]),
        }
        for path, item in report_table().items()
        if item["section"] is not None
        for values, labels in figure_values(path)
    ]


def report_figure_labels():
    """Section and title of each report figure (the params of report_html)."""
    return [{"section": f["section"], "title": f["title"]} for f in report_figures()]


def report_summary_inputs():
    """Everything results/summary.json gathers, by name."""
    kernels = config["perceptron"]["kernels"]
    return {
        "provenance": "results/provenance.json",
        "stability": "results/stability/summary.json",
        "stability_runs": expand("results/stability/train/{dataset}.json", dataset=STABILITY_DATASETS),
        "spam": "results/spam/metrics.json",
        "spam_models": [f"results/spam/{c}.json" for c in SPAM_CLASSIFIERS],
        "top_words": "results/spam/top_words.json",
        "svm_selection": "results/spam/svm_radius_selection.csv",
        "logreg_selection": "results/spam/logreg_rate_selection.csv",
        "perceptron_models": perceptron_results(),
        "perceptron_predictions": expand("results/perceptron/{kernel}_predictions.txt", kernel=kernels),
        "doubledescent": "results/doubledescent/summary.json",
        "simple_nn": "results/simple_nn/summary.json",
        "sigmoid": "results/simple_nn/sigmoid.json",
        "step": "results/simple_nn/step.json",
        "linear": "results/simple_nn/linear.json",
        "batchnorm": "results/batchnorm/summary.json",
    }


def spam_plot_reports():
    """spam_plots() flagged for `snakemake --report`."""
    return {key: report_output(path) for key, path in spam_plots().items()}


def report_targets():
    """The outputs of the report stage: together they need every result but UNREPORTED_TARGETS."""
    return ["results/summary.json", "results/report.html"]


# Results no report reads (their jobs are not upstream of report_targets()).
UNREPORTED_TARGETS = ["results/perceptron/summary.json"]


def final_targets():
    """Everything `snakemake` builds by default: the report and what it does not read."""
    return [*report_targets(), *UNREPORTED_TARGETS]
