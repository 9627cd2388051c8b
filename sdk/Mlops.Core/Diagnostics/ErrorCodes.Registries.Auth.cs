namespace Mlops.Diagnostics;

public static partial class ErrorCodes
{
    public static partial class Registries
    {
        /// <summary>MLOPS3060–3079: credentials.</summary>
        public const string CredentialsFileInvalid = "MLOPS3060";
        public const string CredentialHelperFailed = "MLOPS3061";
        public const string GoogleCredentialsNotFound = "MLOPS3062";
        public const string GoogleCredentialsFileInvalid = "MLOPS3063";
        public const string GoogleTokenRequestFailed = "MLOPS3064";
        public const string GoogleImpersonationDenied = "MLOPS3065";
        public const string GoogleImpersonationUnsupported = "MLOPS3066";
    }
}
