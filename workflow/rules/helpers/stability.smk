# Helpers of workflow/rules/stability.smk: paths, sweep settings and input functions of its rules.
from cs229ps2.problems.stability import PROBLEM as STABILITY

STABILITY_DATASETS = [Path(name).stem for name in STABILITY.data]
MODIFICATION_LISTS = {
    "lr": "learning_rates",
    "decay": "decay_c",
    "scale": "scales",
    "l2": "l2",
    "xnoise": "input_noise",
    "ynoise": "label_noise",
    "yflip": "label_flips",
}
OWN_RATE_KINDS = ("lr", "decay")  # these set the learning rate themselves
SEEDED_KINDS = {"xnoise": "input_noise_seed", "ynoise": "label_noise_seed", "yflip": "label_flip_seed"}


def stability_modifications():
    """Modification job name (e.g. lr-0.001) -> the modification, from config.

    Each holds what its job depends on, and nothing else: kind, value, the seed of its noise
    (seeded kinds only) and the base learning rate (kinds that do not set their own).
    """
    s = config["stability"]
    mods = s["modifications"]
    return {
        f"{kind}-{value:g}": {
            "kind": kind,
            "value": float(value),
            "seed": mods[SEEDED_KINDS[kind]] if kind in SEEDED_KINDS else None,
            "learning_rate": None if kind in OWN_RATE_KINDS else s["learning_rate"],
        }
        for kind, key in MODIFICATION_LISTS.items()
        for value in mods[key]
    }


def modification_spec(wildcards):
    return stability_modifications()[wildcards.mod]


def modification_results():
    return expand("results/stability/modifications/{mod}.json", mod=stability_modifications())


def stability_runs():
    return expand("results/stability/train/{dataset}.json", dataset=STABILITY_DATASETS)


DATASET_PATTERN = "|".join(STABILITY_DATASETS)
MODIFICATION_PATTERN = "|".join(re.escape(name) for name in stability_modifications()) or "NONE"
