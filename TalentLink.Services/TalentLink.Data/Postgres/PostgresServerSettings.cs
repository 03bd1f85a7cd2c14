using System.Globalization;
using Npgsql;

namespace TalentLink.Data;

/// <summary>
/// The PostgreSQL server settings the platform relies on (<c>PostgresServerSettings.conf</c>, embedded
/// here and installed by <c>.ci/run</c>), and the comparison with what a server runs: sizes are
/// minimums, everything else must match.
/// </summary>
public static class PostgresServerSettings
{
    /// <summary>The settings of <c>PostgresServerSettings.conf</c>, in its order.</summary>
    public static IReadOnlyList<(string Name, string Value)> Expected { get; } = Parse(ReadResource());

    /// <summary>A server's value of one setting, as <c>pg_settings</c> gives it.</summary>
    public sealed record Actual(string Setting, string? Unit);

    public static IReadOnlyList<(string Name, string Value)> Parse(string conf) =>
        conf.Split('\n')
            .Select(line => line.Split('#')[0].Trim())
            .Where(line => line.Length > 0)
            .Select(line => line.Split('=', 2))
            .Select(parts => (parts[0].Trim(), parts[1].Trim().Trim('\'')))
            .ToList();

    /// <summary>One line per expected setting the server runs differently ("max_wal_size is 1GB; TalentLink expects at least 2GB").</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyDictionary<string, Actual> server) =>
        Expected.Select(e => Difference(e.Name, e.Value, server.GetValueOrDefault(e.Name))).OfType<string>().ToList();

    /// <summary>Why the services' pools do not fit the server's <c>max_connections</c>, or null when they do.</summary>
    public static string? PoolDifference(int maxConnections, DatabaseOptions options)
    {
        var needed = options.PostgresServices * options.EffectivePostgresPoolSize + options.PostgresReservedConnections;
        return needed <= maxConnections ? null
            : $"max_connections is {maxConnections}, but {options.PostgresServices} services × {options.EffectivePostgresPoolSize} pooled connections " +
              $"+ {options.PostgresReservedConnections} reserved need {needed}: under load the server will refuse connections. " +
              "Raise max_connections, or set Database:PostgresMaxConnections to the server's value so the pools are derived from it";
    }

    /// <summary>Reads the expected settings and <c>max_connections</c> from the server.</summary>
    public static async Task<IReadOnlyDictionary<string, Actual>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT name, setting, unit FROM pg_settings WHERE name = ANY(@names)", connection);
        command.Parameters.AddWithValue("names", Expected.Select(e => e.Name).Append("max_connections").ToArray());
        var settings = new Dictionary<string, Actual>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            settings[reader.GetString(0)] = new Actual(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        return settings;
    }

    private static string? Difference(string name, string expected, Actual? actual)
    {
        if (actual is null)
        {
            return $"{name} is unknown to the server; TalentLink expects {expected}";
        }

        if (Bytes(expected) is { } expectedBytes && UnitScale(actual.Unit, ByteUnits) is { } byteScale)
        {
            var bytes = Number(actual.Setting) * byteScale;
            return bytes >= expectedBytes ? null : $"{name} is {Describe(actual)}; TalentLink expects at least {expected}";
        }

        if (Microseconds(expected) is { } expectedMicroseconds && UnitScale(actual.Unit, TimeUnits) is { } timeScale)
        {
            return Number(actual.Setting) * timeScale == expectedMicroseconds ? null : $"{name} is {Describe(actual)}; TalentLink expects {expected}";
        }

        var same = double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var e)
                   && double.TryParse(actual.Setting, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            ? e == a
            : string.Equals(expected, actual.Setting, StringComparison.OrdinalIgnoreCase);
        return same ? null : $"{name} is {Describe(actual)}; TalentLink expects {expected}";
    }

    private static readonly Dictionary<string, double> ByteUnits = new(StringComparer.Ordinal)
    {
        ["B"] = 1, ["kB"] = 1024, ["MB"] = 1024 * 1024, ["GB"] = 1024d * 1024 * 1024, ["TB"] = 1024d * 1024 * 1024 * 1024,
    };

    private static readonly Dictionary<string, double> TimeUnits = new(StringComparer.Ordinal)
    {
        ["us"] = 1, ["ms"] = 1_000, ["s"] = 1_000_000, ["min"] = 60_000_000, ["h"] = 3_600_000_000, ["d"] = 86_400_000_000,
    };

    private static double? Bytes(string value) => Quantity(value, ByteUnits);

    private static double? Microseconds(string value) => Quantity(value, TimeUnits);

    /// <summary>"16MB" → 16 × 2²⁰ with <paramref name="units"/>; null when the value has none of them.</summary>
    private static double? Quantity(string value, Dictionary<string, double> units)
    {
        var digits = value.TakeWhile(c => char.IsDigit(c) || c == '.').Count();
        return digits > 0 && units.TryGetValue(value[digits..].Trim(), out var scale) ? Number(value[..digits]) * scale : null;
    }

    /// <summary>A pg_settings unit such as "8kB" or "ms" in <paramref name="units"/>.</summary>
    private static double? UnitScale(string? unit, Dictionary<string, double> units) =>
        unit is null ? null : Quantity(char.IsDigit(unit[0]) ? unit : "1" + unit, units);

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Describe(Actual actual) => actual.Unit is null ? actual.Setting : $"{actual.Setting} × {actual.Unit}";

    private static string ReadResource()
    {
        using var stream = typeof(PostgresServerSettings).Assembly.GetManifestResourceStream("PostgresServerSettings.conf")
            ?? throw new InvalidOperationException("PostgresServerSettings.conf is not embedded in TalentLink.Data.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
