using System.Security.Cryptography;

namespace TalentLink.Auth.Services;

/// <summary>
/// Encrypts signing keys that an earlier version stored as plaintext PEM, in place, and then has the
/// database drop what it still held of the plaintext: SQLite rewrites the file (<c>VACUUM</c>: freed
/// pages and the table copy left by the migration go) and empties its WAL; PostgreSQL rewrites the
/// table (<c>VACUUM FULL</c>: dead row versions go). Backups, WAL archives and replicas from before
/// still hold the old key, which is why <see cref="SigningKeyRotation"/> then rotates a new one in.
/// </summary>
public static class PlaintextKeyMigration
{
    /// <returns>How many keys were encrypted.</returns>
    public static async Task<int> EncryptInPlaceAsync(AuthContext context, SigningKeyProtector protector, CancellationToken cancellationToken)
    {
        var plaintext = await context.SigningKeys.Where(k => k.PrivateKeyPem != null).ToListAsync(cancellationToken);
        if (plaintext.Count == 0)
        {
            return 0;
        }

        foreach (var key in plaintext)
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(key.PrivateKeyPem);
            var pkcs8 = rsa.ExportPkcs8PrivateKey();
            protector.Protect(key, pkcs8);
            CryptographicOperations.ZeroMemory(pkcs8);
            key.PrivateKeyPem = null;
        }

        await context.SaveChangesAsync(cancellationToken);

        if (context.Database.IsSqlite())
        {
            await context.Database.ExecuteSqlRawAsync("VACUUM", cancellationToken);
            await context.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
        }
        else
        {
            await context.Database.ExecuteSqlRawAsync("VACUUM FULL signing_keys", cancellationToken);
        }

        return plaintext.Count;
    }
}
