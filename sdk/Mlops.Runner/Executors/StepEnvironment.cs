using System.Collections;

namespace Mlops.Runner.Executors;

/// <summary>
/// The environment a step's process starts with: what a program needs to start on this machine (PATH, HOME, the
/// locale, the temp folder, an active Python environment; on Windows its system variables), the names listed in
/// <see cref="PassVariable"/>, and the step's own <c>env</c> from the IR, never the developer's whole environment, so
/// tokens and keys in it (GOOGLE_APPLICATION_CREDENTIALS, *_TOKEN, cloud keys) do not reach a step or its log. On
/// KFP a step sees only its container's environment; locally it is as close to that as a process can be.
/// </summary>
public static class StepEnvironment
{
    /// <summary>Comma-separated names of more variables to hand to steps (e.g. <c>MLOPS_PASS_ENV=HF_HOME,CUDA_VISIBLE_DEVICES</c>).</summary>
    public const string PassVariable = "MLOPS_PASS_ENV";

    private static readonly HashSet<string> Machine = new(StringComparer.OrdinalIgnoreCase)
    {
        "PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TERM", "TMPDIR", "TEMP", "TMP",
        "VIRTUAL_ENV", "CONDA_PREFIX", "CONDA_DEFAULT_ENV", "PYTHONPATH", "PYTHONHOME", "LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH",
        "SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT", "SYSTEMDRIVE", "USERPROFILE", "APPDATA", "LOCALAPPDATA", "PROGRAMDATA",
        "PROGRAMFILES", "PROGRAMFILES(X86)", "NUMBER_OF_PROCESSORS", "PROCESSOR_ARCHITECTURE",
    };

    /// <summary>Replaces <paramref name="target"/> (a ProcessStartInfo's copy of this process's environment) with what a step gets.</summary>
    public static void Apply(IDictionary<string, string?> target, IReadOnlyDictionary<string, string> step, IDictionary? current = null)
    {
        current ??= Environment.GetEnvironmentVariables();
        var passed = (current[PassVariable] as string ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        target.Clear();
        foreach (DictionaryEntry variable in current)
        {
            var name = (string)variable.Key;
            if (Machine.Contains(name) || name.StartsWith("LC_", StringComparison.OrdinalIgnoreCase) || passed.Contains(name))
            {
                target[name] = variable.Value as string;
            }
        }
        foreach (var (name, value) in step)
        {
            target[name] = value;
        }
    }
}
