"""Models of the API machinery (idempotency records join in with the idempotency module)."""
