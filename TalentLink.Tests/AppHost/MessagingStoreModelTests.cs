using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using TalentLink.AppHost;

namespace TalentLink.Tests.AppHost;

/// <summary>Which store the AppHost gives Messaging: the model only, nothing is started.</summary>
[Trait("Category", "apphost")]
public sealed class MessagingStoreModelTests
{
    [Fact]
    public async Task Without_mongodb_or_a_container_runtime_messaging_gets_the_embedded_store_and_no_container()
    {
        var resources = await ModelAsync("--ASPIRE_CONTAINER_RUNTIME=no-such-container-runtime");

        Assert.DoesNotContain(resources, r => r is ContainerResource);
        Assert.Contains(resources, r => r.Name == ResourceNames.MessagingDb);
        Assert.Equal("Embedded", await StoreSettingAsync(resources));
    }

    [Fact]
    public async Task A_mongodb_connection_string_gives_messaging_that_server()
    {
        var resources = await ModelAsync("--ConnectionStrings:mongodb=mongodb://db.example:27017/messaging");

        Assert.DoesNotContain(resources, r => r is ContainerResource);
        Assert.IsAssignableFrom<IResourceWithConnectionString>(resources.Single(r => r.Name == ResourceNames.MongoDb));
        Assert.DoesNotContain(resources, r => r.Name == ResourceNames.MessagingDb);
        Assert.Equal("Mongo", await StoreSettingAsync(resources));
    }

    [Fact]
    public async Task Asking_for_mongo_without_a_server_models_a_mongodb_container_with_a_data_volume()
    {
        var resources = await ModelAsync("--Messaging:Store=Mongo");

        var mongo = Assert.IsType<MongoDBServerResource>(resources.Single(r => r.Name == ResourceNames.MongoDb));
        Assert.Contains(mongo.Annotations.OfType<ContainerMountAnnotation>(), m => m.Target == "/data/db" && m.Type == ContainerMountType.Volume);
        Assert.Equal("Mongo", await StoreSettingAsync(resources));
    }

    private static async Task<IReadOnlyList<IResource>> ModelAsync(params string[] args)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.TalentLink_AppHost>(
            [$"--Database:DataDirectory={Path.GetTempPath()}", .. args]);
        return [.. builder.Resources];
    }

    private static async Task<string?> StoreSettingAsync(IReadOnlyList<IResource> resources)
    {
        var messaging = resources.Single(r => r.Name == ResourceNames.Messaging);
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), messaging, []);
        foreach (var callback in messaging.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return context.EnvironmentVariables.GetValueOrDefault("Messaging__Store")?.ToString();
    }
}
