"""The course's helper modules (course code students may see), one subfolder per folder of the
course's ``src/``: ``spam/`` (``util``, ``svm``, ``logreg``), ``perceptron/util``,
``bayesianreg/util`` and ``simple_nn/util``.

A student's file imports them by plain name (``import util``, ``import svm``), so they are
self-contained: they import nothing from cs229ps2, only the standard library, numpy, scipy and
matplotlib (inside the plotting functions). The grading sandbox copies the part's folder into
the child process and puts it first on ``sys.path``; constants the course fixes (the SVM's seed
and outer loops, the logistic regression's iteration cap, the spam reader) are module
attributes the sandbox may set from the config. The pipeline imports the SVM's and the
logistic regression's algorithms from here, so there is one implementation of each.
"""
