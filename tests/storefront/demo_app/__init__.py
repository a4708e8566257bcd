"""A tiny installed app with a `demo` module, to prove seed_demo discovers every app's demo data."""
