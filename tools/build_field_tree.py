"""Write the shipped field tree (src/docgen/template_tools/field_tree.json) from the code.

Run after changing the schema, the facts the program derives or the bundled examples;
tests/test_templates_cli.py fails while the shipped copy differs from the computed tree.
"""

from docgen.template_tools.fields import SHIPPED, computed_field_tree, tree_to_json

if __name__ == "__main__":
    SHIPPED.write_text(tree_to_json(computed_field_tree()), encoding="utf-8", newline="\n")
    print(f"已写出 {SHIPPED}")
