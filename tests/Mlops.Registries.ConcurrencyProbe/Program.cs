// Usage: Mlops.Registries.ConcurrencyProbe ROOT PACKAGE WRITER COUNT START_FILE
// Waits until START_FILE exists, then pushes versions 1.0.0 .. 1.0.(COUNT-1) of PACKAGE, each tagged with its
// version and "latest", with content that differs per WRITER (the writer "same" pushes content every writer
// named "same" shares). Prints one line per version: "1.0.3 ok sha256:..." or "1.0.3 MLOPS3001".
using System.Text;
using Mlops.Registries;
using Mlops.Registries.Local;

var (root, package, writer, count, startFile) = (args[0], args[1], args[2], int.Parse(args[3]), args[4]);
var registry = new LocalPipelineTemplateRegistry(root);
while (!File.Exists(startFile))
{
    Thread.Sleep(1);
}
for (var i = 0; i < count; i++)
{
    var version = $"1.0.{i}";
    var content = Encoding.UTF8.GetBytes($"# PIPELINE DEFINITION\n# writer: {writer}\npipelineInfo:\n  name: {package}\n# version {version}\n");
    try
    {
        var digest = await registry.PushAsync(package, content, [version, "latest"]);
        Console.WriteLine($"{version} ok {digest}");
    }
    catch (RegistryException e)
    {
        Console.WriteLine($"{version} {e.Code}");
    }
}
