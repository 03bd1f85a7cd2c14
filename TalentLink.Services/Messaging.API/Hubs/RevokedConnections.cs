using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace TalentLink.Messaging.Hubs;

/// <summary>
/// Revocation for live connections, which outlive the token check of their negotiate request: every
/// open connection is known here, and when the revocation poller learns that a user's tokens (or a
/// session's) are revoked, their connections are closed at once. Until then, and in the instant
/// between, a hub method called by a revoked user (or while revocations are unknown) is refused and
/// the connection closed. Token expiry is <c>CloseOnAuthenticationExpiration</c>'s job.
/// </summary>
public sealed class RevokedConnections : IHubFilter, IDisposable
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new();
    private readonly TokenRevocationList _revocations;
    private readonly ILogger<RevokedConnections> _logger;

    public RevokedConnections(TokenRevocationList revocations, ILogger<RevokedConnections> logger)
    {
        _revocations = revocations;
        _logger = logger;
        _revocations.Changed += CloseRevoked;
    }

    public int OpenCount => _open.Count;

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var caller = invocation.Context;
        if (_revocations.IsStale || _revocations.IsRevoked(caller.User!))
        {
            caller.Abort();
            throw new HubException("Unauthorized: the token was revoked, or revocations cannot be checked; sign in again.");
        }

        return await next(invocation);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        _open[context.Context.ConnectionId] = context.Context;
        // A revocation learnt between the token check and this point would otherwise be missed.
        if (_revocations.IsRevoked(context.Context.User!))
        {
            context.Context.Abort();
        }

        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _open.TryRemove(context.Context.ConnectionId, out _);
        await next(context, exception);
    }

    private void CloseRevoked()
    {
        foreach (var connection in _open.Values)
        {
            if (_revocations.IsRevoked(connection.User!))
            {
                _logger.LogInformation("Closing hub connection {ConnectionId}: its user's tokens were revoked", connection.ConnectionId);
                connection.Abort();
            }
        }
    }

    public void Dispose() => _revocations.Changed -= CloseRevoked;
}
