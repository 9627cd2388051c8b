using System.IO.Compression;
using System.Security.Cryptography;
using Mlops.Registries.Local;

namespace Mlops.Registries.Tests;

public sealed class LocalPythonPackageIndexTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly LocalPythonPackageIndex _index;

    public LocalPythonPackageIndexTests() => _index = new LocalPythonPackageIndex(_temp.File("pypi"));

    public void Dispose() => _temp.Dispose();

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public async Task Push_puts_the_wheel_under_its_normalized_project_and_links_it_with_its_sha256()
    {
        var wheel = TestWheel.Write(_temp.File("build"), "Demo_Pkg", "1.0.0", "42");

        var pushed = await _index.PushAsync(wheel);

        Assert.Equal(new PythonPackageFile("demo-pkg", "demo_pkg-1.0.0-py3-none-any.whl", "1.0.0", Sha256(wheel)), pushed);
        var stored = _temp.File("pypi", "simple", "demo-pkg", "demo_pkg-1.0.0-py3-none-any.whl");
        Assert.Equal(File.ReadAllBytes(wheel), File.ReadAllBytes(stored));
        var projectPage = File.ReadAllText(_temp.File("pypi", "simple", "demo-pkg", "index.html"));
        Assert.Contains($"<a href=\"demo_pkg-1.0.0-py3-none-any.whl#sha256={Sha256(wheel)}\">demo_pkg-1.0.0-py3-none-any.whl</a>", projectPage);
        Assert.Contains("<a href=\"demo-pkg/\">demo-pkg</a>", File.ReadAllText(_temp.File("pypi", "simple", "index.html")));
        Assert.Equal(new Uri(_temp.File("pypi", "simple") + "/"), _index.IndexUrl);
    }

    [Fact]
    public async Task A_download_is_the_published_file_and_a_file_changed_since_is_MLOPS3056()
    {
        var wheel = TestWheel.Write(_temp.File("build"), "demo-pkg", "1.0.0", "42");
        var pushed = await _index.PushAsync(wheel);

        var copied = await _index.DownloadAsync("Demo.Pkg", pushed.FileName, _temp.File("copy.whl"));
        Assert.Equal(pushed, copied);
        Assert.Equal(File.ReadAllBytes(wheel), File.ReadAllBytes(_temp.File("copy.whl")));

        File.AppendAllText(_temp.File("pypi", "simple", "demo-pkg", pushed.FileName), "edited");
        var error = await Assert.ThrowsAsync<RegistryException>(() => _index.DownloadAsync("demo-pkg", pushed.FileName, _temp.File("again.whl")));
        Assert.Equal("MLOPS3056", error.Code);
        Assert.False(File.Exists(_temp.File("again.whl")));
    }

    [Fact]
    public async Task Lists_projects_and_their_files_by_name()
    {
        await _index.PushAsync(TestWheel.Write(_temp.File("b1"), "demo-pkg", "1.1.0", "2"));
        await _index.PushAsync(TestWheel.Write(_temp.File("b2"), "demo-pkg", "1.0.0", "1"));
        await _index.PushAsync(TestWheel.Write(_temp.File("b3"), "another", "0.1.0", "3"));

        Assert.Equal(["another", "demo-pkg"], await _index.ListProjectsAsync());
        Assert.Equal(["1.0.0", "1.1.0"], (await _index.ListFilesAsync("Demo.Pkg")).Select(f => f.Version));
        Assert.Empty(await _index.ListFilesAsync("missing"));
        var projectPage = File.ReadAllText(_temp.File("pypi", "simple", "demo-pkg", "index.html"));
        Assert.Contains("demo_pkg-1.0.0-py3-none-any.whl#sha256=", projectPage);
        Assert.Contains("demo_pkg-1.1.0-py3-none-any.whl#sha256=", projectPage);
    }

    [Fact]
    public async Task Pushing_the_same_file_again_succeeds_and_other_bytes_under_the_same_name_fail_with_MLOPS3002()
    {
        var first = TestWheel.Write(_temp.File("b1"), "demo-pkg", "1.0.0", "1");
        var rebuilt = TestWheel.Write(_temp.File("b2"), "demo-pkg", "1.0.0", "2");
        await _index.PushAsync(first);

        await _index.PushAsync(first);
        var error = await Assert.ThrowsAsync<ImmutableVersionException>(() => _index.PushAsync(rebuilt));

        Assert.Equal("MLOPS3002", error.Code);
        Assert.Equal("demo-pkg", error.Package);
        Assert.Equal("1.0.0", error.Version);
        Assert.Contains("bump the project's Version", error.Message);
        Assert.Equal(Sha256(first), (await _index.ListFilesAsync("demo-pkg")).Single().Sha256);
        Assert.Equal(["demo_pkg-1.0.0-py3-none-any.whl", "index.html"],
            Directory.GetFiles(_temp.File("pypi", "simple", "demo-pkg")).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order());
    }

    [Fact]
    public async Task Concurrent_pushes_of_different_projects_all_appear_in_the_root_index()
    {
        var wheels = Enumerable.Range(0, 8).Select(i => TestWheel.Write(_temp.File($"b{i}"), $"project-{i}", "1.0.0", $"{i}")).ToList();

        await Task.WhenAll(wheels.Select(w => Task.Run(() => new LocalPythonPackageIndex(_temp.File("pypi")).PushAsync(w))));

        var root = File.ReadAllText(_temp.File("pypi", "simple", "index.html"));
        Assert.All(Enumerable.Range(0, 8), i => Assert.Contains($"<a href=\"project-{i}/\">", root));
    }

    [Fact]
    public async Task Concurrent_pushes_of_one_file_name_with_different_bytes_leave_exactly_one_winner()
    {
        var wheels = Enumerable.Range(0, 4).Select(i => TestWheel.Write(_temp.File($"b{i}"), "demo-pkg", "1.0.0", $"{i}")).ToList();

        var results = await Task.WhenAll(wheels.Select(w => Task.Run(async () =>
        {
            try
            {
                await new LocalPythonPackageIndex(_temp.File("pypi")).PushAsync(w);
                return (Wheel: w, Code: "ok");
            }
            catch (ImmutableVersionException e)
            {
                return (Wheel: w, e.Code);
            }
        })));

        var winner = Assert.Single(results, r => r.Code == "ok");
        Assert.All(results.Where(r => r.Code != "ok"), r => Assert.Equal("MLOPS3002", r.Code));
        Assert.Equal(Sha256(winner.Wheel), (await _index.ListFilesAsync("demo-pkg")).Single().Sha256);
    }

    [Theory]
    [InlineData("demo_pkg-1.0.0.zip")]
    [InlineData("demo_pkg-1.0.0.whl")]
    [InlineData("demo-pkg-1.0.0-py3-none-any.whl")]
    public async Task A_file_not_named_like_a_wheel_fails_with_MLOPS3009(string fileName)
    {
        var path = _temp.File(fileName);
        File.Copy(TestWheel.Write(_temp.File("build"), "demo-pkg", "1.0.0", "1"), path);

        var error = await Assert.ThrowsAsync<RegistryException>(() => _index.PushAsync(path));
        Assert.Equal("MLOPS3009", error.Code);
    }

    [Fact]
    public async Task A_wheel_that_is_not_a_zip_or_lacks_its_metadata_fails_with_MLOPS3009()
    {
        var notZip = _temp.File("a", "demo_pkg-1.0.0-py3-none-any.whl");
        Directory.CreateDirectory(Path.GetDirectoryName(notZip)!);
        File.WriteAllText(notZip, "not a zip");
        var noMetadata = _temp.File("b", "demo_pkg-1.0.0-py3-none-any.whl");
        Directory.CreateDirectory(Path.GetDirectoryName(noMetadata)!);
        using (var archive = ZipFile.Open(noMetadata, ZipArchiveMode.Create))
        {
            archive.CreateEntry("demo_pkg/__init__.py");
        }

        Assert.Equal("MLOPS3009", (await Assert.ThrowsAsync<RegistryException>(() => _index.PushAsync(notZip))).Code);
        Assert.Equal("MLOPS3009", (await Assert.ThrowsAsync<RegistryException>(() => _index.PushAsync(noMetadata))).Code);
    }

    [Fact]
    public async Task A_missing_file_fails_with_MLOPS3011()
    {
        var error = await Assert.ThrowsAsync<RegistryException>(() => _index.PushAsync(_temp.File("demo_pkg-1.0.0-py3-none-any.whl")));
        Assert.Equal("MLOPS3011", error.Code);
    }

    [Fact]
    public async Task Pip_installs_from_the_index_offline_and_checks_the_sha256_fragment()
    {
        await _index.PushAsync(TestWheel.Write(_temp.File("b1"), "Demo_Pkg", "1.0.0", "1"));
        await _index.PushAsync(TestWheel.Write(_temp.File("b2"), "Demo_Pkg", "1.1.0", "2"));
        var target = _temp.File("site");

        var install = await Mlops.Testing.Python.RunAsync(["-m", "pip", "install", "--no-cache-dir", "--index-url", _index.IndexUrl.AbsoluteUri, "--target", target, "demo.pkg"]);
        Assert.True(install.ExitCode == 0, install.Output + install.Error);
        var import = await Mlops.Testing.Python.RunAsync(["-c", $"import sys; sys.path.insert(0, {PythonString(target)}); import demo_pkg; print(demo_pkg.VALUE)"]);
        Assert.Equal("2", import.Output.Trim());

        // A file changed behind the index's back no longer matches its #sha256= link: pip refuses it.
        var stored = _temp.File("pypi", "simple", "demo-pkg", "demo_pkg-1.1.0-py3-none-any.whl");
        File.Copy(TestWheel.Write(_temp.File("b3"), "Demo_Pkg", "1.1.0", "3"), stored, overwrite: true);
        var tampered = await Mlops.Testing.Python.RunAsync(["-m", "pip", "download", "--no-cache-dir", "--no-deps", "--index-url", _index.IndexUrl.AbsoluteUri, "-d", _temp.File("dl"), "demo-pkg==1.1.0"]);
        Assert.NotEqual(0, tampered.ExitCode);
        Assert.Contains("HASH", tampered.Error.ToUpperInvariant());
    }

    private static string PythonString(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
