# Problem rules: spam (to be built).


def spam_targets():
    """Final outputs of this problem for rule all."""
    return []
