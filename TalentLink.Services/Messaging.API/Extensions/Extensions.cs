using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TalentLink.Messaging.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddMessageStore(); // with the Messaging options, which choose the store

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<ConversationService>();
        builder.Services.AddScoped<ConversationStartPolicy>();
        builder.Services.AddScoped<IPersonalDataStore, MessagingPersonalData>();
        builder.AddOffersClient();

        builder.AddDefaultAuthentication();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure(options =>
            options.Events.OnMessageReceived = ReadHubAccessToken);

        // Connections are closed when their token expires (see Program) or their user's tokens are revoked.
        builder.Services.AddSingleton<RevokedConnections>();
        builder.Services.AddSignalR(options => options.AddFilter<RevokedConnections>());
        builder.Services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
    }

    /// <summary>
    /// Browsers cannot set headers on WebSocket and server-sent-event requests, so SignalR sends the
    /// token as <c>?access_token=</c>. Accepted on the hub path only, never on the REST API.
    /// </summary>
    private static Task ReadHubAccessToken(MessageReceivedContext context)
    {
        var token = context.Request.Query["access_token"];
        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments(MessagingHub.Path))
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }
}
