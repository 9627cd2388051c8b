using Mlops.Restore;

namespace Mlops.Sdk.Tool.Restore;

/// <summary>A <c>--reference</c> value: <c>name=NAME&amp;version=RANGE&amp;registry=FOLDER&amp;alias=ALIAS</c> (a <see cref="QueryArgument"/>).</summary>
public static class ReferenceArgument
{
    private static readonly string[] Keys = ["name", "version", "registry", "alias"];

    public static string Format(SubPipelineReference reference) =>
        QueryArgument.Format(("name", reference.Name), ("version", reference.Version), ("registry", reference.Registry), ("alias", reference.Alias));

    public static bool TryParse(string text, out SubPipelineReference reference, out string error)
    {
        reference = null!;
        if (!QueryArgument.TryParse(text, Keys, out var values))
        {
            error = $"--reference '{text}': expected name=NAME&version=RANGE[&registry=FOLDER][&alias=ALIAS], each key once.";
            return false;
        }
        if (!values.TryGetValue("name", out var name) || name.Length == 0)
        {
            error = $"--reference '{text}' has no name.";
            return false;
        }
        reference = new SubPipelineReference(name, values.GetValueOrDefault("version"), values.GetValueOrDefault("registry"), values.GetValueOrDefault("alias"));
        error = "";
        return true;
    }
}
