using System.Security.Claims;

namespace TalentLink.Profiles.Services;

/// <summary>
/// Who sees what. The owner and admins see everything; a page hidden by a moderator is seen by no
/// one else; otherwise a profile's visibility decides (public: anyone; recruiters-only: recruiters;
/// hidden: also the recruiters the candidate applied to).
/// </summary>
public static class ProfileAccess
{
    public static bool IsOwner(this ClaimsPrincipal user, Guid userId) =>
        user.Identity?.IsAuthenticated == true && user.GetUserId() == userId;

    public static bool CanRead(this ClaimsPrincipal user, CandidateProfile profile)
    {
        if (user.IsOwner(profile.UserId) || user.IsInRole(Roles.Admin))
        {
            return true;
        }

        return !profile.IsHidden && profile.Visibility switch
        {
            ProfileVisibility.Public => true,
            ProfileVisibility.RecruitersOnly => user.IsInRole(Roles.Recruiter),
            _ => false,
        };
    }

    /// <summary>
    /// A recruiter the candidate applied to may see a profile its owner hid from everyone (Offers
    /// knows the applications); a moderator's decision is never lifted this way.
    /// </summary>
    public static bool MaySeeAsApplicant(this ClaimsPrincipal user, CandidateProfile profile) =>
        user.IsInRole(Roles.Recruiter) && !profile.IsHidden && profile.Visibility == ProfileVisibility.Hidden;

    public static bool CanRead(this ClaimsPrincipal user, Company company) =>
        !company.IsHidden || user.IsOwner(company.RecruiterId) || user.IsInRole(Roles.Admin);

    /// <summary>The profiles candidate search may return: shown to recruiters and not hidden by a moderator.</summary>
    public static IQueryable<CandidateProfile> Searchable(this IQueryable<CandidateProfile> profiles) =>
        profiles.Where(p => p.HiddenAt == null
            && (p.Visibility == ProfileVisibility.Public || p.Visibility == ProfileVisibility.RecruitersOnly));
}
