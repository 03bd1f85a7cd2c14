using TalentLink.Data;
using TalentLink.Operations.Worker.Model;

namespace TalentLink.Tests.Operations;

/// <summary>
/// The Operations service in process, validating tokens of an in-process Auth and backing up the
/// SQLite files and uploads under its data directory into <c>&lt;data directory&gt;/backups</c>. It has
/// no database of its own: the connection string the base class sets names no existing file, so it is
/// not taken for a database to back up.
/// </summary>
public sealed class OperationsFactory : ServiceFactory<OperationsServices>
{
    /// <param name="extra">More settings, e.g. <c>ConnectionStrings:xxxdb</c> of service databases kept elsewhere.</param>
    public OperationsFactory(AuthFactory identity, string dataDirectory, IReadOnlyDictionary<string, string?>? extra = null)
        : base(DatabaseProvider.Sqlite, "operationsdb", new Dictionary<string, string?>(extra ?? new Dictionary<string, string?>())
        {
            ["Operations:DataDirectory"] = dataDirectory,
        })
    {
        Identity = identity;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public string BackupDirectory => Path.Combine(DataDirectory, "backups");
}
