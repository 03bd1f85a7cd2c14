namespace TalentLink.Profiles.Services;

/// <summary>Checks a company page and produces its normalised content.</summary>
public static class CompanyValidator
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 4000;
    public const int WebsiteMaxLength = 200;
    public const int LocationMaxLength = 100;

    public static ValidationErrors Validate(CompanyRequest request, out ValidCompany company)
    {
        var errors = new ValidationErrors();
        var name = errors.Text("name", request.Name, NameMaxLength, required: true);
        var description = errors.Text("description", request.Description, DescriptionMaxLength, multiline: true);
        var location = errors.Text("location", request.Location, LocationMaxLength);

        var website = errors.Text("website", request.Website, WebsiteMaxLength);
        if (website is not null
            && !(Uri.TryCreate(website, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && !string.IsNullOrEmpty(uri.Host)))
        {
            errors.Add("website", "website must be an absolute http or https address, such as https://example.com.");
        }

        var size = TextNormalization.Clean(request.Size);
        if (size is not null && !CompanySizes.All.Contains(size))
        {
            errors.Add("size", $"size must be one of {WireEnum.OneOf(CompanySizes.All)}.");
        }

        company = new ValidCompany(name ?? "", description, website, location, size);
        return errors;
    }
}

public sealed record ValidCompany(string Name, string? Description, string? Website, string? Location, string? Size)
{
    public void ApplyTo(Company company, DateTimeOffset now)
    {
        company.Name = Name;
        company.Description = Description;
        company.Website = Website;
        company.Location = Location;
        company.Size = Size;
        company.UpdatedAt = now;
    }
}
