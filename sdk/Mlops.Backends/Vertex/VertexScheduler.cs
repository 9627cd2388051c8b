using System.Globalization;
using System.Text.Json.Nodes;
using Mlops.Backends.Schedules;
using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;

namespace Mlops.Backends.Vertex;

/// <summary>
/// Vertex AI schedules (<c>projects.locations.schedules</c>, REST v1) of the environment's project and region. A
/// schedule creates a pipeline job (<c>createPipelineJobRequest{parent, pipelineJob}</c>, the same job body a submit
/// sends) on a cron with a <c>TZ=</c> prefix. Vertex AI gives a schedule no id of the caller's, so a create is never
/// sent twice blindly: a create whose answer was lost looks the schedule up by display name before it tries again, and
/// a create of a display name that exists updates that schedule.
/// </summary>
public sealed class VertexScheduler : IPipelineScheduler
{
    public const int ListPageSize = 100;

    /// <summary>What an update changes (a schedule's request type cannot change, its job can).</summary>
    public const string UpdateMask = "cron,maxConcurrentRunCount,createPipelineJobRequest";

    private readonly EnvironmentDefinition environment;
    private readonly VertexApi api;
    private readonly RetrySettings retries;

    public VertexScheduler(EnvironmentDefinition environment, IAccessTokenSource tokens, HttpMessageHandler? transport = null, RetrySettings? retries = null)
    {
        this.environment = environment;
        this.retries = retries ?? RetrySettings.Default;
        api = new VertexApi(VertexLocation.Of(environment), RegistryHttpClient.Create(this.retries, transport), tokens);
    }

    public async Task<IReadOnlyList<PipelineSchedule>> ListAsync(string displayNamePrefix, CancellationToken cancellationToken = default)
    {
        var schedules = new List<PipelineSchedule>();
        var filter = displayNamePrefix.Length == 0 ? "" : "&filter=" + Uri.EscapeDataString($"display_name:\"{Quote(displayNamePrefix)}*\"");
        string? token = null;
        do
        {
            var query = $"?pageSize={ListPageSize}{filter}" + (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token));
            var page = await api.SendAsync(HttpMethod.Get, Collection, query, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!page.IsSuccess)
            {
                throw api.Refusal(page, "list the schedules");
            }
            schedules.AddRange((page.Body["schedules"] as JsonArray ?? []).OfType<JsonObject>().Select(VertexSchedule.Read)
                .Where(s => s.DisplayName.StartsWith(displayNamePrefix, StringComparison.Ordinal)));
            token = page.Body["nextPageToken"] is JsonValue next && next.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
        }
        while (token is not null);
        return schedules;
    }

    public async Task<PipelineSchedule> CreateAsync(PipelineScheduleSpec spec, CancellationToken cancellationToken = default)
    {
        var body = Body(spec);
        if (await FindAsync(spec.DisplayName, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return await UpdateAsync(existing.Id, spec, cancellationToken).ConfigureAwait(false);
        }
        for (var attempt = 0; ; attempt++)
        {
            VertexResponse? created = null;
            try
            {
                created = await api.SendAsync(HttpMethod.Post, Collection, body: body, replayable: false, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (created.IsSuccess)
                {
                    return VertexSchedule.Read(created.Body);
                }
                if (!TransientFaults.IsTransient(created.Status) || attempt >= retries.MaxRetries)
                {
                    throw api.Refusal(created, $"create schedule '{spec.DisplayName}'");
                }
            }
            catch (VertexRequestException) when (attempt < retries.MaxRetries)
            {
            }
            // The create may have been made and its answer lost: look before sending it again.
            if (await FindAsync(spec.DisplayName, cancellationToken).ConfigureAwait(false) is { } made)
            {
                return made;
            }
            await Task.Delay(retries.DelayBefore(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<PipelineSchedule> UpdateAsync(string scheduleId, PipelineScheduleSpec spec, CancellationToken cancellationToken = default)
    {
        var name = api.Location.ResourceName("schedules", scheduleId, "schedule");
        var body = Body(spec);
        body.Remove("displayName");
        var updated = await api.SendAsync(HttpMethod.Patch, name, "?updateMask=" + Uri.EscapeDataString(UpdateMask), body, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return updated.IsSuccess ? VertexSchedule.Read(updated.Body) : throw api.Refusal(updated, $"update schedule {name} ('{spec.DisplayName}')");
    }

    public Task PauseAsync(string scheduleId, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(scheduleId, "pause", PipelineScheduleState.Paused, cancellationToken);

    public Task ResumeAsync(string scheduleId, CancellationToken cancellationToken = default) =>
        ChangeStateAsync(scheduleId, "resume", PipelineScheduleState.Active, cancellationToken);

    private string Collection => api.Location.Parent + "/schedules";

    private async Task ChangeStateAsync(string scheduleId, string verb, PipelineScheduleState wanted, CancellationToken cancellationToken)
    {
        var name = api.Location.ResourceName("schedules", scheduleId, "schedule");
        var response = await api.SendAsync(HttpMethod.Post, $"{name}:{verb}", body: [], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            return;
        }
        // Pausing a paused schedule (or resuming an active one) is refused as FAILED_PRECONDITION; it already is as asked.
        if (response.ErrorStatus == "FAILED_PRECONDITION")
        {
            var current = await api.SendAsync(HttpMethod.Get, name, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (current.IsSuccess && VertexSchedule.Read(current.Body).State == wanted)
            {
                return;
            }
        }
        throw api.Refusal(response, $"{verb} schedule {name}");
    }

    private async Task<PipelineSchedule?> FindAsync(string displayName, CancellationToken cancellationToken) =>
        (await ListAsync(displayName, cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.DisplayName == displayName);

    private JsonObject Body(PipelineScheduleSpec spec)
    {
        var fields = spec.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5 || spec.Cron.Contains('='))
        {
            throw new MlopsException(ErrorCodes.Vertex.InvalidSchedule,
                $"Schedule '{spec.DisplayName}' has cron '{spec.Cron}'; Vertex AI takes 5 fields (minute hour day-of-month month day-of-week, e.g. '0 2 * * *') " +
                "with the time zone given apart (an IANA name such as 'Europe/Paris').");
        }
        if (spec.TimeZone is { } zone && (zone.Length == 0 || zone.Any(char.IsWhiteSpace)))
        {
            throw new MlopsException(ErrorCodes.Vertex.InvalidSchedule,
                $"Schedule '{spec.DisplayName}' has time zone '{zone}': give an IANA name such as 'Europe/Paris', or none for UTC.");
        }
        if (spec.MaxConcurrentRuns < 1)
        {
            throw new MlopsException(ErrorCodes.Vertex.InvalidSchedule,
                $"Schedule '{spec.DisplayName}' allows {spec.MaxConcurrentRuns} concurrent runs; Vertex AI needs at least 1.");
        }
        if (spec.DisplayName.Length is 0 or > VertexPipelineJobBody.MaxDisplayNameLength)
        {
            throw new MlopsException(ErrorCodes.Vertex.InvalidDisplayName,
                $"The schedule's display name has {spec.DisplayName.Length} characters; Vertex AI takes 1 to {VertexPipelineJobBody.MaxDisplayNameLength}: give a shorter one.");
        }
        return new JsonObject
        {
            ["displayName"] = spec.DisplayName,
            ["cron"] = VertexSchedule.Cron(string.Join(' ', fields), spec.TimeZone),
            ["maxConcurrentRunCount"] = spec.MaxConcurrentRuns.ToString(CultureInfo.InvariantCulture),
            ["createPipelineJobRequest"] = new JsonObject
            {
                ["parent"] = api.Location.Parent,
                ["pipelineJob"] = VertexPipelineJobBody.Create(spec.Run, environment.Runner),
            },
        };
    }

    private static string Quote(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
