"""``python -m docgen``: the same command as ``docgen``, for a PC whose Scripts folder is not
on PATH (the usual case on Windows)."""

from docgen.cli import main

if __name__ == "__main__":
    main(prog_name="docgen")
