"""Connectors: tracker payloads in, wigboard.model objects out."""
