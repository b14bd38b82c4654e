# Problem 2: spam classification. Matrices (a), naive Bayes (b) and its top words (c),
# the course's RBF SVM with one job per radius (d), deep features and the course's
# logistic regression with one job per learning rate (e), then plots and the summary.


include: "helpers/spam.smk"


rule spam_matrices:
    input:
        **spam_tsvs(),
    output:
        dictionary="results/spam/dictionary.json",
        sample="results/spam/sample_train_matrix.tsv",
        **spam_matrices(),
    params:
        reader=config["spam"]["reader"],
        min_messages=config["spam"]["min_messages"],
        sample_rows=config["spam"]["sample_rows"],
        code=code_version("spam_matrices.py"),
    log:
        "logs/spam/spam_matrices.log",
    benchmark:
        "benchmarks/spam/spam_matrices.tsv"
    script:
        "../scripts/spam_matrices.py"


rule spam_naive_bayes:
    input:
        train="results/spam/train_matrix.npz",
        test="results/spam/test_matrix.npz",
    output:
        model="results/spam/naive_bayes_model.json",
        predictions="results/spam/naive_bayes_predictions.txt",
        summary="results/spam/naive_bayes.json",
    params:
        code=code_version("spam_naive_bayes.py"),
    log:
        "logs/spam/spam_naive_bayes.log",
    benchmark:
        "benchmarks/spam/spam_naive_bayes.tsv"
    script:
        "../scripts/spam_naive_bayes.py"


rule spam_top_words:
    input:
        model="results/spam/naive_bayes_model.json",
        dictionary="results/spam/dictionary.json",
    output:
        "results/spam/top_words.json",
    params:
        k=config["spam"]["top_words"],
        code=code_version("spam_top_words.py"),
    log:
        "logs/spam/spam_top_words.log",
    benchmark:
        "benchmarks/spam/spam_top_words.tsv"
    script:
        "../scripts/spam_top_words.py"


rule spam_svm_radius:
    wildcard_constraints:
        radius=spam_pattern(svm_radii()),
    input:
        train="results/spam/train_matrix.npz",
        val="results/spam/val_matrix.npz",
    output:
        "results/spam/svm/radius_{radius}.json",
    params:
        radius=svm_radius,
        models_before=svm_stream_position,
        seed=config["spam"]["svm"]["seed"],
        outer_loops=config["spam"]["svm"]["outer_loops"],
        memory_limit_gb=config["memory_limit_gb"],
        code=code_version("spam_svm_radius.py"),
    log:
        "logs/spam/spam_svm_radius/{radius}.log",
    benchmark:
        "benchmarks/spam/spam_svm_radius/{radius}.tsv"
    script:
        "../scripts/spam_svm_radius.py"


rule spam_svm_test:
    input:
        radii=svm_radius_results(),
        train="results/spam/train_matrix.npz",
        test="results/spam/test_matrix.npz",
    output:
        selection="results/spam/svm_radius_selection.csv",
        predictions="results/spam/svm_predictions.txt",
        summary="results/spam/svm.json",
    params:
        models_before=svm_stream_models(len(svm_radii())),  # after every validation model
        seed=config["spam"]["svm"]["seed"],
        outer_loops=config["spam"]["svm"]["outer_loops"],
        memory_limit_gb=config["memory_limit_gb"],
        code=code_version("spam_svm_test.py"),
    log:
        "logs/spam/spam_svm_test.log",
    benchmark:
        "benchmarks/spam/spam_svm_test.tsv"
    script:
        "../scripts/spam_svm_test.py"


rule spam_embeddings_export:
    output:
        onnx="results/spam/model/minilm.onnx",
        tokenizer="results/spam/model/tokenizer.json",
        settings="results/spam/model/settings.json",
    params:
        code=code_version("spam_embeddings_export.py"),
    priority: 100  # the head of the longest chain of jobs: start it first
    log:
        "logs/spam/spam_embeddings_export.log",
    benchmark:
        "benchmarks/spam/spam_embeddings_export.tsv"
    script:
        "../scripts/spam_embeddings_export.py"


rule spam_embeddings_shard:
    wildcard_constraints:
        shard=r"\d+",
    input:
        **spam_tsvs(),
        **rules.spam_embeddings_export.output,  # the exported model: onnx, tokenizer, settings
    output:
        "results/spam/embeddings/shards/{shard}.npz",
    params:
        reader=config["spam"]["reader"],
        shard=lambda wildcards: int(wildcards.shard),
        shards=config["spam"]["embeddings"]["shards"],
        threads=config["spam"]["embeddings"]["threads"],
        batch_size=config["spam"]["embeddings"]["batch_size"],
        code=code_version("spam_embeddings_shard.py"),
    threads: config["spam"]["embeddings"]["threads"]
    priority: 100  # the longest chain of jobs: start it first
    log:
        "logs/spam/spam_embeddings_shard/{shard}.log",
    benchmark:
        "benchmarks/spam/spam_embeddings_shard/{shard}.tsv"
    script:
        "../scripts/spam_embeddings_shard.py"


rule spam_embeddings:
    input:
        **spam_tsvs(),
        shards=expand(
            "results/spam/embeddings/shards/{shard}.npz", shard=range(config["spam"]["embeddings"]["shards"])
        ),
    output:
        **{split: f"results/spam/embeddings/{split}.npy" for split in SPAM_SPLITS},
    params:
        reader=config["spam"]["reader"],
        code=code_version("spam_embeddings.py"),
    priority: 100  # the longest chain of jobs: start it first
    log:
        "logs/spam/spam_embeddings.log",
    benchmark:
        "benchmarks/spam/spam_embeddings.tsv"
    script:
        "../scripts/spam_embeddings.py"


rule spam_bert_features:
    input:
        unpack(bert_inputs),
        **{f"{split}_matrix": path for split, path in spam_matrices().items()},
    output:
        **{split: f"results/spam/bert/{split}.npy" for split in SPAM_SPLITS},
    params:
        code=code_version("spam_bert_features.py"),
    log:
        "logs/spam/spam_bert_features.log",
    benchmark:
        "benchmarks/spam/spam_bert_features.tsv"
    script:
        "../scripts/spam_bert_features.py"


rule spam_logreg_rate:
    wildcard_constraints:
        rate=spam_pattern(logreg_rates()),
    input:
        unpack(deep_features),
        train_matrix="results/spam/train_matrix.npz",
        val_matrix="results/spam/val_matrix.npz",
    output:
        summary="results/spam/logreg/rate_{rate}.json",
        theta="results/spam/logreg/rate_{rate}.npy",
    params:
        learning_rate=logreg_rate,
        max_iterations=config["spam"]["logreg"]["max_iterations"],
        code=code_version("spam_logreg_rate.py"),
    log:
        "logs/spam/spam_logreg_rate/{rate}.log",
    benchmark:
        "benchmarks/spam/spam_logreg_rate/{rate}.tsv"
    script:
        "../scripts/spam_logreg_rate.py"


rule spam_logreg_test:
    input:
        unpack(deep_features),
        rates=logreg_rate_results(),
        thetas=expand("results/spam/logreg/rate_{rate}.npy", rate=logreg_rates()),
        test_matrix="results/spam/test_matrix.npz",
    output:
        selection="results/spam/logreg_rate_selection.csv",
        predictions="results/spam/logreg_predictions.txt",
        summary="results/spam/logreg.json",
    params:
        features=config["spam"]["features"],
        code=code_version("spam_logreg_test.py"),
    log:
        "logs/spam/spam_logreg_test.log",
    benchmark:
        "benchmarks/spam/spam_logreg_test.tsv"
    script:
        "../scripts/spam_logreg_test.py"


rule spam_plots:
    input:
        radii=svm_radius_results(),
        rates=logreg_rate_results(),
        test="results/spam/test_matrix.npz",
        **{c: f"results/spam/{c}_predictions.txt" for c in SPAM_CLASSIFIERS},
    output:
        **spam_plots(),
    params:
        classifiers=SPAM_CLASSIFIERS,
        code=code_version("spam_plots.py"),
    log:
        "logs/spam/spam_plots.log",
    benchmark:
        "benchmarks/spam/spam_plots.tsv"
    script:
        "../scripts/spam_plots.py"


rule spam_summary:
    input:
        naive_bayes="results/spam/naive_bayes.json",
        top_words="results/spam/top_words.json",
        svm="results/spam/svm.json",
        logreg="results/spam/logreg.json",
    output:
        summary="results/spam/summary.json",
        metrics="results/spam/metrics.json",
    params:
        code=code_version("spam_summary.py"),
    log:
        "logs/spam/spam_summary.log",
    benchmark:
        "benchmarks/spam/spam_summary.tsv"
    script:
        "../scripts/spam_summary.py"
