using Microsoft.AspNetCore.Http.HttpResults;

namespace TalentLink.Platform;

/// <summary>
/// An admin's on/off decision on something a user owns: hide or show an offer, a profile and company
/// page, suspend or reinstate an account. The decision goes on the audit trail first, so when Audit is
/// down nothing changes (503); the state is then the time it began, kept when it is set twice.
/// </summary>
public static class AuditedToggle
{
    /// <summary>
    /// Records <paramref name="record"/>, then lets <paramref name="apply"/> set the state to
    /// <see cref="Since"/>'s answer and save; the trail's refusal when it cannot take the record.
    /// </summary>
    public static async Task<ProblemHttpResult?> RecordThenApplyAsync(
        this IAuditTrail audit, AuditRecord record, Func<CancellationToken, Task> apply, CancellationToken cancellationToken)
    {
        if (await audit.RecordOrRefuseAsync(record, cancellationToken) is { } refused)
        {
            return refused;
        }

        await apply(cancellationToken);
        return null;
    }

    /// <summary>When the state goes on, the time it began (the first time when it already was); null when it goes off.</summary>
    public static DateTimeOffset? Since(DateTimeOffset? since, bool on, DateTimeOffset now) => on ? since ?? now : null;
}
