"""Ingest steps as Haystack components, one file each; ``ingest.pipeline`` connects them."""
