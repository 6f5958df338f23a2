"""Everything that reads or writes a file format: the catalogue's YAML files, the Word note, catalogue text as HTML."""

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"  # a Word document's media type
