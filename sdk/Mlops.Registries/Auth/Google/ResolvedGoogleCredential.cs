using Google.Apis.Auth.OAuth2;

namespace Mlops.Registries.Auth.Google;

/// <summary>
/// The application default credential found, with what messages say about it: <paramref name="Description"/> (whose
/// credentials), <paramref name="TokenEndpoints"/> (the hosts it asks for tokens, in order) and
/// <paramref name="CanImpersonate"/> (whether Google.Apis.Auth can impersonate with it).
/// </summary>
internal sealed record ResolvedGoogleCredential(GoogleCredential Credential, string Description, IReadOnlyList<string> TokenEndpoints, bool CanImpersonate);
