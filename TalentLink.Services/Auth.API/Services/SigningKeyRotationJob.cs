using Microsoft.Extensions.Options;

namespace TalentLink.Auth.Services;

/// <summary>
/// Loads the signing keys before Auth serves requests (so a wrong protection secret stops the start,
/// not a request later), then runs a rotation pass every <see cref="SigningKeyOptions.CheckInterval"/>.
/// Registered after the database, so its migrations have run.
/// </summary>
public sealed class SigningKeyRotationJob(
    SigningKeyRotation rotation,
    IOptions<SigningKeyOptions> options,
    TimeProvider time,
    ILogger<SigningKeyRotationJob> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await rotation.PrepareAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await rotation.RotateAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Signing key rotation failed; it is tried again at the next check");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
