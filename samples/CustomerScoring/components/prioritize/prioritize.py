"""Joins churn probabilities with expected spend by customer and keeps the top customers by value at risk."""
import argparse
import csv
import os


def read(path, key, value):
    with open(path, newline="", encoding="utf-8") as f:
        return {row[key]: float(row[value]) for row in csv.DictReader(f)}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--churn", required=True, help="input: customer_id, probability (CSV)")
    parser.add_argument("--values", required=True, help="input: customer_id, expected_spend (CSV)")
    parser.add_argument("--top", type=int, default=100)
    parser.add_argument("--ranking", required=True, help="output: customer_id, probability, expected_spend, value_at_risk (CSV)")
    args = parser.parse_args()

    churn = read(args.churn, "customer_id", "probability")
    values = read(args.values, "customer_id", "expected_spend")
    rows = sorted(((c, churn[c], values[c], churn[c] * values[c]) for c in churn.keys() & values.keys()),
                  key=lambda r: r[3], reverse=True)[: args.top]
    os.makedirs(os.path.dirname(args.ranking) or ".", exist_ok=True)
    with open(args.ranking, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["customer_id", "probability", "expected_spend", "value_at_risk"])
        for c, p, v, risk in rows:
            writer.writerow([c, "%.6f" % p, "%.2f" % v, "%.2f" % risk])
    print("prioritize: %d customers in both, kept %d" % (len(churn.keys() & values.keys()), len(rows)))


if __name__ == "__main__":
    main()
