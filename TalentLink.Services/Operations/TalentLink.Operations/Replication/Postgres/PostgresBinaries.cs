using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TalentLink.Operations.Replication.Postgres;

/// <summary>
/// PostgreSQL's own programs (<c>pg_receivewal</c>, <c>pg_basebackup</c>, <c>pg_ctl</c>, …) from one
/// installation, and how to run them. The server programs refuse to run as root, so when this
/// process is root they run as <see cref="ServerUser"/> (through <c>runuser</c>), and the data
/// directories they use are handed to that user.
/// </summary>
public sealed class PostgresBinaries
{
    private PostgresBinaries(string directory, int majorVersion, string? serverUser)
    {
        Directory = directory;
        MajorVersion = majorVersion;
        ServerUser = serverUser;
    }

    /// <summary>The folder holding the programs, e.g. <c>/usr/lib/postgresql/15/bin</c>.</summary>
    public string Directory { get; }

    /// <summary>Their major version (a restore needs the server's own major version).</summary>
    public int MajorVersion { get; }

    /// <summary>The operating-system user the server programs run as when this process is root; null otherwise.</summary>
    public string? ServerUser { get; }

    public string PathOf(string program) => Path.Combine(Directory, program);

    /// <summary>
    /// Finds an installation: <paramref name="configured"/> when given, else the newest
    /// <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> (Debian, Ubuntu), else the folder of
    /// <c>pg_basebackup</c> on the PATH. Null, with the reason, when none has every program.
    /// </summary>
    public static PostgresBinaries? Find(string? configured, out string? problem, int? majorVersion = null)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(configured))
        {
            candidates.Add(configured);
        }
        else
        {
            if (System.IO.Directory.Exists("/usr/lib/postgresql"))
            {
                candidates.AddRange(System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                    .Select(d => (Path: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
                    .Where(d => majorVersion is null || d.Version == majorVersion)
                    .OrderByDescending(d => d.Version)
                    .Select(d => d.Path));
            }

            if (Backup.ExternalDumps.FindOnPath("pg_basebackup") is { } onPath)
            {
                candidates.Add(Path.GetDirectoryName(onPath)!);
            }
        }

        foreach (var directory in candidates)
        {
            var missing = RequiredPrograms.Where(p => !File.Exists(Path.Combine(directory, p))).ToList();
            if (missing.Count > 0)
            {
                continue;
            }

            var version = ReadMajorVersion(Path.Combine(directory, "pg_basebackup"));
            if (version is null || (majorVersion is not null && version != majorVersion))
            {
                continue;
            }

            problem = null;
            return new PostgresBinaries(directory, version.Value, Environment.UserName == "root" ? "postgres" : null);
        }

        problem = candidates.Count == 0
            ? $"PostgreSQL's programs ({string.Join(", ", RequiredPrograms)}) were not found: install the postgresql package{(majorVersion is null ? "" : " of major version " + majorVersion)} or set the binaries folder."
            : $"No PostgreSQL installation{(majorVersion is null ? "" : " of major version " + majorVersion)} with all of {string.Join(", ", RequiredPrograms)} in: {string.Join(", ", candidates)}.";
        return null;
    }

    public static readonly IReadOnlyList<string> RequiredPrograms = ["pg_basebackup", "pg_receivewal", "pg_ctl", "pg_controldata", "pg_isready", "postgres"];

    /// <summary>Runs a client program (as this process's user) and returns its standard output; throws with its error output when it fails.</summary>
    public Task<string> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default) =>
        RunProcessAsync(Start(program, arguments, environment, asServerUser: false), cancellationToken);

    /// <summary>Runs a server program (<c>pg_ctl</c>, <c>initdb</c>): as <see cref="ServerUser"/> when this process is root.</summary>
    public Task<string> RunAsServerUserAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken = default) =>
        RunProcessAsync(Start(program, arguments, null, asServerUser: true), cancellationToken);

    /// <summary>A start description for a long-running program (the supervised <c>pg_receivewal</c>).</summary>
    public ProcessStartInfo Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, bool asServerUser)
    {
        ProcessStartInfo start;
        if (asServerUser && ServerUser is not null)
        {
            start = new ProcessStartInfo("runuser") { ArgumentList = { "-u", ServerUser, "--", PathOf(program) } };
        }
        else
        {
            start = new ProcessStartInfo(PathOf(program));
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return start;
    }

    /// <summary>Gives a directory (and everything in it) to <see cref="ServerUser"/>, with the 0700 mode the server insists on.</summary>
    public async Task HandToServerUserAsync(string directory, CancellationToken cancellationToken = default)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (ServerUser is not null)
        {
            await RunProcessAsync(new ProcessStartInfo("chown")
            {
                ArgumentList = { "-R", ServerUser + ":", directory },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }, cancellationToken);
        }
    }

    private static int? ReadMajorVersion(string program)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            // "pg_basebackup (PostgreSQL) 15.8 (Debian 15.8-0+deb12u1)"
            var version = output.Split(')', 2).ElementAtOrDefault(1)?.Trim().Split('.', ' ')[0];
            return int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException)
        {
            return null;
        }
    }

    internal static async Task<string> RunProcessAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var name = start.FileName == "runuser" ? Path.GetFileName(start.ArgumentList[3]) : Path.GetFileName(start.FileName);
            throw new PostgresToolException($"{name} failed with exit code {process.ExitCode}: {(await stderr).Trim()} {(await stdout).Trim()}".Trim());
        }

        return await stdout;
    }

    /// <summary>Quotes a value for a libpq connection string (<c>key='value'</c>).</summary>
    public static string QuoteConnectionValue(string value)
    {
        var text = new StringBuilder("'");
        foreach (var c in value)
        {
            if (c is '\'' or '\\')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.Append('\'').ToString();
    }
}

/// <summary>A PostgreSQL program exited with an error; the message carries what it printed.</summary>
public sealed class PostgresToolException(string message) : Exception(message);
