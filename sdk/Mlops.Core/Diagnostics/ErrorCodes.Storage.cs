namespace Mlops.Diagnostics;

public static partial class ErrorCodes
{
    /// <summary>
    /// MLOPS6060–6079: reading a remote run's artifacts from Cloud Storage (gs://) and packing the model of a remote
    /// run (docs/diagnostics-runs.md, "Cloud Storage").
    /// </summary>
    public static class Storage
    {
        public const string InvalidUri = "MLOPS6060";
        public const string ObjectNotFound = "MLOPS6061";
        public const string Forbidden = "MLOPS6062";
        public const string Unauthorized = "MLOPS6063";
        public const string ChecksumMismatch = "MLOPS6064";
        public const string Sha256Mismatch = "MLOPS6065";
        public const string DownloadFailed = "MLOPS6066";
        public const string ArtifactIsFolder = "MLOPS6067";
        public const string ObjectChanged = "MLOPS6068";
        public const string UnexpectedAnswer = "MLOPS6069";
        public const string RemoteRunNotFound = "MLOPS6070";
        public const string RemoteRunNotSucceeded = "MLOPS6071";
        public const string RemoteRunHasNoModel = "MLOPS6072";
        public const string RemoteArtifactUnsupported = "MLOPS6073";
        public const string ModelTaskDidNotRun = "MLOPS6074";
        public const string AmbiguousRunArtifact = "MLOPS6075";
    }
}
