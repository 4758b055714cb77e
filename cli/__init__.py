"""The ``tracuu`` command: the composition root that wires the core, ingest, the service and eval together.

Nothing imports this package; it may import every layer.
"""
