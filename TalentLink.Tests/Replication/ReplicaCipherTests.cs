using System.Buffers.Binary;
using System.Security.Cryptography;
using TalentLink.Data.Replication;

namespace TalentLink.Tests.Replication;

/// <summary>
/// The chunked AES-256-GCM format: whatever goes in comes out, and any change to an object (a byte,
/// a chunk dropped, swapped or moved, another name, another key) is refused with the reason.
/// </summary>
[Trait("Category", "unit")]
public sealed class ReplicaCipherTests
{
    private const int HeaderSize = 21;
    private const int TagSize = 16;
    private const string Name = "snapshots/offers/0001";

    private static readonly ReplicaKey Key = NewKey();
    private static readonly ReplicaCipher Cipher = new(Key);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(ReplicaCipher.ChunkBytes - 1)]
    [InlineData(ReplicaCipher.ChunkBytes)]
    [InlineData(ReplicaCipher.ChunkBytes + 1)]
    [InlineData(2 * ReplicaCipher.ChunkBytes)]
    [InlineData(7 * ReplicaCipher.ChunkBytes / 2)]
    public async Task Encrypt_then_decrypt_returns_the_same_bytes(int length)
    {
        var plaintext = RandomNumberGenerator.GetBytes(length);

        var encrypted = await Cipher.EncryptAsync(plaintext, Name);

        Assert.Equal(plaintext, await Cipher.DecryptAsync(encrypted, Name));
        Assert.Equal(Math.Max(1, (length + ReplicaCipher.ChunkBytes - 1) / ReplicaCipher.ChunkBytes), Chunks(encrypted).Count);
    }

    [Fact]
    public async Task Streams_that_hand_out_a_few_bytes_at_a_time_round_trip()
    {
        var plaintext = RandomNumberGenerator.GetBytes(ReplicaCipher.ChunkBytes + 12_345);
        using var encrypted = new MemoryStream();
        await Cipher.EncryptAsync(new TrickleStream(plaintext), encrypted, Name);

        using var decrypted = new MemoryStream();
        await Cipher.DecryptAsync(new TrickleStream(encrypted.ToArray()), decrypted, Name);

        Assert.Equal(plaintext, decrypted.ToArray());
    }

    [Fact]
    public async Task The_same_object_encrypts_differently_each_time()
    {
        var plaintext = RandomNumberGenerator.GetBytes(1_000);

        var first = await Cipher.EncryptAsync(plaintext, Name);
        var second = await Cipher.EncryptAsync(plaintext, Name);

        Assert.NotEqual(first, second);
        Assert.Equal(first[..13], second[..13]);
    }

    [Fact]
    public async Task Another_key_is_refused_with_both_fingerprints_in_the_message()
    {
        var encrypted = await Cipher.EncryptAsync(RandomNumberGenerator.GetBytes(100), Name);
        var other = NewKey();

        var failure = await Assert.ThrowsAsync<ReplicaKeyMismatchException>(() => new ReplicaCipher(other).DecryptAsync(encrypted, Name));

        Assert.Contains(Key.Fingerprint, failure.Message, StringComparison.Ordinal);
        Assert.Contains(other.Fingerprint, failure.Message, StringComparison.Ordinal);
        Assert.Contains(Name, failure.Message, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{16}$", Key.Fingerprint);
    }

    [Fact]
    public async Task A_previous_key_still_decrypts_and_new_objects_are_written_under_the_current_key()
    {
        var previous = NewKey();
        var plaintext = RandomNumberGenerator.GetBytes(5_000);
        var old = await new ReplicaCipher(previous).EncryptAsync(plaintext, Name);
        var rotated = new ReplicaCipher(Key, [NewKey(), previous]);

        Assert.Equal(plaintext, await rotated.DecryptAsync(old, Name));

        var fresh = await rotated.EncryptAsync(plaintext, Name);
        Assert.Equal(plaintext, await Cipher.DecryptAsync(fresh, Name));
        await Assert.ThrowsAsync<ReplicaKeyMismatchException>(() => new ReplicaCipher(previous).DecryptAsync(fresh, Name));
    }

    [Fact]
    public async Task A_flipped_byte_in_any_chunk_is_detected()
    {
        var encrypted = await Cipher.EncryptAsync(RandomNumberGenerator.GetBytes(7 * ReplicaCipher.ChunkBytes / 2), Name);
        var chunks = Chunks(encrypted);
        Assert.Equal(4, chunks.Count);

        foreach (var (offset, length) in chunks)
        {
            // The length word (its low byte and its last-chunk flag), the first, a middle and the last ciphertext byte, and the tag.
            int[] positions = [offset + 3, offset, offset + 4, offset + 4 + length / 2, offset + 4 + length - 1, offset + 4 + length, offset + 4 + length + TagSize - 1];
            foreach (var position in positions)
            {
                var tampered = (byte[])encrypted.Clone();
                tampered[position] ^= position == offset ? (byte)0x80 : (byte)0x01;

                await Assert.ThrowsAsync<ReplicaCorruptException>(() => Cipher.DecryptAsync(tampered, Name));
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(13)]
    [InlineData(20)]
    public async Task A_flipped_byte_in_the_header_is_detected(int position)
    {
        var encrypted = await Cipher.EncryptAsync(RandomNumberGenerator.GetBytes(1_000), Name);
        encrypted[position] ^= 0x01;

        await Assert.ThrowsAsync<ReplicaCorruptException>(() => Cipher.DecryptAsync(encrypted, Name));
    }

    [Fact]
    public async Task Dropping_the_last_chunk_is_detected()
    {
        var encrypted = await Cipher.EncryptAsync(RandomNumberGenerator.GetBytes(7 * ReplicaCipher.ChunkBytes / 2), Name);
        var last = Chunks(encrypted)[^1];

        var failure = await Assert.ThrowsAsync<ReplicaCorruptException>(() => Cipher.DecryptAsync(encrypted[..last.Offset], Name));
        Assert.Contains("truncated", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dropping_the_last_chunk_and_marking_the_one_before_as_last_is_detected()
    {
        var encrypted = await Cipher.EncryptAsync(RandomNumberGenerator.GetBytes(7 * ReplicaCipher.ChunkBytes / 2), Name);
        var chunks = Chunks(encrypted);
        var cut = encrypted[..chunks[^1].Offset];
        var word = cut.AsSpan(chunks[^2].Offset, 4);
        BinaryPrimitives.WriteUInt32BigEndian(word, BinaryPrimitives.ReadUInt32BigEndian(word) | 0x8000_0000);

        await Assert.ThrowsAsync<ReplicaCorruptException>(() => Cipher.DecryptAsync(cut, Name));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(TagSize)]
    [InlineData(TagSize + 1)]
    public async Task Dropping_bytes_from_the_end_is_detected(int dropped)
    {
        var encrypted = await Cipher.EncryptAsync(RandomNumberGenerator.GetBytes(3 * ReplicaCipher.ChunkBytes / 2), Name);

        await Assert.ThrowsAsync<ReplicaCorruptException>(() => Cipher.DecryptAsync(encrypted[..^dropped], Name));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(HeaderSize - 1)]
    [InlineData(HeaderSize)]
    [InlineData(HeaderSize + 3)]
    public async Task An_object_cut_short_in_its_header_or_first_length_is_detected(int kept)
    {
        var encrypted = await Cipher.EncryptAsync(RandomNumberGenerator.GetBytes(10), Name);

        await Assert.ThrowsAsync<ReplicaCorruptException>(() => Cipher.DecryptAsync(encrypted[..kept], Name));
    }

    [Fact]
    public async Task Data_after_the_last_chunk_is_detected()
    {
        var encrypted = await Cipher.EncryptAsync(RandomNumberGenerator.GetBytes(10), Name);

        await Assert.ThrowsAsync<ReplicaCorruptException>(() => Cipher.DecryptAsync([.. encrypted, 0], Name));
    }

    [Fact]
    public async Task Swapping_two_chunks_is_detected()
    {
        var encrypted = await Cipher.EncryptAsync(RandomNumberGenerator.GetBytes(3 * ReplicaCipher.ChunkBytes), Name);
        var chunks = Chunks(encrypted);
        byte[] Chunk(int i) => encrypted[chunks[i].Offset..(chunks[i].Offset + 4 + chunks[i].Length + TagSize)];

        byte[] swapped = [.. encrypted[..HeaderSize], .. Chunk(1), .. Chunk(0), .. Chunk(2)];

        await Assert.ThrowsAsync<ReplicaCorruptException>(() => Cipher.DecryptAsync(swapped, Name));
    }

    [Fact]
    public async Task A_chunk_moved_from_another_object_is_detected()
    {
        var first = await Cipher.EncryptAsync(RandomNumberGenerator.GetBytes(2 * ReplicaCipher.ChunkBytes), Name);
        var second = await Cipher.EncryptAsync(RandomNumberGenerator.GetBytes(2 * ReplicaCipher.ChunkBytes), Name);
        var a = Chunks(first);
        var b = Chunks(second);

        byte[] spliced = [.. first[..a[1].Offset], .. second[b[1].Offset..]];

        await Assert.ThrowsAsync<ReplicaCorruptException>(() => Cipher.DecryptAsync(spliced, Name));
    }

    [Fact]
    public async Task An_object_decrypted_under_another_name_is_detected()
    {
        var encrypted = await Cipher.EncryptAsync(RandomNumberGenerator.GetBytes(1_000), Name);

        var failure = await Assert.ThrowsAsync<ReplicaCorruptException>(() => Cipher.DecryptAsync(encrypted, "snapshots/offers/0002"));
        Assert.Contains("snapshots/offers/0002", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_that_are_not_a_replica_object_are_refused()
    {
        await Assert.ThrowsAsync<ReplicaCorruptException>(() => Cipher.DecryptAsync("SQLite format 3\0 and more bytes"u8.ToArray(), Name));
        await Assert.ThrowsAsync<ReplicaCorruptException>(() => Cipher.DecryptAsync([], Name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not base64 at all!")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g")]
    public void A_key_that_is_not_32_bytes_of_base64_is_refused_with_a_message_naming_the_setting(string? value)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => ReplicaKey.Parse(value, "Replication:EncryptionKey"));

        Assert.Contains("Replication:EncryptionKey", failure.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_32_byte_key_parses_and_its_fingerprint_depends_only_on_the_key()
    {
        var base64 = ReplicaKey.NewBase64();

        var key = ReplicaKey.Parse(" " + base64 + "\n", "Replication:EncryptionKey");

        Assert.Equal(key.Fingerprint, ReplicaKey.Parse(base64, "other setting").Fingerprint);
        Assert.NotEqual(key.Fingerprint, NewKey().Fingerprint);
        Assert.Equal(8, key.Id.Length);
    }

    private static ReplicaKey NewKey() => ReplicaKey.Parse(ReplicaKey.NewBase64(), "test key");

    /// <summary>The chunks of an encrypted object: where each starts (its length word) and its ciphertext's length.</summary>
    private static List<(int Offset, int Length)> Chunks(byte[] encrypted)
    {
        var chunks = new List<(int, int)>();
        var offset = HeaderSize;
        while (true)
        {
            var word = BinaryPrimitives.ReadUInt32BigEndian(encrypted.AsSpan(offset));
            var length = (int)(word & 0x3FFF_FFFF); // the two top bits: last chunk, stored as is
            chunks.Add((offset, length));
            offset += 4 + length + TagSize;
            if ((word & 0x8000_0000) != 0)
            {
                Assert.Equal(encrypted.Length, offset);
                return chunks;
            }
        }
    }

    /// <summary>A stream that returns at most 7 bytes a read, as a network stream may.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 7));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 7)]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 7), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 7)], cancellationToken);
    }
}
