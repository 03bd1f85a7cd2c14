using Aspire.Hosting.ApplicationModel;

namespace TalentLink.AppHost;

/// <summary>
/// A MongoDB server in a container, as the Aspire MongoDB hosting integration models it (that package
/// is not available here): the official image, a root user with a generated password, port 27017, and
/// a connection string naming the service's database.
/// </summary>
public sealed class MongoDBServerResource(string name, ParameterResource password, string databaseName)
    : ContainerResource(name), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const string UserName = "admin";
    internal const int DefaultPort = 27017;

    private EndpointReference? _primaryEndpoint;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    public ParameterResource PasswordParameter { get; } = password;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"mongodb://{UserName}:{PasswordParameter}@{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}/{DatabaseName}?authSource=admin&authMechanism=SCRAM-SHA-256");
}

public static class MongoDBResourceExtensions
{
    public const string Image = "library/mongo";
    public const string Tag = "8.0";

    /// <summary>A MongoDB container whose connection string points at <paramref name="databaseName"/>.</summary>
    public static IResourceBuilder<MongoDBServerResource> AddMongoDB(this IDistributedApplicationBuilder builder, string name, string databaseName)
    {
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        return builder.AddResource(new MongoDBServerResource(name, password, databaseName))
            .WithImage(Image, Tag)
            .WithImageRegistry("docker.io")
            .WithEndpoint(targetPort: MongoDBServerResource.DefaultPort, name: MongoDBServerResource.PrimaryEndpointName)
            .WithEnvironment("MONGO_INITDB_ROOT_USERNAME", MongoDBServerResource.UserName)
            .WithEnvironment("MONGO_INITDB_ROOT_PASSWORD", password);
    }

    /// <summary>Keeps the data in a named volume, so it survives the container (like <c>WithDataVolume</c> in the Aspire integration).</summary>
    public static IResourceBuilder<MongoDBServerResource> WithDataVolume(this IResourceBuilder<MongoDBServerResource> builder, string? name = null) =>
        builder.WithVolume(name ?? VolumeNameGenerator.Generate(builder, "data"), "/data/db");
}
