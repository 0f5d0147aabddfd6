"""The benchmarks behind ``make bench`` (not shipped with the package).

``python -m benchmarks`` times each stage next to a plain baseline measured in the same
run and prints numbers and ratios, never assertions. ``common`` has the inputs and the
text-pipeline benchmarks; one module per stage for the rest.
"""
