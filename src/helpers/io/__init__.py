"""Reading: files and strings to ``Article`` objects (decoding, markup, paragraphs), and finding article files."""
