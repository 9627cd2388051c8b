using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Publishing.Ledger;

namespace Mlops.Publishing.Promotion;

/// <summary>
/// The gate of an environment with <c>requiresApproval: true</c>: a promotion passes only with an approval
/// (<c>-p:MlopsApproval=WHO</c>, from the CI system's environment protection or a person), for exactly the release
/// digest the promotion would make live. <c>WHO@sha256:…</c> pins the approval to a release digest; a bare
/// <c>WHO</c> approves the release digest this promotion computed, and the ledger records which.
/// </summary>
public static class ApprovalGate
{
    private const string DigestSeparator = "@" + ContentDigest.Prefix;

    /// <summary>The approval to record, null where none is needed and none was given; throws when the gate stays shut.</summary>
    public static LedgerApproval? Check(MlopsEnvironment target, string version, ContentDigest releaseDigest, string? approval)
    {
        if (string.IsNullOrWhiteSpace(approval))
        {
            if (target.Definition?.RequiresApproval == true)
            {
                throw new MlopsException(ErrorCodes.Host.ApprovalRequired,
                    $"Environment {target.Name} requires an approval (requiresApproval), and the promotion of {version} has none; nothing was copied. " +
                    $"Approve release digest {releaseDigest} and promote with -p:MlopsApproval=WHO (or WHO{DigestSeparator}{releaseDigest.Hex} to pin it), " +
                    "WHO being the approver's identity or a reference to the CI system's approval.");
            }
            return null;
        }
        var at = approval.LastIndexOf(DigestSeparator, StringComparison.Ordinal);
        var approver = (at < 0 ? approval : approval[..at]).Trim();
        if (at >= 0 && !(ContentDigest.TryParse(approval[(at + 1)..], out var approved) && approved == releaseDigest))
        {
            throw new MlopsException(ErrorCodes.Host.ApprovalForOtherRelease,
                $"The approval of {approver} names release digest {approval[(at + 1)..]}, and the promotion of {version} to {target.Name} would make {releaseDigest} live: " +
                "it approved other bytes; nothing was copied. Have this release digest approved, or promote the release that was.");
        }
        return new LedgerApproval(approver, releaseDigest.ToString());
    }
}
