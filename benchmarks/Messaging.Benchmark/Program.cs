using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using TalentLink.Benchmarks.Messaging;
using TalentLink.Messaging.Model;

// Delivery latency of the messaging hub: N connected SignalR clients in pairs, each pair in its own
// conversation; senders send through the hub and the other participant's client timestamps arrival.
// Usage: dotnet run -c Release --project benchmarks/Messaging.Benchmark -- [--clients 100,1000] [--messages 2000] [--concurrency 1,32] [--mongodb <connection string>]
var options = BenchmarkOptions.Parse(args);
ThreadPool.SetMinThreads(Math.Max(200, Environment.ProcessorCount * 8), 200);

var tokens = new TokenMinter();
await using var server = new MessagingServer(tokens, options.MongoConnectionString);
server.UseKestrel(0);
server.StartServer();
var address = server.ClientOptions.BaseAddress;
Console.WriteLine($"Messaging on {address} ({(options.MongoConnectionString is null ? "embedded SQLite store" : "MongoDB store")}), " +
    $"{Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine();
Console.WriteLine("clients  messages  send conc.  throughput   p50 ms   p90 ms   p99 ms   max ms");

foreach (var clients in options.Clients)
{
    foreach (var concurrency in options.Concurrency)
    {
        var result = await LatencyRun.RunAsync(address, tokens, clients, options.Messages, concurrency);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{clients,7}  {options.Messages,8}  {concurrency,10}  {result.Throughput,7:F0}/s  {result.P50,7:F1}  {result.P90,7:F1}  {result.P99,7:F1}  {result.Max,7:F1}"));
    }
}

/// <summary>
/// <c>--clients</c>: connected clients per run (pairs share a conversation); <c>--concurrency</c>: sends in
/// flight at once (1 = latency of a lone message; 32 = under load); <c>--messages</c>: measured sends per run.
/// </summary>
internal sealed record BenchmarkOptions(int[] Clients, int Messages, int[] Concurrency, string? MongoConnectionString)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new BenchmarkOptions(
            (Value("--clients") ?? "100,1000").Split(',').Select(int.Parse).ToArray(),
            int.Parse(Value("--messages") ?? "2000", CultureInfo.InvariantCulture),
            (Value("--concurrency") ?? "1,32").Split(',').Select(int.Parse).ToArray(),
            Value("--mongodb"));
    }
}

internal sealed record LatencyResult(double Throughput, double P50, double P90, double P99, double Max);

internal static class LatencyRun
{
    private const int WarmUpMessages = 100;

    public static async Task<LatencyResult> RunAsync(Uri address, TokenMinter tokens, int clients, int messages, int concurrency)
    {
        var pairs = clients / 2;
        using var http = new HttpClient { BaseAddress = address };
        var users = Enumerable.Range(0, pairs * 2)
            .Select(i => (Id: Guid.NewGuid(), Role: i % 2 == 0 ? "admin" : "candidate"))
            .Select(u => (u.Id, Token: tokens.Mint(u.Id, u.Role)))
            .ToArray();

        // One conversation per pair, opened by its admin.
        var conversations = new Guid[pairs];
        await Parallel.ForEachAsync(Enumerable.Range(0, pairs), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messaging/conversations")
            {
                Content = JsonContent.Create(new { participantIds = new[] { users[2 * p + 1].Id } }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", users[2 * p].Token);
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            conversations[p] = (await response.Content.ReadFromJsonAsync<ConversationResponse>(ct))!.Id;
        });

        var latencies = new List<double>(messages);
        var measuring = false;
        var delivered = 0;
        var expected = 0;
        var allDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var connections = new HubConnection[users.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Length), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var me = users[i].Id;
            var token = users[i].Token;
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(address, "hubs/messaging"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .Build();
            connection.On<MessageResponse>("MessageReceived", message =>
            {
                if (message.SenderId == me)
                {
                    return;
                }

                var elapsed = Stopwatch.GetElapsedTime(long.Parse(message.Text, CultureInfo.InvariantCulture)).TotalMilliseconds;
                lock (latencies)
                {
                    if (Volatile.Read(ref measuring))
                    {
                        latencies.Add(elapsed);
                    }

                    if (++delivered == Volatile.Read(ref expected))
                    {
                        allDelivered.TrySetResult();
                    }
                }
            });
            await connection.StartAsync(ct);
            connections[i] = connection;
        });

        async Task SendAsync(int count)
        {
            var next = -1;
            var senders = Enumerable.Range(0, concurrency).Select(async _ =>
            {
                int n;
                while ((n = Interlocked.Increment(ref next)) < count)
                {
                    var pair = n % pairs;
                    var from = (n / pairs) % 2 == 0 ? 2 * pair : 2 * pair + 1;
                    var stamp = Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture);
                    await connections[from].InvokeAsync<MessageResponse>("SendMessage", conversations[pair], stamp, null);
                }
            });
            await Task.WhenAll(senders);
        }

        // Warm-up: JIT, connection pools, SQLite page cache.
        lock (latencies) { expected = WarmUpMessages; }
        await SendAsync(WarmUpMessages);
        await allDelivered.Task.WaitAsync(TimeSpan.FromMinutes(2));

        lock (latencies)
        {
            delivered = 0;
            expected = messages;
            measuring = true;
            allDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        var stopwatch = Stopwatch.StartNew();
        await SendAsync(messages);
        await allDelivered.Task.WaitAsync(TimeSpan.FromMinutes(5));
        stopwatch.Stop();

        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));

        latencies.Sort();
        double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        return new LatencyResult(messages / stopwatch.Elapsed.TotalSeconds, Percentile(0.50), Percentile(0.90), Percentile(0.99), latencies[^1]);
    }
}
