namespace TalentLink.Offers.Apis;

/// <summary>How every stored CV or cover letter leaves the service.</summary>
public static class FileResponses
{
    /// <summary>
    /// The file as an attachment under <see cref="UploadFileNames.ForDownload"/> (the detected type's
    /// extension, never the uploader's), with its detected content type and
    /// <c>X-Content-Type-Options: nosniff</c>, so no browser renders it as anything else.
    /// </summary>
    public static PhysicalFileHttpResult Attachment(HttpResponse response, string path, ApplicationFile file)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.PhysicalFile(path, file.ContentType, UploadFileNames.ForDownload(file.OriginalName, file.ContentType, file.Kind));
    }
}
