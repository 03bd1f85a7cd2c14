namespace TalentLink.Tests.Replication.Mongo;

/// <summary>
/// A fact that needs a real MongoDB replica set (change streams), which this machine cannot run (see
/// /work/shared/notes/mongodb-on-this-machine.md): skipped visibly, with the reason, unless
/// <c>TALENTLINK_MONGO_REPLICA_SET</c> names one (<c>mongodb://127.0.0.1:27017/?replicaSet=rs0</c>).
/// </summary>
public sealed class ReplicaSetFactAttribute : FactAttribute
{
    public const string EnvironmentVariable = "TALENTLINK_MONGO_REPLICA_SET";

    public ReplicaSetFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Skip = $"Needs a MongoDB replica set for change streams (the test server has none): set {EnvironmentVariable} to its connection string to run it.";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable);
}
