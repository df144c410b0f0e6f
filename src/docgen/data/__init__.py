"""Reading situation data: YAML with line marks, validation, Chinese messages."""
