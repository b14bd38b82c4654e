# Helpers of workflow/rules/perceptron.smk: paths, sweep settings and input functions of its rules.
def perceptron_kernel_params(wildcards):
    """The kernel's settings: rbf gets its sigma, the others none."""
    return {"sigma": config["perceptron"]["rbf_sigma"]} if wildcards.kernel == "rbf" else {}


def perceptron_grading_data(part, dataset):
    return {split: f"{data_root(dataset)}/perceptron/{split}.csv" for split in ("train", "test")}


def perceptron_grading_settings(dataset):
    return {k: config["perceptron"][k] for k in ("learning_rate", "rbf_sigma")}


GRADED["perceptron"] = {"data": perceptron_grading_data, "settings": perceptron_grading_settings}
