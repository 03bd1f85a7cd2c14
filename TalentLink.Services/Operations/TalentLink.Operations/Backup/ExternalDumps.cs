using System.Diagnostics;
using Npgsql;

namespace TalentLink.Operations.Backup;

/// <summary>
/// Stores that are not SQLite files are dumped with their own tools when those are installed:
/// <c>pg_dump</c> for each PostgreSQL database, <c>mongodump</c> for MongoDB messaging (without it,
/// <see cref="MongoDriverDump"/>). When a store cannot be dumped (its tool missing, its server down)
/// the archive is marked incomplete, with the reason in the manifest's <c>missing</c>.
/// </summary>
public static class ExternalDumps
{
    private const string ConnectTimeoutSeconds = "10";

    public static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);

    /// <summary><c>pg_dump --format=custom</c> of one database into <paramref name="outputPath"/>.</summary>
    public static async Task PgDumpAsync(string pgDump, string connectionString, string outputPath, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(pgDump)
        {
            ArgumentList = { "--format=custom", "--no-owner", "--file", outputPath, "--host", builder.Host ?? "localhost",
                "--port", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--username", builder.Username ?? "postgres", "--dbname", builder.Database ?? "postgres" },
        };
        if (builder.SearchPath is { Length: > 0 } schema)
        {
            start.ArgumentList.Add("--schema");
            start.ArgumentList.Add(schema);
        }

        start.Environment["PGPASSWORD"] = builder.Password ?? "";
        // A server that does not answer fails the dump (and marks the archive incomplete) instead of hanging it.
        start.Environment.TryAdd("PGCONNECT_TIMEOUT", ConnectTimeoutSeconds);
        await RunAsync(start, cancellationToken);
    }

    /// <summary><c>mongodump --archive</c> of the messaging database.</summary>
    public static Task MongoDumpAsync(string mongoDump, string connectionString, string outputPath, CancellationToken cancellationToken) =>
        RunAsync(new ProcessStartInfo(mongoDump) { ArgumentList = { "--uri", connectionString, "--archive=" + outputPath, "--gzip" } }, cancellationToken);

    private static async Task RunAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var message = string.Join(" ", (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            throw new InvalidOperationException($"{Path.GetFileName(start.FileName)} failed with exit code {process.ExitCode}: {message}");
        }
    }
}
