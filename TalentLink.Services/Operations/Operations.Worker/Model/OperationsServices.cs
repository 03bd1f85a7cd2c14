using Microsoft.Extensions.Options;
using TalentLink.Operations.Worker.Services;
using TalentLink.Operations.Backup;

namespace TalentLink.Operations.Worker.Model;

/// <summary>What the operations endpoints need, injected as one <c>[AsParameters]</c> bundle.</summary>
public sealed class OperationsServices(BackupRunner backups, IConfiguration configuration, IOptions<OperationsOptions> options)
{
    public BackupRunner Backups { get; } = backups;

    public IConfiguration Configuration { get; } = configuration;

    public IOptions<OperationsOptions> Options { get; } = options;
}
