namespace TalentLink.ServiceDefaults;

/// <summary>
/// Tokens Auth mints for its own calls to other services (erasing or exporting a user's data). They
/// are signed with Auth's keys like user tokens but carry a different audience, so the default
/// scheme refuses them everywhere; only endpoints that ask for <see cref="Scheme"/> accept them.
/// </summary>
public static class ServiceTokens
{
    public const string Scheme = "ServiceBearer";

    /// <summary>The subject of every service token Auth mints for itself.</summary>
    public const string AuthSubject = "service:auth";
}
