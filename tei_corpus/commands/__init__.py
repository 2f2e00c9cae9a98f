"""One module per ``tei`` command; ``common`` holds the shared options."""
