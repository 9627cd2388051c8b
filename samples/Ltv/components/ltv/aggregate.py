"""Builds per-customer features from order history (synthetic, seeded by the table name: no data source here)."""
import argparse
import csv
import os
import random


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", required=True)
    parser.add_argument("--horizon-months", type=int, default=12)
    parser.add_argument("--features", required=True, help="output: customer_id, orders, avg_basket, months_active, future_spend (CSV)")
    args = parser.parse_args()

    rng = random.Random(args.orders)
    os.makedirs(os.path.dirname(args.features) or ".", exist_ok=True)
    with open(args.features, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["customer_id", "orders", "avg_basket", "months_active", "future_spend"])
        for i in range(400):
            orders = rng.randint(1, 40)
            basket = rng.uniform(10, 120)
            months = rng.randint(1, 60)
            spend = args.horizon_months * (orders / months) * basket * rng.uniform(0.8, 1.2)
            writer.writerow(["c%05d" % i, orders, "%.2f" % basket, months, "%.2f" % spend])
    print("aggregate: 400 customers, horizon %d months" % args.horizon_months)


if __name__ == "__main__":
    main()
