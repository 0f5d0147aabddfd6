"""Training the project's shipped models (``make train``; not shipped with the package).

Each step reads its data in place, writes its model into ``src/helpers/data/`` and is
deterministic (same data and code, same bytes). ``python -m training`` runs every step;
``STEPS`` lists them in order.
"""
