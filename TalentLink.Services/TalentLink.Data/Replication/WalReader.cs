using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace TalentLink.Data.Replication;

/// <summary>Where shipping stands in a WAL file: its generation's salts, the frames read so far, and the running checksum after them.</summary>
public readonly record struct WalPosition(uint Salt1, uint Salt2, long Frames, uint Checksum1, uint Checksum2)
{
    public bool SameGeneration(WalHeader header) => header.Salt1 == Salt1 && header.Salt2 == Salt2;
}

/// <summary>The 32-byte WAL header (https://www.sqlite.org/fileformat2.html#walformat).</summary>
public readonly record struct WalHeader(bool BigEndianChecksums, int PageSize, uint Salt1, uint Salt2, uint Checksum1, uint Checksum2)
{
    public WalPosition Start => new(Salt1, Salt2, 0, Checksum1, Checksum2);
}

/// <summary>One page written by a committed transaction; <see cref="CommitPages"/> is the database's size in pages after the commit on a transaction's last frame, else 0.</summary>
public sealed record WalFrame(uint PageNumber, uint CommitPages, byte[] Page);

/// <summary>What one read of the WAL found: the committed frames after a position, and the position after them.</summary>
public sealed record WalRead(WalHeader Header, IReadOnlyList<WalFrame> Frames, WalPosition End, long Bytes);

/// <summary>
/// Reads committed transactions out of a live WAL file without SQLite's help, the way SQLite's own
/// recovery does: a frame belongs to the log when its salts match the header's and the running
/// checksum over the header and every frame before it matches; frames count only up to the last
/// commit frame. A frame being written at this moment fails the checksum and is read on the next
/// call. The caller makes sure nothing it has not read yet can be checkpointed away and overwritten
/// (see <see cref="SqliteReplicator"/>).
/// </summary>
public static class WalReader
{
    public const int HeaderSize = 32;
    public const int FrameHeaderSize = 24;
    private const uint MagicLittleEndian = 0x377f0682;
    private const uint MagicBigEndian = 0x377f0683;

    /// <summary>The header, or null when the file is missing, empty or not a valid WAL.</summary>
    public static WalHeader? ReadHeader(SafeFileHandle wal)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        if (RandomAccess.Read(wal, header, 0) < HeaderSize)
        {
            return null;
        }

        var magic = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (magic is not (MagicLittleEndian or MagicBigEndian))
        {
            return null;
        }

        var bigEndian = magic == MagicBigEndian;
        var raw = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
        var pageSize = raw == 1 ? 65536 : (int)raw;
        var (s1, s2) = Checksum(bigEndian, header[..24], 0, 0);
        if (pageSize < 512 || s1 != BinaryPrimitives.ReadUInt32BigEndian(header[24..]) || s2 != BinaryPrimitives.ReadUInt32BigEndian(header[28..]))
        {
            return null;
        }

        return new WalHeader(bigEndian, pageSize, BinaryPrimitives.ReadUInt32BigEndian(header[16..]), BinaryPrimitives.ReadUInt32BigEndian(header[20..]), s1, s2);
    }

    /// <summary>
    /// The committed frames after <paramref name="from"/> (which must be in <paramref name="header"/>'s
    /// generation), at most <paramref name="maxBytes"/> of pages, ending on a commit frame.
    /// </summary>
    public static WalRead ReadCommitted(SafeFileHandle wal, WalHeader header, WalPosition from, long maxBytes = long.MaxValue, bool keepFrames = true)
    {
        var frameSize = FrameHeaderSize + header.PageSize;
        var length = RandomAccess.GetLength(wal);
        var frames = new List<WalFrame>();
        var pending = new List<WalFrame>();
        var position = from;
        var committed = from;
        long committedBytes = 0;
        var buffer = new byte[frameSize];
        long bytes = 0;
        for (var offset = HeaderSize + from.Frames * frameSize; offset + frameSize <= length; offset += frameSize)
        {
            if (RandomAccess.Read(wal, buffer, offset) < frameSize)
            {
                break;
            }

            var span = buffer.AsSpan();
            if (BinaryPrimitives.ReadUInt32BigEndian(span[8..]) != header.Salt1 || BinaryPrimitives.ReadUInt32BigEndian(span[12..]) != header.Salt2)
            {
                break;
            }

            var (s1, s2) = Checksum(header.BigEndianChecksums, span[..8], position.Checksum1, position.Checksum2);
            (s1, s2) = Checksum(header.BigEndianChecksums, span[FrameHeaderSize..], s1, s2);
            if (s1 != BinaryPrimitives.ReadUInt32BigEndian(span[16..]) || s2 != BinaryPrimitives.ReadUInt32BigEndian(span[20..]))
            {
                break;
            }

            position = position with { Frames = position.Frames + 1, Checksum1 = s1, Checksum2 = s2 };
            var commitPages = BinaryPrimitives.ReadUInt32BigEndian(span[4..]);
            if (keepFrames)
            {
                pending.Add(new WalFrame(BinaryPrimitives.ReadUInt32BigEndian(span), commitPages, span[FrameHeaderSize..].ToArray()));
            }

            bytes += header.PageSize;
            if (commitPages != 0)
            {
                frames.AddRange(pending);
                pending.Clear();
                committed = position;
                committedBytes = bytes;
                if (bytes >= maxBytes)
                {
                    break;
                }
            }
        }

        return new WalRead(header, frames, committed, committedBytes);
    }

    /// <summary>
    /// True when frame <paramref name="position"/>.Frames of the file is still the frame the position
    /// was taken after (same salts, same running checksum): the log continues where shipping stood.
    /// </summary>
    public static bool EndsAt(SafeFileHandle wal, WalHeader header, WalPosition position)
    {
        if (!position.SameGeneration(header))
        {
            return false;
        }

        if (position.Frames == 0)
        {
            return position.Checksum1 == header.Checksum1 && position.Checksum2 == header.Checksum2;
        }

        Span<byte> frameHeader = stackalloc byte[FrameHeaderSize];
        var offset = HeaderSize + (position.Frames - 1) * (FrameHeaderSize + (long)header.PageSize);
        return RandomAccess.Read(wal, frameHeader, offset) == FrameHeaderSize
            && BinaryPrimitives.ReadUInt32BigEndian(frameHeader[8..]) == header.Salt1
            && BinaryPrimitives.ReadUInt32BigEndian(frameHeader[12..]) == header.Salt2
            && BinaryPrimitives.ReadUInt32BigEndian(frameHeader[16..]) == position.Checksum1
            && BinaryPrimitives.ReadUInt32BigEndian(frameHeader[20..]) == position.Checksum2;
    }

    /// <summary>SQLite's WAL checksum over 8-byte blocks, continuing from (s1, s2).</summary>
    public static (uint, uint) Checksum(bool bigEndian, ReadOnlySpan<byte> data, uint s1, uint s2)
    {
        for (var i = 0; i + 8 <= data.Length; i += 8)
        {
            uint x0, x1;
            if (bigEndian)
            {
                x0 = BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
                x1 = BinaryPrimitives.ReadUInt32BigEndian(data[(i + 4)..]);
            }
            else
            {
                x0 = BinaryPrimitives.ReadUInt32LittleEndian(data[i..]);
                x1 = BinaryPrimitives.ReadUInt32LittleEndian(data[(i + 4)..]);
            }

            unchecked
            {
                s1 += x0 + s2;
                s2 += x1 + s1;
            }
        }

        return (s1, s2);
    }
}
