namespace Mlops.Diagnostics;

public static partial class ErrorCodes
{
    public static partial class Registries
    {
        /// <summary>MLOPS3060–3079: credentials.</summary>
        public const string CredentialsFileInvalid = "MLOPS3060";
        public const string CredentialHelperFailed = "MLOPS3061";
    }
}
