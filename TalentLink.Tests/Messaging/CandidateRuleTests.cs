using TalentLink.Messaging.Model;

namespace TalentLink.Tests.Messaging;

/// <summary>The cold-message rule is configuration: with it switched on, candidates may open conversations.</summary>
[Trait("Category", "integration")]
public sealed class CandidateRuleTests(OpenCandidateMessagingFactory factory) : IClassFixture<OpenCandidateMessagingFactory>
{
    [Fact]
    public async Task A_candidate_opens_a_conversation_with_a_recruiter_when_the_rule_allows_it()
    {
        var candidate = await factory.AuthClient().NewUserAsync(Roles.Candidate);
        var recruiter = await factory.AuthClient().NewUserAsync(Roles.Recruiter);

        var response = await factory.CreateClient().WithToken(candidate.AccessToken)
            .PostAsJsonAsync("/api/messaging/conversations", new { participantIds = new[] { recruiter.User.Id }, text = "Is the role still open?" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var inbox = await factory.CreateClient().WithToken(recruiter.AccessToken).GetFromJsonAsync<PagedResult<ConversationResponse>>("/api/messaging/conversations");
        Assert.Equal("Is the role still open?", Assert.Single(inbox!.Items).LastMessage?.Text);
    }
}
