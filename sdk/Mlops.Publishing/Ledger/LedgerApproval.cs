namespace Mlops.Publishing.Ledger;

/// <summary>
/// The approval a gated environment (<c>requiresApproval</c>) took a release with: who approved (an identity or a
/// reference such as a CI deployment approval) and the release digest approved, which is the digest of exactly the
/// artifacts promoted.
/// </summary>
public sealed record LedgerApproval(string Approver, string ReleaseDigest);
