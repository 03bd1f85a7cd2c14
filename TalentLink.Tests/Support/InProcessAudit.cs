using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.Audit.Model;
using TalentLink.Data;

namespace TalentLink.Tests.Support;

/// <summary>
/// The Audit service in process, validating tokens of one in-process Auth, started on first use:
/// every service hosted by <see cref="ServiceFactory{TEntryPoint}"/> with that Auth as its identity
/// records into it, and only tests that record pay for its database.
/// </summary>
public sealed class InProcessAudit(DatabaseProvider provider, WebApplicationFactory<TalentLink.Auth.Model.AuthServices> identity) : IAsyncDisposable
{
    /// <summary>The recording key every service hosted by <see cref="ServiceFactory{TEntryPoint}"/> holds, Audit included.</summary>
    public const string RecordingKey = "in-process-recording-key";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ServiceFactory<AuditServices>? _service;
    private volatile bool _down;

    /// <summary>Until disposed, the Audit service cannot be reached (connection refused).</summary>
    public IDisposable TakeDown()
    {
        _down = true;
        return new Restore(this);
    }

    public async Task<ServiceFactory<AuditServices>> ServiceAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_service is null)
            {
                var service = new ServiceFactory<AuditServices>(provider, ResourceNames.AuditDb) { Identity = identity };
                await service.InitializeAsync();
                _service = service;
            }

            return _service;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A client of the Audit service carrying <paramref name="accessToken"/>.</summary>
    public async Task<HttpClient> ClientAsync(string accessToken) => (await ServiceAsync()).CreateClient().WithToken(accessToken);

    /// <summary>The network under a service's <see cref="IAuditTrail"/> client: this Audit service, started when first called.</summary>
    public HttpMessageHandler CreateHandler() => new StartOnFirstCall(this);

    public async ValueTask DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    private sealed class Restore(InProcessAudit audit) : IDisposable
    {
        public void Dispose() => audit._down = false;
    }

    private sealed class StartOnFirstCall(InProcessAudit audit) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (audit._down)
            {
                throw new HttpRequestException("Connection refused (the audit service is down).");
            }

            var service = await audit.ServiceAsync();
            InnerHandler ??= service.Server.CreateHandler();
            return await base.SendAsync(request, cancellationToken);
        }
    }
}

public static class AuditTrailTestExtensions
{
    /// <summary>The name of the typed client behind <see cref="IAuditTrail"/>.</summary>
    public const string ClientName = nameof(IAuditTrail);

    public static IServiceCollection RouteAuditTrailTo(this IServiceCollection services, InProcessAudit audit) =>
        services.RouteClientTo(ClientName, audit.CreateHandler);
}
