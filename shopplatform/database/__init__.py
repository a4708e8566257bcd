"""The PostgreSQL backend the project runs on: django-prometheus's instrumented one with a cheaper health check."""
