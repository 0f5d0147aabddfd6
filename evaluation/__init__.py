"""The evaluation behind ``make eval`` (not shipped with the package).

``python -m evaluation [--dev-dir DIR]`` compares the pipeline with the annotated
development articles (``../shared/data/dev/`` by default, or ``$TP_DEV_DIR``), next to
plain baselines and the annotators' agreement. One module per stage: ``themes`` is in
``harness`` (ARI/NMI), ``sentiment``, ``tension`` (with ablations and weight tuning),
``actors`` (micro P/R/F1); ``baselines`` holds the plain TF-IDF+KMeans baseline.
"""
