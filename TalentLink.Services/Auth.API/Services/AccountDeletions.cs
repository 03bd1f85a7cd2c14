using Microsoft.Extensions.Options;

namespace TalentLink.Auth.Services;

/// <summary>
/// Deletes an account: in one transaction the user row (with its refresh tokens) goes, a token
/// revocation is published, and one outbox step per personal-data service is written. The
/// <see cref="DeletionDispatcher"/> then has each service erase its part.
/// </summary>
public sealed class AccountDeletions(
    AuthContext context,
    RevocationPublisher revocations,
    IOptions<PersonalDataOptions> options,
    TimeProvider time,
    ILogger<AccountDeletions> logger)
{
    public async Task<AccountDeletion> DeleteAsync(User user, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deletion = new AccountDeletion
        {
            UserId = user.Id,
            SubjectHash = TokenRevocation.HashSubject(user.Id.ToString()),
            Reason = reason,
            RequestedAt = now,
            Steps = options.Value.Services.Distinct().Select(service => new DeletionStep { Service = service, NextAttemptAt = now }).ToList(),
        };
        if (deletion.Steps.Count == 0)
        {
            Complete(deletion, now);
        }

        context.AccountDeletions.Add(deletion);
        revocations.RevokeUser(user.Id, now);
        context.Users.Remove(user);
        await context.SaveChangesAsync(cancellationToken);

        logger.LogInformation("Account deletion {DeletionId} ({Reason}) started: {Steps} services to erase", deletion.Id, reason, deletion.Steps.Count);
        return deletion;
    }

    /// <summary>Every service is done: forget whose deletion this was (only the id's hash remains).</summary>
    public static void Complete(AccountDeletion deletion, DateTimeOffset now)
    {
        deletion.CompletedAt = now;
        deletion.UserId = null;
    }
}
