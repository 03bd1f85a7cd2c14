using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace TalentLink.Offers.Services;

/// <summary>A file of the application form: received, type-checked, with its sanitised original name.</summary>
public sealed record ReceivedFile(string Kind, IncomingFile Incoming, DetectedFileType Type, string OriginalName);

/// <summary>
/// The multipart application form (<c>cv</c> file, <c>coverLetter</c> file or <c>coverLetterText</c>),
/// read section by section straight from the request body: files stream to temporary files with the
/// size limit enforced as they arrive; nothing is buffered in memory. Disposing deletes any temporary
/// file that was not committed.
/// </summary>
public sealed class ApplicationForm(UploadStore store) : IDisposable
{
    public const string CvField = "cv";
    public const string CoverLetterField = "coverLetter";
    public const string CoverLetterTextField = "coverLetterText";
    private const int MaxTextFieldBytes = 64 * 1024;

    private readonly List<ReceivedFile> _files = [];

    public ReceivedFile? Cv => _files.FirstOrDefault(f => f.Kind == Model.ApplicationFileKinds.Cv);

    public ReceivedFile? CoverLetter => _files.FirstOrDefault(f => f.Kind == Model.ApplicationFileKinds.CoverLetter);

    public string? CoverLetterText { get; private set; }

    public IReadOnlyList<ReceivedFile> Files => _files;

    /// <summary>Reads the form; throws <see cref="UploadRejectedException"/> with a precise 4xx for bad input.</summary>
    public async Task ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw new UploadRejectedException(StatusCodes.Status415UnsupportedMediaType, "Multipart form expected",
                "Send the application as multipart/form-data with a 'cv' file and a 'coverLetter' file or 'coverLetterText'.");
        }

        // Two files and a text field at most: anything far beyond that is cut off by the server.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = 2 * store.MaxFileBytes + 2 * MaxTextFieldBytes;
        }

        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    throw Malformed("Every part of the form needs a form-data Content-Disposition.");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                switch (name)
                {
                    case CvField:
                        await ReceiveFileAsync(CvField, Model.ApplicationFileKinds.Cv, disposition, section.Body, cancellationToken);
                        break;
                    case CoverLetterField:
                        await ReceiveFileAsync(CoverLetterField, Model.ApplicationFileKinds.CoverLetter, disposition, section.Body, cancellationToken);
                        break;
                    case CoverLetterTextField:
                        CoverLetterText = await ReadTextAsync(section.Body, cancellationToken);
                        break;
                    default:
                        throw Malformed($"Unknown form field '{name}'. Use '{CvField}', '{CoverLetterField}' or '{CoverLetterTextField}'.");
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new UploadRejectedException(StatusCodes.Status413PayloadTooLarge, "File too large",
                $"The application form is larger than the server accepts (two files of {store.MaxFileBytes / 1024 / 1024.0:0.##} MB at most).");
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw Malformed($"The multipart body could not be read: {ex.Message}");
        }
    }

    private async Task ReceiveFileAsync(string field, string kind, ContentDispositionHeaderValue disposition, Stream body, CancellationToken cancellationToken)
    {
        if (_files.Any(f => f.Kind == kind))
        {
            throw Malformed($"The form has more than one {kind} file.");
        }

        var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value
            ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        var originalName = UploadFileNames.Sanitise(fileName, kind);

        var incoming = await store.ReceiveAsync(body, field, cancellationToken);
        try
        {
            var type = FileSignatures.Detect(incoming.TempPath)
                ?? throw new UploadRejectedException(StatusCodes.Status415UnsupportedMediaType, "Unsupported file type",
                    $"The '{field}' file is neither a PDF nor a DOCX document (checked by its content, not its name).");

            if (DocumentStructure.Problem(incoming.TempPath, type) is { } problem)
            {
                throw new UploadRejectedException(StatusCodes.Status400BadRequest, "Invalid document",
                    $"The '{field}' file is not a valid {(type == FileSignatures.Pdf ? "PDF" : "DOCX")} document: {problem}.");
            }

            _files.Add(new ReceivedFile(kind, incoming, type, originalName));
        }
        catch
        {
            store.Discard(incoming);
            throw;
        }
    }

    private static async Task<string> ReadTextAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxTextFieldBytes + 1];
        var length = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (length > MaxTextFieldBytes)
        {
            throw Malformed($"'{CoverLetterTextField}' is longer than {MaxTextFieldBytes / 1024} KB.");
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static UploadRejectedException Malformed(string detail) =>
        new(StatusCodes.Status400BadRequest, "Invalid application form", detail);

    public void Dispose()
    {
        foreach (var file in _files)
        {
            store.Discard(file.Incoming);
        }
    }
}
