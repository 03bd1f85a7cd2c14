using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace TalentLink.Auth.Services;

/// <summary>Auth validates its own tokens with the keys it holds, without calling itself over HTTP.</summary>
public sealed class LocalSigningConfiguration(SigningKeyStore keys, IOptions<IdentitySettings> identity)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = identity.Value.Issuer };
        foreach (var key in keys.All)
        {
            configuration.SigningKeys.Add(key);
        }

        return Task.FromResult(configuration);
    }

    public void RequestRefresh()
    {
    }
}
