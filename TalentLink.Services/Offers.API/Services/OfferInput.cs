using System.Text.RegularExpressions;
using TalentLink.Offers.Infrastructure.EntityConfigurations;

namespace TalentLink.Offers.Services;

/// <summary>A validated, normalised <see cref="OfferRequest"/>.</summary>
public sealed partial record OfferInput(
    string Title,
    string Description,
    string Location,
    string Remote,
    string ContractType,
    int SalaryMin,
    int SalaryMax,
    string Currency,
    IReadOnlyList<string> Skills)
{
    public const int MaxSkills = 30;

    /// <summary>Either the normalised input or the validation errors, keyed by field.</summary>
    public static (OfferInput? Input, Dictionary<string, string[]>? Errors) Validate(OfferRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var title = Required(request.Title, "title", OfferEntityTypeConfiguration.TitleMaxLength, errors);
        var description = Required(request.Description, "description", OfferEntityTypeConfiguration.DescriptionMaxLength, errors);
        var location = Required(request.Location, "location", OfferEntityTypeConfiguration.LocationMaxLength, errors);

        var remote = request.Remote?.Trim().ToLowerInvariant();
        if (remote is null || !RemotePolicies.All.Contains(remote))
        {
            errors["remote"] = [$"remote must be one of: {string.Join(", ", RemotePolicies.All)}."];
        }

        var contract = request.ContractType?.Trim().ToLowerInvariant();
        if (contract is null || !ContractTypes.All.Contains(contract))
        {
            errors["contractType"] = [$"contractType must be one of: {string.Join(", ", ContractTypes.All)}."];
        }

        if (request.SalaryMin is null || request.SalaryMax is null)
        {
            errors["salary"] = ["salaryMin and salaryMax are required."];
        }
        else if (request.SalaryMin < 0)
        {
            errors["salaryMin"] = ["salaryMin cannot be negative."];
        }
        else if (request.SalaryMin > request.SalaryMax)
        {
            errors["salaryMax"] = [$"salaryMax ({request.SalaryMax}) must be at least salaryMin ({request.SalaryMin})."];
        }

        var currency = request.Currency?.Trim().ToUpperInvariant();
        if (currency is null || !CurrencyCode().IsMatch(currency))
        {
            errors["currency"] = ["currency must be a three-letter ISO 4217 code, such as EUR."];
        }

        var skills = NormaliseSkills(request.Skills ?? [], errors);

        return errors.Count > 0
            ? (null, errors)
            : (new OfferInput(title!, description!, location!, remote!, contract!, request.SalaryMin!.Value, request.SalaryMax!.Value, currency!, skills), null);
    }

    public void ApplyTo(Offer offer)
    {
        offer.Title = Title;
        offer.Description = Description;
        offer.Location = Location;
        offer.LocationNormalized = Location.ToLowerInvariant();
        offer.Remote = Remote;
        offer.ContractType = ContractType;
        offer.SalaryMin = SalaryMin;
        offer.SalaryMax = SalaryMax;
        offer.Currency = Currency;

        offer.Skills.RemoveAll(s => !Skills.Contains(s.Name));
        foreach (var skill in Skills.Where(s => offer.Skills.All(existing => existing.Name != s)))
        {
            offer.Skills.Add(new OfferSkill { OfferId = offer.Id, Name = skill });
        }
    }

    /// <summary>Skills compare case-insensitively: trimmed, lower-cased, de-duplicated.</summary>
    public static string NormaliseSkill(string skill) => skill.Trim().ToLowerInvariant();

    private static List<string> NormaliseSkills(IReadOnlyList<string> skills, Dictionary<string, string[]> errors)
    {
        var normalised = skills.Where(s => !string.IsNullOrWhiteSpace(s)).Select(NormaliseSkill).Distinct().ToList();
        if (normalised.Count > MaxSkills)
        {
            errors["skills"] = [$"An offer lists at most {MaxSkills} skills."];
        }
        else if (normalised.Any(s => s.Length > OfferSkillEntityTypeConfiguration.NameMaxLength))
        {
            errors["skills"] = [$"A skill is at most {OfferSkillEntityTypeConfiguration.NameMaxLength} characters."];
        }

        return normalised;
    }

    private static string? Required(string? value, string field, int maxLength, Dictionary<string, string[]> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors[field] = [$"{field} is required."];
        }
        else if (trimmed.Length > maxLength)
        {
            errors[field] = [$"{field} is at most {maxLength} characters."];
        }

        return trimmed;
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}
