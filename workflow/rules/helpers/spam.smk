# Helpers of workflow/rules/spam.smk: paths, sweep settings and input functions of its rules.
from snakemake.exceptions import WorkflowError

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


def svm_stream_models(position):
    """Models drawn from the stream before the one at position (0 with independent streams)."""
    return position if config["spam"]["svm"]["stream"] == "course" else 0


def svm_stream_position(wildcards):
    """Models trained before this radius's model on the course's shared stream."""
    return svm_stream_models(list(svm_radii()).index(wildcards.radius))


def svm_radius_results():
    return expand("results/spam/svm/radius_{radius}.json", radius=svm_radii())


def logreg_rate(wildcards):
    return logreg_rates()[wildcards.rate]


def logreg_rate_results():
    return expand("results/spam/logreg/rate_{rate}.json", rate=logreg_rates())


def bert_course_files():
    """The course's BERT matrices (the one exception to depending on data/ only)."""
    folder = Path(config["course_data"] or ".") / "spam"
    return {split: str(folder / f"bert_{split}_matrix.tsv.bz2") for split in SPAM_SPLITS}


def check_bert_features():
    """spam.features: bert needs all three course BERT matrices: fail early, naming the missing ones."""
    missing = [p for p in bert_course_files().values() if not config["course_data"] or not Path(p).is_file()]
    if config["spam"]["features"] == "bert" and missing:
        raise WorkflowError(
            "spam.features is 'bert' but course BERT matrices are missing (course_data="
            f"{config['course_data']!r}): {', '.join(missing)}. Set spam.features: minilm or provide them."
        )


check_bert_features()


def bert_inputs(wildcards):
    return bert_course_files()


def deep_features(wildcards):
    """Feature arrays of 2(e) per split: MiniLM embeddings or the course's BERT matrices."""
    folder = "embeddings" if config["spam"]["features"] == "minilm" else "bert"
    return {split: f"results/spam/{folder}/{split}.npy" for split in SPAM_SPLITS}


def spam_plots():
    """The plots of problem 2, each flagged for `snakemake --report`."""
    paths = {
        "radius": "results/spam/plots/svm_radius_selection.png",
        "rate": "results/spam/plots/logreg_rate_selection.png",
        **{c: f"results/spam/plots/confusion_{c}.png" for c in SPAM_CLASSIFIERS},
    }
    return {key: report_output(path) for key, path in paths.items()}


def private_embeddings():
    """The private set's sentence-embedding features, one file per split."""
    return {split: f"{PRIVATE_RESULTS}/embeddings/{split}.npy" for split in SPAM_SPLITS}


def spam_grading_data(part, dataset):
    """The files 2(a)-(e)'s driver reads: the three splits, and for 2(e) their features."""
    tsvs = {split: f"{data_root(dataset)}/spam/spam_{split}.tsv" for split in SPAM_SPLITS}
    if part.name != "2e":
        return tsvs
    features = deep_features(None) if dataset == "main" else private_embeddings()
    return tsvs | {f"features_{split}": path for split, path in features.items()}


def spam_grading_settings(dataset):
    s = config["spam"]
    radii, rates = s["svm"]["radii"], s["logreg"]["learning_rates"]
    return {"reader": s["reader"], "radii": radii, "rates": rates, "svm_seed": s["svm"]["seed"]}


def spam_course_constants():
    s = config["spam"]
    return {
        "svm": {"OUTER_LOOPS": s["svm"]["outer_loops"]},
        "logreg": {"MAX_ITERATIONS": s["logreg"]["max_iterations"]},
        "util": {"READER": s["reader"]},
    }


GRADED["spam"] = {"data": spam_grading_data, "settings": spam_grading_settings, "course": spam_course_constants}
