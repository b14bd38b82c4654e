# Helpers of workflow/rules/perceptron.smk: paths, sweep settings and input functions of its rules.
def perceptron_kernel_params(wildcards):
    """The kernel's settings: rbf gets its sigma, the others none."""
    return {"sigma": config["perceptron"]["rbf_sigma"]} if wildcards.kernel == "rbf" else {}
