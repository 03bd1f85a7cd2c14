using TalentLink.Operations.Replication.Postgres;

namespace TalentLink.Tests.Operations.PostgresPointInTime;

/// <summary>A fact that needs PostgreSQL's own programs (initdb, pg_ctl, pg_receivewal, …); skipped, with the reason, when they are not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresBinariesFactAttribute : FactAttribute
{
    public PostgresBinariesFactAttribute()
    {
        if (Binaries is null)
        {
            Skip = "PostgreSQL's programs are not installed on this machine: " + Problem;
        }
        else if (!File.Exists(Binaries.PathOf("initdb")))
        {
            Skip = $"initdb is missing from {Binaries.Directory}: the test cannot create its throw-away cluster.";
        }
        else if (Binaries.ServerUser is not null && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
        {
            Skip = "The tests run as root and runuser is missing: the server cannot be started as the postgres user.";
        }
    }

    public static PostgresBinaries? Binaries { get; } = PostgresBinaries.Find(null, out var problem) is { } found ? found : Keep(problem);

    private static string? Problem { get; set; }

    private static PostgresBinaries? Keep(string? problem)
    {
        Problem = problem;
        return null;
    }
}
