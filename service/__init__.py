"""The FastAPI service: search, ask, documents, facts and the officers' web page."""
