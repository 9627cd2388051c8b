using Mlops.Sdk.IntegrationTests.Infrastructure;
using Xunit.Sdk;

namespace Mlops.Sdk.IntegrationTests;

/// <summary>
/// One team repository for the whole collection, made as a user would: the template pack installed into a hive
/// of its own, `dotnet new mlops-subpipeline -n Fraud --feed artifacts/packages`, then `dotnet build`.
/// Tests that change sources work on copies (<see cref="CopySources"/>).
/// </summary>
public sealed class ScaffoldedRepositoryFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public const string Name = "Fraud";

    public string Directory { get; private set; } = "";

    /// <summary>The first build of the scaffolded repository.</summary>
    public ProcessResult FirstBuild { get; private set; } = null!;

    public string PipelinesDirectory => Path.Combine(Directory, "bin", "Debug", "net10.0", "pipelines");

    public async Task InitializeAsync()
    {
        PackedPackages.EnsureFresh();
        var hive = TestRun.NewDirectory("template-hive");
        var parent = TestRun.NewDirectory("scaffolded");
        (await TestRun.Dotnet.RunAsync(parent, ["new", "install", RepositoryLayout.PackagePath("Mlops.Templates"), "--debug:custom-hive", hive], Log))
            .EnsureSuccess();
        (await TestRun.Dotnet.RunAsync(parent, ["new", "mlops-subpipeline", "-n", Name, "--feed", RepositoryLayout.PackagesDirectory, "--debug:custom-hive", hive], Log))
            .EnsureSuccess();
        Directory = Path.Combine(parent, Name);
        FirstBuild = (await TestRun.Dotnet.BuildAsync(Directory, Log)).EnsureSuccess();
    }

    /// <summary>A copy of the scaffolded sources (no bin/obj) in a new folder, to change and build.</summary>
    public string CopySources(string purpose) => SourceTree.Copy(Directory, Path.Combine(TestRun.NewDirectory(purpose), Name));

    public Task DisposeAsync() => Task.CompletedTask;

    private void Log(string message) =>
        diagnostics.OnMessage(new DiagnosticMessage($"[{nameof(ScaffoldedRepositoryFixture)}] {message}"));
}

[CollectionDefinition(Name)]
public sealed class ScaffoldedRepositoryCollection : ICollectionFixture<ScaffoldedRepositoryFixture>
{
    public const string Name = "scaffolded repository";
}
