using Mlops.Registries;

namespace Mlops.Sdk.Tool.Release;

/// <summary>A <c>--component</c> value: <c>name=NAME&amp;image=REFERENCE&amp;folder=FOLDER</c> (a <see cref="QueryArgument"/>).</summary>
public static class ComponentArgument
{
    private static readonly string[] Keys = ["name", "image", "folder"];

    public static bool TryParse(string text, out ComponentImage component, out string error)
    {
        component = null!;
        if (!QueryArgument.TryParse(text, Keys, out var values)
            || !values.TryGetValue("name", out var name) || !values.TryGetValue("image", out var image) || !values.TryGetValue("folder", out var folder))
        {
            error = $"--component '{text}': expected name=NAME&image=REFERENCE&folder=FOLDER, each key once.";
            return false;
        }
        if (!ImageReference.TryParse(image, out var reference) || !reference.IsQualified)
        {
            error = $"--component '{text}': '{image}' is not an image reference with a tag or digest.";
            return false;
        }
        component = new ComponentImage(name, Path.GetFullPath(folder), reference);
        error = "";
        return true;
    }
}
