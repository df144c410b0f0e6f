"""Derived facts: what templates see, computed from the data so no template types a figure.

``figures`` rounds and words the comparisons; ``township`` builds a document's data from
the situation; ``village`` adds one village's own figures and problems for a batch.
"""
