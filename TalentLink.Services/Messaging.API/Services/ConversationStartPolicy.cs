using Microsoft.Extensions.Options;

namespace TalentLink.Messaging.Services;

/// <summary>
/// Who may open a conversation: an admin with anyone (moderation); a recruiter with candidates who
/// applied to one of their offers (asked of Offers with the recruiter's token); a candidate only when
/// <see cref="MessagingOptions.CandidatesMayStartConversations"/> is on. Answering needs no permission
/// beyond taking part.
/// </summary>
public sealed class ConversationStartPolicy(OffersClient offers, IOptions<MessagingOptions> options)
{
    /// <summary>Null when <paramref name="role"/> may open a conversation with <paramref name="others"/>; otherwise why not.</summary>
    public async Task<Outcome<bool>?> CheckAsync(string? role, IReadOnlyList<Guid> others, string accessToken, CancellationToken cancellationToken)
    {
        switch (role)
        {
            case Roles.Admin:
                return null;

            case Roles.Candidate when options.Value.CandidatesMayStartConversations:
                return null;

            case Roles.Candidate:
                return Outcome<bool>.Fail(Failure.Forbidden, "Candidates cannot start conversations",
                    "A recruiter or an admin opens a conversation with a candidate; the candidate can then answer.");

            case Roles.Recruiter:
                foreach (var candidateId in others)
                {
                    var applied = await offers.HasAppliedAsync(candidateId, cancellationToken, accessToken);
                    if (applied is null)
                    {
                        return Outcome<bool>.Fail(Failure.Unavailable, "Offers is unavailable",
                            "Cannot check that the candidate applied to one of your offers because the Offers service is unavailable. Try again shortly.");
                    }

                    if (applied == false)
                    {
                        return Outcome<bool>.Fail(Failure.Forbidden, "The candidate has not applied to your offers",
                            $"User {candidateId} has not applied to any of your offers; recruiters can only message their applicants.");
                    }
                }

                return null;

            default:
                return Outcome<bool>.Fail(Failure.Forbidden, "Not allowed", "Your role cannot start conversations.");
        }
    }
}
