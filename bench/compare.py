#!/usr/bin/python3
"""Turns the JSON lines of one bench/run.sh run into one markdown table per dataset: ours next to the peers,
with ratios against the best peer (AUC, log loss) and against HistGradientBoosting (time)."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
tags = []
for r in rows:
    if r.get("tag") not in tags and not str(r.get("tag")).startswith("pairs "):
        tags.append(r.get("tag"))


def fmt(value, digits=3):
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


columns = ["model", "parse s", "train s", "(fit s)", "parse+train s", "train command s", "peak RSS MB (train / all)", "trees", "AUC", "logloss",
           "Brier", "batch rows/s", "core batch rows/s", "1-row p50 ms", "1-row p99 ms", "core p50 ms"]
for tag in tags:
    group = [r for r in rows if r.get("tag") == tag]
    peers = [r for r in group if not r["model"].startswith("ours") and r.get("status", "ok") == "ok"]
    command = next((r for r in group if r["model"] == "ours: train command"), {})
    learners = [r for r in group if r["model"].startswith("ours") and r is not command]
    # The default learner (lightgbm) is the one the train command uses and the targets are about.
    ours = next((r for r in learners if r["model"] in ("ours", "ours: lightgbm")), learners[0] if learners else {})
    print(f"\n### {tag}\n")
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for r in peers + learners:
        parse_train = (r.get("parse_train_s") or 0) + (r.get("train_s") or 0)
        cells = [r["model"], fmt(r.get("parse_train_s")), fmt(r.get("train_s")), fmt(r.get("fit_s")), fmt(parse_train),
                 fmt(command.get("train_command_s")) if r is ours else "",
                 fmt(r.get("peak_rss_train_mb"), 0) + " / " + fmt(r.get("peak_rss_mb"), 0),
                 fmt(r.get("trees", r.get("n_iter"))), fmt(r.get("auc"), 4), fmt(r.get("logloss"), 4), fmt(r.get("brier"), 4),
                 fmt(r.get("batch_rows_per_s")), fmt(r.get("core_batch_rows_per_s")), fmt(r.get("lat_p50_ms"), 4),
                 fmt(r.get("lat_p99_ms"), 4), fmt(r.get("core_p50_ms"), 4)]
        print("| " + " | ".join(cells) + " |")
    if not ours or not peers:
        continue
    best_auc = max(peers, key=lambda r: r["auc"])
    best_loss = min(peers, key=lambda r: r["logloss"])
    print()
    for r in learners:
        if r is not ours:
            print(f"- {r['model']}: AUC {r['auc']:.4f} ({r['auc'] - best_auc['auc']:+.4f} against the best peer), "
                  f"train {r['train_s']:.2f} s against {ours['train_s']:.2f} s for {ours['model']}, peak {r.get('peak_rss_mb', 0):.0f} MB")
    print(f"- AUC: ours {ours['auc']:.4f} vs best peer {best_auc['model']} {best_auc['auc']:.4f}: "
          f"difference {ours['auc'] - best_auc['auc']:+.4f}")
    print(f"- log loss: ours {ours['logloss']:.4f} vs best peer {best_loss['model']} {best_loss['logloss']:.4f}: "
          f"difference {ours['logloss'] - best_loss['logloss']:+.4f}")
    hgb = next((r for r in peers if r["model"] == "hgb"), None)
    if hgb and command:
        peer_time = hgb["parse_train_s"] + hgb["train_s"]
        print(f"- whole train command {command['train_command_s']:.2f} s (peak {command['peak_rss_mb']} MB) vs HistGradientBoosting "
              f"parse + train {peer_time:.2f} s: ratio {command['train_command_s'] / peer_time:.2f}")
    fastest = max(peers, key=lambda r: r["batch_rows_per_s"])
    print(f"- batch scoring: ours {ours['batch_rows_per_s']:,} rows/s (features already computed: {ours['core_batch_rows_per_s']:,}) "
          f"vs fastest peer {fastest['model']} {fastest['batch_rows_per_s']:,}: ratio {ours['batch_rows_per_s'] / fastest['batch_rows_per_s']:.1f}")
    if ours.get("mlnet_batch_rows_per_s"):
        print(f"- ML.NET's own scoring of the same model file (cached rows, one cursor): {ours['mlnet_batch_rows_per_s']:,} rows/s; "
              f"ours {ours['batch_rows_per_s'] / ours['mlnet_batch_rows_per_s']:.1f}× that")
    print(f"- single row p50: ours {ours['lat_p50_ms'] * 1000:.1f} µs from raw fields, {ours['core_p50_ms'] * 1000:.1f} µs from features")

# Back-to-back pairs: HistGradientBoosting's parse + train, then our train command, on the same file.
for tag in dict.fromkeys(r["tag"] for r in rows if str(r.get("tag")).startswith("pairs ")):
    group = [r for r in rows if r.get("tag") == tag]
    hgb = [r["parse_train_s"] + r["train_s"] for r in group if r["model"] == "hgb"]
    ours = [r["train_command_s"] for r in group if r["model"] == "ours: train command"]
    ratios = sorted(o / h for h, o in zip(hgb, ours))
    if not ratios:
        continue
    print(f"\n### {tag[len('pairs '):]}: back-to-back pairs\n")
    print("| HistGradientBoosting parse + train s | train command s | ratio |")
    print("|---|---|---|")
    for h, o in zip(hgb, ours):
        print(f"| {h:.2f} | {o:.2f} | {o / h:.2f} |")
    print(f"\n- median ratio of {len(ratios)} pairs: **{ratios[len(ratios) // 2]:.2f}** (each pair minutes apart at most; the table's two times above were taken further apart)")

