"""justicegap: the reproducible ICC justice-gap report.

Data loading and validation live in ``justicegap.data``, the metrics in
``justicegap.analysis``, charts in ``justicegap.figures`` and the report build
(papermill execution, nbconvert rendering, publishing) in ``justicegap.build``.
"""

__version__ = "0.1.0"
