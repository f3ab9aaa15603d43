#!/usr/bin/python3
"""Seeded stratified split of a CSV by its label: split_stratified.py IN.csv LABEL TEST_SHARE SEED TRAIN_OUT TEST_OUT.

Rows keep their text exactly (the file is split line by line after parsing only to find each row's label),
so both halves have the same quirks as the original export."""
import csv
import random
import sys

source, label, share, seed, train_out, test_out = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
with open(source, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
column = header.index(label)
by_class = {}
for index, row in enumerate(body):
    by_class.setdefault(row[column], []).append(index)
rng = random.Random(seed)
test = set()
for value in sorted(by_class):
    members = by_class[value]
    rng.shuffle(members)
    test.update(members[: round(len(members) * share)])
for path, keep in ((train_out, lambda i: i not in test), (test_out, lambda i: i in test)):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(row for i, row in enumerate(body) if keep(i))
print(f"{len(body) - len(test)} train rows, {len(test)} test rows", file=sys.stderr)
