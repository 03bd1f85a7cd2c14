namespace TalentLink.Profiles.Services;

/// <summary>
/// A user's data in Profiles: their candidate profile (with skills, experience, education) and, for
/// a recruiter, the company page they own. Erasing removes both: a company page belongs to exactly
/// one recruiter, so it has no member left to keep it.
/// </summary>
public sealed class ProfilesPersonalData(ProfilesContext context, ILogger<ProfilesPersonalData> logger) : IPersonalDataStore
{
    public async Task<object> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var profile = await context.CandidateProfiles.AsNoTracking().AsSplitQuery()
            .Include(p => p.Skills).Include(p => p.Experience).Include(p => p.Education)
            .SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        var company = await context.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.RecruiterId == userId, cancellationToken);
        return new ProfilesExport(
            profile is null ? null : CandidateProfileResponse.From(profile),
            company is null ? null : CompanyResponse.From(company));
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        // Skills, experience and education go with the profile (cascade).
        var profiles = await context.CandidateProfiles.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var companies = await context.Companies.Where(c => c.RecruiterId == userId).ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Erased personal data: {Profiles} profiles, {Companies} company pages", profiles, companies);
    }
}

public sealed record ProfilesExport(CandidateProfileResponse? Profile, CompanyResponse? Company);
