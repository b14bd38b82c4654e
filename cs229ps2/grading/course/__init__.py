"""Stand-ins for the course's helper modules, one folder per folder of the course's ``src/``.

A submission's file imports them by plain name (``import util``, ``import svm``, ``import
logreg``): the sandbox puts the folder of the part's problem first on ``sys.path``. Each module
has the course's interface and is backed by the package; settings the course fixes (the SVM's
seed, its outer loops, the logistic regression's iteration cap) are module attributes the
sandbox sets from the config.
"""
