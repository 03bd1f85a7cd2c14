using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.Auth.Model;
using TalentLink.Auth.Services;
using TalentLink.Data;

namespace TalentLink.Tests.Auth;

/// <summary>The signing keys are encrypted at rest under the operator's secret; on both providers where the database is not a file.</summary>
[Trait("Category", "integration")]
public sealed class SigningKeyProtectionTests
{
    private const string OtherSecret = "another-installations-secret-0123456789";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_stored_signing_key_holds_no_part_of_the_private_key_in_plaintext(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, ResourceNames.AuthDb);
        await using var auth = new AuthFactory(provider) { ExistingDatabase = database };
        await auth.InitializeAsync();
        var key = auth.Services.GetRequiredService<SigningKeyStore>().Current;

        var leaked = await StoredSigningKeys.LeakedBytesAsync(database);

        Assert.True(StoredSigningKeys.Contains(leaked, System.Text.Encoding.UTF8.GetBytes(key.KeyId)), "The key's row was not read.");
        AssertHoldsNoPrivateKey(leaked, key.Rsa);
        await auth.DisposeAsync();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_key_stored_in_plaintext_by_an_earlier_version_is_encrypted_on_start_keeps_validating_and_is_replaced(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, ResourceNames.AuthDb);
        string keyId, pem;
        TokenResponse tokens;
        await using (var before = new AuthFactory(provider) { ExistingDatabase = database })
        {
            await before.InitializeAsync();
            tokens = await before.CreateClient().NewUserAsync(Roles.Candidate);
            var key = before.Services.GetRequiredService<SigningKeyStore>().Current;
            (keyId, pem) = (key.KeyId, key.Rsa.ExportPkcs8PrivateKeyPem());
            await before.DisposeAsync();
        }

        ClearPools();
        await StoredSigningKeys.StoreInPlaintextAsync(database, keyId, pem);
        Assert.True(StoredSigningKeys.Contains(await StoredSigningKeys.LeakedBytesAsync(database), "PRIVATE KEY"u8));

        await using var after = new AuthFactory(provider) { ExistingDatabase = database };
        await after.InitializeAsync();

        var store = after.Services.GetRequiredService<SigningKeyStore>();
        AssertHoldsNoPrivateKey(await StoredSigningKeys.LeakedBytesAsync(database), store.Current.Rsa);
        var me = await after.CreateClient().WithToken(tokens.AccessToken).GetFromJsonAsync<UserResponse>("/api/auth/me");
        Assert.Equal(tokens.User.Id, me!.Id);
        // The key was in the clear in every earlier backup: a successor is published, and takes over after PublishAhead.
        Assert.Equal(keyId, store.Current.KeyId);
        Assert.Equal(2, store.All.Count);
        await after.DisposeAsync();
    }

    [Fact]
    public async Task Auth_does_not_start_on_keys_encrypted_with_another_secret_and_says_which_setting_is_wrong()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ResourceNames.AuthDb);
        await using (var first = new AuthFactory(DatabaseProvider.Sqlite) { ExistingDatabase = database })
        {
            await first.InitializeAsync();
            await first.DisposeAsync();
        }

        var secrets = new Dictionary<string, string?> { [SigningKeyOptions.ProtectionSecretSetting] = OtherSecret };
        await using var wrong = new AuthFactory(DatabaseProvider.Sqlite, secrets) { ExistingDatabase = database };
        var error = await Assert.ThrowsAnyAsync<Exception>(wrong.InitializeAsync);

        var message = Messages(error);
        Assert.Contains($"encrypted with a different {SigningKeyOptions.ProtectionSecretSetting}", message);
        Assert.DoesNotContain(OtherSecret, message);
        Assert.DoesNotContain(AuthFactory.SigningKeySecret, message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("too-short-a-secret")]
    public async Task Auth_does_not_start_without_a_protection_secret_of_32_characters_and_names_the_setting(string? secret)
    {
        var settings = new Dictionary<string, string?> { [SigningKeyOptions.ProtectionSecretSetting] = secret };
        await using var auth = new AuthFactory(DatabaseProvider.Sqlite, settings);

        var error = await Assert.ThrowsAnyAsync<Exception>(auth.InitializeAsync);

        Assert.Contains(SigningKeyOptions.ProtectionSecretSetting, Messages(error));
    }

    [Fact]
    public async Task A_restored_auth_database_with_the_same_secret_signs_and_validates_tokens_on_a_fresh_machine()
    {
        await using var original = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ResourceNames.AuthDb);
        TokenResponse tokens;
        string keyId;
        await using (var before = new AuthFactory(DatabaseProvider.Sqlite) { ExistingDatabase = original })
        {
            await before.InitializeAsync();
            tokens = await before.CreateClient().NewUserAsync(Roles.Recruiter);
            keyId = before.Services.GetRequiredService<SigningKeyStore>().Current.KeyId;
            await before.DisposeAsync();
        }

        // The backup: the database file alone, copied into a folder of its own (nothing else of the first machine).
        ClearPools();
        await using var restored = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ResourceNames.AuthDb);
        CopySqliteFile(original, restored);

        await using var after = new AuthFactory(DatabaseProvider.Sqlite) { ExistingDatabase = restored };
        await after.InitializeAsync();
        var client = after.CreateClient();

        var me = await client.WithToken(tokens.AccessToken).GetFromJsonAsync<UserResponse>("/api/auth/me");
        Assert.Equal(tokens.User.Id, me!.Id);
        var fresh = await client.SignInAsync(tokens.User.Email);
        Assert.Equal(keyId, new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(fresh.AccessToken).Kid);
        Assert.Equal(HttpStatusCode.OK, (await after.CreateClient().WithToken(fresh.AccessToken).GetAsync("/api/auth/me")).StatusCode);
        await after.DisposeAsync();
    }

    private static void AssertHoldsNoPrivateKey(byte[] leaked, System.Security.Cryptography.RSA rsa)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: true);
        Assert.False(StoredSigningKeys.Contains(leaked, parameters.D), "The private exponent D is stored in the clear.");
        Assert.False(StoredSigningKeys.Contains(leaked, parameters.P), "The prime P is stored in the clear.");
        Assert.False(StoredSigningKeys.Contains(leaked, parameters.Q), "The prime Q is stored in the clear.");
        Assert.False(StoredSigningKeys.Contains(leaked, "PRIVATE KEY"u8), "A PEM private key is stored.");
        var pemLines = rsa.ExportPkcs8PrivateKeyPem().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var line in pemLines[2..^2])
        {
            Assert.False(StoredSigningKeys.Contains(leaked, System.Text.Encoding.ASCII.GetBytes(line)), "A line of the key's PEM is stored.");
        }
    }

    private static void CopySqliteFile(TestDatabase from, TestDatabase to)
    {
        var source = SqliteFiles.PathOf(from.ConnectionString)!;
        var target = SqliteFiles.PathOf(to.ConnectionString)!;
        Assert.False(File.Exists(source + "-wal") && new FileInfo(source + "-wal").Length > 0, "The WAL was not checkpointed at shutdown.");
        File.Copy(source, target, overwrite: true);
    }

    private static void ClearPools()
    {
        SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    private static string Messages(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
            if (e is AggregateException aggregate)
            {
                messages.AddRange(aggregate.InnerExceptions.Select(Messages));
            }
        }

        return string.Join(" | ", messages);
    }
}
