namespace TalentLink.Offers.Services;

/// <summary>An upload refused while it is read; the endpoint turns it into a ProblemDetails.</summary>
public sealed class UploadRejectedException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;
}
