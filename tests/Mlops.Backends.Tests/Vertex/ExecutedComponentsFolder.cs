using Mlops.Testing;

namespace Mlops.Backends.Tests.Vertex;

/// <summary>A COMPONENTS_DIR for the execute mode: one folder per component (the image's repository name) holding its shell script.</summary>
internal sealed class ExecutedComponentsFolder : IDisposable
{
    private readonly TempFolder folder = new("mlops-vertex-components-");

    public ExecutedComponentsFolder()
    {
        Write("prepare", "prepare.sh", "printf 'rows of %s\\n' \"$1\" > \"$2\"\n");
        Write("train", "train.sh", "{ cat \"$1\"; printf 'trained for %s epochs\\n' \"$2\"; } > \"$3\"\n");
        Write("broken", "broken.sh", "echo 'no table crm.eu' >&2\nexit 7\n");
        // exec: the pid written is the sleeping process itself, which a cancel must end.
        Write("sleeper", "sleeper.sh", "echo $$ > \"$PWD/pid.tmp\" && mv \"$PWD/pid.tmp\" \"$PWD/pid\"\nexec sleep 120\n");
    }

    public string Path => folder.Path;

    /// <summary>The file where the sleeper step writes its process id once it runs.</summary>
    public string SleeperPidFile => folder.File("sleeper", "pid");

    private void Write(string component, string script, string text)
    {
        Directory.CreateDirectory(folder.File(component));
        File.WriteAllText(folder.File(component, script), text);
    }

    public void Dispose() => folder.Dispose();
}
