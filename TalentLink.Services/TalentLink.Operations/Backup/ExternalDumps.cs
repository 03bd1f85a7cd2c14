using System.Diagnostics;
using Npgsql;

namespace TalentLink.Operations.Backup;

/// <summary>
/// Stores that are not SQLite files are dumped with their own tools when those are installed:
/// <c>pg_dump</c> for each PostgreSQL database, <c>mongodump</c> for MongoDB messaging. When a tool is
/// missing the backup says so in its notes (and the manifest) instead of silently skipping the data.
/// </summary>
public static class ExternalDumps
{
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
            throw new InvalidOperationException($"{Path.GetFileName(start.FileName)} failed with exit code {process.ExitCode}: {(await stderr).Trim()}");
        }
    }
}
