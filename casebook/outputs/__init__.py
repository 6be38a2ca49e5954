"""Outputs that hang off the model: open data, feeds, citation, charts, related, browse and search index."""
