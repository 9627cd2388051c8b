using System.Net;

namespace Mlops.Registries.Tests.Oci;

/// <summary>Answers each request with the first answer whose predicate matches it, and records every request with its Authorization.</summary>
internal sealed class ScriptedRegistryHandler : HttpMessageHandler
{
    private readonly List<(Func<HttpRequestMessage, bool> When, Func<HttpRequestMessage, HttpResponseMessage> Answer)> answers = [];

    public List<(Uri Uri, string? Authorization)> Requests { get; } = [];

    public ScriptedRegistryHandler On(Func<HttpRequestMessage, bool> when, Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        answers.Add((when, answer));
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add((request.RequestUri!, request.Headers.Authorization?.ToString()));
        var answer = answers.FirstOrDefault(a => a.When(request)).Answer ?? (_ => new HttpResponseMessage(HttpStatusCode.NotFound));
        var response = answer(request);
        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}
