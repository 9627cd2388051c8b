using System.Text.RegularExpressions;
using Mlops.Diagnostics;
using Mlops.Environments.Json;

namespace Mlops.Environments;

/// <summary>
/// Checks the JSON of an environments file against its shape and rules and builds its <see cref="EnvironmentDefinition"/>s,
/// collecting every problem (not only the first) so the user fixes the file in one go.
/// </summary>
internal sealed partial class EnvironmentsFileReader(string path)
{
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly Dictionary<string, SourceLocation> _promotesFromLocations = new(StringComparer.Ordinal);

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public IReadOnlyList<EnvironmentDefinition> Read(string json)
    {
        var root = LocatedJsonReader.Read(json, path, _diagnostics);
        if (root is null)
        {
            return [];
        }
        if (!Expect(root, LocatedValueKind.Object, "the environments file", "a JSON object with an \"environments\" object in it"))
        {
            return [];
        }
        CheckKeys(root, EnvironmentsFileKeys.Root, "the file's top level");
        var definitions = new List<EnvironmentDefinition>();
        var environments = Member(root, "environments");
        if (environments is not null && Expect(environments.Value, LocatedValueKind.Object, "\"environments\"", "an object of environments by name"))
        {
            foreach (var environment in environments.Value.Members)
            {
                if (ReadEnvironment(environment) is { } definition)
                {
                    definitions.Add(definition);
                }
            }
        }
        CheckTrainingEnvironment(definitions, environments?.KeyLocation ?? root.Location);
        CheckPromotions(definitions);
        return definitions;
    }

    private EnvironmentDefinition? ReadEnvironment(LocatedMember environment)
    {
        var name = environment.Key;
        if (string.Equals(name, MlopsEnvironment.Local, StringComparison.OrdinalIgnoreCase))
        {
            Report(ErrorCodes.Environments.InvalidEnvironmentName,
                $"The environment name 'local' is reserved: 'local' is built in (the MLOps home's registries) and needs no entry. Rename this environment.",
                environment.KeyLocation);
        }
        else if (!EnvironmentNamePattern().IsMatch(name))
        {
            Report(ErrorCodes.Environments.InvalidEnvironmentName,
                $"The environment name '{name}' is not lower-case letters, digits and '-' (starting with a letter, not ending with '-', at most 63 characters). Rename it, e.g. 'staging'.",
                environment.KeyLocation);
        }
        var what = $"environment '{name}'";
        if (!Expect(environment.Value, LocatedValueKind.Object, what, "an object"))
        {
            return null;
        }
        var value = environment.Value;
        CheckKeys(value, EnvironmentsFileKeys.Environment, what);
        String(value, "description", what);
        var project = String(value, "project", what);
        var region = String(value, "region", what);
        var training = Boolean(value, "training", what);
        var promotesFrom = String(value, "promotesFrom", what);
        if (promotesFrom is not null)
        {
            _promotesFromLocations[name] = Member(value, "promotesFrom")!.Value.Location;
        }
        var requiresApproval = Boolean(value, "requiresApproval", what);
        var impersonate = ServiceAccount(value, "impersonate", what);
        var registries = ReadRegistries(environment);
        var runner = Member(value, "runner") is { } runnerMember ? ReadRunner(runnerMember, what, project, region) : null;
        return new EnvironmentDefinition(name, project, region, training, registries, runner, promotesFrom, requiresApproval,
            impersonate, environment.KeyLocation);
    }

    private EnvironmentRegistries ReadRegistries(LocatedMember environment)
    {
        var member = Member(environment.Value, "registries");
        var what = $"environment '{environment.Key}'";
        if (member is null)
        {
            Report(ErrorCodes.Environments.MissingRegistry,
                $"The {what} has no \"registries\": publishing needs {string.Join(", ", EnvironmentsFileKeys.RequiredRegistries.Select(k => $"\"{k}\""))}. Add a \"registries\" object with them.",
                environment.KeyLocation);
            return new EnvironmentRegistries(null, false, null, null, null);
        }
        var registriesWhat = $"\"registries\" of {what}";
        if (!Expect(member.Value, LocatedValueKind.Object, registriesWhat, "an object"))
        {
            return new EnvironmentRegistries(null, false, null, null, null);
        }
        CheckKeys(member.Value, EnvironmentsFileKeys.Registries, registriesWhat);
        foreach (var required in EnvironmentsFileKeys.RequiredRegistries.Where(k => Member(member.Value, k) is null))
        {
            Report(ErrorCodes.Environments.MissingRegistry,
                $"The {registriesWhat} has no \"{required}\": publishing to it needs the {RegistryRole(required)}. Add \"{required}\".",
                member.KeyLocation);
        }
        var (images, plainHttp) = ImageRepositoryPrefix(member.Value, registriesWhat);
        var pipelines = HttpUrl(member.Value, "pipelines", registriesWhat);
        var python = HttpUrl(member.Value, "python", registriesWhat);
        var nuget = HttpUrl(member.Value, "nuget", registriesWhat);
        return new EnvironmentRegistries(images, plainHttp, pipelines, python, nuget?.OriginalString);
    }

    private EnvironmentRunner? ReadRunner(LocatedMember member, string environmentWhat, string? project, string? region)
    {
        var what = $"\"runner\" of {environmentWhat}";
        if (!Expect(member.Value, LocatedValueKind.Object, what, "an object"))
        {
            return null;
        }
        var value = member.Value;
        CheckKeys(value, EnvironmentsFileKeys.Runner, what);
        var kind = String(value, "kind", what);
        var pipelineRoot = String(value, "pipelineRoot", what);
        var serviceAccount = ServiceAccount(value, "serviceAccount", what);
        var network = String(value, "network", what);
        var encryptionKey = String(value, "encryptionKey", what);
        var endpoint = HttpUrl(value, "endpoint", what);
        var labels = Labels(value, what);
        if (kind is null)
        {
            if (Member(value, "kind") is null)
            {
                Report(ErrorCodes.Environments.IncompleteRunner,
                    $"The {what} has no \"kind\". Add \"kind\": \"{EnvironmentRunner.Vertex}\" (Vertex AI Pipelines) or \"{EnvironmentRunner.Kfp}\" (a Kubeflow Pipelines backend).",
                    member.KeyLocation);
            }
            return null;
        }
        if (kind is not (EnvironmentRunner.Vertex or EnvironmentRunner.Kfp))
        {
            Report(ErrorCodes.Environments.UnknownRunnerKind,
                $"The runner kind '{kind}' of {environmentWhat} is not known. Use \"{EnvironmentRunner.Vertex}\" (Vertex AI Pipelines) or \"{EnvironmentRunner.Kfp}\" (a Kubeflow Pipelines backend at \"endpoint\").",
                Member(value, "kind")!.Value.Location);
            return null;
        }
        if (kind == EnvironmentRunner.Vertex)
        {
            var missing = new[] { ("project", project), ("region", region) }.Where(p => p.Item2 is null).Select(p => $"\"{p.Item1}\"").ToList();
            if (missing.Count > 0)
            {
                Report(ErrorCodes.Environments.IncompleteRunner,
                    $"The {what} is \"vertex\", but {environmentWhat} has no {string.Join(" and ", missing)}: Vertex AI Pipelines runs in a Google Cloud project and region. Add {string.Join(" and ", missing)} to the environment.",
                    member.KeyLocation);
            }
            if (pipelineRoot is not null && !pipelineRoot.StartsWith("gs://", StringComparison.Ordinal))
            {
                Report(ErrorCodes.Environments.InvalidPipelineRoot,
                    $"The \"pipelineRoot\" '{pipelineRoot}' of {what} is not a Cloud Storage URL. Vertex AI Pipelines writes its artifacts under a gs:// URL, e.g. \"gs://{project ?? "my-project"}-pipelines/root\".",
                    Member(value, "pipelineRoot")!.Value.Location);
            }
        }
        else if (endpoint is null && Member(value, "endpoint") is null)
        {
            Report(ErrorCodes.Environments.IncompleteRunner,
                $"The {what} is \"kfp\" but has no \"endpoint\". Add the Kubeflow Pipelines API's URL, e.g. \"endpoint\": \"https://kfp.example.com\".",
                member.KeyLocation);
        }
        return new EnvironmentRunner(kind, pipelineRoot, serviceAccount, network, encryptionKey, endpoint, labels);
    }

    private IReadOnlyDictionary<string, string> Labels(LocatedValue runner, string what)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Member(runner, "labels") is not { } member || !Expect(member.Value, LocatedValueKind.Object, $"\"labels\" of {what}", "an object of strings"))
        {
            return labels;
        }
        foreach (var label in member.Value.Members)
        {
            if (Expect(label.Value, LocatedValueKind.String, $"label \"{label.Key}\" of {what}", "a string"))
            {
                labels[label.Key] = label.Value.Text!;
            }
        }
        return labels;
    }

    private (string? Prefix, bool PlainHttp) ImageRepositoryPrefix(LocatedValue registries, string what)
    {
        if (String(registries, "images", what) is not { } text)
        {
            return (null, false);
        }
        var plainHttp = text.StartsWith("http://", StringComparison.Ordinal);
        var prefix = plainHttp ? text["http://".Length..] : text;
        var slash = prefix.IndexOf('/');
        var host = slash > 0 ? prefix[..slash] : prefix;
        if (!ImageReference.IsValidRepositoryPrefix(prefix) || slash <= 0 || !(host.Contains('.') || host.Contains(':') || host == "localhost"))
        {
            Report(ErrorCodes.Environments.InvalidRegistryAddress,
                $"The \"images\" of {what}, '{Redacted(text)}', is not an image registry's repository prefix. Write host[:port]/path as OCI image names do, without https:// (e.g. \"europe-west4-docker.pkg.dev/acme-dataops/components\"), or with http:// for a plain-HTTP registry (e.g. \"http://localhost:5000/components\").",
                Member(registries, "images")!.Value.Location);
            return (null, false);
        }
        return (prefix, plainHttp);
    }

    private Uri? HttpUrl(LocatedValue parent, string key, string what)
    {
        if (String(parent, key, what) is not { } text)
        {
            return null;
        }
        var location = Member(parent, key)!.Value.Location;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || string.IsNullOrEmpty(url.Host))
        {
            Report(ErrorCodes.Environments.InvalidRegistryAddress,
                $"The \"{key}\" of {what}, '{Redacted(text)}', is not an absolute http:// or https:// URL. Write the whole URL, e.g. \"https://europe-west4-{key}.pkg.dev/acme-dataops/{key}\".",
                location);
            return null;
        }
        if (url.UserInfo.Length > 0)
        {
            Report(ErrorCodes.Environments.InvalidRegistryAddress,
                $"The \"{key}\" of {what}, '{Redacted(text)}', carries credentials in the URL. Remove them: credentials come from Google application default credentials or ~/.docker/config.json, never from this file.",
                location);
            return null;
        }
        return url;
    }

    private string? ServiceAccount(LocatedValue parent, string key, string what)
    {
        var account = String(parent, key, what);
        if (account is not null && !EmailPattern().IsMatch(account))
        {
            Report(ErrorCodes.Environments.InvalidServiceAccount,
                $"The \"{key}\" of {what}, '{account}', is not a service account's email. Write it whole, e.g. \"pipelines@acme-dataops.iam.gserviceaccount.com\".",
                Member(parent, key)!.Value.Location);
            return null;
        }
        return account;
    }

    private void CheckTrainingEnvironment(IReadOnlyList<EnvironmentDefinition> definitions, SourceLocation location)
    {
        if (!definitions.Any(d => d.Training))
        {
            Report(ErrorCodes.Environments.NoTrainingEnvironment,
                "No environment of the file is a training environment: models are trained in one environment and promoted to the others. Add \"training\": true to the environment that trains (e.g. 'dataops').",
                location);
        }
        foreach (var trainer in definitions.Where(d => d.Training && d.PromotesFrom is not null))
        {
            Report(ErrorCodes.Environments.TrainingEnvironmentPromotes,
                $"The environment '{trainer.Name}' trains (\"training\": true) and also promotes from '{trainer.PromotesFrom}': a training environment publishes fresh releases, it receives none. Remove one of \"training\" and \"promotesFrom\".",
                PromotesFromLocation(trainer));
        }
    }

    private void CheckPromotions(IReadOnlyList<EnvironmentDefinition> definitions)
    {
        var byName = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        foreach (var definition in definitions.Where(d => d.PromotesFrom is not null))
        {
            if (definition.PromotesFrom == definition.Name)
            {
                Report(ErrorCodes.Environments.UnknownPromotesFrom,
                    $"The environment '{definition.Name}' promotes from itself. Name the environment its releases come from, or remove \"promotesFrom\".",
                    PromotesFromLocation(definition));
            }
            else if (!byName.ContainsKey(definition.PromotesFrom!))
            {
                var known = definitions.Select(d => d.Name).Where(n => n != definition.Name).ToList();
                var hint = ClosestName.To(definition.PromotesFrom!, known) is { } closest ? $" Did you mean '{closest}'?" : "";
                Report(ErrorCodes.Environments.UnknownPromotesFrom,
                    $"The environment '{definition.Name}' promotes from '{definition.PromotesFrom}', which the file does not define.{hint} Use one of: {Names(known)}.",
                    PromotesFromLocation(definition));
            }
        }
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in definitions)
        {
            var chain = new List<string> { start.Name };
            var current = start;
            while (current.PromotesFrom is { } from && from != current.Name && byName.TryGetValue(from, out var next) && !chain.Contains(from))
            {
                chain.Add(from);
                current = next;
            }
            if (current.PromotesFrom == start.Name && current != start && !chain.Any(reported.Contains))
            {
                reported.UnionWith(chain);
                Report(ErrorCodes.Environments.PromotionCycle,
                    $"The environments promote from each other in a cycle: {string.Join(" → ", chain.Append(start.Name))} (each promotes from the next). Releases start in the training environment; make one of them promote from it.",
                    PromotesFromLocation(start));
            }
        }
    }

    private SourceLocation PromotesFromLocation(EnvironmentDefinition definition) =>
        _promotesFromLocations.GetValueOrDefault(definition.Name, definition.Location);

    private void CheckKeys(LocatedValue value, IReadOnlyList<string> known, string what)
    {
        foreach (var member in value.Members.Where(m => !known.Contains(m.Key)))
        {
            var hint = ClosestName.To(member.Key, known) is { } closest
                ? $"Did you mean \"{closest}\"?"
                : $"Use one of: {string.Join(", ", known.Select(k => $"\"{k}\""))}.";
            Report(ErrorCodes.Environments.UnknownKey, $"The key \"{member.Key}\" is not known in {what}. {hint}", member.KeyLocation);
        }
    }

    private string? String(LocatedValue parent, string key, string what) =>
        Member(parent, key) is { } member && Expect(member.Value, LocatedValueKind.String, $"\"{key}\" of {what}", "a string")
            ? member.Value.Text
            : null;

    private bool Boolean(LocatedValue parent, string key, string what) =>
        Member(parent, key) is { } member && Expect(member.Value, LocatedValueKind.Boolean, $"\"{key}\" of {what}", "true or false")
            && member.Value.Boolean;

    private bool Expect(LocatedValue value, LocatedValueKind kind, string what, string expected)
    {
        if (value.Kind == kind)
        {
            return true;
        }
        Report(ErrorCodes.Environments.WrongValueType, $"The value of {what} is {value.KindName}; it must be {expected}.", value.Location);
        return false;
    }

    private static LocatedMember? Member(LocatedValue parent, string key) =>
        parent.Members.FirstOrDefault(m => m.Key == key);

    private void Report(string code, string message, SourceLocation location) =>
        _diagnostics.Add(Diagnostic.Error(code, message, location));

    private static string RegistryRole(string key) => key switch
    {
        "images" => "image registry's repository prefix (component images)",
        "pipelines" => "KFP-format registry's URL (compiled pipelines)",
        _ => "Python registry's URL (model wheels)",
    };

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    /// <summary>The text with any user:password@ part replaced, so a credential written by mistake is never echoed.</summary>
    private static string Redacted(string text) => UserInfoPattern().Replace(text, "$1***@");

    [GeneratedRegex("^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex EnvironmentNamePattern();

    [GeneratedRegex(@"^[^@\s]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@")]
    private static partial Regex UserInfoPattern();
}
