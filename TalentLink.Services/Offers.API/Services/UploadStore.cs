using TalentLink.Data;
using TalentLink.Data.Replication;
using System.Buffers;

namespace TalentLink.Offers.Services;

/// <summary>A file received into the uploads folder under a temporary name, not yet part of an application.</summary>
public sealed record IncomingFile(string TempPath, long Length);

/// <summary>
/// The uploads folder. A file arrives as <c>.incoming/&lt;random&gt;.part</c>, counted while it streams
/// (refused as soon as it passes the size limit), and is then moved in one step to its final,
/// generated name. User-supplied names never reach the file system. A file's content is on disk
/// before it is moved, and the move (the directory entry) is on disk before <see cref="Commit"/>
/// returns, so the row that names it can only commit after both survive a power cut.
/// </summary>
public sealed class UploadStore
{
    private const string IncomingFolder = ".incoming";
    private readonly ILogger<UploadStore> _logger;
    private readonly UploadReplicator? _replicator;
    private readonly FileDurability _durability;

    /// <param name="replicator">Continuous backup of the folder, told of every file committed or deleted (when configured).</param>
    public UploadStore(string root, long maxFileBytes, ILogger<UploadStore> logger, UploadReplicator? replicator = null, FileDurability? durability = null)
    {
        Root = Path.GetFullPath(root);
        MaxFileBytes = maxFileBytes;
        _logger = logger;
        _replicator = replicator;
        _durability = durability ?? new FileDurability();
        Directory.CreateDirectory(Path.Combine(Root, IncomingFolder));
    }

    public string Root { get; }

    public long MaxFileBytes { get; }

    /// <summary>Copies <paramref name="body"/> to a temporary file, refusing it (413) once it exceeds the limit.</summary>
    public async Task<IncomingFile> ReceiveAsync(Stream body, string field, CancellationToken cancellationToken)
    {
        var tempPath = Path.Combine(Root, IncomingFolder, $"{Guid.NewGuid():N}.part");
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long length = 0;
            await using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    length += read;
                    if (length > MaxFileBytes)
                    {
                        throw new UploadRejectedException(StatusCodes.Status413PayloadTooLarge, "File too large",
                            $"The {field} file is larger than the {MaxFileBytes / 1024 / 1024.0:0.##} MB limit.");
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                _durability.Flush(file);
            }

            return new IncomingFile(tempPath, length);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Moves a received file to a new generated name, durably, and returns that name.</summary>
    public string Commit(IncomingFile file, DetectedFileType type)
    {
        var storedName = $"{Guid.NewGuid():N}{type.Extension}";
        File.Move(file.TempPath, PathOf(storedName));
        _durability.FlushDirectory(Root);
        _replicator?.Written(storedName);
        return storedName;
    }

    /// <summary>The full path of a stored file; the name must be one this store generated.</summary>
    public string PathOf(string storedName)
    {
        if (storedName.Length is < 33 or > 40 || storedName.AsSpan(0, 32).ContainsAnyExcept("0123456789abcdef")
            || storedName.Contains('/') || storedName.Contains('\\'))
        {
            throw new ArgumentException($"'{storedName}' is not a stored file name.", nameof(storedName));
        }

        return Path.Combine(Root, storedName);
    }

    public void Discard(IncomingFile file) => TryDelete(file.TempPath);

    public void Delete(IEnumerable<string> storedNames)
    {
        foreach (var name in storedNames)
        {
            TryDelete(PathOf(name));
            _replicator?.Deleted(name);
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            _logger.LogWarning(ex, "Could not delete upload {Path}", path);
        }
    }
}
