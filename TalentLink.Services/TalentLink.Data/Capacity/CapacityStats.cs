using System.Text.Json;

namespace TalentLink.Data;

/// <summary>
/// What a running service has observed about its load, persisted as <c>&lt;db&gt;.capacity.json</c> in
/// <c>Database:StatsDirectory</c> (default: beside the SQLite file) so the operations <c>advise</c>
/// command can read it even when the service is not running. The live values are OpenTelemetry
/// metrics (see <see cref="DatabaseMetrics"/>).
/// </summary>
public sealed record CapacityStats(
    string Database,
    DatabaseProvider Provider,
    long SizeBytes,
    int PeakActiveUsers,
    double LockWaitSeconds,
    double RequestSeconds,
    DateTimeOffset Since,
    DateTimeOffset UpdatedAt)
{
    public const string FileSuffix = ".capacity.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Σ write-lock wait ÷ Σ request time: how much of the service's work is queuing for the writer.</summary>
    public double LockWaitShare => RequestSeconds <= 0 ? 0 : Math.Min(1, LockWaitSeconds / RequestSeconds);

    public static string PathFor(string directory, string database) => System.IO.Path.Combine(directory, database + FileSuffix);

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = PathFor(directory, Database);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }

    public static CapacityStats? Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<CapacityStats>(File.ReadAllText(path), Json);
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return null;
        }
    }
}
