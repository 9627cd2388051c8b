using Mlops.Diagnostics;

namespace Mlops.Backends.Vertex;

/// <summary>A call to Vertex AI that got no answer, also after the retries (a dropped connection, a timeout).</summary>
internal sealed class VertexRequestException(HttpMethod method, Uri url, HttpRequestException inner)
    : MlopsException(ErrorCodes.Vertex.RequestFailed,
        $"{method} {url} got no answer, also after retries ({inner.Message}): check that the Vertex AI endpoint is reachable from here, then try again.", inner);
