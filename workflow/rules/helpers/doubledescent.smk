# Helpers of workflow/rules/doubledescent.smk: paths, sweep settings and input functions of its rules.
def doubledescent_fit_paths():
    """The per-training-set sweep results, one per n in config["train_sizes"]."""
    return expand("results/doubledescent/fits/train{n}.json", n=config["train_sizes"])
