using System.Net;
using Google;
using Mlops.Diagnostics;

namespace Mlops.Backends.Storage;

/// <summary>
/// What a failed Cloud Storage call means for the user: which failures are worth another try, and the coded message
/// of the others. Messages carry the server's own explanation only when it cannot hold a secret.
/// </summary>
internal static class StorageFailures
{
    // A token or key never belongs in a message: text shaped like one is dropped.
    private static readonly string[] SecretShapes = ["Bearer", "ya29.", "eyJ", "-----BEGIN", "PRIVATE KEY"];

    public static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        GoogleApiException api => api.HttpStatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
            || (int)api.HttpStatusCode >= 500,
        HttpRequestException or IOException => true,
        // HttpClient's own timeout, not the caller's cancellation.
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    public static MlopsException Translate(Exception e, GcsUri uri, string credentials, bool pinnedGeneration)
    {
        if (e is MlopsException coded)
        {
            return coded;
        }
        if (e is not GoogleApiException api)
        {
            return new MlopsException(ErrorCodes.Storage.DownloadFailed,
                $"Reading {uri} from Cloud Storage failed ({e.GetType().Name}: {Screen(e.Message) ?? "no detail"}) after every retry. Check the network path to Cloud Storage and run again.", e);
        }
        var said = Screen(api.Error?.Message) is { } text ? $": {text}" : "";
        var status = (int)api.HttpStatusCode;
        return api.HttpStatusCode switch
        {
            HttpStatusCode.Unauthorized => new MlopsException(ErrorCodes.Storage.Unauthorized,
                $"Cloud Storage did not accept the credentials ({credentials}) reading {uri} (401{said}). Refresh them: gcloud auth application-default login on a workstation, or check GOOGLE_APPLICATION_CREDENTIALS and the CI's workload identity.", e),
            HttpStatusCode.Forbidden => new MlopsException(ErrorCodes.Storage.Forbidden,
                $"The credentials ({credentials}) may not read {uri} (403{said}). Grant that principal roles/storage.objectViewer on bucket {uri.Bucket} (or on the environment's pipeline root), or use credentials that have it.", e),
            HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed when pinnedGeneration => new MlopsException(ErrorCodes.Storage.ObjectChanged,
                $"{uri} was replaced or deleted while it was being read (the generation read first is gone, {status}). Nothing was kept; run again, and make sure nothing rewrites the run's outputs.", e),
            HttpStatusCode.NotFound => new MlopsException(ErrorCodes.Storage.ObjectNotFound,
                $"{uri} does not exist (404{said}): no object and no folder of that name. Check the URI against the run's output artifacts; the run's outputs may have been deleted (a bucket lifecycle rule).", e),
            _ when IsTransient(e, CancellationToken.None) => new MlopsException(ErrorCodes.Storage.DownloadFailed,
                $"Cloud Storage kept failing reading {uri} ({status}{said}) after every retry. Run again later; on 429 the bucket or project is over its request rate.", e),
            _ => new MlopsException(ErrorCodes.Storage.UnexpectedAnswer,
                $"Cloud Storage answered {status} reading {uri}{said}. Check the URI and the environment's storage settings.", e),
        };
    }

    private static string? Screen(string? text) =>
        string.IsNullOrWhiteSpace(text) || text.Length > 300 || SecretShapes.Any(s => text.Contains(s, StringComparison.Ordinal)) ? null : text.Trim();
}
