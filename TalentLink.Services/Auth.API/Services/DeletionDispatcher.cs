using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace TalentLink.Auth.Services;

/// <summary>
/// Works through the account-deletion outbox: each due step calls
/// <c>DELETE http://{service}/api/{service}/personal-data/{userId}</c> with a service token. A
/// failure (service down, 5xx) is retried with a doubling delay, up to
/// <see cref="PersonalDataOptions.MaxRetryDelay"/>, until it succeeds; erasure is idempotent.
/// </summary>
public sealed class DeletionDispatcher(
    IServiceScopeFactory scopeFactory,
    IHttpClientFactory httpClientFactory,
    IOptions<PersonalDataOptions> options,
    TimeProvider time,
    ILogger<DeletionDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "personal-data";
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DispatchInterval, time);
        do
        {
            try
            {
                while (await DispatchDueStepsAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database itself failed: the steps stay due and are picked up on the next tick.
                logger.LogError(ex, "The account-deletion dispatcher failed; retrying");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Runs the steps that are due now; returns how many it tried.</summary>
    public async Task<int> DispatchDueStepsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AuthContext>();
        var tokens = scope.ServiceProvider.GetRequiredService<TokenService>();
        var now = time.GetUtcNow();

        var due = await context.DeletionSteps
            .Where(s => s.CompletedAt == null && s.NextAttemptAt <= now)
            .OrderBy(s => s.NextAttemptAt).ThenBy(s => s.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var deletionIds = due.Select(s => s.DeletionId).Distinct().ToList();
        var deletions = await context.AccountDeletions.Include(d => d.Steps)
            .Where(d => deletionIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        var serviceToken = tokens.IssueServiceToken(options.Value.ServiceTokenLifetime);
        var client = httpClientFactory.CreateClient(HttpClientName);

        // Services are called in parallel, so one that is down (waiting for its timeout) holds up no other.
        var errors = await Task.WhenAll(due.Select(step =>
            EraseAsync(client, serviceToken, step.Service, deletions[step.DeletionId].UserId!.Value, cancellationToken)));
        var done = 0;
        foreach (var (step, error) in due.Zip(errors))
        {
            step.Attempts++;
            if (error is null)
            {
                step.CompletedAt = time.GetUtcNow();
                step.LastError = null;
                done++;
            }
            else
            {
                step.LastError = error;
                step.NextAttemptAt = time.GetUtcNow() + RetryDelay(step.Attempts);
            }
        }

        foreach (var deletion in deletions.Values.Where(d => d.CompletedAt is null && d.Steps.All(s => s.CompletedAt is not null)))
        {
            AccountDeletions.Complete(deletion, time.GetUtcNow());
            logger.LogInformation("Account deletion {DeletionId} completed in {Services} services", deletion.Id, deletion.Steps.Count);
        }

        await context.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Account-deletion dispatcher: {Done} of {Due} due steps done", done, due.Count);
        return due.Count;
    }

    private TimeSpan RetryDelay(int attempts)
    {
        var seconds = Math.Pow(2, Math.Min(attempts - 1, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, options.Value.MaxRetryDelay.TotalSeconds));
    }

    /// <summary>Null when the service erased the user's data; otherwise why not (no user data in it).</summary>
    private async Task<string?> EraseAsync(HttpClient client, string serviceToken, string service, Guid userId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(options.Value.BaseAddressOf(service), $"/api/{service}/personal-data/{userId}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serviceToken);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            logger.LogWarning("Erasing personal data in {Service} failed with {Status}; will retry", service, (int)response.StatusCode);
            return $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Erasing personal data in {Service} failed ({Error}); will retry", service, ex.GetType().Name);
            return ex.GetType().Name;
        }
    }
}
