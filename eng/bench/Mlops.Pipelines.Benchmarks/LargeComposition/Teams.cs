namespace Mlops.Pipelines.Benchmarks.LargeComposition;

// The 14 teams' pipelines, each published under its own name.
[Pipeline("team-01-scoring", Description = "Team 01: its steps in a chain, each run twice.")] public sealed class Team01Scoring() : TeamPipeline(1);
[Pipeline("team-02-scoring", Description = "Team 02: its steps in a chain, each run twice.")] public sealed class Team02Scoring() : TeamPipeline(2);
[Pipeline("team-03-scoring", Description = "Team 03: its steps in a chain, each run twice.")] public sealed class Team03Scoring() : TeamPipeline(3);
[Pipeline("team-04-scoring", Description = "Team 04: its steps in a chain, each run twice.")] public sealed class Team04Scoring() : TeamPipeline(4);
[Pipeline("team-05-scoring", Description = "Team 05: its steps in a chain, each run twice.")] public sealed class Team05Scoring() : TeamPipeline(5);
[Pipeline("team-06-scoring", Description = "Team 06: its steps in a chain, each run twice.")] public sealed class Team06Scoring() : TeamPipeline(6);
[Pipeline("team-07-scoring", Description = "Team 07: its steps in a chain, each run twice.")] public sealed class Team07Scoring() : TeamPipeline(7);
[Pipeline("team-08-scoring", Description = "Team 08: its steps in a chain, each run twice.")] public sealed class Team08Scoring() : TeamPipeline(8);
[Pipeline("team-09-scoring", Description = "Team 09: its steps in a chain, each run twice.")] public sealed class Team09Scoring() : TeamPipeline(9);
[Pipeline("team-10-scoring", Description = "Team 10: its steps in a chain, each run twice.")] public sealed class Team10Scoring() : TeamPipeline(10);
[Pipeline("team-11-scoring", Description = "Team 11: its steps in a chain, each run twice.")] public sealed class Team11Scoring() : TeamPipeline(11);
[Pipeline("team-12-scoring", Description = "Team 12: its steps in a chain, each run twice.")] public sealed class Team12Scoring() : TeamPipeline(12);
[Pipeline("team-13-scoring", Description = "Team 13: its steps in a chain, each run twice.")] public sealed class Team13Scoring() : TeamPipeline(13);
[Pipeline("team-14-scoring", Description = "Team 14: its steps in a chain, each run twice.")] public sealed class Team14Scoring() : TeamPipeline(14);
