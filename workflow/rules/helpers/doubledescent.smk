# Helpers of workflow/rules/doubledescent.smk: paths, sweep settings and input functions of its rules.
def doubledescent_fit_paths():
    """The per-training-set sweep results, one per n in config["train_sizes"]."""
    return expand("results/doubledescent/fits/train{n}.json", n=config["train_sizes"])


def doubledescent_grading_data(part, dataset):
    root = f"{data_root(dataset)}/bayesianreg"
    return {"train": [f"{root}/train{n}.csv" for n in ridge_sizes(dataset)], "validation": f"{root}/validation.csv"}


def doubledescent_grading_settings(dataset):
    dd = config["doubledescent"]
    return {"sigma": dd["sigma"], "eta": dd["eta"], "multipliers": dd["multipliers"], "train_sizes": ridge_sizes(dataset)}


GRADED["doubledescent"] = {"data": doubledescent_grading_data, "settings": doubledescent_grading_settings}
