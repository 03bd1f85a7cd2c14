namespace TalentLink.Benchmarks.Load;

/// <summary>What the figures depend on: cores, load from other processes, open-file limit.</summary>
internal static class Machine
{
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static string OpenFileLimit() =>
        File.Exists("/proc/self/limits")
            ? File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal))?
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[3] ?? "n/a"
            : "n/a";

    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, open-file limit {OpenFileLimit()}, load average {LoadAverage()}";
}
