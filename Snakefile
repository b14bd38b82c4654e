from snakemake.utils import min_version, validate

min_version("9.0")


configfile: "config.yaml"


validate(config, "workflow/schemas/config.schema.yaml")


include: "workflow/rules/common.smk"
include: "workflow/rules/data.smk"
include: "workflow/rules/stability.smk"
include: "workflow/rules/spam.smk"
include: "workflow/rules/perceptron.smk"
include: "workflow/rules/doubledescent.smk"
include: "workflow/rules/simple_nn.smk"
include: "workflow/rules/batchnorm.smk"
include: "workflow/rules/report.smk"
include: "workflow/rules/grading.smk"


rule all:
    default_target: True
    input:
        final_targets(),
        grading_targets(),


onsuccess:
    print_grade_totals()
