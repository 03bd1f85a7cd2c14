using System.Diagnostics;
using System.Net.Sockets;

namespace TalentLink.Tests.Reliability;

/// <summary>
/// A TalentLink service as a real child process (<c>dotnet TalentLink.Xxx.API.dll</c> from the test's
/// own output folder, where the project references put every service), listening on a free port,
/// so a test can kill it the way an operating system does.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output.TakeLast(40));
            }
        }
    }

    /// <summary>Starts <paramref name="assembly"/> (e.g. <c>TalentLink.Profiles.API</c>) and waits until it answers <c>/alive</c>.</summary>
    public static async Task<ServiceProcess> StartAsync(string assembly, IReadOnlyDictionary<string, string> settings, int? port = null)
    {
        var address = new Uri($"http://127.0.0.1:{port ?? TestMachine.FreePort()}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, assembly + ".dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var service = new ServiceProcess(Process.Start(start)!, address);
        service._process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        service._process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        await service.WaitUntilAliveAsync(TimeSpan.FromSeconds(60));
        return service;
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilAliveAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with {_process.ExitCode} while starting:{Environment.NewLine}{Output}");
            }

            try
            {
                if ((await client.GetAsync("/alive")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The service did not answer /alive within {timeout}:{Environment.NewLine}{Output}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }
}
