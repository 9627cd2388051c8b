namespace Mlops.Registries.Auth;

/// <summary>An OAuth 2.0 access token for Google APIs (scope cloud-platform), refreshed before it expires.</summary>
public interface IAccessTokenSource
{
    /// <summary>Where the token comes from, for messages (never the token): "service account x@p.iam.gserviceaccount.com", ….</summary>
    string Description { get; }

    Task<string> GetAccessTokenAsync(CancellationToken cancellationToken = default);
}
