using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using TalentLink.AppHost;
using TalentLink.Operations;

namespace TalentLink.Tests.AppHost;

/// <summary>One backup folder: what the operations service lists is where the CLI writes by default.</summary>
[Trait("Category", "apphost")]
public sealed class BackupFolderModelTests
{
    [Fact]
    public async Task The_operations_service_keeps_archives_where_the_command_line_writes_them_by_default()
    {
        var data = Directory.CreateTempSubdirectory("talentlink-backup-folder-").FullName;
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.TalentLink_AppHost>([$"--Database:DataDirectory={data}"]);
            var operations = builder.Resources.Single(r => r.Name == ResourceNames.Operations);
            var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), operations, []);
            foreach (var callback in operations.Annotations.OfType<EnvironmentCallbackAnnotation>())
            {
                await callback.Callback(context);
            }

            var served = Path.GetFullPath(context.EnvironmentVariables["Operations__BackupDirectory"].ToString()!);
            var commandLineDefault = Path.GetFullPath(new OperationsOptions { DataDirectory = data }.ResolvedBackupDirectory);
            Assert.Equal(commandLineDefault, served);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
