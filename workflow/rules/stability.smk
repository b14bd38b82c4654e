# Problem rules: stability (to be built).


def stability_targets():
    """Final outputs of this problem for rule all."""
    return []
