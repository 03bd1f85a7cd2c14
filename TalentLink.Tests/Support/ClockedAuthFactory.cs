using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using TalentLink.Auth.Services;
using TalentLink.Data;

namespace TalentLink.Tests.Support;

/// <summary>
/// Auth whose signing keys (which key signs, which validate, when rotation runs) and sign-in back-off follow a fake clock,
/// while everything else keeps the real one: tokens are minted and checked on real time, so they stay
/// valid however far the keys' clock is moved, and Auth's once-a-second jobs are not woken for every
/// second of a 30-day jump.
/// </summary>
public sealed class ClockedAuthFactory(DatabaseProvider provider, FakeTimeProvider clock, IReadOnlyDictionary<string, string?>? extra = null)
    : AuthFactory(provider, extra)
{
    public FakeTimeProvider Clock => clock;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton(sp => ActivatorUtilities.CreateInstance<SigningKeyStore>(sp, clock)));
            services.Replace(ServiceDescriptor.Singleton(sp => ActivatorUtilities.CreateInstance<SigningKeyRotation>(sp, clock)));
            services.Replace(ServiceDescriptor.Singleton(sp => ActivatorUtilities.CreateInstance<SignInBackoff>(sp, clock)));
            var job = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SigningKeyRotationJob));
            services[services.IndexOf(job)] = ServiceDescriptor.Singleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<SigningKeyRotationJob>(sp, clock));
        });
    }
}
