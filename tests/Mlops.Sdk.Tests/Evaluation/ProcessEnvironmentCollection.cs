namespace Mlops.Sdk.Tests.Evaluation;

/// <summary>Tests that set variables of the test process's environment, which every evaluation reads: run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
