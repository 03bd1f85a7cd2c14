using Microsoft.EntityFrameworkCore;
using TalentLink.Operations.Catalog;
using TalentLink.Tests.Operations.Sample;

namespace TalentLink.Tests.Operations;

/// <summary>Builds a migrated SQLite sample database with awkward values in every column kind.</summary>
internal static class MigrationTestData
{
    public static readonly ServiceContext Sample = new("samplesdb", typeof(SqliteSampleContext), typeof(PostgresSampleContext));

    public static async Task SeedAsync(string sqlitePath, int companies, int offersPerCompany)
    {
        await using var context = (SampleContext)Sample.CreateSqlite($"Data Source={sqlitePath}");
        await context.Database.MigrateAsync();
        var origin = new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromHours(2)).AddTicks(1234560);
        for (var c = 0; c < companies; c++)
        {
            var company = new SampleCompany
            {
                Name = c % 7 == 0 ? $"Société Générale n°{c} — ünïcødé ✓" : $"Company {c}",
                Rating = c / 3.0 + 0.1,
                Verified = c % 2 == 0,
                FoundedAt = origin.AddDays(-c).AddMicroseconds(c),
            };
            context.Companies.Add(company);
            await context.SaveChangesAsync();
            for (var o = 0; o < offersPerCompany; o++)
            {
                context.Offers.Add(new SampleOffer
                {
                    CompanyId = company.Id,
                    Title = $"Offer {o} at {company.Name}",
                    Description = o % 3 == 0 ? null : $"Line one\nline \"two\"\t'{o}'",
                    Status = (SampleOfferStatus)(o % 3),
                    SalaryCents = o % 4 == 0 ? null : 4_000_000L + o,
                    PostedAt = origin.AddHours(o),
                    ClosedAt = o % 2 == 0 ? null : origin.AddHours(o + 24),
                    Attachment = o % 5 == 0 ? [0, 1, 2, 255, (byte)o] : null,
                });
            }

            await context.SaveChangesAsync();
        }
    }
}
