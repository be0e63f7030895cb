#!/usr/bin/env python3
"""Where the time goes: joins quotaflow's and the simulator's per-request timelines (both logged at DEBUG
with -Dquotaflow.timeline=DEBUG; System.nanoTime() is one clock for all JVMs on a Linux machine).

    bench/timeline.py CLIENT_LOG SIMULATOR_LOG LIMIT PERIOD_MS

Prints, in milliseconds, how long each step took (throttle step -> wire, wire -> counted at the server,
counted -> stamp), the gap between a request and the one that reused its slot at the server, less the
period ("slot reuse", what every window pays), how late the first, second and last windows started and
how far apart their sends were.
Attempts are paired by ticker and order, so runs with resets (no server answer) can pair wrongly."""
import re
import statistics
import sys
from collections import defaultdict

client_log, server_log, limit, period_ms = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
CLIENT = re.compile(r"\bclient (\S+) (\S+) reserved=(\d+) sent=(\d+) stamp=(\d+)")
SERVER = re.compile(r"\bserver (\S+) (\S+) arrived=(\d+) counted=(\d+) answered=(\d+) status=(\d+)")

client, server = defaultdict(list), defaultdict(list)
for line in open(client_log, errors="replace"):
    m = CLIENT.search(line)
    if m:
        client[m[2]].append(dict(reserved=int(m[3]), sent=int(m[4]), stamp=int(m[5])))
for line in open(server_log, errors="replace"):
    m = SERVER.search(line)
    if m:
        server[m[2]].append(dict(key=m[1], counted=int(m[4])))

rows = []
for ticker, attempts in client.items():
    for c, s in zip(attempts, server.get(ticker, [])):
        if c["sent"] > 0 and c["stamp"] > 0:
            rows.append({**c, **s})
if not rows:
    sys.exit("no paired requests: were both runs started with -Dquotaflow.timeline=DEBUG?")


def show(name, values):
    v = sorted(values)
    print(f"{name:34s} p50 {v[len(v) // 2]:7.2f}  p90 {v[int(len(v) * .9)]:7.2f}  max {v[-1]:7.2f}  mean {statistics.mean(v):7.2f}")


ms = 1e6
print(f"{len(rows)} requests paired")
show("throttle step -> wire", [(r["sent"] - r["reserved"]) / ms for r in rows])
show("wire -> counted at the server", [(r["counted"] - r["sent"]) / ms for r in rows])
show("counted -> stamp (< 0: too early!)", [(r["stamp"] - r["counted"]) / ms for r in rows])
reuse = []
by_key = defaultdict(list)
for r in rows:
    by_key[r["key"]].append(r["counted"])
for counts in by_key.values():
    counts.sort()
    reuse += [(counts[i] - counts[i - limit]) / ms - period_ms for i in range(limit, len(counts))]
if reuse:
    show("slot reuse - period (per window)", reuse)
sends = sorted(r["sent"] for r in rows)
# the sends of window k are the k-th run of (keys x limit) sends: how late each window starts (against
# the first send + k periods) and how far apart its sends are; both grow a little with every window
per_window = len(by_key) * limit
windows = [sends[i:i + per_window] for i in range(0, len(sends), per_window)]
for k in sorted({0, 1, len(windows) - 1}):
    w = windows[k]
    print(f"window {k + 1}: {len(w)} sends, starts {(w[0] - sends[0]) / ms - k * period_ms:6.1f} ms late, "
          f"spread over {(w[-1] - w[0]) / ms:6.1f} ms")
print(f"first send -> last stamp {(max(r['stamp'] for r in rows) - sends[0]) / 1e9:.3f} s")
