using Aspire.Hosting.ApplicationModel;

namespace TalentLink.AppHost;

/// <summary>Who may write to the audit trail.</summary>
public static class AuditExtensions
{
    /// <summary>
    /// Gives the Audit service and each of <paramref name="recorders"/> the same generated recording
    /// key (<c>Audit:RecordingKey</c>); Audit refuses recordings that do not present it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRecorders(
        this IResourceBuilder<ProjectResource> audit, params IResourceBuilder<ProjectResource>[] recorders)
    {
        var key = audit.ApplicationBuilder.AddParameter(ResourceNames.AuditRecordingKey,
            new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
        audit.WithEnvironment("Audit__RecordingKey", key);
        foreach (var recorder in recorders)
        {
            recorder.WithEnvironment("Audit__RecordingKey", key);
        }

        return audit;
    }
}
