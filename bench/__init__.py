"""`make bench`: whole-pipeline throughput measured against pdfminer.six's own speed.

`python -m bench.run` builds a seeded corpus (bench/corpus.py), runs every measured
configuration in its own subprocess (bench/measure.py) and writes BENCHMARKS.md
(bench/report.py). A script, not a test.
"""
