# Problem 4(d): ridge (MAP) estimates for every training set and lambda, then the
# double-descent table, plots and summary. One fit job per training set, which parses its
# own CSV; the validation CSV, read by every fit, is parsed once into arrays.


include: "helpers/doubledescent.smk"


rule doubledescent_validation:
    input:
        "data/bayesianreg/validation.csv",
    output:
        "results/doubledescent/validation.npz",
    params:
        code=code_version("doubledescent_validation.py"),
    log:
        "logs/doubledescent/doubledescent_validation.log",
    benchmark:
        "benchmarks/doubledescent/doubledescent_validation.tsv"
    script:
        "../scripts/doubledescent_validation.py"


rule doubledescent_fit:
    input:
        train="data/bayesianreg/train{n}.csv",
        validation=rules.doubledescent_validation.output[0],
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
