#!/usr/bin/python3
"""Request bodies for bench/api.sh from the sample leads: one lead, a 1,000-lead batch, an account of five contacts."""
import csv
import json
import sys

source, out = sys.argv[1], sys.argv[2]
with open(source, newline="") as f:
    rows = list(csv.DictReader(f))
drop = {"became_mql", "became_sql"}


def lead(row):
    return {"id": row["lead_id"], "accountId": row["account_id"],
            "fields": {k: (None if v == "" else v) for k, v in row.items() if k not in drop}}


json.dump(lead(rows[0]), open(f"{out}/lead.json", "w"))
json.dump({"leads": [lead(r) for r in rows[:1000]]}, open(f"{out}/batch.json", "w"))
account = rows[0]["account_id"]
contacts = [r for r in rows if r["account_id"] == account][:5] or rows[:5]
json.dump({"accountId": account, "contacts": [lead(r) for r in contacts]}, open(f"{out}/account.json", "w"))
