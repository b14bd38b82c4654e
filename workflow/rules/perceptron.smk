# Problem 3: kernel perceptron. One job per kernel (train on train.csv, predict test.csv,
# plot the decision regions), then the summary of test accuracies.


include: "helpers/perceptron.smk"


rule perceptron_train:
    wildcard_constraints:
        kernel="|".join(config["perceptron"]["kernels"]),
    input:
        train="data/perceptron/train.csv",
        test="data/perceptron/test.csv",
    output:
        predictions="results/perceptron/{kernel}_predictions.txt",
        plot=report_output("results/perceptron/{kernel}_output.png"),
        model="results/perceptron/{kernel}_model.json",
    params:
        kernel=perceptron_kernel_params,
        learning_rate=config["perceptron"]["learning_rate"],
        resolution=config["perceptron"]["grid_resolution"],
        code=code_version("perceptron_train.py"),
    log:
        "logs/perceptron/perceptron_train/{kernel}.log",
    benchmark:
        "benchmarks/perceptron/perceptron_train/{kernel}.tsv"
    script:
        "../scripts/perceptron_train.py"


rule perceptron_summary:
    input:
        expand("results/perceptron/{kernel}_model.json", kernel=config["perceptron"]["kernels"]),
    output:
        "results/perceptron/summary.json",
    params:
        code=code_version("perceptron_summary.py"),
    log:
        "logs/perceptron/perceptron_summary.log",
    benchmark:
        "benchmarks/perceptron/perceptron_summary.tsv"
    script:
        "../scripts/perceptron_summary.py"
