using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace TalentLink.Data.Replication;

/// <summary>The object was encrypted under another key than the ones configured.</summary>
public sealed class ReplicaKeyMismatchException(string message) : Exception(message);

/// <summary>The object is truncated, tampered with or not a replica object at all.</summary>
public sealed class ReplicaCorruptException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Compresses and encrypts one replica object as a sequence of authenticated chunks (AES-256-GCM),
/// so a gigabyte snapshot streams through in bounded memory and any change is detected:
/// <code>
/// header:  "TLRP" | version (1) | key id (8) | nonce prefix (8, random per object)
/// chunk:   length (u32, big-endian; top bit marks the last chunk, the next one a chunk stored as is) | ciphertext | tag (16)
/// </code>
/// Each chunk's plaintext is up to <see cref="ChunkBytes"/> of the object, deflated on its own (or
/// stored as is when deflating does not make it smaller: an incompressible page costs no inflating). Its
/// nonce is the prefix and the chunk's number; its associated data is the header, the object's name,
/// the chunk number and the last-chunk flag. So a chunk cannot be reordered, moved to another object,
/// renamed, or dropped from the end without the check failing.
/// </summary>
public sealed class ReplicaCipher
{
    public const int ChunkBytes = 1 << 20;
    private const int HeaderSize = 4 + 1 + 8 + 8;
    private const int TagSize = 16;
    private const uint LastChunkFlag = 0x8000_0000;
    private const uint StoredFlag = 0x4000_0000;
    private const byte Version = 1;
    private static readonly byte[] Magic = "TLRP"u8.ToArray();

    private readonly ReplicaKey _key;
    private readonly IReadOnlyList<ReplicaKey> _readKeys;

    /// <param name="key">The key new objects are written under.</param>
    /// <param name="previousKeys">Older keys that objects may still be under (read only).</param>
    public ReplicaCipher(ReplicaKey key, IEnumerable<ReplicaKey>? previousKeys = null)
    {
        _key = key;
        _readKeys = [key, .. previousKeys ?? []];
    }

    public ReplicaKey Key => _key;

    public async Task EncryptAsync(Stream plaintext, Stream output, string name, CancellationToken cancellationToken = default)
    {
        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        header[4] = Version;
        _key.Id.CopyTo(header, 5);
        RandomNumberGenerator.Fill(header.AsSpan(13, 8));
        await output.WriteAsync(header, cancellationToken);

        using var gcm = new AesGcm(_key.Material, TagSize);
        var buffer = new byte[ChunkBytes];
        var next = new byte[ChunkBytes];
        var length = await ReadFullAsync(plaintext, buffer, cancellationToken);
        uint index = 0;
        while (true)
        {
            var nextLength = length == ChunkBytes ? await ReadFullAsync(plaintext, next, cancellationToken) : 0;
            var last = nextLength == 0;
            var compressed = Deflate(buffer.AsSpan(0, length));
            var stored = compressed.Length >= length;
            var plain = stored ? buffer.AsSpan(0, length) : compressed;
            var ciphertext = new byte[plain.Length];
            var tag = new byte[TagSize];
            gcm.Encrypt(Nonce(header, index), plain, ciphertext, tag, AssociatedData(header, name, index, last, stored));

            var prefix = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)ciphertext.Length | (last ? LastChunkFlag : 0) | (stored ? StoredFlag : 0));
            await output.WriteAsync(prefix, cancellationToken);
            await output.WriteAsync(ciphertext, cancellationToken);
            await output.WriteAsync(tag, cancellationToken);
            if (last)
            {
                return;
            }

            (buffer, next, length) = (next, buffer, nextLength);
            index++;
        }
    }

    public async Task DecryptAsync(Stream input, Stream output, string name, CancellationToken cancellationToken = default)
    {
        var header = new byte[HeaderSize];
        if (await ReadFullAsync(input, header, cancellationToken) < HeaderSize || !header.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new ReplicaCorruptException($"{name} is not a TalentLink replica object (its header is missing or wrong).");
        }

        if (header[4] != Version)
        {
            throw new ReplicaCorruptException($"{name} is in format version {header[4]}; this version reads {Version}.");
        }

        var keyId = header[5..13];
        var key = _readKeys.FirstOrDefault(k => k.Id.AsSpan().SequenceEqual(keyId))
            ?? throw new ReplicaKeyMismatchException(
                $"{name} is encrypted under the key with fingerprint {Convert.ToHexStringLower(keyId)}; the configured key's fingerprint is {_key.Fingerprint}.");

        using var gcm = new AesGcm(key.Material, TagSize);
        var prefix = new byte[4];
        for (uint index = 0; ; index++)
        {
            if (await ReadFullAsync(input, prefix, cancellationToken) < 4)
            {
                throw new ReplicaCorruptException($"{name} is truncated: chunk {index} is missing.");
            }

            var word = BinaryPrimitives.ReadUInt32BigEndian(prefix);
            var last = (word & LastChunkFlag) != 0;
            var stored = (word & StoredFlag) != 0;
            var length = (int)(word & ~(LastChunkFlag | StoredFlag));
            if (length > ChunkBytes * 2)
            {
                throw new ReplicaCorruptException($"{name}: chunk {index} claims {length} bytes; it is corrupt.");
            }

            var ciphertext = new byte[length];
            var tag = new byte[TagSize];
            if (await ReadFullAsync(input, ciphertext, cancellationToken) < length || await ReadFullAsync(input, tag, cancellationToken) < TagSize)
            {
                throw new ReplicaCorruptException($"{name} is truncated in chunk {index}.");
            }

            var compressed = new byte[length];
            try
            {
                gcm.Decrypt(Nonce(header, index), ciphertext, tag, compressed, AssociatedData(header, name, index, last, stored));
            }
            catch (AuthenticationTagMismatchException ex)
            {
                throw new ReplicaCorruptException($"{name}: chunk {index} fails its authentication check (tampered, truncated or renamed).", ex);
            }

            await output.WriteAsync(stored ? compressed : Inflate(compressed), cancellationToken);
            if (last)
            {
                if (await input.ReadAsync(new byte[1], cancellationToken) != 0)
                {
                    throw new ReplicaCorruptException($"{name} has data after its last chunk.");
                }

                return;
            }
        }
    }

    /// <summary>Encrypts a small object held in memory.</summary>
    public async Task<byte[]> EncryptAsync(byte[] plaintext, string name, CancellationToken cancellationToken = default)
    {
        using var output = new MemoryStream();
        await EncryptAsync(new MemoryStream(plaintext, writable: false), output, name, cancellationToken);
        return output.ToArray();
    }

    /// <summary>Decrypts a small object into memory.</summary>
    public async Task<byte[]> DecryptAsync(byte[] ciphertext, string name, CancellationToken cancellationToken = default)
    {
        using var output = new MemoryStream();
        await DecryptAsync(new MemoryStream(ciphertext, writable: false), output, name, cancellationToken);
        return output.ToArray();
    }

    private static byte[] Nonce(byte[] header, uint index)
    {
        var nonce = new byte[12];
        header.AsSpan(13, 8).CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(8), index);
        return nonce;
    }

    private static byte[] AssociatedData(byte[] header, string name, uint index, bool last, bool stored)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var data = new byte[header.Length + nameBytes.Length + 5];
        header.CopyTo(data, 0);
        nameBytes.CopyTo(data, header.Length);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(header.Length + nameBytes.Length), index);
        data[^1] = (byte)((last ? 1 : 0) | (stored ? 2 : 0));
        return data;
    }

    private static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Inflate(byte[] data)
    {
        try
        {
            using var input = new DeflateStream(new MemoryStream(data), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new ReplicaCorruptException("A chunk authenticated but does not decompress.", ex);
        }
    }

    private static async Task<int> ReadFullAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
