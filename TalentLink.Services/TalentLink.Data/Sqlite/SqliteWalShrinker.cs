using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using Microsoft.Win32.SafeHandles;

namespace TalentLink.Data;

/// <summary>
/// Shrinks a WAL file that grew past <see cref="SqliteTuning.JournalSizeLimitBytes"/> back to it,
/// one <see cref="StepBytes"/> slice at a time, each under a brief hold of the write lock.
/// <para>
/// SQLite's own <c>journal_size_limit</c> cuts the file in one <c>ftruncate</c>, inside the first
/// commit after the log restarts. After a backup snapshot the WAL is about 1 GB, and freeing 1 GB
/// takes about 220 ms on an ext4 volume mounted with <c>discard</c>: the committing request, and
/// every writer queued behind it, waits that long. Service connections therefore run with
/// <c>journal_size_limit=-1</c> (<see cref="SqliteTuning.ServicePragmas"/>) and the
/// <see cref="SqliteCheckpointer"/> calls <see cref="ShrinkStep"/> instead.
/// </para>
/// <para>
/// Cutting the file is safe only past the frames of the current log generation: frames 1…k carry
/// the salts of the WAL header, and whatever follows is left over from before the last restart.
/// Under the write lock nothing appends, so k is read from the file itself: the frames of one
/// generation are a prefix, found by binary search over the frame headers (file format:
/// https://www.sqlite.org/fileformat2.html#walformat).
/// </para>
/// </summary>
public static class SqliteWalShrinker
{
    /// <summary>How much one step frees: a few milliseconds of <c>ftruncate</c>, so the writers it holds up barely notice.</summary>
    public const long StepBytes = 16L * 1024 * 1024;

    private const int WalHeaderSize = 32;
    private const int FrameHeaderSize = 24;

    /// <summary>
    /// Takes the write lock (through the service's <paramref name="writeQueue"/> when there is one, so
    /// its writers wait in line rather than in SQLite's busy handler), cuts at most
    /// <see cref="StepBytes"/> off the end of the WAL and lets go.
    /// </summary>
    public static ShrinkResult ShrinkStep(SqliteConnection connection, string walPath, long limitBytes, SqliteWriteQueue? writeQueue = null)
    {
        if (FileLength(walPath) <= limitBytes)
        {
            return default;
        }

        writeQueue?.Enter();
        try
        {
            connection.Execute("BEGIN IMMEDIATE;");
            try
            {
                using var wal = File.OpenHandle(walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                var length = RandomAccess.GetLength(wal);
                var floor = Math.Max(limitBytes, CurrentLogEnd(wal, length));
                if (length <= floor)
                {
                    return default; // The current generation itself reaches past the limit: wait for the next restart.
                }

                var cut = Math.Max(floor, length - StepBytes);
                RandomAccess.SetLength(wal, cut);
                return new ShrinkResult(length - cut, cut - floor);
            }
            finally
            {
                connection.Execute("ROLLBACK;");
            }
        }
        finally
        {
            writeQueue?.Exit();
        }
    }

    /// <summary>What one step did: the bytes it cut, and the bytes that can still be cut (0 when there is nothing more to do now).</summary>
    public readonly record struct ShrinkResult(long CutBytes, long RemainingBytes);

    /// <summary>
    /// The byte offset just past the last frame of the log's current generation, read from the file
    /// (the caller holds the write lock). A missing or unreadable header protects the whole file.
    /// </summary>
    public static long CurrentLogEnd(SafeFileHandle wal, long length)
    {
        Span<byte> header = stackalloc byte[WalHeaderSize];
        if (length < WalHeaderSize || RandomAccess.Read(wal, header, 0) < WalHeaderSize)
        {
            return length;
        }

        var rawPageSize = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
        var pageSize = (rawPageSize & 0xFE00) + ((rawPageSize & 1) << 16);
        if (pageSize < 512)
        {
            return length;
        }

        var frameSize = FrameHeaderSize + (long)pageSize;
        var salts = BinaryPrimitives.ReadUInt64BigEndian(header[16..]);
        bool InGeneration(long frame)
        {
            Span<byte> frameHeader = stackalloc byte[FrameHeaderSize];
            return RandomAccess.Read(wal, frameHeader, WalHeaderSize + (frame - 1) * frameSize) == FrameHeaderSize
                && BinaryPrimitives.ReadUInt64BigEndian(frameHeader[8..]) == salts;
        }

        // Largest k with frames 1…k in the current generation.
        long low = 0, high = (length - WalHeaderSize) / frameSize;
        while (low < high)
        {
            var middle = low + (high - low + 1) / 2;
            if (InGeneration(middle))
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return WalHeaderSize + low * frameSize;
    }

    private static long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
