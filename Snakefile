from snakemake.utils import min_version, validate

min_version("9.0")


configfile: "config.yaml"


validate(config, "workflow/schemas/config.schema.yaml")


include: "workflow/rules/common.smk"
include: "workflow/rules/data.smk"


for problem_rules in PROBLEM_RULES:  # one per problem of cs229ps2/problems/registry.py

    include: problem_rules


include: "workflow/rules/report.smk"
include: "workflow/rules/grading.smk"


rule all:
    default_target: True
    input:
        final_targets(),
        grading_targets(),


onsuccess:
    print_grade_totals()
