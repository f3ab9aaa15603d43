#!/usr/bin/python3
"""Dashboard and monitoring speed on a large log, in one run.

Starts the API (Release) on a fresh database, logs N leads through the batch endpoint with reasons (the committed
sample's rows, cycled with new ids past its 20,000), records the real outcomes of the first OUTCOMES of them, then
times every request the dashboard makes: median and p95 over REPEAT calls each, and the server's peak memory. Last,
single-lead scoring latency alone and while 20 clients call monitoring back to back (the rate limit is lifted, so
this is the cost of the computation itself).
Usage: bench/dashboard.py [N=100000] [OUTCOMES=20000] [REPEAT=20]
"""
import csv, json, os, statistics, subprocess, sys, tempfile, threading, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
OUTCOMES = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
REPEAT = int(sys.argv[3]) if len(sys.argv) > 3 else 20
PORT = 5093
KEY = "bench-key-0000000000"
BASE = f"http://127.0.0.1:{PORT}"


def call(path, body=None, method=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method,
                                     headers={"X-Api-Key": KEY, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read()


def main():
    subprocess.run(["dotnet", "build", f"{ROOT}/src/PredictiveLeads.Api", "-c", "Release", "-v", "quiet", "-nologo"], check=True,
                   stdout=subprocess.DEVNULL)
    data = tempfile.mkdtemp(prefix="pl-dashboard-bench-")
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", Logging__LogLevel__Default="Warning",
               Models__Registry=f"{ROOT}/models", Storage__DataDirectory=data, RateLimit__PermitsPerSecond="1000000",
               RateLimit__ExpensivePerMinute="1000000",
               Auth__ApiKeys__0__Name="bench", Auth__ApiKeys__0__Role="admin", Auth__ApiKeys__0__Key=KEY)
    server = subprocess.Popen(["dotnet", f"{ROOT}/src/PredictiveLeads.Api/bin/Release/net10.0/PredictiveLeads.Api.dll",
                               "--urls", BASE, "--contentRoot", f"{ROOT}/src/PredictiveLeads.Api"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                call("/health/ready")
                break
            except OSError:
                time.sleep(0.2)
        sample = list(csv.DictReader(open(f"{ROOT}/training-data/sample-leads.csv")))
        rows = [dict(sample[i % len(sample)], lead_id=f"{sample[i % len(sample)]['lead_id']}-{i // len(sample)}") for i in range(N)]
        started = time.perf_counter()
        for start in range(0, len(rows), 1000):
            leads = [{"id": r["lead_id"], "accountId": r["account_id"],
                      "fields": {k: v for k, v in r.items() if k not in ("lead_id", "account_id", "became_mql", "became_sql")}}
                     for r in rows[start:start + 1000]]
            call("/v1/leads/score-batch", {"leads": leads})
        for r in rows[:OUTCOMES]:
            stage = "SQL" if r["became_sql"] == "1" else "MQL" if r["became_mql"] == "1" else "Disqualified"
            call("/v1/outcomes", {"leadId": r["lead_id"], "stage": stage})
        while json.loads(call("/v1/monitoring"))["logging"]["written"] < 2 * N:
            time.sleep(0.2)
        seeded = time.perf_counter() - started
        lead, account = rows[N // 2]["lead_id"], rows[N // 2]["account_id"]
        requests = [
            ("export (CSV, every lead)", "/v1/export"),
            ("page /dashboard/ (html)", "/dashboard/"),
            ("model card", "/v1/models/current"),
            ("comparison, test leads", "/v1/dashboard/comparison?source=holdout"),
            ("comparison, live", "/v1/dashboard/comparison?source=live"),
            ("disagreements, test leads", "/v1/dashboard/disagreements?source=holdout&count=8"),
            ("disagreements, live", "/v1/dashboard/disagreements?source=live&count=8"),
            ("monitoring", "/v1/monitoring"),
            ("worklist, 50 leads", "/v1/worklist?outcome=became_sql&capacity=50"),
            ("worklist, 1,000 leads", "/v1/worklist?outcome=became_sql&capacity=1000"),
            ("worklist, 1,000 leads as CSV", "/v1/worklist?outcome=became_sql&capacity=1000&format=csv"),
            ("lead lookup", f"/v1/dashboard/leads/{lead}"),
            ("account lookup", f"/v1/dashboard/accounts/{account}"),
        ]
        print(f"{N:,} leads logged ({2 * N:,} predictions, {min(N, OUTCOMES):,} outcomes) in {seeded:.1f} s; {REPEAT} calls each after one warm-up\n")
        print("| request | median ms | p95 ms | bytes |")
        print("|---|---|---|---|")
        for name, path in requests:
            size = len(call(path))
            times = []
            for _ in range(REPEAT):
                t = time.perf_counter()
                call(path)
                times.append(1000 * (time.perf_counter() - t))
            times.sort()
            print(f"| {name} | {statistics.median(times):.1f} | {times[int(0.95 * (len(times) - 1))]:.1f} | {size:,} |")
        lead_body = {"id": rows[0]["lead_id"], "fields": {k: v for k, v in rows[0].items() if k not in ("lead_id", "account_id", "became_mql", "became_sql")}}

        def scoring_latencies(seconds):
            times, end = [], time.perf_counter() + seconds
            while time.perf_counter() < end:
                t = time.perf_counter()
                call("/v1/leads/score?explain=false", lead_body)
                times.append(1000 * (time.perf_counter() - t))
            times.sort()
            return times

        alone = scoring_latencies(10)
        stop, monitoring_calls = threading.Event(), []

        def monitor():
            while not stop.is_set():
                call("/v1/monitoring")
                monitoring_calls.append(1)

        clients = [threading.Thread(target=monitor) for _ in range(20)]
        for client in clients:
            client.start()
        busy = scoring_latencies(10)
        stop.set()
        for client in clients:
            client.join()
        print("\n| single-lead scoring, no reasons | requests | p50 ms | p99 ms |")
        print("|---|---|---|---|")
        for name, times in (("alone", alone), (f"with 20 clients calling monitoring ({len(monitoring_calls)} calls in 10 s)", busy)):
            print(f"| {name} | {len(times)} | {statistics.median(times):.1f} | {times[int(0.99 * (len(times) - 1))]:.1f} |")
        status = dict(line.split(":", 1) for line in open(f"/proc/{server.pid}/status") if ":" in line)
        print(f"\nserver memory: {status['VmRSS'].strip()} resident now, {status['VmHWM'].strip()} at its peak")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
