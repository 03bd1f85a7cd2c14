using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using TalentLink.Messaging.Hubs;
using TalentLink.Messaging.Model;

namespace TalentLink.Tests.Messaging;

/// <summary>A signed-in user's connection to the messaging hub, recording every event it receives.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private HubClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<MessageResponse>(nameof(IMessagingClient.MessageReceived), Messages.Add);
        connection.On<ReadReceipt>(nameof(IMessagingClient.MessagesRead), Receipts.Add);
        connection.On<TypingNotice>(nameof(IMessagingClient.UserTyping), Typing.Add);
        connection.On<ConversationResponse>(nameof(IMessagingClient.ConversationStarted), Conversations.Add);
    }

    public HubConnection Connection { get; }

    public EventLog<MessageResponse> Messages { get; } = new();

    public EventLog<ReadReceipt> Receipts { get; } = new();

    public EventLog<TypingNotice> Typing { get; } = new();

    public EventLog<ConversationResponse> Conversations { get; } = new();

    /// <summary>
    /// Over the in-process test server, by WebSockets, with the token in <c>?access_token=</c> as a
    /// browser sends it.
    /// </summary>
    public static async Task<HubClient> ConnectAsync<T>(WebApplicationFactory<T> factory, string accessToken) where T : class
    {
        var server = factory.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, MessagingHub.Path.TrimStart('/')), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var uri = new UriBuilder(context.Uri) { Query = $"{context.Uri.Query.TrimStart('?')}&access_token={Uri.EscapeDataString(accessToken)}" }.Uri;
                    return await server.CreateWebSocketClient().ConnectAsync(uri, cancellationToken);
                };
            })
            .Build();
        return await StartAsync(connection);
    }

    /// <summary>Over real HTTP (an AppHost resource or a Kestrel server).</summary>
    public static async Task<HubClient> ConnectAsync(Uri serviceAddress, string accessToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(serviceAddress, MessagingHub.Path.TrimStart('/')), options =>
                options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken))
            .Build();
        return await StartAsync(connection);
    }

    private static async Task<HubClient> StartAsync(HubConnection connection)
    {
        var client = new HubClient(connection);
        await connection.StartAsync();
        return client;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

/// <summary>Events in arrival order, with a wait for the one a test expects.</summary>
public sealed class EventLog<T>
{
    private readonly List<T> _items = [];
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyList<T> Items
    {
        get { lock (_items) { return [.. _items]; } }
    }

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
        }

        _arrived.Release();
    }

    public async Task<T> WaitForAsync(Func<T, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var match = Items.FirstOrDefault(predicate);
            if (match is not null)
            {
                return match;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                throw new TimeoutException($"No {typeof(T).Name} matching the condition arrived; got {Items.Count} others.");
            }
        }
    }
}
