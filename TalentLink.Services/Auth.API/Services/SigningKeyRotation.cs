using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using TalentLink.Data;

namespace TalentLink.Auth.Services;

/// <summary>
/// Keeps the signing keys in auth.db on schedule: when Auth starts, keys stored in plaintext by an
/// earlier version are encrypted in place and the first key is created; then (and every
/// <see cref="SigningKeyOptions.CheckInterval"/>) a successor is added <see cref="SigningKeyOptions.PublishAhead"/>
/// before the current key's <see cref="SigningKeyOptions.RotationInterval"/> is up, and keys whose
/// successor has signed for longer than any token lives are deleted. The store is reloaded after each
/// pass, which is also how one replica sees another's rotation.
/// </summary>
public sealed class SigningKeyRotation(
    IServiceScopeFactory scopeFactory,
    SigningKeyStore store,
    SigningKeyProtector protector,
    IOptionsMonitor<SigningKeyOptions> options,
    TimeProvider time,
    ILogger<SigningKeyRotation> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Run once when Auth starts: fails, naming the setting, when the configured secret cannot decrypt the stored keys.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AuthContext>();
        var stored = await context.SigningKeys.AsNoTracking().ToListAsync(cancellationToken);

        // Check the secret before writing anything encrypted with it.
        foreach (var key in stored.Where(k => k.PrivateKeyPem is null))
        {
            using var _ = protector.Unprotect(key);
        }

        var encrypted = await PlaintextKeyMigration.EncryptInPlaceAsync(context, protector, cancellationToken);
        if (encrypted > 0)
        {
            logger.LogWarning(
                "Encrypted {Count} signing key(s) stored in plaintext; a new key takes over, since backups taken before now hold the old one in the clear",
                encrypted);
        }

        if (stored.Count == 0)
        {
            var now = time.GetUtcNowForStorage();
            context.SigningKeys.Add(store.CreateKey(Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12)), now, now));
            await context.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Created a new token signing key");
        }

        await RotateAsync(context, replaceCurrent: encrypted > 0, cancellationToken);
    }

    /// <summary>One rotation pass: add a successor when one is due, delete retired keys, reload the store.</summary>
    public async Task RotateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        await RotateAsync(scope.ServiceProvider.GetRequiredService<AuthContext>(), replaceCurrent: false, cancellationToken);
    }

    private async Task RotateAsync(AuthContext context, bool replaceCurrent, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var settings = options.CurrentValue;
            var now = time.GetUtcNowForStorage();
            var keys = (await context.SigningKeys.ToListAsync(cancellationToken))
                .OrderBy(k => k.ActivatesAt).ThenBy(k => k.Id, StringComparer.Ordinal).ToList();
            store.Load(keys);

            var newest = keys[^1];
            var next = replaceCurrent && newest.ActivatesAt <= now
                ? now + settings.PublishAhead
                : SigningKeySchedule.NextActivation(newest.ActivatesAt, now, settings.RotationInterval, settings.PublishAhead);
            if (next is { } activatesAt)
            {
                activatesAt = StorageTime.Truncate(activatesAt);
                var successor = store.CreateKey(SuccessorId(newest.Id, activatesAt), now, activatesAt);
                context.SigningKeys.Add(successor);
                keys.Add(successor);
                logger.LogInformation("Added signing key {KeyId}; it is published now and signs from {ActivatesAt:u}", successor.Id, activatesAt);
            }

            var activations = keys.Select(k => k.ActivatesAt).ToList();
            var retired = keys.Where((_, i) => SigningKeySchedule.IsRetired(activations, i, now, store.RetirementDelay)).ToList();
            context.SigningKeys.RemoveRange(retired);
            foreach (var key in retired)
            {
                logger.LogInformation("Retired signing key {KeyId}", key.Id);
            }

            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.IsUniqueViolation())
            {
                // Another replica added the same successor (its id follows from its predecessor) or
                // deleted the same retired key first; what it stored is loaded below.
                context.ChangeTracker.Clear();
            }

            store.Load(await context.SigningKeys.AsNoTracking().ToListAsync(cancellationToken));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The successor's <c>kid</c> follows from its predecessor and start, so replicas racing to add it add the same row.</summary>
    private static string SuccessorId(string predecessorId, DateTimeOffset activatesAt) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes($"{predecessorId}|{activatesAt.UtcTicks}")).AsSpan(0, 12).ToArray());
}
