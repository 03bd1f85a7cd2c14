using System.Buffers.Binary;

namespace TalentLink.Data.Replication;

/// <summary>
/// One shipped slice of a database's log: the committed frames found by one shipping tick, and the
/// time they were recorded at (WAL frames carry no time; a restore to T yields the last segment
/// recorded at or before T).
/// <code>"TLWS" | version (1) | recorded at (i64 Unix ms) | page size (u32) | frame count (u32) | frames: page number (u32), commit pages (u32), page</code>
/// </summary>
public sealed record WalSegment(DateTimeOffset RecordedAt, int PageSize, IReadOnlyList<WalFrame> Frames)
{
    private static readonly byte[] Magic = "TLWS"u8.ToArray();
    private const byte Version = 1;
    private const int HeaderSize = 4 + 1 + 8 + 4 + 4;

    public long PageBytes => Frames.Count * (long)PageSize;

    public byte[] Encode()
    {
        var data = new byte[HeaderSize + Frames.Count * (8L + PageSize)];
        var span = data.AsSpan();
        Magic.CopyTo(span);
        span[4] = Version;
        BinaryPrimitives.WriteInt64BigEndian(span[5..], RecordedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt32BigEndian(span[13..], PageSize);
        BinaryPrimitives.WriteInt32BigEndian(span[17..], Frames.Count);
        var offset = HeaderSize;
        foreach (var frame in Frames)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span[offset..], frame.PageNumber);
            BinaryPrimitives.WriteUInt32BigEndian(span[(offset + 4)..], frame.CommitPages);
            frame.Page.CopyTo(span[(offset + 8)..]);
            offset += 8 + PageSize;
        }

        return data;
    }

    public static WalSegment Decode(byte[] data, string name)
    {
        var span = data.AsSpan();
        if (data.Length < HeaderSize || !span[..4].SequenceEqual(Magic) || span[4] != Version)
        {
            throw new ReplicaCorruptException($"{name} is not a WAL segment.");
        }

        var recordedAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(span[5..]));
        var pageSize = BinaryPrimitives.ReadInt32BigEndian(span[13..]);
        var count = BinaryPrimitives.ReadInt32BigEndian(span[17..]);
        if (pageSize is < 512 or > 65536 || count < 0 || data.Length != HeaderSize + count * (8L + pageSize))
        {
            throw new ReplicaCorruptException($"{name}: its length does not match its {count} frames of {pageSize} bytes.");
        }

        var frames = new List<WalFrame>(count);
        var offset = HeaderSize;
        for (var i = 0; i < count; i++)
        {
            frames.Add(new WalFrame(
                BinaryPrimitives.ReadUInt32BigEndian(span[offset..]),
                BinaryPrimitives.ReadUInt32BigEndian(span[(offset + 4)..]),
                span.Slice(offset + 8, pageSize).ToArray()));
            offset += 8 + pageSize;
        }

        if (count > 0 && frames[^1].CommitPages == 0)
        {
            throw new ReplicaCorruptException($"{name} does not end on a commit.");
        }

        return new WalSegment(recordedAt, pageSize, frames);
    }

    /// <summary>
    /// Applies the segment's transactions to a database file (no WAL beside it): each page written in
    /// place, and the file cut to the database's size at every commit.
    /// </summary>
    public void ApplyTo(FileStream database)
    {
        foreach (var frame in Frames)
        {
            if (frame.PageNumber == 0)
            {
                throw new ReplicaCorruptException("A WAL segment names page 0.");
            }

            database.Position = (frame.PageNumber - 1L) * PageSize;
            database.Write(frame.Page);
            if (frame.CommitPages != 0)
            {
                database.SetLength(frame.CommitPages * (long)PageSize);
            }
        }
    }
}
