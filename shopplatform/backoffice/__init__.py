"""The merchant back-office: dashboard, roles, change history, bulk jobs, imports and exports (docs/back-office.md).

A cross-app feature (top layer): it reads and writes the domain apps only through their services and queries.
"""
