namespace Mlops.Publishing.Ledger;

/// <summary>
/// Who publishes, as the ledger records it: the CI system's actor (<c>GITHUB_ACTOR</c>), else the signed-in user
/// (<c>USER</c>, <c>USERNAME</c>, the process's account). A name, never a credential.
/// </summary>
public static class PublisherIdentity
{
    public static string Current() =>
        new[] { "GITHUB_ACTOR", "USER", "USERNAME" }.Select(System.Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))
        ?? System.Environment.UserName;
}
