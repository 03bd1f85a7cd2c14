using Aspire.Hosting.ApplicationModel;

namespace TalentLink.AppHost;

/// <summary>Who can read Auth's token revocation feed.</summary>
public static class IdentityExtensions
{
    /// <summary>
    /// Gives Auth and each of <paramref name="readers"/> the same generated revocation key
    /// (<c>Identity:RevocationKey</c>): Auth names users in its public feed by an HMAC under it, so
    /// only the services can tell whose tokens were revoked.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRevocationReaders(
        this IResourceBuilder<ProjectResource> auth, params IResourceBuilder<ProjectResource>[] readers)
    {
        var key = auth.ApplicationBuilder.AddParameter(ResourceNames.RevocationKey,
            new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);
        auth.WithEnvironment("Identity__RevocationKey", key);
        foreach (var reader in readers)
        {
            reader.WithEnvironment("Identity__RevocationKey", key);
        }

        return auth;
    }
}
