"""The live preview: serve and its incremental rebuild."""
