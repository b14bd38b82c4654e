# Problem 5: the 2-3-1 network. (a) sigmoid gradient and a training run, (b) step
# weights, (c) linear hidden layer (LP certificate and best linear attempt), summary.


include: "helpers/simple_nn.smk"


rule simple_nn_sigmoid:
    input:
        "data/simple_nn/train.csv",
    output:
        result="results/simple_nn/sigmoid.json",
        losses="results/simple_nn/losses.csv",
        png=report_output("results/simple_nn/loss_curve.png"),
    params:
        seed=config["simple_nn"]["seed"],
        steps=config["simple_nn"]["steps"],
        learning_rate=config["simple_nn"]["learning_rate"],
        init_scale=config["simple_nn"]["init_scale"],
        log_every=config["simple_nn"]["log_every"],
        eps=config["simple_nn"]["gradcheck_eps"],
        code=code_version("simple_nn_sigmoid.py"),
    log:
        "logs/simple_nn/simple_nn_sigmoid.log",
    benchmark:
        "benchmarks/simple_nn/simple_nn_sigmoid.tsv"
    script:
        "../scripts/simple_nn_sigmoid.py"


rule simple_nn_step:
    input:
        "data/simple_nn/train.csv",
    output:
        result="results/simple_nn/step.json",
        pdf="results/simple_nn/step_weights.pdf",
        png=report_output("results/simple_nn/step_weights.png"),
    params:
        tolerance=config["simple_nn"]["step_tolerance"],
        resolution=config["simple_nn"]["plot_resolution"],
        code=code_version("simple_nn_step.py"),
    log:
        "logs/simple_nn/simple_nn_step.log",
    benchmark:
        "benchmarks/simple_nn/simple_nn_step.tsv"
    script:
        "../scripts/simple_nn_step.py"


rule simple_nn_linear:
    input:
        "data/simple_nn/train.csv",
    output:
        result="results/simple_nn/linear.json",
        pdf="results/simple_nn/linear_weights.pdf",
        png=report_output("results/simple_nn/linear_weights.png"),
    params:
        tolerance=config["simple_nn"]["step_tolerance"],
        resolution=config["simple_nn"]["plot_resolution"],
        code=code_version("simple_nn_linear.py"),
    log:
        "logs/simple_nn/simple_nn_linear.log",
    benchmark:
        "benchmarks/simple_nn/simple_nn_linear.tsv"
    script:
        "../scripts/simple_nn_linear.py"


rule simple_nn_summary:
    input:
        sigmoid="results/simple_nn/sigmoid.json",
        step="results/simple_nn/step.json",
        linear="results/simple_nn/linear.json",
    output:
        "results/simple_nn/summary.json",
    params:
        code=code_version("simple_nn_summary.py"),
    log:
        "logs/simple_nn/simple_nn_summary.log",
    benchmark:
        "benchmarks/simple_nn/simple_nn_summary.tsv"
    script:
        "../scripts/simple_nn_summary.py"
