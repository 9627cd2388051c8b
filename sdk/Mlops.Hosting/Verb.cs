using Mlops.Packaging;
using Mlops.Pipelines.Diagnostics;
using Mlops.Registries;

namespace Mlops.Pipelines.Hosting;

/// <summary>Runs a verb's work and turns the problems users can cause into <c>error CODE: message</c> and exit code 1.</summary>
internal static class Verb
{
    public static int Run(TextWriter output, Action work)
    {
        try
        {
            work();
            return 0;
        }
        catch (Exception e) when (Report(output, e))
        {
            return 1;
        }
    }

    public static async Task<int> RunAsync(TextWriter output, Func<Task> work)
    {
        try
        {
            await work();
            return 0;
        }
        catch (Exception e) when (Report(output, e))
        {
            return 1;
        }
    }

    private static bool Report(TextWriter output, Exception e)
    {
        switch (e)
        {
            case HostException h:
                output.WriteLine($"error {h.Code}: {h.Message}");
                return true;
            case RegistryException r:
                output.WriteLine($"error {r.Code}: {r.Message}");
                return true;
            case PackagingException p:
                output.WriteLine($"error {p.Code}: {p.Message}");
                return true;
            case PipelineException p:
                foreach (var diagnostic in p.Diagnostics)
                {
                    output.WriteLine(diagnostic.ToCanonicalString());
                }
                return true;
            default:
                return false;
        }
    }
}
