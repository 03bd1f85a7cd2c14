using System.IO.Compression;
using TalentLink.Data;

namespace TalentLink.Auth.Services;

/// <summary>A built archive in the exports folder, not yet named by its export row.</summary>
public sealed record StoredArchive(string Name, long Length);

/// <summary>
/// The exports folder (<see cref="PersonalDataOptions.ExportsPath"/>, under the uploads folder that
/// backups include). An archive is written as a zip straight to <c>.incoming/&lt;id&gt;.part</c>
/// (entries stream in, nothing is held in memory), flushed, then moved to <c>&lt;id&gt;.zip</c> and the
/// move flushed too, before the row that names it commits. Names are generated, never the user's.
/// </summary>
public sealed class ExportArchiveStore
{
    private const string IncomingFolder = ".incoming";
    private readonly FileDurability _durability;
    private readonly ILogger<ExportArchiveStore> _logger;

    public ExportArchiveStore(string root, FileDurability durability, ILogger<ExportArchiveStore> logger)
    {
        Root = Path.GetFullPath(root);
        _durability = durability;
        _logger = logger;
        Directory.CreateDirectory(Path.Combine(Root, IncomingFolder));
    }

    public string Root { get; }

    /// <summary>Builds the archive of export <paramref name="exportId"/> with <paramref name="write"/>; nothing is left behind if it throws.</summary>
    public async Task<StoredArchive> CreateAsync(Guid exportId, Func<ZipArchive, Task> write, CancellationToken cancellationToken)
    {
        var name = NameOf(exportId);
        var temp = Path.Combine(Root, IncomingFolder, $"{exportId:N}.{Guid.NewGuid():N}.part");
        try
        {
            long length;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
                {
                    await write(zip);
                }

                length = file.Length;
                _durability.Flush(file);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, PathOf(name), overwrite: true);
            _durability.FlushDirectory(Root);
            return new StoredArchive(name, length);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>The full path of an archive; the name must be one this store generated.</summary>
    public string PathOf(string name) =>
        name.Length == 36 && name.EndsWith(".zip", StringComparison.Ordinal) && !name.AsSpan(0, 32).ContainsAnyExcept("0123456789abcdef")
            ? Path.Combine(Root, name)
            : throw new ArgumentException($"'{name}' is not an export archive name.", nameof(name));

    /// <summary>Deletes an archive; call it only once no committed row names it.</summary>
    public void Delete(string name) => TryDelete(PathOf(name));

    /// <summary>Archives (and leftover partial files) last written before <paramref name="before"/>, by export id.</summary>
    public IEnumerable<(Guid ExportId, string Path)> WrittenBefore(DateTimeOffset before)
    {
        foreach (var path in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            if (File.GetLastWriteTimeUtc(path) < before.UtcDateTime
                && Guid.TryParseExact(Path.GetFileName(path)[..Math.Min(32, Path.GetFileName(path).Length)], "N", out var id))
            {
                yield return (id, path);
            }
        }
    }

    public void DeleteFile(string path) => TryDelete(path);

    private static string NameOf(Guid exportId) => $"{exportId:N}.zip";

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            _logger.LogWarning(ex, "Could not delete export file {Path}", path);
        }
    }
}
