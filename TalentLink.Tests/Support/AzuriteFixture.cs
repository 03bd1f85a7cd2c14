using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace TalentLink.Tests.Support;

/// <summary>
/// Azurite, the Azure Storage emulator (blob service only), for the tests of the Azure Blob replica
/// target. It is the npm package pinned in <c>tools/azurite</c> (installed with <c>npm ci</c> there
/// when its node_modules is missing), started with node on a free loopback port over a temporary
/// folder, and killed on dispose. <see cref="StopAsync"/> and <see cref="StartAsync"/> take it down
/// and bring it back on the same port and folder, so a test can stage an outage and a return with
/// the data kept.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Its public, well-known key (EMULATOR_ACCOUNT_KEY_STR in Azurite's blob/utils/constants.js).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string InstallCommand = "cd tools/azurite && npm ci --no-audit --no-fund";
    private static readonly SemaphoreSlim Install = new(1, 1);

    private readonly string _directory = Path.Combine(TestMachine.RepositoryRoot(), "tools", "azurite");
    private readonly StringBuilder _output = new();
    private Process? _node;

    public int Port { get; } = TestMachine.FreePort();

    /// <summary>Azurite's workspace (its metadata and blob files); kept across <see cref="StopAsync"/> and <see cref="StartAsync"/>.</summary>
    public string Location { get; } = Directory.CreateTempSubdirectory("talentlink-azurite-").FullName;

    public string BlobEndpoint => $"http://127.0.0.1:{Port}/{AccountName}";

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    public bool IsRunning => _node is { HasExited: false };

    public async Task InitializeAsync()
    {
        await EnsureInstalledAsync();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Starts Azurite on <see cref="Port"/> over <see cref="Location"/> and returns once it accepts connections.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            MainScript, "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(CultureInfo.InvariantCulture),
            "--location", Location, "--skipApiVersionCheck", "--silent", "--disableTelemetry",
        })
        {
            start.ArgumentList.Add(argument);
        }

        lock (_output)
        {
            _output.Clear();
        }

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var node = StartNode(start);
        node.OutputDataReceived += (_, e) =>
        {
            Record(e.Data);
            if (e.Data?.Contains("successfully listens", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        node.ErrorDataReceived += (_, e) => Record(e.Data);
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        _node = node;

        var deadline = DateTime.UtcNow.AddSeconds(60);
        var exited = node.WaitForExitAsync();
        var outcome = await Task.WhenAny(listening.Task, exited, Task.Delay(deadline - DateTime.UtcNow));
        if (outcome != listening.Task)
        {
            var why = outcome == exited ? $"exited with code {node.ExitCode}" : "did not report listening within 60 s";
            await StopAsync();
            throw new InvalidOperationException($"Azurite ({_directory}) {why} on port {Port}. Its output:\n{Output}\nIf the install is broken, run: {InstallCommand}");
        }

        // It says it listens once the socket is bound; make sure a connection is accepted too.
        while (!await AcceptsConnectionsAsync())
        {
            if (DateTime.UtcNow > deadline || node.HasExited)
            {
                await StopAsync();
                throw new InvalidOperationException($"Azurite reported listening on port {Port} but accepts no connection. Its output:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Takes Azurite down (an outage): asks it to close (SIGTERM, so it saves its metadata) and kills
    /// it if it lingers. Its folder is kept for <see cref="StartAsync"/>.
    /// </summary>
    public async Task StopAsync()
    {
        if (_node is not { } node)
        {
            return;
        }

        _node = null;
        try
        {
            if (!node.HasExited)
            {
                if (!OperatingSystem.IsWindows())
                {
                    _ = SendSignal(node.Id, SigTerm);
                }

                using var graceful = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await node.WaitForExitAsync(graceful.Token);
                }
                catch (OperationCanceledException)
                {
                    node.Kill(entireProcessTree: true);
                    await node.WaitForExitAsync();
                }
            }
        }
        finally
        {
            node.Dispose();
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private string MainScript => Path.Combine(_directory, "node_modules", "azurite", "dist", "src", "blob", "main.js");

    private async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (File.Exists(MainScript))
            {
                return;
            }

            var npm = new ProcessStartInfo("npm") { WorkingDirectory = _directory, UseShellExecute = false };
            foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
            {
                npm.ArgumentList.Add(argument);
            }

            Process process;
            try
            {
                process = Process.Start(npm) ?? throw new InvalidOperationException("npm did not start.");
            }
            catch (Win32Exception ex)
            {
                throw new InvalidOperationException(
                    $"The Azure Blob replica tests need Azurite, which needs Node.js and npm, and npm is not on PATH ({ex.Message}). " +
                    $"Install Node.js (Debian: apt-get install nodejs npm), then run: {InstallCommand}", ex);
            }

            using (process)
            {
                await process.WaitForExitAsync();
                if (process.ExitCode != 0 || !File.Exists(MainScript))
                {
                    throw new InvalidOperationException($"`npm ci` failed in {_directory} (exit code {process.ExitCode}); Azurite is not installed. Run: {InstallCommand}");
                }
            }
        }
        finally
        {
            Install.Release();
        }
    }

    private static Process StartNode(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"The Azure Blob replica tests need Azurite, which runs on Node.js, and node is not on PATH ({ex.Message}). " +
                $"Install Node.js (Debian: apt-get install nodejs npm), then run: {InstallCommand}", ex);
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}

/// <summary>One Azurite for every test class that names this collection; its tests run one at a time, so an outage test does not hit the others.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
