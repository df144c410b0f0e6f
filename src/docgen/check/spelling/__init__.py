"""The spelling model: confusable characters and homophone words ranked by trained statistics.

Nothing here is imported until a spelling rule (SP01–SP03) runs: numpy and the
memory-mapped model file (data/spelling.bin, built by tools/build_spelling_model.py) stay
out of ``docgen --help`` and of checks with the spelling family off.
"""
