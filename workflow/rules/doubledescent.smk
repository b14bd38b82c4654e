# Problem rules: doubledescent (to be built).


def doubledescent_targets():
    """Final outputs of this problem for rule all."""
    return []
