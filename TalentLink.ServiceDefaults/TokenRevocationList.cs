using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace TalentLink.ServiceDefaults;

/// <summary>One published revocation: tokens of the subject (its SHA-256, hex) issued at or before <c>RevokedAt</c> are refused.</summary>
public sealed record TokenRevocation(long Id, string SubjectHash, DateTimeOffset RevokedAt)
{
    /// <summary>How long a revocation is published: longer than any access token lives.</summary>
    public static readonly TimeSpan PublishedFor = TimeSpan.FromHours(2);

    public static string HashSubject(string subject) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)));
}

/// <summary>Where revocations come from: Auth's <c>/api/auth/revocations</c>, or Auth's own database inside Auth.</summary>
public interface ITokenRevocationFeed
{
    /// <summary>Revocations with an id greater than <paramref name="afterId"/>, oldest first.</summary>
    Task<IReadOnlyList<TokenRevocation>> ReadAfterAsync(long afterId, CancellationToken cancellationToken);
}

/// <summary>The revocations this service knows of, by subject hash.</summary>
public sealed class TokenRevocationList(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revokedUpTo = new();

    public long LastId { get; private set; }

    public void Apply(IReadOnlyList<TokenRevocation> revocations)
    {
        foreach (var revocation in revocations)
        {
            Revoke(revocation.SubjectHash, revocation.RevokedAt);
            LastId = Math.Max(LastId, revocation.Id);
        }

        var horizon = time.GetUtcNow() - TokenRevocation.PublishedFor;
        foreach (var (subject, revokedAt) in _revokedUpTo)
        {
            if (revokedAt < horizon)
            {
                _revokedUpTo.TryRemove(subject, out _);
            }
        }
    }

    /// <summary>Revokes at once, ahead of the feed (Auth, in the request that suspended or deleted the user).</summary>
    public void Revoke(string subjectHash, DateTimeOffset revokedAt) =>
        _revokedUpTo.AddOrUpdate(subjectHash, revokedAt, (_, known) => known > revokedAt ? known : revokedAt);

    /// <summary>
    /// True when the subject's tokens issued at <paramref name="issuedAtUtc"/> are revoked. <c>iat</c>
    /// has whole seconds, so a token issued in the same second as the revocation counts as revoked.
    /// </summary>
    public bool IsRevoked(string? subject, DateTime issuedAtUtc) =>
        subject is not null
        && _revokedUpTo.TryGetValue(TokenRevocation.HashSubject(subject), out var revokedAt)
        && new DateTimeOffset(issuedAtUtc, TimeSpan.Zero).ToUnixTimeSeconds() <= revokedAt.ToUnixTimeSeconds();
}
