using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MongoDB.Driver;

namespace TalentLink.Tests.Messaging;

/// <summary>
/// A MongoDB for the messaging tests. With <c>TALENTLINK_TEST_MONGODB</c> set (a connection string),
/// a real MongoDB server; otherwise the wire-compatible test server in <c>tools/mongo-test-server</c>
/// (CongoDB: no unique-index enforcement, no transactions), started with node on a free port and
/// stopped on dispose. Either way each instance uses a database of its own, dropped at the end.
/// </summary>
public sealed class MongoTestServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "TALENTLINK_TEST_MONGODB";

    private Process? _node;

    /// <summary>True when a real MongoDB was supplied, so tests needing what the test server lacks run too.</summary>
    public static bool IsRealMongo => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable));

    public string DatabaseName { get; } = $"talentlink_test_{Guid.NewGuid():N}";

    /// <summary>The connection string with this instance's database in its path.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var server = IsRealMongo ? Environment.GetEnvironmentVariable(EnvironmentVariable)! : await StartTestServerAsync();
        ConnectionString = new MongoUrlBuilder(server) { DatabaseName = DatabaseName }.ToString();
    }

    public async Task DisposeAsync()
    {
        if (_node is null)
        {
            if (ConnectionString.Length > 0)
            {
                await new MongoClient(ConnectionString).DropDatabaseAsync(DatabaseName);
            }

            return;
        }

        // Closing stdin stops the server (see server.mjs); kill it if it lingers.
        _node.StandardInput.Close();
        if (!_node.WaitForExit(5000))
        {
            _node.Kill(entireProcessTree: true);
        }

        _node.Dispose();
    }

    private async Task<string> StartTestServerAsync()
    {
        var directory = Path.Combine(TestMachine.RepositoryRoot(), "tools", "mongo-test-server");
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            await RunAsync("npm", "ci --no-audit --no-fund --loglevel=error", directory);
        }

        var port = TestMachine.FreePort();
        var start = new ProcessStartInfo("node", "server.mjs")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        _node.ErrorDataReceived += (_, _) => { };
        _node.BeginErrorReadLine();

        var ready = _node.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(ready, Task.Delay(TimeSpan.FromSeconds(30))) != ready || ready.Result?.StartsWith("listening", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"The MongoDB test server in {directory} did not start (is `npm ci` done there?).");
        }

        return $"mongodb://127.0.0.1:{port}/?directConnection=true";
    }

    private static async Task RunAsync(string file, string arguments, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, UseShellExecute = false })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{file} {arguments}` failed in {directory} with exit code {process.ExitCode}.");
        }
    }
}
