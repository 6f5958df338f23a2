"""Everything that reads or writes a file format: the catalogue's YAML files, the Word note, catalogue text as HTML."""
