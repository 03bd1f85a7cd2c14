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

    /// <summary>
    /// The scheduling priority (nice) of the local PostgreSQL server's postmaster, which its backends
    /// inherit; null when no local server is found. On a host whose cores the services saturate, a
    /// PostgreSQL write waits for a server process to get a core at every round trip, so its tail
    /// depends on this.
    /// </summary>
    public static int? PostgresNice()
    {
        foreach (var directory in Directory.Exists("/proc") ? Directory.EnumerateDirectories("/proc") : [])
        {
            try
            {
                var command = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0')[0];
                if (Path.GetFileName(command) == "postgres")
                {
                    // Fields after the parenthesised command name start at field 3 (state); nice is field 19.
                    var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours to read.
            }
        }

        return null;
    }

    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, open-file limit {OpenFileLimit()}, load average {LoadAverage()}";
}
