using System.Diagnostics;

namespace TalentLink.Benchmarks.Replication;

/// <summary>A <see cref="SteadyWriter"/> in its own process, killed with SIGKILL like a lost machine; it remembers every acknowledged write.</summary>
public sealed class WriterProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WriterProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            if (e.Data == "ready")
            {
                _ready.TrySetResult();
            }
            else if (e.Data.StartsWith("acked ", StringComparison.Ordinal) && e.Data.Split(' ') is [_, var id, var at])
            {
                lock (Acked)
                {
                    Acked.Add((long.Parse(id), DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(at))));
                }
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (Errors)
                {
                    Errors.Add(e.Data);
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public List<(long Id, DateTimeOffset At)> Acked { get; } = [];

    public List<string> Errors { get; } = [];

    /// <summary>Starts this assembly's <c>writer</c> mode (<paramref name="assembly"/> defaults to the running benchmark).</summary>
    public static async Task<WriterProcess> StartAsync(string database, string replica, string key, int intervalMs, string? assembly = null, int? pauseMs = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { assembly ?? typeof(WriterProcess).Assembly.Location, "writer", "--db", database, "--replica", replica, "--key", key, "--interval-ms", intervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        if (pauseMs is { } pause)
        {
            start.ArgumentList.Add("--pause-ms");
            start.ArgumentList.Add(pause.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var writer = new WriterProcess(Process.Start(start)!);
        var ready = await Task.WhenAny(writer._ready.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        if (ready != writer._ready.Task)
        {
            writer.Kill();
            throw new TimeoutException("The writer did not start: " + string.Join(Environment.NewLine, writer.Errors));
        }

        return writer;
    }

    public int AckedCount
    {
        get
        {
            lock (Acked)
            {
                return Acked.Count;
            }
        }
    }

    /// <summary>Waits until more than <paramref name="count"/> writes are acknowledged (a slow machine starts the writer late).</summary>
    public async Task WaitForAckedAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (AckedCount <= count && !_process.HasExited && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL: no shutdown, no final ship. Returns the instant of the loss.</summary>
    public DateTimeOffset Kill()
    {
        var at = DateTimeOffset.UtcNow;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        return at;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
