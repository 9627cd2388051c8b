using Mlops.Sdk.Tasks;
using Mlops.Sdk.Tests.Support;

namespace Mlops.Sdk.Tests.Tasks;

/// <summary>
/// The SDK's native tool needs a C library as new as the one it was linked against (glibc 2.34): where the dynamic
/// loader refuses it (RHEL 8, Ubuntu 20.04), the task runs the portable build the package carries beside it.
/// </summary>
public sealed class NativeToolFallbackTests : IDisposable
{
    private readonly TempFolder package = new();
    private readonly RecordingBuildEngine engine = new();

    [Fact]
    public void A_native_tool_the_loader_refuses_gives_way_to_the_portable_build_beside_it()
    {
        Assert.False(OperatingSystem.IsWindows(), "The fake programs are shell scripts.");
        var native = Native("echo \"$0: /lib/x86_64-linux-gnu/libc.so.6: version \\`GLIBC_2.34' not found (required by $0)\" >&2\nexit 1\n");
        package.Write("tools/net10.0/Mlops.Sdk.Tool.dll", "shift\nfor a in \"$@\"; do printf 'arg:%s\\n' \"$a\"; done\n");

        var task = Publish(native);

        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message).Concat(engine.Messages.Select(m => "msg: " + m.Message))));
        Assert.Empty(engine.Errors);
        Assert.Contains(engine.Messages, m => m.Message == "arg:--environment");
        Assert.Contains(engine.Messages, m => m.Message!.Contains("cannot run on this machine") && m.Message.Contains("GLIBC_2.34") && m.Message.Contains("MlopsUseNativeSdkTool=false"));
    }

    [Fact]
    public void A_native_tool_that_ran_and_failed_is_not_run_again()
    {
        Assert.False(OperatingSystem.IsWindows(), "The fake programs are shell scripts.");
        var native = Native("echo 'error MLOPS3001: Version 1.0.0 is immutable. Bump the project'\\''s Version.'\nexit 1\n");
        package.Write("tools/net10.0/Mlops.Sdk.Tool.dll", "echo 'arg:portable ran'\n");

        var task = Publish(native);

        Assert.False(task.Execute());
        Assert.Equal("MLOPS3001", Assert.Single(engine.Errors).Code);
        Assert.DoesNotContain(engine.Messages, m => m.Message == "arg:portable ran");
    }

    [Fact]
    public void Without_a_portable_build_beside_it_the_refusal_is_the_task_s_error()
    {
        Assert.False(OperatingSystem.IsWindows(), "The fake programs are shell scripts.");
        var native = Native("echo \"$0: /lib/x86_64-linux-gnu/libc.so.6: version \\`GLIBC_2.34' not found\" >&2\nexit 1\n");

        var task = Publish(native);

        Assert.False(task.Execute());
        Assert.Equal("MLOPS0015", Assert.Single(engine.Errors).Code);
    }

    private string Native(string script)
    {
        var path = package.Write("tools/linux-x64/Mlops.Sdk.Tool", "#!/bin/sh\n" + script);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    private RunSdkTool Publish(string tool) => new()
    {
        BuildEngine = engine,
        DotnetHostPath = FakeProgram.Host,
        ToolAssembly = tool,
        Command = "publish",
        Options = [new Microsoft.Build.Utilities.TaskItem("--environment", new Dictionary<string, string> { ["Value"] = "local" })],
    };

    public void Dispose() => package.Dispose();
}
