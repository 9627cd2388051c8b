using System.Runtime.CompilerServices;
using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Hosting;
using Mlops.Pipelines.Tests.Samples;

namespace Mlops.Pipelines.Tests.BadInput;

/// <summary>
/// Pipeline code that used to crash the build with nothing said (issue 11, item 9): endless recursion in Build()
/// (a stack overflow, which .NET cannot catch) is MLOPS1006 at the recursing line; a [Pipeline] on a generic class is
/// MLOPS1003 at its attribute.
/// </summary>
public sealed class BuildCrashBadInputTests
{
    private static readonly CompileOptions Options = new() { SdkVersion = "test" };

    private static int LineHere([CallerLineNumber] int line = 0) => line;

    public sealed class RecursesThroughRun : Pipeline
    {
        public static readonly int Line = LineHere() + 6;

        protected override void Build() => Add(0);

        private void Add(int depth)
        {
            Run(new Echo { Message = depth.ToString() });
            Add(depth + 1);
        }
    }

    public sealed class RecursesThroughIf : Pipeline
    {
        public Input<string> Mode { get; init; } = "a";

        public static readonly int Line = LineHere() + 2;

        protected override void Build() => If(Mode == "a", Build);
    }

    public sealed class BuildCallsBuild : Pipeline
    {
        public static readonly int Line = LineHere() + 3;

        protected override void Build()
        {
            SetOutputless();
            Build();
        }

        private void SetOutputless() => Run(new Echo { Message = "again" });
    }

    public static TheoryData<string, Func<Pipeline>, int, string> Recursions() => new()
    {
        { "a helper that adds a task and calls itself", () => new RecursesThroughRun(), RecursesThroughRun.Line, "Run" },
        { "an If whose body is Build", () => new RecursesThroughIf(), RecursesThroughIf.Line, "If" },
        { "Build calling Build", () => new BuildCallsBuild(), BuildCallsBuild.Line + 5, "Run" },
    };

    [Theory]
    [MemberData(nameof(Recursions))]
    public void Endless_recursion_in_Build_is_MLOPS1006_at_the_users_code_not_a_stack_overflow(string name, Func<Pipeline> create, int line, string member)
    {
        Assert.NotEmpty(name);
        var pipeline = create();
        // On a thread of a known, small stack, as a build's is bounded too; the check must hold before it overflows.
        CompiledPipeline? compiled = null;
        var thread = new Thread(() => compiled = PipelineCompiler.Compile(pipeline, Options), 1024 * 1024);
        thread.Start();
        thread.Join();

        var diagnostic = Assert.Single(compiled!.Diagnostics, d => d.Code == ErrorCodes.Pipelines.BuildRecursionTooDeep);
        Assert.Contains($"{pipeline.GetType().Name}.Build() recursed so deep that the stack is nearly used up (at this {member} call)", diagnostic.Message);
        Assert.Contains("Make the recursion stop", diagnostic.Message);
        Assert.Equal(SourceFile(), diagnostic.Location?.File);
        Assert.Equal(line, diagnostic.Location?.Line);
        BadInputAssert.NoStackTrace(diagnostic.Message);
    }

    [Pipeline("generic-training")]
    public sealed class GenericTraining<TModel> : Pipeline
    {
        protected override void Build() => Run(new Echo { Message = typeof(TModel).Name });
    }

    public sealed class Outer<T>
    {
        [Pipeline("inside-generic")]
        public sealed class Inside : Pipeline
        {
            protected override void Build() => Run(new Echo { Message = typeof(T).Name });
        }
    }

    [Theory]
    [InlineData("generic-training", "GenericTraining`1")]
    [InlineData("inside-generic", "Inside")]
    public void A_Pipeline_attribute_on_a_generic_class_is_MLOPS1003_at_the_attribute(string pipelineName, string typeName)
    {
        var (compiled, diagnostics) = PipelineCatalog.CompileAll(typeof(BuildCrashBadInputTests).Assembly, Options, [pipelineName]);

        Assert.Empty(compiled);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(ErrorCodes.Pipelines.PipelineNotConstructible, diagnostic.Code);
        Assert.Contains(typeName, diagnostic.Message);
        Assert.Contains("is generic (or inside a generic class)", diagnostic.Message);
        Assert.Contains("put [Pipeline] on a non-generic class", diagnostic.Message);
        Assert.Equal(SourceFile(), diagnostic.Location?.File);
        Assert.DoesNotContain("   at ", diagnostic.Message);
    }

    private static string SourceFile([CallerFilePath] string file = "") => file;
}
