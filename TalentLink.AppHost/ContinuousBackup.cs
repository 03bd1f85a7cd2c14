using Microsoft.Extensions.Configuration;

namespace TalentLink.AppHost;

/// <summary>
/// Continuous backup's wiring: every service that keeps data ships it to one replica, encrypted
/// under the operator's key. The key is never generated here (a key kept on the disk it protects
/// protects nothing): it is the <c>replica-key</c> secret parameter, and continuous backup is on
/// once the operator sets it (<c>dotnet user-secrets set Parameters:replica-key "$(openssl rand -base64 32)"</c>).
/// The replica is a directory (<c>Replication:Directory</c>, default <c>&lt;data dir&gt;/../replica</c>;
/// point it at a second disk) or, when the <c>replica</c> connection string is given, an Azure Blob
/// Storage account. Published, the key is a required deployment parameter.
/// </summary>
public sealed class ContinuousBackup
{
    /// <summary>Where a published container keeps the directory replica (a volume of its own).</summary>
    public const string ContainerReplicaDirectory = "/var/lib/talentlink-replica";
    public const string ReplicaVolumeName = "talentlink-replica";

    private readonly IResourceBuilder<ParameterResource>? _key;
    private readonly IResourceBuilder<IResourceWithConnectionString>? _blob;
    private readonly bool _publishing;

    public ContinuousBackup(IDistributedApplicationBuilder builder, RelationalDatabases databases)
    {
        _publishing = builder.ExecutionContext.IsPublishMode;
        Directory = _publishing
            ? ContainerReplicaDirectory
            : Path.GetFullPath(Path.Combine(builder.AppHostDirectory, builder.Configuration["Replication:Directory"]
                ?? Path.Combine(Path.GetDirectoryName(databases.DataDirectory.TrimEnd(Path.DirectorySeparatorChar))!, "replica")));
        if (_publishing || !string.IsNullOrWhiteSpace(builder.Configuration[$"Parameters:{ResourceNames.ReplicaKey}"]))
        {
            _key = builder.AddParameter(ResourceNames.ReplicaKey, secret: true);
        }

        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ResourceNames.Replica)))
        {
            _blob = builder.AddConnectionString(ResourceNames.Replica);
        }
    }

    /// <summary>On when the operator gave the key.</summary>
    public bool Enabled => _key is not null;

    public string Directory { get; }

    /// <summary>Gives a service the replica and the key (nothing when continuous backup is off).</summary>
    public IResourceBuilder<ProjectResource> ApplyTo(IResourceBuilder<ProjectResource> service)
    {
        if (_key is null)
        {
            return service;
        }

        service.WithEnvironment("Replication__EncryptionKey", _key);
        if (_blob is not null)
        {
            return service.WithEnvironment("Replication__AzureBlobConnectionString", _blob);
        }

        if (_publishing)
        {
            service.WithDataVolume(ReplicaVolumeName, ContainerReplicaDirectory);
        }

        return service.WithEnvironment("Replication__Directory", Directory);
    }
}
