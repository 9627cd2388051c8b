namespace Mlops.Pipelines;

/// <summary>KFP's run-time placeholders that are not tied to one input or output.</summary>
public static class Placeholders
{
    /// <summary>The whole ExecutorInput as JSON (<c>{{$}}</c>), for programs that read their inputs from it.</summary>
    public static Arg ExecutorInput => new("{{$}}");

    /// <summary>Where the program may write its ExecutorOutput JSON.</summary>
    public static Arg ExecutorOutputFile => new("{{$.outputs.output_file}}");

    public static Arg PipelineJobName => new("{{$.pipeline_job_name}}");
    public static Arg PipelineJobId => new("{{$.pipeline_job_uuid}}");
    public static Arg PipelineTaskName => new("{{$.pipeline_task_name}}");
    public static Arg PipelineTaskId => new("{{$.pipeline_task_uuid}}");
    public static Arg PipelineRoot => new("{{$.pipeline_root}}");
}
