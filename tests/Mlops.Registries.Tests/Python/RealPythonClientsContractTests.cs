using Xunit.Abstractions;

namespace Mlops.Registries.Tests.Python;

/// <summary>
/// The contract server and our client checked against the real Python tools: twine uploads to the server as it
/// uploads to Artifact Registry, and pip installs what our client published.
/// </summary>
public sealed class RealPythonClientsContractTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Twine_uploads_to_the_server_and_skip_existing_accepts_its_already_exists_answer()
    {
        var twine = FindOnPath("twine");
        if (twine is null)
        {
            MissingPrerequisite.Report(output, "twine is not on PATH (eng/services/start.sh installs it).");
            return;
        }
        await using var registry = await PythonRegistryFixture.StartAsync();
        var wheel = TestWheel.Write(registry.Work.Path, "churn-model", "1.0.0", "42");

        var upload = await RunTwineAsync(twine, registry, wheel);
        upload.EnsureSuccess();
        var again = await RunTwineAsync(twine, registry, wheel);
        var refused = await RunTwineAsync(twine, registry, wheel, skipExisting: false);

        output.WriteLine(again.AllOutput);
        again.EnsureSuccess();
        Assert.Contains("Skipping", again.AllOutput);
        Assert.False(refused.Succeeded, "a second upload without --skip-existing must be refused");
        Assert.Contains("already exists", refused.AllOutput);
        var listed = Assert.Single(await registry.Client().ListFilesAsync("churn-model"));
        Assert.Equal(PythonUploadIndexContractTests.Sha256Of(wheel), listed.Sha256);
        Assert.Equal(3, registry.Uploads.Count());
    }

    [Fact]
    public async Task Twine_with_a_wrong_password_is_refused()
    {
        var twine = FindOnPath("twine");
        if (twine is null)
        {
            MissingPrerequisite.Report(output, "twine is not on PATH (eng/services/start.sh installs it).");
            return;
        }
        await using var registry = await PythonRegistryFixture.StartAsync();
        var wheel = TestWheel.Write(registry.Work.Path, "churn-model", "1.0.0", "42");

        var upload = await RunTwineAsync(twine, registry, wheel, password: "wrong");

        Assert.False(upload.Succeeded);
        Assert.Empty(await registry.Client().ListFilesAsync("churn-model"));
    }

    [Fact]
    public async Task Pip_installs_and_imports_a_wheel_our_client_published()
    {
        await using var registry = await PythonRegistryFixture.StartAsync();
        var wheel = TestWheel.Write(registry.Work.Path, "Churn_Model", "1.0.0", "4242");
        await registry.Client().PushAsync(wheel);

        var venv = registry.Work.File("venv");
        var created = await Mlops.Testing.Python.RunAsync(["-m", "venv", venv]);
        if (!created.Succeeded)
        {
            MissingPrerequisite.Report(output, $"python3 -m venv failed (install python3-venv): {created.AllOutput}");
            return;
        }
        var python = Path.Combine(venv, "bin", "python");
        var index = new UriBuilder(registry.Server.IndexUrl) { UserName = PythonRegistryFixture.User, Password = PythonRegistryFixture.Password }.Uri;
        var install = await Mlops.Testing.Python.RunAsync(
            ["-m", "pip", "install", "--no-cache-dir", "--no-deps", "--index-url", index.AbsoluteUri, "churn-model==1.0.0"], interpreter: python);
        output.WriteLine(install.AllOutput);
        install.EnsureSuccess();
        var import = await Mlops.Testing.Python.RunAsync(["-c", "import churn_model; print(churn_model.VALUE)"], interpreter: python);

        Assert.Equal("4242", import.EnsureSuccess().Output.Trim());
        Assert.Contains(registry.Server.Requests, r => r.Method == "GET" && r.PathAndQuery.Contains("/files/churn-model/"));
    }

    private static Task<ProcessResult> RunTwineAsync(string twine, PythonRegistryFixture registry, string wheel,
        string password = PythonRegistryFixture.Password, bool skipExisting = true)
    {
        var environment = Mlops.Testing.IsolatedEnvironment.Pip();
        foreach (var name in new[] { "TWINE_USERNAME", "TWINE_PASSWORD", "TWINE_REPOSITORY", "TWINE_REPOSITORY_URL", "TWINE_CERT" })
        {
            environment[name] = null;
        }
        // No ~/.pypirc and no keyring: only what the command line says.
        environment["HOME"] = registry.Work.Path;
        environment["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring";
        List<string> arguments = ["upload", "--non-interactive", "--disable-progress-bar", "--repository-url", registry.Server.RepositoryUrl.AbsoluteUri,
            "-u", PythonRegistryFixture.User, "-p", password];
        if (skipExisting)
        {
            arguments.Add("--skip-existing");
        }
        arguments.Add(wheel);
        return ChildProcess.RunAsync(twine, arguments, registry.Work.Path, environment, TimeSpan.FromMinutes(1));
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists);
}
