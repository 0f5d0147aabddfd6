"""Presentation: figures (matplotlib and SVG), the HTML report, article comparison, the notebook runner.

Nothing in the pipeline imports this package."""
