using System.Globalization;
using System.Text.RegularExpressions;

namespace TalentLink.Appointments.Services;

/// <summary>
/// What a proposal's slots must satisfy: instants written with an explicit offset, a duration within
/// limits, in the future but not too far, inside working hours in the recruiter's time zone, and not
/// overlapping each other. Returns the slots in UTC.
/// </summary>
public static partial class SlotRules
{
    public static bool TryParse(
        IReadOnlyList<SlotRequest>? requested,
        SchedulingOptions options,
        TimeZoneInfo recruiterZone,
        DateTimeOffset now,
        out List<TimeRange> slots,
        out Dictionary<string, string[]> errors)
    {
        slots = [];
        errors = [];
        if (requested is null || requested.Count == 0)
        {
            errors["slots"] = ["Propose at least one slot."];
            return false;
        }

        if (requested.Count > options.MaximumSlotsPerProposal)
        {
            errors["slots"] = [$"Propose at most {options.MaximumSlotsPerProposal} slots at a time."];
            return false;
        }

        for (var i = 0; i < requested.Count; i++)
        {
            var key = $"slots[{i}]";
            if (!TryParseInstant(requested[i]?.StartsAt, out var start) || !TryParseInstant(requested[i]?.EndsAt, out var end))
            {
                errors[key] = ["startsAt and endsAt must be ISO 8601 date-times with an explicit offset, such as 2026-03-02T09:30:00+01:00 or 2026-03-02T08:30:00Z."];
                continue;
            }

            if (SlotError(new TimeRange(start, end), options, recruiterZone, now) is { } error)
            {
                errors[key] = [error];
                continue;
            }

            var slot = new TimeRange(start, end);
            if (slots.Any(s => s.Overlaps(slot)))
            {
                errors[key] = ["This slot overlaps another slot of the same proposal."];
                continue;
            }

            slots.Add(slot);
        }

        return errors.Count == 0;
    }

    private static string? SlotError(TimeRange slot, SchedulingOptions options, TimeZoneInfo zone, DateTimeOffset now)
    {
        var duration = slot.End - slot.Start;
        if (duration <= TimeSpan.Zero)
        {
            return "endsAt must be after startsAt.";
        }

        if (duration < options.MinimumDuration || duration > options.MaximumDuration)
        {
            return $"A slot lasts between {options.MinimumDuration.TotalMinutes:0} and {options.MaximumDuration.TotalMinutes:0} minutes; this one lasts {duration.TotalMinutes:0}.";
        }

        if (slot.Start <= now)
        {
            return "A slot must start in the future.";
        }

        if (slot.Start > now + options.MaximumAdvance)
        {
            return $"A slot may start at most {options.MaximumAdvance.TotalDays:0} days ahead.";
        }

        var localStart = TimeZoneInfo.ConvertTime(slot.Start, zone);
        var localEnd = TimeZoneInfo.ConvertTime(slot.End, zone);
        var endOfDay = localEnd.Date == localStart.Date.AddDays(1) && localEnd.TimeOfDay == TimeSpan.Zero;
        var endTime = endOfDay ? TimeSpan.FromDays(1) : localEnd.TimeOfDay;
        if ((localEnd.Date != localStart.Date && !endOfDay)
            || localStart.TimeOfDay < options.WorkdayStart
            || endTime > options.WorkdayEnd)
        {
            return $"A slot must fall within working hours, {Format(options.WorkdayStart)}–{Format(options.WorkdayEnd)} in the recruiter's time zone ({zone.Id}); " +
                   $"this one is {localStart:yyyy-MM-dd HH:mm}–{localEnd:HH:mm} there.";
        }

        return null;
    }

    private static string Format(TimeSpan time) => time.ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    /// <summary>An instant with an explicit offset (<c>Z</c> or <c>±hh:mm</c>), normalised to UTC.</summary>
    public static bool TryParseInstant(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || !ExplicitOffset().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        value = parsed.ToUniversalTime();
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExplicitOffset();
}
