CALLS: list[object] = []


def seed_demo(*, stdout) -> None:
    CALLS.append(stdout)
    stdout.write("demo_app: seeded")
