using System.Text.RegularExpressions;

namespace Mlops.Registries;

/// <summary>
/// The parts of a wheel's file name (PEP 427): <c>{distribution}-{version}(-{build})?-{python}-{abi}-{platform}.whl</c>,
/// e.g. <c>churn_model-1.0.0-py3-none-any.whl</c>.
/// </summary>
public sealed partial record WheelFileName(string Distribution, string Version, string? BuildTag, string PythonTag, string AbiTag, string PlatformTag)
{
    /// <summary>The PEP 503 name of the project the wheel belongs to.</summary>
    public string Project => PythonProjectName.Normalize(Distribution);

    /// <summary>The folder inside the wheel that holds METADATA, WHEEL and RECORD.</summary>
    public string DistInfoFolder => $"{Distribution}-{Version}.dist-info";

    public static bool TryParse(string fileName, out WheelFileName wheel)
    {
        var match = Pattern().Match(fileName);
        if (!match.Success)
        {
            wheel = null!;
            return false;
        }
        wheel = new WheelFileName(
            match.Groups["dist"].Value,
            match.Groups["version"].Value,
            match.Groups["build"].Success ? match.Groups["build"].Value : null,
            match.Groups["python"].Value,
            match.Groups["abi"].Value,
            match.Groups["platform"].Value);
        return true;
    }

    public override string ToString() =>
        $"{Distribution}-{Version}{(BuildTag is null ? "" : "-" + BuildTag)}-{PythonTag}-{AbiTag}-{PlatformTag}.whl";

    [GeneratedRegex(@"^(?<dist>[A-Za-z0-9](?:[A-Za-z0-9._]*[A-Za-z0-9])?)-(?<version>[A-Za-z0-9_.!+]+)(?:-(?<build>[0-9][A-Za-z0-9_.]*))?-(?<python>[A-Za-z0-9_.]+)-(?<abi>[A-Za-z0-9_.]+)-(?<platform>[A-Za-z0-9_.]+)\.whl$")]
    private static partial Regex Pattern();
}
