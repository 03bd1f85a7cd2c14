using Aspire.Hosting.ApplicationModel;

namespace TalentLink.AppHost;

/// <summary>
/// How services are published: each one is built from the repository's <c>Dockerfile</c> (the
/// project path passed as a build argument) so that it can carry volumes — SQLite files in a
/// single-host deployment, the uploads folder everywhere. Run mode is untouched.
/// </summary>
public static class DeploymentExtensions
{
    /// <summary>Declares a volume the service needs when published; ignored in run mode.</summary>
    public static IResourceBuilder<ProjectResource> WithDataVolume(
        this IResourceBuilder<ProjectResource> service, string volumeName, string target)
    {
        if (!service.Resource.Annotations.OfType<DataVolumeAnnotation>().Any(v => v.Target == target))
        {
            service.WithAnnotation(new DataVolumeAnnotation(volumeName, target));
        }

        return service;
    }

    /// <summary>In publish mode, turns every project into a container built from the shared Dockerfile.</summary>
    public static void PublishServicesAsContainers(this IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsPublishMode)
        {
            return;
        }

        var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            var projectPath = Path.GetRelativePath(repositoryRoot, project.GetProjectMetadata().ProjectPath).Replace('\\', '/');
            var volumes = project.Annotations.OfType<DataVolumeAnnotation>().ToList();
            builder.CreateResourceBuilder(project).PublishAsDockerFile(container =>
            {
                container.WithDockerfile("..", "Dockerfile").WithBuildArg("PROJECT", projectPath);
                foreach (var volume in volumes)
                {
                    container.WithVolume(volume.Name, volume.Target);
                }
            });
        }
    }

    private sealed record DataVolumeAnnotation(string Name, string Target) : IResourceAnnotation;
}
