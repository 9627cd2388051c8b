"""Reads the customers to score (no label column)."""
import argparse

from customers import FEATURES, read_table, write_csv


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--table", required=True)
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--output", required=True, help="output: customers to score")
    args = parser.parse_args()

    records = read_table(args.table, args.rows)
    write_csv(args.output, records, ["customer_id"] + FEATURES)
    print("extract: %d rows from %s" % (len(records), args.table))


if __name__ == "__main__":
    main()
