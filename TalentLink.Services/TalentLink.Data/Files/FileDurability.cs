using System.Runtime.InteropServices;

namespace TalentLink.Data;

/// <summary>
/// Makes a written file survive a power cut before a database row that names it commits: the file's
/// content goes to disk (<c>fsync</c>), then, once it has been moved to its final name, the directory
/// entry does too (<c>fsync</c> on the directory, which .NET cannot open, so through libc on Unix;
/// NTFS journals its directory changes). Virtual so tests can see the order of the steps.
/// </summary>
public class FileDurability
{
    private const int ReadOnly = 0;

    /// <summary>Writes the file's buffered content and metadata to the disk.</summary>
    public virtual void Flush(FileStream file) => file.Flush(flushToDisk: true);

    /// <summary>Writes the directory's entries (a file created, moved in or deleted) to the disk.</summary>
    public virtual void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var descriptor = Open(directory, ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"Could not open the directory {directory} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"Could not flush the directory {directory} (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
