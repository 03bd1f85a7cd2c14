namespace TalentLink.Offers.Services;

/// <summary>The structural check of each accepted file type, after its signature has been recognised.</summary>
public static class DocumentStructure
{
    /// <summary>Null when the file is well formed for its <paramref name="type"/>, otherwise what is wrong with it.</summary>
    public static string? Problem(string path, DetectedFileType type) =>
        type == FileSignatures.Pdf ? PdfStructure.Problem(path)
        : type == FileSignatures.Docx ? DocxPackage.Problem(path)
        : throw new ArgumentOutOfRangeException(nameof(type), type, "No structural check for this file type.");
}
