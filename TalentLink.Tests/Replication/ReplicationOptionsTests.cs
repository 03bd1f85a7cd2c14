using TalentLink.Data.Replication;
using TalentLink.Data.Replication.AzureBlob;

namespace TalentLink.Tests.Replication;

/// <summary>The <c>Replication</c> section is checked at start-up: what cannot run says why, naming the setting.</summary>
[Trait("Category", "unit")]
public sealed class ReplicationOptionsTests
{
    [Fact]
    public void No_target_and_no_key_is_a_valid_switched_off_configuration()
    {
        var options = new ReplicationOptions();

        Assert.Null(options.Problem());
        Assert.False(options.Enabled);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(99)]
    public void An_interval_below_100_ms_is_a_problem(int milliseconds)
    {
        var options = new ReplicationOptions { Interval = TimeSpan.FromMilliseconds(milliseconds), Directory = "/var/replica", EncryptionKey = ReplicaKey.NewBase64() };

        Assert.Contains("Replication:Interval", options.Problem(), StringComparison.Ordinal);
        Assert.Contains("100 ms", options.Problem(), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => ReplicaTargets.Create(options));
    }

    [Fact]
    public void An_interval_of_100_ms_is_accepted()
    {
        var options = new ReplicationOptions { Interval = TimeSpan.FromMilliseconds(100), Directory = "/var/replica", EncryptionKey = ReplicaKey.NewBase64() };

        Assert.Null(options.Problem());
    }

    [Fact]
    public void A_directory_target_without_a_key_is_a_problem_naming_the_key_setting()
    {
        var options = new ReplicationOptions { Directory = "/var/replica" };

        Assert.False(options.Enabled);
        Assert.Contains("Replication:EncryptionKey", options.Problem(), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => ReplicaTargets.Create(options));
    }

    [Fact]
    public void An_azure_blob_target_without_a_key_is_a_problem_naming_the_key_setting()
    {
        var options = new ReplicationOptions { AzureBlobConnectionString = "UseDevelopmentStorage=true", EncryptionKey = "  " };

        Assert.Contains("Replication:EncryptionKey", options.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_does_not_parse_is_a_problem_naming_its_setting()
    {
        Assert.Contains("Replication:EncryptionKey", new ReplicationOptions { Directory = "/var/replica", EncryptionKey = "c2hvcnQ=" }.Problem(), StringComparison.Ordinal);
        Assert.Contains("Replication:PreviousEncryptionKeys", new ReplicationOptions
        {
            Directory = "/var/replica",
            EncryptionKey = ReplicaKey.NewBase64(),
            PreviousEncryptionKeys = ["not base64!"],
        }.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_target_with_a_key_builds_an_encrypted_directory_target()
    {
        var previous = ReplicaKey.NewBase64();
        var options = new ReplicationOptions { Directory = Path.Combine(Path.GetTempPath(), "talentlink-replica-options"), EncryptionKey = ReplicaKey.NewBase64(), PreviousEncryptionKeys = [previous] };

        var target = ReplicaTargets.Create(options);

        Assert.IsType<DirectoryReplicaTarget>(target.Inner);
        Assert.Equal(ReplicaKey.Parse(options.EncryptionKey, "k").Fingerprint, target.Cipher.Key.Fingerprint);
        Assert.DoesNotContain(options.EncryptionKey, target.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void An_azure_blob_connection_string_takes_precedence_and_its_key_is_not_in_the_description()
    {
        var options = new ReplicationOptions
        {
            Directory = "/var/replica",
            AzureBlobConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AzuriteFixture.AccountKey + ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;",
            AzureBlobContainer = "backups",
            EncryptionKey = ReplicaKey.NewBase64(),
        };

        var target = ReplicaTargets.Create(options);

        Assert.IsType<AzureBlobReplicaTarget>(target.Inner);
        Assert.Contains("backups", target.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteFixture.AccountKey, target.Description, StringComparison.Ordinal);
    }
}
