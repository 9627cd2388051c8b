using System.Globalization;

namespace Mlops.Pipelines.Benchmarks.LargeComposition;

/// <summary>The program a step's command carries, as a KFP lightweight Python component's command does (about 4.5 KB).</summary>
internal static class StepSource
{
    public const string Launcher = "set -e\nprogram=$(mktemp -d)\nprintf '%s' \"$0\" > \"$program/step.py\"\nexec python3 \"$program/step.py\" \"$@\"\n";

    public static string For(int team, int step) => Template.Replace("@TEAM@", team.ToString("00", CultureInfo.InvariantCulture)).Replace("@STEP@", step.ToString("00", CultureInfo.InvariantCulture));

    private const string Template = """
        # Generated step @STEP@ of team @TEAM@: reads the upstream summary, scores a synthetic table, writes both outputs.
        import argparse
        import hashlib
        import json
        import math
        import os
        import random
        import statistics
        import sys
        import time


        TEAM = "@TEAM@"
        STEP = "@STEP@"
        COLUMNS = ["customer_id", "tenure_months", "monthly_spend", "support_calls", "region", "segment", "score"]
        REGIONS = ["north", "south", "east", "west", "central"]
        SEGMENTS = ["consumer", "small-business", "enterprise", "public-sector"]


        def parse_arguments(argv):
            parser = argparse.ArgumentParser(description="step " + STEP + " of team " + TEAM)
            parser.add_argument("--text", required=True, help="the upstream step's summary")
            parser.add_argument("--seed", type=int, default=1, help="the random seed of this run")
            parser.add_argument("--result", required=True, help="where the scored table goes")
            parser.add_argument("--summary", required=True, help="where the one-line summary goes")
            parser.add_argument("--rows", type=int, default=2000, help="how many synthetic rows to score")
            return parser.parse_args(argv)


        def synthetic_rows(seed, count):
            generator = random.Random(seed * 7919 + int(STEP) * 104729 + int(TEAM))
            for index in range(count):
                tenure = generator.randint(1, 120)
                spend = round(generator.lognormvariate(3.5, 0.6), 2)
                calls = generator.randint(0, 12)
                yield {
                    "customer_id": "%s-%s-%06d" % (TEAM, STEP, index),
                    "tenure_months": tenure,
                    "monthly_spend": spend,
                    "support_calls": calls,
                    "region": generator.choice(REGIONS),
                    "segment": generator.choice(SEGMENTS),
                }


        def score(row, upstream_weight):
            tenure_factor = 1.0 / (1.0 + math.exp((row["tenure_months"] - 24) / 12.0))
            spend_factor = min(row["monthly_spend"] / 200.0, 1.0)
            calls_factor = min(row["support_calls"] / 10.0, 1.0)
            raw = 0.45 * tenure_factor + 0.20 * (1.0 - spend_factor) + 0.35 * calls_factor
            return round(min(max(raw * upstream_weight, 0.0), 1.0), 6)


        def upstream_weight(text):
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            return 0.9 + (int(digest[:8], 16) % 2000) / 10000.0


        def write_table(path, rows):
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            with open(path, "w", encoding="utf-8") as table:
                table.write(",".join(COLUMNS) + "\n")
                for row in rows:
                    table.write(",".join(str(row[column]) for column in COLUMNS) + "\n")


        def main(argv):
            arguments = parse_arguments(argv)
            started = time.time()
            weight = upstream_weight(arguments.text)
            rows = []
            for row in synthetic_rows(arguments.seed, arguments.rows):
                row["score"] = score(row, weight)
                rows.append(row)
            write_table(arguments.result, rows)
            scores = [row["score"] for row in rows]
            summary = {
                "team": TEAM,
                "step": STEP,
                "rows": len(rows),
                "mean": round(statistics.fmean(scores), 6),
                "p90": round(sorted(scores)[int(len(scores) * 0.9)], 6),
                "upstream": hashlib.sha256(arguments.text.encode("utf-8")).hexdigest()[:16],
                "seconds": round(time.time() - started, 3),
            }
            os.makedirs(os.path.dirname(arguments.summary) or ".", exist_ok=True)
            with open(arguments.summary, "w", encoding="utf-8") as out:
                out.write(json.dumps(summary, sort_keys=True))
            print("team %s step %s: %d rows, mean score %.4f" % (TEAM, STEP, len(rows), summary["mean"]))
            return 0


        if __name__ == "__main__":
            sys.exit(main(sys.argv[1:]))
        """;
}
