using Microsoft.Extensions.Configuration;

namespace TalentLink.Data;

/// <summary>
/// Which relational engine the configuration asks for, decided in one place: the AppHost (for the
/// connection strings it hands out), every relational service and operations (the worker and the
/// CLI) all ask here, so they cannot disagree about a configuration, and nobody guesses the engine
/// from what a connection string looks like.
/// </summary>
public static class DatabaseProviders
{
    /// <summary>The setting: <c>Sqlite</c> (also when unset) or <c>Postgres</c>, in any case.</summary>
    public const string Setting = DatabaseOptions.SectionName + ":" + nameof(DatabaseOptions.Provider);

    /// <summary>The provider <c>Database:Provider</c> names; SQLite when it is unset.</summary>
    /// <exception cref="InvalidOperationException">The setting names neither provider.</exception>
    public static DatabaseProvider Resolve(IConfiguration configuration) =>
        Parse(configuration[Setting], Setting, DatabaseProvider.Sqlite);

    /// <summary>
    /// <paramref name="value"/> of <paramref name="setting"/> as a provider (<c>Sqlite</c> or
    /// <c>Postgres</c>, case-insensitive), <paramref name="whenUnset"/> when it is empty.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value names neither provider; the message names the setting.</exception>
    public static DatabaseProvider Parse(string? value, string setting, DatabaseProvider whenUnset)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return whenUnset;
        }

        return value.Trim() switch
        {
            var v when v.Equals(nameof(DatabaseProvider.Sqlite), StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
            var v when v.Equals(nameof(DatabaseProvider.Postgres), StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException($"{setting} is '{value}'; use Sqlite or Postgres."),
        };
    }
}
