using Mlops.Diagnostics;

namespace Mlops.Environments;

/// <summary>
/// One environment of mlops.environments.json as written there. <see cref="Impersonate"/> is a service account
/// whose identity publishing takes (Google impersonation); <see cref="Location"/> is where its name is written.
/// </summary>
public sealed record EnvironmentDefinition(
    string Name,
    string? Project,
    string? Region,
    bool Training,
    EnvironmentRegistries Registries,
    EnvironmentRunner? Runner,
    string? PromotesFrom,
    bool RequiresApproval,
    string? Impersonate,
    SourceLocation Location);
