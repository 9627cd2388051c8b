"""Reads a customer table and writes a training set and a test set (CSV with a label column)."""
import argparse
import random

from customers import FEATURES, LABEL, read_table, write_csv


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--table", required=True)
    parser.add_argument("--test-fraction", type=float, default=0.2)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--train", required=True, help="output: training set")
    parser.add_argument("--test", required=True, help="output: test set")
    args = parser.parse_args()
    if not 0.0 < args.test_fraction < 1.0:
        parser.error("--test-fraction must be between 0 and 1")

    records = read_table(args.table, args.rows)
    random.Random(7).shuffle(records)
    cut = int(len(records) * (1.0 - args.test_fraction))
    columns = ["customer_id"] + FEATURES + [LABEL]
    write_csv(args.train, records[:cut], columns)
    write_csv(args.test, records[cut:], columns)
    print("prepare: %d training rows, %d test rows from %s" % (cut, len(records) - cut, args.table))


if __name__ == "__main__":
    main()
