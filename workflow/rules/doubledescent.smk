# Problem 4(d): ridge (MAP) estimates for every training set and lambda, then the
# double-descent table, plots and summary. Each data file is parsed once into arrays;
# one fit job per training set.


include: "helpers/doubledescent.smk"


rule doubledescent_arrays:
    input:
        "data/bayesianreg/{name}.csv",
    output:
        "results/doubledescent/arrays/{name}.npz",
    params:
        code=code_version("doubledescent_arrays.py"),
    wildcard_constraints:
        name=r"train\d+|validation",
    log:
        "logs/doubledescent/doubledescent_arrays/{name}.log",
    benchmark:
        "benchmarks/doubledescent/doubledescent_arrays/{name}.tsv"
    script:
        "../scripts/doubledescent_arrays.py"


rule doubledescent_fit:
    input:
        train="results/doubledescent/arrays/train{n}.npz",
        validation="results/doubledescent/arrays/validation.npz",
    output:
        "results/doubledescent/fits/train{n}.json",
    params:
        sigma=config["doubledescent"]["sigma"],
        eta=config["doubledescent"]["eta"],
        multipliers=config["doubledescent"]["multipliers"],
        fine_grid=config["doubledescent"]["fine_grid"],
        code=code_version("doubledescent_fit.py"),
    wildcard_constraints:
        n=r"\d+",
    log:
        "logs/doubledescent/doubledescent_fit/{n}.log",
    benchmark:
        "benchmarks/doubledescent/doubledescent_fit/{n}.tsv"
    script:
        "../scripts/doubledescent_fit.py"


rule doubledescent_plots:
    input:
        fits=doubledescent_fit_paths(),
    output:
        table=report_output("results/doubledescent/mse.csv"),
        png=report_output("results/doubledescent/doubledescent.png"),
        pdf="results/doubledescent/doubledescent.pdf",
        best_png=report_output("results/doubledescent/best_lambda.png"),
        expected_png=report_output("results/doubledescent/expected_mse.png"),
    params:
        ylim=config["doubledescent"]["ylim"],
        code=code_version("doubledescent_plots.py"),
    log:
        "logs/doubledescent/doubledescent_plots.log",
    benchmark:
        "benchmarks/doubledescent/doubledescent_plots.tsv"
    script:
        "../scripts/doubledescent_plots.py"


rule doubledescent_summary:
    input:
        fits=doubledescent_fit_paths(),
    output:
        "results/doubledescent/summary.json",
    params:
        code=code_version("doubledescent_summary.py"),
    log:
        "logs/doubledescent/doubledescent_summary.log",
    benchmark:
        "benchmarks/doubledescent/doubledescent_summary.tsv"
    script:
        "../scripts/doubledescent_summary.py"
