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
    private readonly Dictionary<string, TimeSpan> _byPart;

    private CpuProfile(Dictionary<string, TimeSpan> byPart) => _byPart = byPart;

    public static CpuProfile Take()
    {
        var byPart = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var process in Process.GetProcesses())
        {
            using (process)
            {
                var part = process.Id == Environment.ProcessId ? "load generator" : PartOf(process.Id);
                if (part is null)
                {
                    continue;
                }

                try
                {
                    byPart[part] = byPart.GetValueOrDefault(part) + process.TotalProcessorTime;
                }
                catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Exited between the listing and the reading.
                }
            }
        }

        return new CpuProfile(byPart);
    }

    /// <summary>CPU milliseconds per request of each part between <paramref name="before"/> and <paramref name="after"/>, costliest first.</summary>
    public static IReadOnlyList<(string Part, double MillisecondsPerRequest)> PerRequest(CpuProfile before, CpuProfile after, long requests) =>
        requests <= 0 ? [] : after._byPart
            .Select(p => (p.Key, (p.Value - before._byPart.GetValueOrDefault(p.Key)).TotalMilliseconds / requests))
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
