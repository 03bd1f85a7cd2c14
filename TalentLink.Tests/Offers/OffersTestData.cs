using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using TalentLink.Offers.Model;

namespace TalentLink.Tests.Offers;

/// <summary>Offer bodies, documents (real PDF/DOCX signatures and disguised ones) and the calls tests repeat.</summary>
public static class OffersTestData
{
    public static OfferRequest Offer(
        string title = "Senior .NET developer",
        string description = "Build the platform with C# and PostgreSQL.",
        string location = "Lyon, France",
        string remote = "hybrid",
        string contractType = "permanent",
        int salaryMin = 50_000,
        int salaryMax = 65_000,
        string currency = "EUR",
        params string[] skills) =>
        new(title, description, location, remote, contractType, salaryMin, salaryMax, currency, skills.Length == 0 ? ["c#", "sql"] : skills);

    /// <summary>A word no other test uses, so a search sees only this test's offers.</summary>
    public static string UniqueWord() => "zq" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>
    /// A valid one-page PDF of exactly <paramref name="size"/> bytes: catalog, page tree and page, one
    /// stream object holding random bytes, then the cross-reference table, trailer, startxref and %%EOF.
    /// </summary>
    public static byte[] Pdf(int size = 2048) => PdfAround("", size);

    /// <summary>
    /// The issue's polyglot: a page a browser renders as HTML (with a script), wrapped in a PDF whose
    /// cross-reference table, trailer and page are all valid.
    /// </summary>
    public static byte[] HtmlPdfPolyglot() =>
        PdfAround("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n", 2048);

    /// <summary>Header, cross-reference table, trailer and %%EOF all valid, but the catalog has no page tree.</summary>
    public static byte[] PdfWithoutPages() =>
        PdfAround("", 2048, ["<< /Type /Catalog >>", "<< /Producer (nothing) >>", "<< /Title (no pages) >>"]);

    private static byte[] PdfAround(string beforeObjects, int size, string[]? pageObjects = null)
    {
        var objects = pageObjects ??
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        ];
        var head = new StringBuilder("%PDF-1.7\n%\u00e2\u00e3\n").Append(beforeObjects);
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(head.Length);
            head.Append($"{i + 1} 0 obj {objects[i]} endobj\n");
        }

        var prefix = head.ToString();
        var entries = string.Concat(offsets.Append(prefix.Length).Select(o => $"{o:D10} 00000 n \n"));
        const string endStream = "\nendstream endobj\n";
        var filler = 0;
        for (var round = 0; ; round++)
        {
            // The lengths written in the file change the file's length: settle them.
            var streamHead = $"4 0 obj << /Length {filler} >> stream\n";
            var xrefOffset = prefix.Length + streamHead.Length + filler + endStream.Length;
            var rest = $"{endStream}xref\n0 5\n0000000000 65535 f \n{entries}trailer << /Size 5 /Root 1 0 R >>\nstartxref\n{xrefOffset}\n%%EOF\n";
            var next = size - prefix.Length - streamHead.Length - rest.Length;
            if (next == filler)
            {
                var bytes = Encoding.Latin1.GetBytes(prefix + streamHead + new string('\0', filler) + rest);
                Random.Shared.NextBytes(bytes.AsSpan(prefix.Length + streamHead.Length, filler));
                return bytes;
            }

            filler = next >= 0 && round < 10 ? next : throw new ArgumentOutOfRangeException(nameof(size), size, "No one-page PDF has exactly this size.");
        }
    }

    /// <summary>A PDF header over random bytes: no cross-reference table, no startxref, no %%EOF.</summary>
    public static byte[] PdfWithGarbageBody()
    {
        var bytes = new byte[4096];
        Random.Shared.NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    /// <summary>A PDF header and a PDF-looking ending glued around an executable: startxref points into the program.</summary>
    public static byte[] ExecutableBehindAPdfSignature()
    {
        var program = Executable();
        var disguise = Encoding.ASCII.GetBytes($"%PDF-1.4\n{Encoding.Latin1.GetString(program)}\nstartxref\n12\n%%EOF\n");
        return disguise;
    }

    /// <summary>A ZIP archive with a PDF header stuck in front of it.</summary>
    public static byte[] ZipBehindAPdfSignature() => [.. "%PDF-1.7\n"u8.ToArray(), .. Docx()];

    public static byte[] Docx() => Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), ("_rels/.rels", "<Relationships/>"));

    /// <summary>A ZIP that is not a Word document (no word/ part).</summary>
    public static byte[] PlainZip() => Zip(("[Content_Types].xml", "<Types/>"), ("readme.txt", "hello"));

    /// <summary>A Word-looking package whose main part is missing.</summary>
    public static byte[] DocxWithoutDocumentPart() => Zip(("[Content_Types].xml", "<Types/>"), ("word/styles.xml", "<w:styles/>"), ("_rels/.rels", "<Relationships/>"));

    /// <summary>
    /// A zip bomb dressed as a DOCX: the Word parts, plus one part of <paramref name="megabytes"/> MB of
    /// zeros, which deflates about a thousand to one (a 60 MB part weighs some 60 KB).
    /// </summary>
    public static byte[] ZipBombAsDocx(int megabytes)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in new[] { ("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>") })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }

            using var bomb = zip.CreateEntry("word/media/image1.png", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < megabytes; i++)
            {
                bomb.Write(zeros);
            }
        }

        return memory.ToArray();
    }

    /// <summary>A DOCX whose main part's compressed bytes were overwritten after it was packed.</summary>
    public static byte[] DocxWithCorruptData()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                writer.Write("<Types/>");
            }

            using var document = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            for (var i = 0; i < 2000; i++)
            {
                document.Write($"<w:p><w:r><w:t>Paragraph {i} of a long letter.</w:t></w:r></w:p>");
            }
        }

        var bytes = memory.ToArray();
        var name = Encoding.ASCII.GetBytes("word/document.xml");
        var data = bytes.AsSpan().IndexOf(name) + name.Length;
        bytes.AsSpan(data + 16, 64).Fill(0xFF);
        return bytes;
    }

    /// <summary>A Windows executable: the MZ header, then padding.</summary>
    public static byte[] Executable()
    {
        var bytes = new byte[4096];
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        Random.Shared.NextBytes(bytes.AsSpan(2));
        return bytes;
    }

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }
        }

        return memory.ToArray();
    }

    public static async Task<OfferResponse> CreateOfferAsync(this HttpClient recruiter, OfferRequest? request = null)
    {
        var response = await recruiter.PostAsJsonAsync("/api/offers", request ?? Offer());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<OfferResponse>())!;
    }

    public static async Task<OfferResponse> PublishedOfferAsync(this HttpClient recruiter, OfferRequest? request = null)
    {
        var offer = await recruiter.CreateOfferAsync(request);
        var response = await recruiter.PostAsync($"/api/offers/{offer.Id}/publish", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<OfferResponse>())!;
    }

    public static MultipartFormDataContent Form(
        (byte[] Bytes, string Name)? cv, (byte[] Bytes, string Name)? coverLetter = null, string? coverLetterText = null, string declaredType = "application/pdf")
    {
        var form = new MultipartFormDataContent();
        if (cv is { } c)
        {
            form.Add(File(c.Bytes, declaredType), "cv", c.Name);
        }

        if (coverLetter is { } l)
        {
            form.Add(File(l.Bytes, declaredType), "coverLetter", l.Name);
        }

        if (coverLetterText is not null)
        {
            form.Add(new StringContent(coverLetterText), "coverLetterText");
        }

        return form;
    }

    public static Task<HttpResponseMessage> ApplyAsync(this HttpClient candidate, Guid offerId, MultipartFormDataContent? form = null) =>
        candidate.PostAsync($"/api/offers/{offerId}/applications", form ?? Form((Pdf(), "cv.pdf"), coverLetterText: "I would love to join."));

    /// <summary>What downloading each of the application's files answers the caller.</summary>
    public static async Task<List<HttpStatusCode>> DownloadStatusesAsync(this HttpClient client, ApplicationResponse application)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var file in application.Files)
        {
            statuses.Add((await client.GetAsync($"/api/offers/applications/{application.Id}/files/{file.Id}")).StatusCode);
        }

        return statuses;
    }

    public static async Task<ApplicationResponse> AppliedAsync(this HttpClient candidate, Guid offerId, MultipartFormDataContent? form = null)
    {
        var response = await candidate.ApplyAsync(offerId, form);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ApplicationResponse>())!;
    }

    private static ByteArrayContent File(byte[] bytes, string declaredType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        return content;
    }
}
