using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TalentLink.ServiceDefaults;

/// <summary>
/// One published revocation: tokens of the subject or session (a keyed hash, hex) issued at or
/// before <c>RevokedAt</c> are refused.
/// </summary>
public sealed record TokenRevocation(long Id, string SubjectHash, DateTimeOffset RevokedAt)
{
    /// <summary>How long a revocation is published: longer than any access token lives.</summary>
    public static readonly TimeSpan PublishedFor = TimeSpan.FromHours(2);

    /// <summary>The SHA-256 of a user id, as account deletions keep it once the user is gone (not for the public feed).</summary>
    public static string HashSubject(string subject) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)));

    /// <summary>
    /// How the public feed names a user: HMAC-SHA256 of the user id under <c>Identity:RevocationKey</c>,
    /// a secret only the services hold, so a reader who knows a user id cannot tell whether it is listed.
    /// </summary>
    public static string HashForFeed(string subject, string revocationKey) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(revocationKey), Encoding.UTF8.GetBytes(subject)));

    /// <summary>How the feed names one session (a refresh-token family, the token's <c>sid</c>).</summary>
    public static string HashSessionForFeed(string sessionId, string revocationKey) => HashForFeed("sid:" + sessionId, revocationKey);
}

/// <summary>Where revocations come from: Auth's <c>/api/auth/revocations</c>, or Auth's own database inside Auth.</summary>
public interface ITokenRevocationFeed
{
    /// <summary>Revocations with an id greater than <paramref name="afterId"/>, oldest first.</summary>
    Task<IReadOnlyList<TokenRevocation>> ReadAfterAsync(long afterId, CancellationToken cancellationToken);
}

/// <summary>
/// The revocations this service knows of, by keyed hash, and how fresh that knowledge is. While no
/// poll has succeeded within <see cref="IdentitySettings.RevocationStaleAfter"/> the list is stale
/// and user tokens are refused (fail closed; see docs/security.md).
/// </summary>
public sealed class TokenRevocationList(TimeProvider time, IOptions<IdentitySettings> identity)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revokedUpTo = new();
    private readonly TaskCompletionSource _firstPoll = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastGoodPollTicks = -1;

    public long LastId { get; private set; }

    /// <summary>Raised after a revocation was learnt (live connections are re-checked).</summary>
    public event Action? Changed;

    /// <summary>When the last successful poll started (what it returned was committed by then); null before the first.</summary>
    public DateTimeOffset? LastGoodPollAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastGoodPollTicks);
            return ticks < 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>True when no poll has succeeded within the window: the list may miss revocations.</summary>
    public bool IsStale => LastGoodPollAt is not { } last || time.GetUtcNow() - last > identity.Value.RevocationStaleAfter;

    /// <summary>Completes at the first successful poll.</summary>
    public Task FirstPoll => _firstPoll.Task;

    public void Apply(IReadOnlyList<TokenRevocation> revocations, DateTimeOffset polledAt)
    {
        var changed = false;
        foreach (var revocation in revocations)
        {
            changed |= Add(revocation.SubjectHash, revocation.RevokedAt);
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

        Interlocked.Exchange(ref _lastGoodPollTicks, polledAt.UtcTicks);
        _firstPoll.TrySetResult();
        if (changed)
        {
            Changed?.Invoke();
        }
    }

    /// <summary>Revokes at once, ahead of the feed (Auth, once the request that revoked has saved).</summary>
    public void Revoke(string subjectHash, DateTimeOffset revokedAt)
    {
        if (Add(subjectHash, revokedAt))
        {
            Changed?.Invoke();
        }
    }

    /// <summary>The latest revocation instant of a user, if any (Auth issues new tokens after it).</summary>
    public DateTimeOffset? RevokedUpTo(string subject) =>
        _revokedUpTo.TryGetValue(HashOf(subject), out var revokedAt) ? revokedAt : null;

    /// <summary>The latest revocation instant of a session, if any.</summary>
    public DateTimeOffset? RevokedUpToSession(string sessionId) =>
        _revokedUpTo.TryGetValue(HashOfSession(sessionId), out var revokedAt) ? revokedAt : null;

    public string HashOf(string subject) => TokenRevocation.HashForFeed(subject, Key);

    public string HashOfSession(string sessionId) => TokenRevocation.HashSessionForFeed(sessionId, Key);

    /// <summary>
    /// True when a token of the subject (or of the session) issued at <paramref name="issuedAtUtc"/> is
    /// revoked. <c>iat</c> has whole seconds, so a token issued in the same second as the revocation
    /// counts as revoked.
    /// </summary>
    public bool IsRevoked(string? subject, string? sessionId, DateTime issuedAtUtc)
    {
        var issued = new DateTimeOffset(issuedAtUtc, TimeSpan.Zero).ToUnixTimeSeconds();
        return (subject is not null && Covers(HashOf(subject), issued))
            || (sessionId is not null && Covers(HashOfSession(sessionId), issued));
    }

    /// <summary>The same check on an authenticated principal (a hub connection's user), from its <c>sub</c>, <c>sid</c> and <c>iat</c> claims.</summary>
    public bool IsRevoked(ClaimsPrincipal user)
    {
        var issuedAt = long.TryParse(user.FindFirst("iat")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var iat)
            ? DateTimeOffset.FromUnixTimeSeconds(iat).UtcDateTime
            : DateTime.MinValue;
        return IsRevoked(user.FindFirst(TalentLinkClaims.Subject)?.Value, user.FindFirst(TalentLinkClaims.Session)?.Value, issuedAt);
    }

    private string Key => identity.Value.RevocationKey ?? "";

    private bool Covers(string hash, long issuedAtSeconds) =>
        _revokedUpTo.TryGetValue(hash, out var revokedAt) && issuedAtSeconds <= revokedAt.ToUnixTimeSeconds();

    private bool Add(string hash, DateTimeOffset revokedAt)
    {
        var added = false;
        _revokedUpTo.AddOrUpdate(hash, _ => { added = true; return revokedAt; }, (_, known) =>
        {
            added = revokedAt > known;
            return added ? revokedAt : known;
        });
        return added;
    }
}
