using Mlops.Pipelines.Diagnostics;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>
/// Problems with a component class itself, reported at the Run that uses it: MLOPS1024 (a property KFP cannot
/// carry), MLOPS1022 (two properties with one KFP name), MLOPS1021 (a name too long for a task).
/// </summary>
public sealed class ComponentDeclarationTests
{
    public sealed class DateInput : ContainerComponent
    {
        public Input<DateTime> When { get; init; } = null!;

        protected override Container Container => new("python:3.11", ["date"]);
    }

    public sealed class ReadOnlyInput : ContainerComponent
    {
        public Input<string> Table { get; } = "crm.customers";

        protected override Container Container => new("python:3.11", ["echo", Table]);
    }

    public sealed class NullOutput : ContainerComponent
    {
        public Output<Model> Model { get; } = null!;

        protected override Container Container => new("python:3.11", ["train"]);
    }

    public sealed class SameKfpName : ContainerComponent
    {
        public Input<string> Data { get; init; } = "a";

        [KfpName("data")]
        public Input<string> Other { get; init; } = "b";

        protected override Container Container => new("python:3.11", ["echo", Data, Other]);
    }

    [Component(Name = "a-component-whose-name-is-much-too-long-to-be-a-kubernetes-name-of-a-task")]
    public sealed class LongName : ContainerComponent
    {
        protected override Container Container => new("python:3.11", ["true"]);
    }

    public sealed class Runs : RecordingPipeline
    {
        public string Case { get; init; } = "";

        protected override void Build()
        {
            switch (Case)
            {
                case nameof(DateInput): At = Line(); Run(new DateInput()); break;
                case nameof(ReadOnlyInput): At = Line(); Run(new ReadOnlyInput()); break;
                case nameof(NullOutput): At = Line(); Run(new NullOutput()); break;
                case nameof(SameKfpName): At = Line(); Run(new SameKfpName()); break;
                case nameof(LongName): At = Line(); Run(new LongName()); break;
            }
        }
    }

    [Theory]
    [InlineData(nameof(DateInput), ErrorCodes.Pipelines.InvalidComponentDeclaration, "property 'When' has type DateTime, which has no KFP type")]
    [InlineData(nameof(ReadOnlyInput), ErrorCodes.Pipelines.InvalidComponentDeclaration, "input 'Table' needs an init accessor")]
    [InlineData(nameof(NullOutput), ErrorCodes.Pipelines.InvalidComponentDeclaration, "output 'Model' is null; initialize it with '= new();'")]
    [InlineData(nameof(SameKfpName), ErrorCodes.Pipelines.DuplicateIoName, "properties Data and Other both have the KFP name 'data'")]
    [InlineData(nameof(LongName), ErrorCodes.Pipelines.InvalidTaskName, "give the component a shorter [Component(Name = ...)]")]
    public void A_bad_component_declaration_is_reported_at_its_Run(string component, string code, string message)
    {
        var pipeline = new Runs { Case = component };
        var diagnostic = Single(pipeline.Diagnostics(), code, pipeline.At);
        Assert.Contains(message, diagnostic.Message);
    }
}
