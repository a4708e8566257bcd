"""The summary a soak run prints: what it did, what it broke, how long recovery took, and each invariant."""

from collections import Counter


def print_summary(
    *, workload, receiver, injections, origin, checks, drained_in, total_seconds, unplanned_exits
) -> None:
    ledger = workload.ledger
    outcomes = ledger.outcomes
    by_instance = Counter(outcome.instance for outcome in outcomes)
    errors = Counter(outcome.kind for outcome in outcomes if outcome.status is None or outcome.status >= 400)
    orders = Counter(ledger.orders.values())
    print("\n== soak summary")
    print(f"requests      {len(outcomes)} ({', '.join(f'web-{i + 1} {n}' for i, n in sorted(by_instance.items()))})")
    print(f"orders        {len(ledger.orders)} ({', '.join(f'{m} {n}' for m, n in orders.most_common())}); "
          f"{len(ledger.stripe_events)} Stripe events, each sent to both instances")  # fmt: skip
    print(f"transfers     {', '.join(f'{status}: {n}' for status, n in sorted(ledger.transfers.items()))}")
    print(f"media         {len(ledger.media)} uploads accepted")
    print(f"deliveries    receiver answered {', '.join(f'{k} {v}' for k, v in receiver.answers.items())}; "
          f"{len(receiver.acknowledged)} distinct webhook-ids acknowledged")  # fmt: skip
    print("client-visible errors by kind:")
    for kind, count in errors.most_common():
        print(f"  {count:>6}  {kind}")
    print("faults:")
    for injection in injections:
        recovered = f"recovered in {injection.recovered_after:.1f} s" if injection.recovered_after is not None else (
            "NOT RECOVERED" if injection.injected else "NOT INJECTED")  # fmt: skip
        print(f"  t+{injection.started_at - origin:>5.1f}s  {injection.name:<38} {recovered:<20} {injection.note}")
    print(f"unplanned process exits, restarted by the supervisor: {len(unplanned_exits)}")
    for exit_note in unplanned_exits:
        print(f"  {exit_note}")
    print(f"drained in    {f'{drained_in:.1f} s' if drained_in is not None else 'NOT DRAINED'}; "
          f"whole run {total_seconds:.0f} s")  # fmt: skip
    print("invariants:")
    for check in checks:
        print(f"  {'ok  ' if check.ok else 'FAIL'}  {check.name}  [{check.facts}]")
        for problem in check.problems:
            print(f"          - {problem}")
        if check.total > len(check.problems):
            print(f"          ... and {check.total - len(check.problems)} more")
    failed = [check for check in checks if not check.ok]
    print(f"\nSOAK {'PASSED' if not failed else 'FAILED: ' + '; '.join(check.name for check in failed)}")
