using System.Globalization;
using System.Text.RegularExpressions;
using Mlops.Diagnostics;

namespace Mlops.Backends.Vertex;

/// <summary>
/// A pipelineJobId, as the aiplatform SDK makes one: the pipeline name lower-cased, each run of characters other than
/// <c>[-0-9a-z]</c> replaced by <c>-</c>, trimmed of <c>-</c>, then <c>-yyyyMMddHHmmss</c>; checked against
/// <c>^[a-z][-a-z0-9]{0,127}$</c>. The id is asked for on create, so a create sent again finds the job the first made.
/// </summary>
internal static partial class VertexJobId
{
    public static string Derive(string pipelineName, DateTimeOffset now)
    {
        var stem = NotAllowed().Replace(pipelineName.ToLowerInvariant(), "-").Trim('-');
        return Validate($"{stem}-{now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}",
            $"the id made from the pipeline's name '{pipelineName}'");
    }

    public static string Validate(string id, string what) =>
        Allowed().IsMatch(id)
            ? id
            : throw new MlopsException(ErrorCodes.Vertex.InvalidJobId,
                $"Vertex AI refuses {what}, '{id}', as a pipelineJobId: it must start with a lower-case letter and have at most 128 lower-case letters, " +
                "digits and '-'. Give a run id of that form, or rename the pipeline so it starts with a letter.");

    [GeneratedRegex("[^-0-9a-z]+")]
    private static partial Regex NotAllowed();

    [GeneratedRegex("^[a-z][-a-z0-9]{0,127}$")]
    private static partial Regex Allowed();
}
