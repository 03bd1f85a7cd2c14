using System.Runtime.CompilerServices;

namespace TalentLink.Data.Replication;

/// <summary>
/// A replica in a directory: a second disk or a mounted network share. An object is written to a
/// hidden temporary file, flushed to the disk and renamed into place, so a reader (or a restore
/// after a crash) sees either the whole object or none.
/// </summary>
public sealed class DirectoryReplicaTarget(string root) : IReplicaTarget
{
    // The temporary file's name has a '~', which no replica name may have: a listing never shows it
    // and it can never clash with, or hide, a real object (one named "x.partial" is valid).
    private const string TemporarySuffix = ".partial";

    public string Root { get; } = Path.GetFullPath(root);

    public string Description => "directory " + Root;

    public async Task PutAsync(string name, Stream content, CancellationToken cancellationToken = default)
    {
        var path = ReplicaNames.PathUnder(Root, name);
        var temporary = path + "~" + Guid.NewGuid().ToString("N")[..8] + TemporarySuffix;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new ReplicaUnavailableException($"Cannot write {name} to {Description}: {ex.Message}", ex);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = ReplicaNames.PathUnder(Root, name);
        try
        {
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.Asynchronous));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ReplicaUnavailableException($"Cannot read {name} from {Description}: {ex.Message}", ex);
        }
    }

    public async IAsyncEnumerable<ReplicaObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ReplicaNames.CheckPrefix(prefix);
        if (!Directory.Exists(Root))
        {
            yield break;
        }

        List<ReplicaObject> objects;
        try
        {
            objects = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
                .Select(path => (Path: path, Name: Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/')))
                .Where(file => file.Name.StartsWith(prefix, StringComparison.Ordinal) && ReplicaNames.IsValid(file.Name))
                .Select(file => new FileInfo(file.Path))
                .Where(info => info.Exists)
                .Select(info => new ReplicaObject(Path.GetRelativePath(Root, info.FullName).Replace(Path.DirectorySeparatorChar, '/'), info.Length, info.LastWriteTimeUtc))
                .OrderBy(o => o.Name, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ReplicaUnavailableException($"Cannot list {Description}: {ex.Message}", ex);
        }

        foreach (var item in objects)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask;
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            File.Delete(ReplicaNames.PathUnder(Root, name));
            return Task.CompletedTask;
        }
        catch (DirectoryNotFoundException)
        {
            return Task.CompletedTask;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ReplicaUnavailableException($"Cannot delete {name} from {Description}: {ex.Message}", ex);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
