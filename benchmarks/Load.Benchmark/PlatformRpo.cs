using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using TalentLink.Data;
using TalentLink.Data.Replication;
using TalentLink.Operations.Backup;
using TalentLink.Operations.Replication;

namespace TalentLink.Benchmarks.Load;

/// <summary>
/// RPO of the whole platform: the AppHost with continuous backup on, the candidate mix at N users,
/// and probe users who remember every write acknowledged to them; at a random moment every service
/// process is killed with SIGKILL at once, the data directory is deleted, and the platform is
/// restored to <c>latest</c> from the replica alone. Prints the acknowledged writes missing after the
/// restore and how long before the loss the oldest of them was acknowledged, and checks that every
/// restored application's CV came back too. Goal: nothing acknowledged more than one shipping
/// interval before the loss is missing.
/// </summary>
internal static class PlatformRpo
{
    public const string Usage = """
        Usage: dotnet run -c Release --project benchmarks/Load.Benchmark -- rpo [options]
          --runs 3               kills per interval (default 3)
          --interval 1000,100    shipping intervals in milliseconds (default 1000,100)
          --probes 20            users who only write and remember what was acknowledged (default 20)
          --users 1000           candidate-mix users loading the platform meanwhile (default 1000)
          and the load benchmark's seeding options (--candidates, --recruiters, --offers, --think)
        """;

    private static readonly TimeSpan ProbeThink = TimeSpan.FromMilliseconds(50);

    public static async Task RunAsync(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var runs = int.Parse(Value("--runs") ?? "3", CultureInfo.InvariantCulture);
        var intervals = (Value("--interval") ?? "1000,100").Split(',').Select(i => int.Parse(i, CultureInfo.InvariantCulture)).ToArray();
        var probes = int.Parse(Value("--probes") ?? "20", CultureInfo.InvariantCulture);
        var options = LoadOptions.Parse([.. args, .. args.Contains("--users") ? Array.Empty<string>() : ["--users", "1000"]]);
        var users = options.Users.Max();

        Console.WriteLine($"== RPO of the whole platform: {Machine.Describe()}");
        Console.WriteLine($"{users} candidate-mix users and {probes} probe writers; every service SIGKILLed at a random moment; data directory deleted; restore latest");
        Console.WriteLine($"{"interval",9} {"run",4} {"acked",7} {"missing",8} {"oldest missing, ms before loss",31} {"restored to, ms before loss",28} {"CVs missing",12} {"goal",6}");
        foreach (var interval in intervals)
        {
            for (var run = 1; run <= runs; run++)
            {
                var result = await OnceAsync(options, users, probes, TimeSpan.FromMilliseconds(interval));
                var met = result.OldestMissing <= TimeSpan.FromMilliseconds(interval) && result.FilesMissing == 0;
                Console.WriteLine($"{interval + " ms",9} {run,4} {result.Acknowledged,7} {result.Missing,8} " +
                    $"{(result.Missing == 0 ? "—" : result.OldestMissing.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)),31} " +
                    $"{result.RestoredBeforeLoss.TotalMilliseconds,28:0} {result.FilesMissing,12} {(met ? "met" : "MISSED"),6}");
                Console.WriteLine("           " + result.Detail);
            }
        }
    }

    private sealed record Outcome(int Acknowledged, int Missing, TimeSpan OldestMissing, TimeSpan RestoredBeforeLoss, int FilesMissing, string Detail);

    private static async Task<Outcome> OnceAsync(LoadOptions options, int users, int probes, TimeSpan interval)
    {
        var key = ReplicaKey.NewBase64();
        var replica = Directory.CreateTempSubdirectory("talentlink-rpo-replica-").FullName;
        try
        {
            await using var platform = await TalentLinkPlatform.StartAsync("sqlite", options.PostgresServer,
                [$"--Parameters:replica-key={key}", $"--Replication:Directory={replica}"],
                new Dictionary<string, string> { ["Replication__Interval"] = interval.ToString("c", CultureInfo.InvariantCulture) });
            var dataDirectory = platform.StatsDirectory!;
            using var http = new TimedHttp(platform.Gateway, options.MaxConnections);
            var marketplace = await Marketplace.SeedAsync(http.Client, options);

            // Load, then a random moment well after every user has started.
            var killAfter = options.ThinkMax + TimeSpan.FromSeconds(5 + Random.Shared.NextDouble() * 10);
            var runFor = killAfter + TimeSpan.FromSeconds(3);
            var mix = LoadGenerator.RunAsync(new CandidateMix(http, marketplace, options.SessionLength, options.PasswordSignIns),
                users, options.ThinkMin, options.ThinkMax, options.ThinkMax, runFor, options.Seed);
            var probe = new AcknowledgedWrites(http, marketplace);
            var writers = LoadGenerator.RunAsync(probe, probes, ProbeThink, ProbeThink, TimeSpan.Zero, runFor + options.ThinkMax, options.Seed);
            await Task.Delay(killAfter);

            var loss = DateTimeOffset.UtcNow;
            var killed = KillServices(dataDirectory);
            await Task.WhenAll(mix, writers);
            var acknowledged = probe.Acknowledged.Where(a => a.At <= loss).ToList();
            if (killed == 0)
            {
                throw new InvalidOperationException("No service process was found to kill.");
            }

            // The disk is lost: nothing of the data directory is left; the replica and the key are.
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
            var target = new EncryptedReplicaTarget(new DirectoryReplicaTarget(replica), new ReplicaCipher(ReplicaKey.Parse(key, "key")));
            var uploads = Path.Combine(dataDirectory, "uploads");
            var restored = await PlatformRestore.RestoreAsync(target, PlatformRestore.Latest, dataDirectory, uploads, onlyDatabase: null, overwrite: false);

            var messages = Column(Path.Combine(dataDirectory, SqliteFiles.FileNameFor(ResourceNames.MessagingDb)), "SELECT ClientMessageId FROM messages WHERE ClientMessageId IS NOT NULL");
            var applications = Column(Path.Combine(dataDirectory, SqliteFiles.FileNameFor(ResourceNames.OffersDb)), "SELECT Id FROM applications");
            var missing = acknowledged.Where(a => !(a.Kind == AcknowledgedWrites.Message ? messages : applications).Contains(a.Id)).ToList();
            // Per kind: how many were acknowledged and are missing, and the oldest of them; per
            // database: the last commit it was restored to, before the loss.
            var detail = string.Join("; ", acknowledged.GroupBy(a => a.Kind).Select(g =>
            {
                var lost = g.Where(missing.Contains).ToList();
                return $"{g.Key}s {lost.Count}/{g.Count()} missing" + (lost.Count == 0 ? "" : $" (oldest {(loss - lost.Min(m => m.At)).TotalMilliseconds:0} ms)");
            })) + "; restored to (ms before loss): " + string.Join(", ", restored.Databases.Select(d => $"{d.Database} {(loss - d.ResolvedTo).TotalMilliseconds:0}"));
            return new Outcome(acknowledged.Count, missing.Count,
                missing.Count == 0 ? TimeSpan.Zero : loss - missing.Min(m => m.At),
                loss - restored.At,
                MissingFiles(Path.Combine(dataDirectory, SqliteFiles.FileNameFor(ResourceNames.OffersDb)), uploads),
                detail);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(replica, recursive: true);
        }
    }

    /// <summary>SIGKILLs, at once, every process started for this platform (found by its data directory in their environment).</summary>
    private static int KillServices(string dataDirectory)
    {
        var processes = Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != Environment.ProcessId)
            .Where(name =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{name}/environ").Contains(dataDirectory, StringComparison.Ordinal);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return false;
                }
            })
            .Select(name => Process.GetProcessById(int.Parse(name!, CultureInfo.InvariantCulture)))
            .ToList();
        foreach (var process in processes)
        {
            process.Kill();
        }

        return processes.Count;
    }

    private static HashSet<string> Column(string database, string query)
    {
        using var connection = SqliteInspection.OpenReadOnly(database);
        using var command = connection.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        var values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>Restored applications whose stored CV or cover letter did not come back with the uploads.</summary>
    private static int MissingFiles(string offersDatabase, string uploads)
    {
        var present = Directory.Exists(uploads)
            ? Directory.EnumerateFiles(uploads, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal)
            : [];
        return Column(offersDatabase, "SELECT StoredName FROM application_files").Count(name => !present.Contains(name));
    }
}
