# Helpers of the workflow: paths, data-source decisions, code versions, input
# functions and the final targets of every problem.
import re
from pathlib import Path

from snakemake.exceptions import WorkflowError

from cs229ps2.codehash import code_digest
from cs229ps2.datastage import PROBLEMS, data_files, missing_course_files
from cs229ps2.provenance import git_state

ROOT = Path(workflow.basedir)
PACKAGE_DIR = ROOT / "cs229ps2"
SCRIPTS_DIR = ROOT / "workflow" / "scripts"


def code_version(script):
    """Digest of the package code a script uses: a param, so code edits rerun its jobs."""
    return code_digest(SCRIPTS_DIR / script, PACKAGE_DIR)


def data_paths(problem):
    """The problem's data files under data/, as the data stage writes them."""
    return [f"data/{problem}/{name}" for name in data_files(problem, config["train_sizes"])]


def course_missing(problem):
    """Files of the problem absent from course_data (all of them when it is unset)."""
    return missing_course_files(config["course_data"], problem, config["train_sizes"])


def data_source(problem):
    """'course' when course_data holds the problem's complete file set, else 'synthetic'."""
    return "synthetic" if course_missing(problem) else "course"


def course_inputs(problem):
    """The course files the data stage copies (none when the problem is synthetic)."""
    if data_source(problem) == "synthetic":
        return []
    folder = Path(config["course_data"]) / problem
    return [str(folder / name) for name in data_files(problem, config["train_sizes"])]


def synthetic_settings(problem):
    """The generator settings, only where they are used (a course copy ignores them)."""
    if data_source(problem) == "course":
        return {}
    return config["synthetic"][problem]


def provenance_inputs():
    return {problem: f"data/{problem}/provenance.json" for problem in PROBLEMS}


def final_targets():
    """Everything `snakemake` builds by default."""
    return [
        "results/provenance.json",
        *stability_targets(),
        *spam_targets(),
        *perceptron_targets(),
        *doubledescent_targets(),
        *simple_nn_targets(),
        *batchnorm_targets(),
        *report_targets(),
    ]


# --- Problem 1: logistic regression stability ---------------------------------

STABILITY_DATASETS = ["ds1_a", "ds1_b"]
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


def stability_targets():
    """Final outputs of this problem for rule all."""
    return [
        "results/stability/summary.json",
        "results/stability/training_curves.png",
        "results/stability/boundaries.png",
        "results/stability/modifications.png",
        *expand("results/stability/svm/{dataset}.png", dataset=STABILITY_DATASETS),
    ]


# --- Problem 2: spam classification -------------------------------------------

SPAM_SPLITS = ["train", "val", "test"]
SPAM_CLASSIFIERS = ["naive_bayes", "svm", "logreg"]


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


def spam_targets():
    """Final outputs of this problem for rule all."""
    return ["results/spam/metrics.json", "results/spam/sample_train_matrix.tsv", *spam_plots().values()]


# --- Problem 3: kernel perceptron ---------------------------------------------

def perceptron_kernel_params(wildcards):
    """The kernel's settings: rbf gets its sigma, the others none."""
    settings = config["perceptron"]
    return {"sigma": settings["rbf_sigma"]} if wildcards.kernel == "rbf" else {}


def perceptron_results():
    return expand("results/perceptron/{kernel}_model.json", kernel=config["perceptron"]["kernels"])


def perceptron_targets():
    """Final outputs of this problem for rule all."""
    kernels = config["perceptron"]["kernels"]
    return [
        "results/perceptron/summary.json",
        *expand("results/perceptron/{kernel}_predictions.txt", kernel=kernels),
        *expand("results/perceptron/{kernel}_output.png", kernel=kernels),
    ]


# --- Problem 4(d): double descent ---------------------------------------------

def doubledescent_fit_paths():
    """The per-training-set sweep results, one per n in config["train_sizes"]."""
    return expand("results/doubledescent/fits/train{n}.json", n=config["train_sizes"])


def doubledescent_targets():
    """Final outputs of this problem for rule all."""
    return [
        "results/doubledescent/mse.csv",
        "results/doubledescent/doubledescent.png",
        "results/doubledescent/doubledescent.pdf",
        "results/doubledescent/best_lambda.png",
        "results/doubledescent/expected_mse.png",
        "results/doubledescent/summary.json",
    ]


# --- Problem 5: the 2-3-1 network ---------------------------------------------

def simple_nn_targets():
    """Final outputs of this problem for rule all."""
    return [
        "results/simple_nn/loss_curve.png",
        "results/simple_nn/step_weights.pdf",
        "results/simple_nn/step_weights.png",
        "results/simple_nn/linear_weights.pdf",
        "results/simple_nn/linear_weights.png",
        "results/simple_nn/summary.json",
    ]


# --- Problem 6: batch normalisation ------------------------------------------

def batchnorm_targets():
    """Final outputs of this problem for rule all."""
    return ["results/batchnorm/gradcheck.csv", "results/batchnorm/summary.json"]


# --- Report: results/summary.json and results/report.html -----------------------

REPORT_CAPTIONS = "workflow/report"


def report_caption(name):
    """A caption file under workflow/report/, as a path from the working directory."""
    return f"{REPORT_CAPTIONS}/{name}.rst"


def report_figures():
    """The figures of results/report.html in page order: section, title, image, caption file."""
    kernels = config["perceptron"]["kernels"]
    plots = spam_plots()
    figures = [
        ("1(b)", "Training curves on A and B", "results/stability/training_curves.png", "stability_training_curves"),
        ("1(b)", "Decision boundaries during training", "results/stability/boundaries.png", "stability_boundaries"),
        ("1(c)", "The 1(c) modifications on B", "results/stability/modifications.png", "stability_modifications"),
        *[
            (
                "1(d)",
                f"Soft-margin SVM on {dataset[-1].upper()}",
                f"results/stability/svm/{dataset}.png",
                "stability_svm",
            )
            for dataset in STABILITY_DATASETS
        ],
        ("2(b)", "Naive Bayes on the test set", plots["naive_bayes"], "spam_confusion"),
        ("2(d)", "SVM radius selection", plots["radius"], "spam_svm_radius"),
        ("2(d)", "SVM on the test set", plots["svm"], "spam_confusion"),
        ("2(e)", "Learning-rate selection", plots["rate"], "spam_logreg_rate"),
        ("2(e)", "Logistic regression on the test set", plots["logreg"], "spam_confusion"),
        *[
            ("3(b)", f"Kernel: {kernel}", f"results/perceptron/{kernel}_output.png", "perceptron_output")
            for kernel in kernels
        ],
        ("4(d)", "Double descent", "results/doubledescent/doubledescent.png", "doubledescent"),
        ("4(d)", "Best lambda per training set", "results/doubledescent/best_lambda.png", "doubledescent_best_lambda"),
        ("4(d)", "Expected MSE under the model", "results/doubledescent/expected_mse.png", "doubledescent_expected"),
        ("5(a)", "Training loss with sigmoid units", "results/simple_nn/loss_curve.png", "simple_nn_loss"),
        ("5(b)", "Step-activation weights", "results/simple_nn/step_weights.png", "simple_nn_step"),
        ("5(c)", "Linear hidden units", "results/simple_nn/linear_weights.png", "simple_nn_linear"),
    ]
    return [
        {"section": section, "title": title, "path": path, "caption": report_caption(caption)}
        for section, title, path, caption in figures
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
    """spam_plots() flagged for `snakemake --report` (captions in workflow/report/)."""
    captions = {"radius": "spam_svm_radius", "rate": "spam_logreg_rate"}
    subcategories = {"radius": "2(d) SVM", "rate": "2(e) logistic regression", "naive_bayes": "2(b) naive Bayes",
                     "svm": "2(d) SVM", "logreg": "2(e) logistic regression"}
    return {
        key: report(
            path,
            caption=f"../report/{captions.get(key, 'spam_confusion')}.rst",
            category="2 Spam",
            subcategory=subcategories[key],
        )
        for key, path in spam_plots().items()
    }


def report_targets():
    """Final outputs of the report stage for rule all."""
    return ["results/summary.json", "results/report.html"]
