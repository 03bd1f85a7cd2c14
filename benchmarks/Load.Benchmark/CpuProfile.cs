using System.Diagnostics;

namespace TalentLink.Benchmarks.Load;

/// <summary>
/// CPU time spent by each part of the platform during a run, read from the operating system: every
/// TalentLink process (by its executable's name), the PostgreSQL server's processes, and this load
/// generator. Divided by the requests served it says where a request's cost goes, and so what caps
/// the saturation throughput on this machine: cores ÷ CPU per request. Other processes on a shared
/// machine do not count here, unlike in the latencies.
/// </summary>
internal sealed class CpuProfile
{
    /// <summary>This process's part.</summary>
    public const string LoadGenerator = "load generator";

    private readonly Dictionary<int, (string Part, TimeSpan Cpu)> _byProcess;

    private CpuProfile(Dictionary<int, (string Part, TimeSpan Cpu)> byProcess) => _byProcess = byProcess;

    public static CpuProfile Take()
    {
        var byProcess = new Dictionary<int, (string Part, TimeSpan Cpu)>();
        foreach (var process in Process.GetProcesses())
        {
            using (process)
            {
                var part = process.Id == Environment.ProcessId ? LoadGenerator : PartOf(process.Id);
                if (part is null)
                {
                    continue;
                }

                try
                {
                    byProcess[process.Id] = (part, process.TotalProcessorTime);
                }
                catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Exited between the listing and the reading.
                }
            }
        }

        return new CpuProfile(byProcess);
    }

    /// <summary>
    /// CPU milliseconds per request of each part between <paramref name="before"/> and <paramref name="after"/>,
    /// costliest first. Counted per process, so one that exits in between (a PostgreSQL backend whose
    /// pooled connection was closed) takes none of the others' time away; what it spent in the window
    /// before exiting is not counted.
    /// </summary>
    public static IReadOnlyList<(string Part, double MillisecondsPerRequest)> PerRequest(CpuProfile before, CpuProfile after, long requests) =>
        requests <= 0 ? [] : after._byProcess
            .Select(p => (p.Value.Part, Spent: p.Value.Cpu - (before._byProcess.TryGetValue(p.Key, out var start) ? start.Cpu : TimeSpan.Zero)))
            .GroupBy(p => p.Part, p => p.Spent.TotalMilliseconds)
            .Select(g => (g.Key, g.Sum() / requests))
            .Where(p => p.Item2 > 0.005)
            .OrderByDescending(p => p.Item2)
            .ToList();

    /// <summary>"offers" for …/TalentLink.Offers.API, "postgres" for the server's processes; null for anything else (test hosts included).</summary>
    private static string? PartOf(int pid)
    {
        string[] arguments;
        try
        {
            arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        var name = arguments.Select(Path.GetFileName).FirstOrDefault(a => a is not null && a.StartsWith("TalentLink.", StringComparison.Ordinal));
        if (name is not null && !name.Contains("Tests", StringComparison.Ordinal))
        {
            // An app host (TalentLink.Offers.API) or a dll run by dotnet (TalentLink.Offers.API.dll).
            var part = (name.EndsWith(".dll", StringComparison.Ordinal) ? name[..^4] : name)["TalentLink.".Length..];
            return (part.EndsWith(".API", StringComparison.Ordinal) ? part[..^4] : part).ToLowerInvariant();
        }

        // The postmaster runs as …/bin/postgres; its children rename themselves "postgres: 15/main: …".
        return arguments.Length > 0 && (arguments[0].StartsWith("postgres:", StringComparison.Ordinal) || Path.GetFileName(arguments[0]) == "postgres")
            ? "postgres"
            : null;
    }
}
