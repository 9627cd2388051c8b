using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Hosting;
using Mlops.Pipelines.Tests.Samples;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>[Schedule] is checked where it is written (MLOPS1090–1094) and written beside the IR for publish to reconcile.</summary>
public sealed class ScheduleTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mlops-schedules-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public abstract class Scheduled : Pipeline
    {
        public Input<string> Channel { get; init; } = "#ml";

        public Input<int> Days { get; init; } = 7;

        protected override void Build() => Run(new Echo { Message = Channel });
    }

    [Pipeline("nightly-scoring")]
    [Schedule("0 2 * * *", "staging,prod", TimeZone = "Europe/Paris", Parameters = ["days=30"])]
    [Schedule("*/15 8-18 * * MON-FRI", "dev", Name = "working-hours")]
    public sealed class Good : Scheduled;

    private static readonly int BadCronLine = Line() + 2;
    [Pipeline("bad-cron")]
    [Schedule("0 2 * *", "prod")]
    public sealed class BadCron : Scheduled;

    private static readonly int BadZoneLine = Line() + 2;
    [Pipeline("bad-zone")]
    [Schedule("0 2 * * *", "prod", TimeZone = "Mars/Olympus")]
    public sealed class BadZone : Scheduled;

    private static readonly int NoEnvironmentLine = Line() + 2;
    [Pipeline("no-environment")]
    [Schedule("0 2 * * *", "")]
    public sealed class NoEnvironment : Scheduled;

    private static readonly int UnknownParameterLine = Line() + 2;
    [Pipeline("unknown-parameter")]
    [Schedule("0 2 * * *", "prod", Parameters = ["dayz=3"])]
    public sealed class UnknownParameter : Scheduled;

    private static readonly int NotNameValueLine = Line() + 2;
    [Pipeline("not-name-value")]
    [Schedule("0 2 * * *", "prod", Parameters = ["days"])]
    public sealed class NotNameValue : Scheduled;

    private static readonly int TooManyRunsLine = Line() + 2;
    [Pipeline("too-many-runs")]
    [Schedule("0 2 * * *", "prod", MaxConcurrentRuns = 0)]
    public sealed class TooManyRuns : Scheduled;

    private static readonly int DuplicateLine = Line() + 3;
    [Pipeline("duplicate")]
    [Schedule("0 2 * * *", "prod")]
    [Schedule("0 3 * * *", "prod")]
    public sealed class Duplicate : Scheduled;

    private static (IReadOnlyList<DeclaredSchedule> Schedules, IReadOnlyList<Diagnostic> Diagnostics) Of(Type type)
    {
        var pipeline = (Pipeline)Activator.CreateInstance(type)!;
        var compiled = PipelineCompiler.Compile(pipeline, Options);
        return PipelineSchedules.Of([new PipelineEntry(compiled.Name, type, null)], [compiled]);
    }

    [Fact]
    public void Declared_schedules_are_written_beside_the_ir_and_read_back()
    {
        var (schedules, diagnostics) = Of(typeof(Good));

        Assert.Empty(diagnostics);
        DeclaredSchedule.Write(folder, schedules);
        var read = DeclaredSchedule.Read(folder);
        Assert.Equal(2, read.Count);
        var nightly = read.Single(s => s.Name == "schedule");
        Assert.Equal("nightly-scoring schedule", nightly.DisplayName);
        Assert.Equal("0 2 * * *", nightly.Cron);
        Assert.Equal("Europe/Paris", nightly.TimeZone);
        Assert.Equal(["staging", "prod"], nightly.Environments);
        Assert.Equal("30", nightly.Parameters["days"]);
        var working = read.Single(s => s.Name == "working-hours");
        Assert.Equal("*/15 8-18 * * MON-FRI", working.Cron);
        Assert.Null(working.TimeZone);
    }

    [Fact]
    public void No_schedules_is_a_file_too_so_publish_pauses_what_the_code_stopped_declaring()
    {
        DeclaredSchedule.Write(folder, []);

        Assert.True(File.Exists(Path.Combine(folder, DeclaredSchedule.FileName)));
        Assert.Empty(DeclaredSchedule.Read(folder));
        Assert.Empty(DeclaredSchedule.Read(Path.Combine(folder, "none")));
    }

    public static TheoryData<Type, string, int, string> Mistakes() => new()
    {
        { typeof(BadCron), ErrorCodes.Pipelines.InvalidScheduleCron, BadCronLine, "five fields" },
        { typeof(BadZone), ErrorCodes.Pipelines.UnknownScheduleTimeZone, BadZoneLine, "Europe/Paris" },
        { typeof(NoEnvironment), ErrorCodes.Pipelines.ScheduleWithoutEnvironment, NoEnvironmentLine, "name the environments" },
        { typeof(UnknownParameter), ErrorCodes.Pipelines.InvalidScheduleParameter, UnknownParameterLine, "'channel', 'days'" },
        { typeof(NotNameValue), ErrorCodes.Pipelines.InvalidScheduleParameter, NotNameValueLine, "name=value" },
        { typeof(TooManyRuns), ErrorCodes.Pipelines.InvalidScheduleParameter, TooManyRunsLine, "1 to 10" },
        { typeof(Duplicate), ErrorCodes.Pipelines.DuplicateScheduleName, DuplicateLine, "its own Name" },
    };

    [Theory, MemberData(nameof(Mistakes))]
    public void A_schedule_mistake_is_reported_at_its_attribute(Type pipeline, string code, int line, string advice)
    {
        var (_, diagnostics) = Of(pipeline);

        var diagnostic = Single(diagnostics, code, line);
        Assert.Contains(advice, diagnostic.Message);
    }
}
