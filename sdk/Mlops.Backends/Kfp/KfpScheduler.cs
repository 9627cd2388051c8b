using System.Net;
using System.Text.Json.Nodes;
using Mlops.Backends.Schedules;
using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;

namespace Mlops.Backends.Kfp;

/// <summary>
/// Schedules on a Kubeflow Pipelines backend: its recurring runs (REST v2beta1), each running the pipeline version
/// of its template's digest (uploaded as <see cref="KfpPipelineBackend"/> does), with a cron trigger in UTC, at most
/// <see cref="PipelineScheduleSpec.MaxConcurrentRuns"/> (1–10) at once and no catch-up of missed runs.
/// </summary>
public sealed class KfpScheduler : IPipelineScheduler
{
    public const int PageSize = 100;
    public const int MinConcurrency = 1;
    public const int MaxConcurrency = 10;

    private readonly KfpApiClient api;
    private readonly KfpPipelineVersions versions;
    private readonly EnvironmentRunner runner;

    /// <param name="http">From <see cref="RegistryHttpClient.Create"/>.</param>
    /// <param name="accessTokens">The bearer token; when null, the service account token file when there is one.</param>
    public KfpScheduler(EnvironmentDefinition environment, HttpClient http, IAccessTokenSource? accessTokens = null)
    {
        var connection = new KfpConnection(environment, http, accessTokens);
        (api, runner, versions) = (connection.Api, connection.Runner, connection.Versions);
    }

    /// <summary>How a create is tried again; it looks for the recurring run the lost try made before sending it again.</summary>
    public RetrySettings Retries { get; init; } = RetrySettings.Default;

    public async Task<IReadOnlyList<PipelineSchedule>> ListAsync(string displayNamePrefix, CancellationToken cancellationToken = default)
    {
        var filter = displayNamePrefix.Length == 0 ? null : KfpApiClient.Filter("display_name", "IS_SUBSTRING", displayNamePrefix);
        var recurringRuns = await ListRecurringRunsAsync(filter, cancellationToken).ConfigureAwait(false);
        return recurringRuns
            .Where(r => (KfpApiClient.Text(r["display_name"]) ?? "").StartsWith(displayNamePrefix, StringComparison.Ordinal))
            .Select(Schedule)
            .ToList();
    }

    public async Task<PipelineSchedule> CreateAsync(PipelineScheduleSpec spec, CancellationToken cancellationToken = default) =>
        await CreateAsync(spec, enabled: true, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// KFP has no update of a recurring run (no PATCH in v2beta1): the old one is deleted and a new one created, with a
    /// new id, paused if the old one was. Deleting first means a failed create leaves no schedule (the next publish
    /// creates it) rather than two that both run.
    /// </summary>
    public async Task<PipelineSchedule> UpdateAsync(string scheduleId, PipelineScheduleSpec spec, CancellationToken cancellationToken = default)
    {
        Validate(spec);
        var existing = await api.GetOrNullAsync(RecurringRun(scheduleId), $"read schedule {scheduleId}", cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(scheduleId);
        var enabled = KfpApiClient.Text(existing["status"]) != "DISABLED";
        using (var deleted = await api.SendAsync(HttpMethod.Delete, RecurringRun(scheduleId), null, cancellationToken).ConfigureAwait(false))
        {
            // A 404 here is a delete the HTTP client sent again after the first one's answer was lost.
            if (deleted.StatusCode != HttpStatusCode.NotFound)
            {
                await api.EnsureSuccessAsync(deleted, $"delete schedule {scheduleId} to replace it", cancellationToken).ConfigureAwait(false);
            }
        }
        return await CreateAsync(spec, enabled, cancellationToken).ConfigureAwait(false);
    }

    public Task PauseAsync(string scheduleId, CancellationToken cancellationToken = default) => SwitchAsync(scheduleId, "disable", cancellationToken);

    public Task ResumeAsync(string scheduleId, CancellationToken cancellationToken = default) => SwitchAsync(scheduleId, "enable", cancellationToken);

    private async Task<PipelineSchedule> CreateAsync(PipelineScheduleSpec spec, bool enabled, CancellationToken cancellationToken)
    {
        Validate(spec);
        var request = spec.Run;
        var digest = KfpRuntimeConfig.Digest(request);
        var version = await versions.EnsureAsync(request.PipelineName, request.Ir, digest, cancellationToken).ConfigureAwait(false);
        var marker = KfpRunDescription.NewMarker();
        var description = new KfpRunDescription(marker, request.PipelineName, request.TemplateUri, digest.ToString(), KfpRuntimeConfig.Labels(request, runner));
        var body = new JsonObject
        {
            ["display_name"] = spec.DisplayName,
            ["description"] = description.Format(),
            ["pipeline_version_reference"] = version.Reference(),
            ["runtime_config"] = KfpRuntimeConfig.For(request, runner),
            ["max_concurrency"] = spec.MaxConcurrentRuns,
            ["trigger"] = new JsonObject { ["cron_schedule"] = new JsonObject { ["cron"] = KfpCron.ToKfp(spec.Cron, spec.DisplayName) } },
            ["mode"] = enabled ? "ENABLE" : "DISABLE",
            ["no_catchup"] = true,
        };
        if (runner.ServiceAccount is { Length: > 0 } serviceAccount)
        {
            body["service_account"] = serviceAccount;
        }
        var created = await KfpCreateOnce.CreateAsync(api, "recurringruns", body, $"create schedule '{spec.DisplayName}'",
            async token => (await ListRecurringRunsAsync(KfpApiClient.Filter("display_name", "EQUALS", spec.DisplayName), token).ConfigureAwait(false))
                .FirstOrDefault(r => KfpRunDescription.TryParse(KfpApiClient.Text(r["description"]))?.Marker == marker),
            Retries, cancellationToken).ConfigureAwait(false);
        return Schedule(created);
    }

    private async Task SwitchAsync(string scheduleId, string action, CancellationToken cancellationToken)
    {
        using var response = await api.SendAsync(HttpMethod.Post, RecurringRun(scheduleId) + ":" + action, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw NotFound(scheduleId);
        }
        await api.EnsureSuccessAsync(response, $"{action} schedule {scheduleId}", cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<JsonObject>> ListRecurringRunsAsync(string? filter, CancellationToken cancellationToken)
    {
        var all = new List<JsonObject>();
        string? pageToken = null;
        do
        {
            var path = $"recurringruns?page_size={PageSize}" + (filter is null ? "" : "&filter=" + filter) +
                (pageToken is null ? "" : "&page_token=" + Uri.EscapeDataString(pageToken));
            var page = await api.SendJsonAsync(HttpMethod.Get, path, null, "list schedules", cancellationToken).ConfigureAwait(false);
            // The proto names this field recurringRuns (camelCase even in proto names); accept the snake_case form too.
            all.AddRange((page["recurringRuns"] as JsonArray ?? page["recurring_runs"] as JsonArray ?? []).OfType<JsonObject>());
            pageToken = KfpApiClient.Text(page["next_page_token"]) is { Length: > 0 } next ? next : null;
        }
        while (pageToken is not null);
        return all;
    }

    private static void Validate(PipelineScheduleSpec spec)
    {
        KfpCron.EnsureUtc(spec.TimeZone, spec.DisplayName);
        KfpCron.ToKfp(spec.Cron, spec.DisplayName);
        if (spec.MaxConcurrentRuns is < MinConcurrency or > MaxConcurrency)
        {
            throw new MlopsException(ErrorCodes.KfpBackend.ScheduleConcurrencyOutOfRange,
                $"Schedule '{spec.DisplayName}' allows {spec.MaxConcurrentRuns} concurrent runs; Kubeflow Pipelines takes {MinConcurrency} to {MaxConcurrency}: change it.");
        }
    }

    private PipelineSchedule Schedule(JsonObject recurringRun)
    {
        var description = KfpRunDescription.TryParse(KfpApiClient.Text(recurringRun["description"]));
        var status = KfpApiClient.Text(recurringRun["status"]) ?? (KfpApiClient.Text(recurringRun["mode"]) == "DISABLE" ? "DISABLED" : "ENABLED");
        var parameters = (recurringRun["runtime_config"]?["parameters"] as JsonObject ?? [])
            .ToDictionary(p => p.Key, p => p.Value?.ToJsonString() ?? "null", StringComparer.Ordinal);
        return new PipelineSchedule(
            KfpApiClient.Text(recurringRun["recurring_run_id"]) ?? throw new MlopsException(ErrorCodes.KfpBackend.UnexpectedAnswer,
                $"{api.Endpoint} answered a recurring run without recurring_run_id: check that the runner endpoint is a Kubeflow Pipelines API (v2beta1)."),
            KfpApiClient.Text(recurringRun["display_name"]) ?? "",
            KfpCron.FromKfp(KfpApiClient.Text(recurringRun["trigger"]?["cron_schedule"]?["cron"]) ?? ""),
            status == "DISABLED" ? PipelineScheduleState.Paused : PipelineScheduleState.Active)
        {
            TimeZone = "UTC",
            TemplateUri = description?.TemplateUri,
            Parameters = parameters,
        };
    }

    private MlopsException NotFound(string scheduleId) =>
        new(ErrorCodes.KfpBackend.ScheduleNotFound,
            $"There is no schedule (recurring run) '{scheduleId}' on {api.Endpoint}: it was deleted; publish again to create it.");

    private static string RecurringRun(string id) => "recurringruns/" + Uri.EscapeDataString(id);
}
