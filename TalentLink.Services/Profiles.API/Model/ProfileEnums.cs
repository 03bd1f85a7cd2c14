namespace TalentLink.Profiles.Model;

/// <summary>When a candidate can start. On the wire: <c>immediately</c>, <c>from-date</c>, <c>not-looking</c>.</summary>
public enum Availability
{
    Immediately,
    FromDate,
    NotLooking,
}

/// <summary>Who may read a candidate profile. On the wire: <c>public</c>, <c>recruiters-only</c>, <c>hidden</c>.</summary>
public enum ProfileVisibility
{
    /// <summary>Anyone, signed in or not.</summary>
    Public,

    /// <summary>Recruiters and admins; recruiters find it in candidate search.</summary>
    RecruitersOnly,

    /// <summary>Only the candidate (and admins, for moderation).</summary>
    Hidden,
}
