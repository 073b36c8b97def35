#!/usr/bin/env python3
"""Exactly COUNT scrapes of http://127.0.0.1:PORT/metrics over one keep-alive connection (wrk cannot stop after a
fixed count), each with the request headers given as further arguments ("Name: value"); the body is read as sent
(not decompressed). Prints "RESULT requests=N errors=E p50_us=X p99_us=Y max_us=Z"."""
import http.client
import sys
import time

port, count = int(sys.argv[1]), int(sys.argv[2])
headers = dict(h.split(": ", 1) for h in sys.argv[3:])
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
latencies, errors = [], 0
for _ in range(count):
    start = time.perf_counter()
    conn.request("GET", "/metrics", headers=headers)
    response = response_body = conn.getresponse()
    response_body.read()
    latencies.append((time.perf_counter() - start) * 1e6)
    if response.status != 200:
        errors += 1
latencies.sort()
pick = lambda q: int(latencies[min(len(latencies) - 1, int(q * len(latencies)))])
print(f"RESULT requests={count} errors={errors} p50_us={pick(0.5)} p99_us={pick(0.99)} max_us={int(latencies[-1])}")
