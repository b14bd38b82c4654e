# Problem 1: logistic regression stability. One training job per data set, a separability
# certificate per data set, one job per 1(c) modification (on B), a soft-margin SVM per
# data set, then the evidence plots, the 1(c) table and the summary.


rule stability_train:
    wildcard_constraints:
        dataset=DATASET_PATTERN,
    input:
        "data/stability/{dataset}.csv",
    output:
        "results/stability/train/{dataset}.json",
    params:
        training=stability_training_params(),
        code=code_version("stability_train.py"),
    log:
        "logs/stability/stability_train/{dataset}.log",
    benchmark:
        "benchmarks/stability/stability_train/{dataset}.tsv"
    script:
        "../scripts/stability_train.py"


rule stability_separability:
    wildcard_constraints:
        dataset=DATASET_PATTERN,
    input:
        "data/stability/{dataset}.csv",
    output:
        "results/stability/separability/{dataset}.json",
    params:
        code=code_version("stability_separability.py"),
    log:
        "logs/stability/stability_separability/{dataset}.log",
    benchmark:
        "benchmarks/stability/stability_separability/{dataset}.tsv"
    script:
        "../scripts/stability_separability.py"


rule stability_evidence:
    input:
        data=expand("data/stability/{dataset}.csv", dataset=STABILITY_DATASETS),
        runs=expand("results/stability/train/{dataset}.json", dataset=STABILITY_DATASETS),
    output:
        curves=report(
            "results/stability/training_curves.png",
            caption="../report/stability_training_curves.rst",
            category="1 Stability",
            subcategory="1(b) why B diverges",
        ),
        boundaries=report(
            "results/stability/boundaries.png",
            caption="../report/stability_boundaries.rst",
            category="1 Stability",
            subcategory="1(b) why B diverges",
        ),
    params:
        names=STABILITY_DATASETS,
        boundary_iterations=config["stability"]["boundary_iterations"],
        code=code_version("stability_evidence.py"),
    log:
        "logs/stability/stability_evidence.log",
    benchmark:
        "benchmarks/stability/stability_evidence.tsv"
    script:
        "../scripts/stability_evidence.py"


rule stability_modification:
    wildcard_constraints:
        mod=MODIFICATION_PATTERN,
    input:
        "data/stability/ds1_b.csv",
    output:
        "results/stability/modifications/{mod}.json",
    params:
        spec=modification_spec,
        training=stability_training_params(),
        code=code_version("stability_modification.py"),
    log:
        "logs/stability/stability_modification/{mod}.log",
    benchmark:
        "benchmarks/stability/stability_modification/{mod}.tsv"
    script:
        "../scripts/stability_modification.py"


rule stability_modifications:
    input:
        modification_results(),
    output:
        table=report(
            "results/stability/modifications.csv",
            caption="../report/stability_modifications_table.rst",
            category="1 Stability",
            subcategory="1(c) modifications",
        ),
        plot=report(
            "results/stability/modifications.png",
            caption="../report/stability_modifications.rst",
            category="1 Stability",
            subcategory="1(c) modifications",
        ),
    params:
        code=code_version("stability_modifications.py"),
    log:
        "logs/stability/stability_modifications.log",
    benchmark:
        "benchmarks/stability/stability_modifications.tsv"
    script:
        "../scripts/stability_modifications.py"


rule stability_svm:
    wildcard_constraints:
        dataset=DATASET_PATTERN,
    input:
        data="data/stability/{dataset}.csv",
        run="results/stability/train/{dataset}.json",
    output:
        result="results/stability/svm/{dataset}.json",
        plot=report(
            "results/stability/svm/{dataset}.png",
            caption="../report/stability_svm.rst",
            category="1 Stability",
            subcategory="1(d) SVM",
            labels={"dataset": "{dataset}"},
        ),
    params:
        svm=config["stability"]["svm"],
        code=code_version("stability_svm.py"),
    log:
        "logs/stability/stability_svm/{dataset}.log",
    benchmark:
        "benchmarks/stability/stability_svm/{dataset}.tsv"
    script:
        "../scripts/stability_svm.py"


rule stability_summary:
    input:
        runs=expand("results/stability/train/{dataset}.json", dataset=STABILITY_DATASETS),
        certificates=expand("results/stability/separability/{dataset}.json", dataset=STABILITY_DATASETS),
        svms=expand("results/stability/svm/{dataset}.json", dataset=STABILITY_DATASETS),
        table="results/stability/modifications.csv",
        modifications=modification_results(),
    output:
        "results/stability/summary.json",
    params:
        names=STABILITY_DATASETS,
        code=code_version("stability_summary.py"),
    log:
        "logs/stability/stability_summary.log",
    benchmark:
        "benchmarks/stability/stability_summary.tsv"
    script:
        "../scripts/stability_summary.py"
