namespace Mlops.Pipelines.Benchmarks.LargeComposition;

/// <summary>
/// A large team pipeline: <see cref="StepCount"/> steps in a chain, each one run twice (the second run takes the first
/// one's summary), fed the <c>upstream</c> input and giving the last summary as its <c>summary</c> output.
/// </summary>
public abstract class TeamPipeline(int team) : Pipeline
{
    public const int Teams = 14;

    private static readonly Type[] StepTypes = typeof(LargeStep).Assembly.GetTypes()
        .Where(t => t.IsSealed && t.IsSubclassOf(typeof(LargeStep))).OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();

    public Input<string> Upstream { get; init; } = "";
    public Output<string> Summary { get; } = new();

    /// <summary>Team 1 has 30 steps, team 14 has 60.</summary>
    public int StepCount => 30 + 30 * (team - 1) / (Teams - 1);

    protected override void Build()
    {
        Input<string> text = Upstream;
        Output<string>? last = null;
        for (var index = 1; index <= StepCount; index++)
        {
            var first = Run(Step(index, text, 2 * index));
            var second = Run(Step(index, first.Outputs.Summary, 2 * index + 1));
            text = second.Outputs.Summary;
            last = second.Outputs.Summary;
        }
        SetOutput(Summary, last!);
    }

    private LargeStep Step(int index, Input<string> text, int seed)
    {
        var step = (LargeStep)Activator.CreateInstance(StepTypes[index - 1])!;
        step.Team = team;
        step.Text = text;
        step.Seed = seed;
        return step;
    }
}
