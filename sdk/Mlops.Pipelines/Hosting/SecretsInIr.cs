using System.Collections;
using System.Text.RegularExpressions;

namespace Mlops.Pipelines.Hosting;

/// <summary>
/// Secrets compiled into IR: <c>Build()</c> runs at build time, so a value it reads from the environment (a token, a
/// password) becomes a literal of the IR, which is published and readable by anyone who can pull the pipeline. emit
/// warns (MLOPS1095) when an IR holds the value of an environment variable whose name says it is a secret, or text
/// shaped like a well-known credential; the warning names the variable or the kind, never the value.
/// </summary>
public static partial class SecretsInIr
{
    private const int ShortestSecret = 8;

    public static IReadOnlyList<Diagnostic> Find(string pipeline, string yaml, IDictionary? environment = null)
    {
        var found = new List<Diagnostic>();
        foreach (DictionaryEntry variable in environment ?? Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && variable.Value is string { Length: >= ShortestSecret } value
                && SecretName().IsMatch(name) && yaml.Contains(value, StringComparison.Ordinal))
            {
                found.Add(Warning(pipeline, $"the value of the environment variable {name}"));
            }
        }
        foreach (var (kind, shape) in Shapes)
        {
            if (shape.IsMatch(yaml))
            {
                found.Add(Warning(pipeline, kind));
            }
        }
        return found;
    }

    private static Diagnostic Warning(string pipeline, string what) => Diagnostic.Warning(ErrorCodes.Pipelines.SecretInIr,
        $"The IR of pipeline '{pipeline}' holds {what}, which looks like a secret: Build() runs when the project builds, so what it reads is compiled into the IR, which is published and readable by whoever can pull it. " +
        "Pass it when the pipeline runs instead (a pipeline parameter, or let the component read it from a secret manager).");

    private static readonly (string Kind, Regex Shape)[] Shapes =
    [
        ("a Google OAuth access token (ya29.)", GoogleAccessToken()),
        ("a GitHub token", GitHubToken()),
        ("an AWS access key id", AwsAccessKey()),
        ("a private key (PEM)", PrivateKey()),
        ("a Slack token", SlackToken()),
    ];

    [GeneratedRegex("(TOKEN|SECRET|PASSWORD|PASSWD|PWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"ya29\.[0-9A-Za-z_\-]{20,}")]
    private static partial Regex GoogleAccessToken();

    [GeneratedRegex(@"\b(ghp|gho|ghs|ghu|github_pat)_[0-9A-Za-z_]{20,}")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bAKIA[0-9A-Z]{16}\b")]
    private static partial Regex AwsAccessKey();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"\bxox[abprs]-[0-9A-Za-z-]{10,}")]
    private static partial Regex SlackToken();
}
