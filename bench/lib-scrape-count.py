#!/usr/bin/env python3
"""Exactly COUNT scrapes of http://127.0.0.1:PORT/metrics over one keep-alive connection (wrk cannot stop after a
fixed count), each with the request headers given as further arguments ("Name: value"); the body is read as sent
(not decompressed). Prints "RESULT requests=N errors=E p50_us=X p99_us=Y max_us=Z".

PORT may be a comma-separated list: then the scrapes go round-robin, one to each port in turn (COUNT each, a
connection per port), so that every exporter sees the same moments of the machine's load, and one RESULT line is
printed per port, in the order given, with "port=P" first."""
import http.client
import sys
import time

ports, count = [int(p) for p in sys.argv[1].split(",")], int(sys.argv[2])
headers = dict(h.split(": ", 1) for h in sys.argv[3:])
conns = [http.client.HTTPConnection("127.0.0.1", p, timeout=10) for p in ports]
latencies = [[] for _ in ports]
errors = [0 for _ in ports]
for _ in range(count):
    for i, conn in enumerate(conns):
        start = time.perf_counter()
        conn.request("GET", "/metrics", headers=headers)
        response = conn.getresponse()
        response.read()
        latencies[i].append((time.perf_counter() - start) * 1e6)
        if response.status != 200:
            errors[i] += 1
for i, port in enumerate(ports):
    lat = sorted(latencies[i])
    pick = lambda q: int(lat[min(len(lat) - 1, int(q * len(lat)))])
    prefix = f"port={port} " if len(ports) > 1 else ""
    print(f"RESULT {prefix}requests={count} errors={errors[i]} p50_us={pick(0.5)} p99_us={pick(0.99)} "
          f"max_us={int(lat[-1])}")
