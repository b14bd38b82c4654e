# Problem 1: logistic regression stability. One training job per data set, a separability
# certificate per data set, one job per 1(c) modification (on B), a soft-margin SVM per
# data set, then the evidence plots, the 1(c) table and the summary.


include: "helpers/stability.smk"


rule stability_train:
    wildcard_constraints:
        dataset=DATASET_PATTERN,
    input:
        "data/stability/{dataset}.csv",
    output:
        "results/stability/train/{dataset}.json",
    params:
        max_iter=config["stability"]["max_iter"],
        learning_rate=config["stability"]["learning_rate"],
        tol=config["stability"]["tol"],
        trace_points=config["stability"]["trace_points"],
        boundary_iterations=config["stability"]["boundary_iterations"],
        min_exponent=config["stability"]["min_exponent"],
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
        runs=stability_runs(),
    output:
        curves=report_output("results/stability/training_curves.png"),
        boundaries=report_output("results/stability/boundaries.png"),
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
        modification=modification_spec,
        max_iter=config["stability"]["max_iter"],
        tol=config["stability"]["tol"],
        trace_points=config["stability"]["trace_points"],
        min_exponent=config["stability"]["min_exponent"],
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
        table=report_output("results/stability/modifications.csv"),
        plot=report_output("results/stability/modifications.png"),
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
        plot=report_output("results/stability/svm/{dataset}.png"),
    params:
        C=config["stability"]["svm"]["C"],
        max_epochs=config["stability"]["svm"]["max_epochs"],
        tol=config["stability"]["svm"]["tol"],
        code=code_version("stability_svm.py"),
    log:
        "logs/stability/stability_svm/{dataset}.log",
    benchmark:
        "benchmarks/stability/stability_svm/{dataset}.tsv"
    script:
        "../scripts/stability_svm.py"


rule stability_summary:
    input:
        runs=stability_runs(),
        certificates=expand("results/stability/separability/{dataset}.json", dataset=STABILITY_DATASETS),
        svms=expand("results/stability/svm/{dataset}.json", dataset=STABILITY_DATASETS),
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
