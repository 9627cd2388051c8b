using System.Text.Json.Nodes;
using Mlops.Registries.Local;

namespace Mlops.Packaging.Tests;

/// <summary>
/// A wheel built from a real pickle, published to the local PEP 503 index, installed by the real pip into a fresh
/// venv from that index alone, then loaded by Python.
/// </summary>
public sealed class ModelWheelInstallTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Pip_installs_the_wheel_from_the_local_index_and_load_returns_the_model_unless_the_file_was_tampered_with()
    {
        var model = await TrainedModel.WritePickleAsync(_temp.File("run"));
        var card = TrainedModel.CardFor(model);
        var wheel = WheelBuilder.Build(new ModelWheelSpec { DistributionName = "churn-model", Version = "1.0.0", ModelPath = model, Card = card }, _temp.File("dist"));
        var index = new LocalPythonPackageIndex(_temp.File("registries", "pypi"));
        await index.PushAsync(wheel.Path);

        var venv = _temp.File("venv");
        // A venv without its own copy of pip, installed into by the machine's pip (--python): the same install, 5 s faster.
        (await Python.RunAsync(["-m", "venv", "--without-pip", venv])).EnsureSuccess();
        var python = OperatingSystem.IsWindows() ? Path.Combine(venv, "Scripts", "python.exe") : Path.Combine(venv, "bin", "python");
        (await Python.RunAsync(["-m", "pip", "--python", python, "install", "--no-cache-dir", "--index-url", index.IndexUrl.AbsoluteUri, "churn-model"])).EnsureSuccess();
        var installed = (await Python.RunAsync(["-m", "pip", "--python", python, "list", "--format=freeze"])).EnsureSuccess();
        Assert.Contains("churn-model==1.0.0", installed.Output);

        var loaded = (await Python.RunAsync(["-c", "import churn_model; print(churn_model.load())"], _temp.Path, python)).EnsureSuccess();
        Assert.Equal("{'w': [1, 2, 3]}", loaded.Output.Trim());

        var described = (await Python.RunAsync(["-c", "import json, churn_model; print(json.dumps(churn_model.model_card())); print(churn_model.MODEL_PATH)"], _temp.Path, python)).EnsureSuccess();
        var lines = described.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(card.ToJson()), JsonNode.Parse(lines[0])));
        var installedModel = lines[1];
        Assert.Equal(File.ReadAllBytes(model), File.ReadAllBytes(installedModel));

        // Replace the installed model with a pickle that would create a file when unpickled: load() must refuse it
        // before unpickling, so the file never appears.
        var marker = _temp.File("unpickled");
        (await Python.RunAsync(["-c",
            "import pickle, sys\nclass Evil:\n    def __reduce__(self):\n        return (open, (sys.argv[2], 'w'))\npickle.dump(Evil(), open(sys.argv[1], 'wb'))",
            installedModel, marker], interpreter: python)).EnsureSuccess();
        var tampered = await Python.RunAsync(["-c", "import churn_model; churn_model.load()"], _temp.Path, python);

        Assert.NotEqual(0, tampered.ExitCode);
        Assert.Contains("churn_model.ModelTamperedError", tampered.Error);
        Assert.Contains($"The model file {installedModel} was tampered with", tampered.Error);
        Assert.Contains(card.ModelSha256, tampered.Error);
        Assert.False(File.Exists(marker), "load() unpickled the tampered file");
    }
}
