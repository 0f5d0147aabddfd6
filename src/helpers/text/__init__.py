"""Text: language, sentences, tokens and lemmas, and the shared word lists."""
