"""Customer records and CSV helpers shared by prepare.py and extract.py.

read_table() makes deterministic synthetic records (seeded by the table name) so the pipeline runs anywhere;
replace it with a query against your warehouse.
"""
import csv
import math
import os
import random
import zlib

FEATURES = ["tenure_months", "monthly_charges", "support_calls"]
LABEL = "label"


def read_table(table, rows=2000):
    rng = random.Random(zlib.crc32(table.encode("utf-8")))
    records = []
    for i in range(rows):
        tenure = rng.randint(1, 72)
        charges = round(rng.uniform(20.0, 120.0), 2)
        calls = rng.randint(0, 9)
        risk = -1.5 - 0.08 * tenure + 0.03 * charges + 0.6 * calls
        label = 1 if rng.random() < 1.0 / (1.0 + math.exp(-risk)) else 0
        records.append({"customer_id": "c%05d" % i, "tenure_months": tenure,
                        "monthly_charges": charges, "support_calls": calls, LABEL: label})
    return records


def write_csv(path, records, columns):
    directory = os.path.dirname(path)
    if directory:
        os.makedirs(directory, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(records)
