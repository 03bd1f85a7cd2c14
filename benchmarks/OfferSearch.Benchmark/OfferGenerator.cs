using TalentLink.Offers.Model;

namespace TalentLink.Benchmarks.Search;

/// <summary>Deterministic, realistic-looking offers: the same data on every provider and every run.</summary>
public sealed class OfferGenerator(int seed)
{
    private static readonly string[] Roles = ["developer", "engineer", "architect", "analyst", "designer", "manager", "consultant", "tester", "administrator", "scientist"];
    private static readonly string[] Levels = ["Junior", "Senior", "Lead", "Principal", "Staff", "Confirmed"];
    private static readonly string[] Areas = ["backend", "frontend", "data", "cloud", "mobile", "security", "platform", "embedded", "machine learning", "devops"];
    private static readonly string[] Stacks = [".NET", "Java", "Python", "Go", "Rust", "TypeScript", "Kotlin", "Swift", "PHP", "Scala"];
    private static readonly string[] Cities = ["Paris", "Lyon", "Marseille", "Toulouse", "Nantes", "Bordeaux", "Lille", "Rennes", "Nice", "Strasbourg",
        "Montpellier", "Grenoble", "Brussels", "Geneva", "Luxembourg", "Berlin", "Madrid", "Lisbon", "Amsterdam", "London"];
    private static readonly string[] Skills = ["c#", "java", "python", "go", "rust", "typescript", "react", "angular", "vue", "sql",
        "postgresql", "sqlite", "mongodb", "redis", "kafka", "rabbitmq", "docker", "kubernetes", "terraform", "azure",
        "aws", "gcp", "linux", "git", "graphql", "grpc", "rest", "spark", "pandas", "pytorch",
        "figma", "scrum", "kotlin", "swift", "php", "scala", "elixir", "c++", "blazor", "aspire"];
    private static readonly string[] Filler = ("we build products for millions of users with a small team that values craft testing code review " +
        "continuous delivery observability mentoring pairing ownership autonomy remote friendly office equipment training budget " +
        "health insurance meal vouchers flexible hours parental leave conferences open source contributions architecture design " +
        "performance reliability security privacy accessibility customers partners healthcare energy transport finance retail " +
        "logistics education public sector startup scaleup agency consulting product roadmap quarterly planning on call rotation").Split(' ');

    private readonly Random _random = new(seed);

    public Offer Next(Guid recruiterId, DateTimeOffset now)
    {
        var role = Pick(Roles);
        var area = Pick(Areas);
        var stack = Pick(Stacks);
        var city = Pick(Cities);
        var salaryMin = 25_000 + _random.Next(0, 90) * 1_000;
        var statusRoll = _random.Next(100);
        var status = statusRoll < 90 ? OfferStatuses.Published : statusRoll < 95 ? OfferStatuses.Draft : OfferStatuses.Closed;
        var created = now.AddMinutes(-_random.Next(0, 365 * 24 * 60));
        var id = Guid.CreateVersion7(created);
        var words = Enumerable.Range(0, 50 + _random.Next(60)).Select(_ => Pick(Filler));

        return new Offer
        {
            Id = id,
            RecruiterId = recruiterId,
            Title = $"{Pick(Levels)} {area} {role} ({stack})",
            Description = $"Join us in {city} as a {area} {role} working with {stack}. " + string.Join(' ', words) + ".",
            Location = $"{city}, {(city is "Brussels" or "Geneva" or "Luxembourg" or "Berlin" or "Madrid" or "Lisbon" or "Amsterdam" or "London" ? "Europe" : "France")}",
            LocationNormalized = "",
            Remote = Pick(RemotePolicies.All),
            ContractType = Pick(ContractTypes.All),
            SalaryMin = salaryMin,
            SalaryMax = salaryMin + _random.Next(0, 30) * 1_000,
            Currency = _random.Next(10) == 0 ? "CHF" : "EUR",
            Status = status,
            CompanyId = Guid.NewGuid(),
            CompanyName = $"Company {_random.Next(5_000)}",
            CreatedAt = created,
            UpdatedAt = created,
            PublishedAt = status == OfferStatuses.Draft ? null : created.AddMinutes(_random.Next(0, 600)),
            HiddenAt = _random.Next(100) == 0 ? now : null,
            Skills = Skills.OrderBy(_ => _random.Next()).Take(2 + _random.Next(4)).Select(s => new OfferSkill { OfferId = id, Name = s }).ToList(),
        };
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
