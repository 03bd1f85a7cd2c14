namespace TalentLink.DemoData;

/// <summary>The demo install: three companies with their recruiters, five candidates, a dozen offers.</summary>
public static class DemoCatalog
{
    public const string Password = "Demo-Password-2026";
    public const string Domain = "demo.talentlink.local";

    public sealed record DemoCompany(string Recruiter, string Name, string Description, string Website, string Location, string Size, DemoOffer[] Offers);

    public sealed record DemoOffer(string Title, string Description, string Location, string Remote, string Contract, int SalaryMin, int SalaryMax, string[] Skills);

    public sealed record DemoCandidate(string Email, string Headline, string Summary, string Location, string[] Skills, string Availability);

    public static readonly DemoCompany[] Companies =
    [
        new($"nadia@{Domain}", "Northwind Analytics", "Data products for retail and logistics teams.", "https://northwind.example", "Paris", "51-200",
        [
            new("Senior .NET Engineer", "Build the APIs behind our forecasting platform with ASP.NET Core, EF Core and PostgreSQL.", "Paris", "hybrid", "permanent", 60000, 75000, ["c#", ".net", "postgresql"]),
            new("Data Engineer", "Own our ingestion pipelines: Python, SQL, and a lot of data quality care.", "Paris", "remote", "permanent", 55000, 68000, ["python", "sql", "airflow"]),
            new("Frontend Developer", "Dashboards for thousands of store managers, in TypeScript and React.", "Paris", "on-site", "fixed-term", 45000, 55000, ["typescript", "react"]),
            new("Data Analyst Intern", "Six months with the analytics team: SQL, notebooks, and real questions.", "Paris", "hybrid", "internship", 14000, 16000, ["sql", "python"]),
        ]),
        new($"omar@{Domain}", "Contoso Robotics", "Warehouse robots and the software that drives them.", "https://contoso.example", "Lyon", "201-1000",
        [
            new("Embedded C++ Developer", "Motion control firmware for autonomous carts; modern C++ on ARM.", "Lyon", "on-site", "permanent", 52000, 66000, ["c++", "embedded", "linux"]),
            new("Site Reliability Engineer", "Keep a fleet of robots and their cloud control plane running.", "Lyon", "hybrid", "permanent", 58000, 72000, ["kubernetes", "linux", "observability"]),
            new("Robotics Software Engineer", "Path planning and perception in C++ and Python with ROS 2.", "Lyon", "hybrid", "permanent", 56000, 70000, ["c++", "python", "ros"]),
            new("QA Automation Engineer", "Automated test benches for robots: Python, hardware-in-the-loop.", "Grenoble", "on-site", "fixed-term", 42000, 50000, ["python", "testing"]),
        ]),
        new($"lena@{Domain}", "Fabrikam Health", "Software for clinics: scheduling, records, billing.", "https://fabrikam.example", "Berlin", "11-50",
        [
            new("Backend Engineer (C#)", "Scheduling and billing services for 400 clinics; C#, SQL, message queues.", "Berlin", "remote", "permanent", 62000, 78000, ["c#", "sql", "rabbitmq"]),
            new("Product Designer", "Design calm interfaces for busy clinic staff.", "Berlin", "hybrid", "permanent", 50000, 62000, ["figma", "ux"]),
            new("Security Engineer", "Threat models, audits and secure defaults across our platform.", "Berlin", "remote", "freelance", 70000, 90000, ["security", "c#", "cloud"]),
            new("Mobile Developer", "Our patient app in .NET MAUI and Swift.", "Berlin", "hybrid", "permanent", 54000, 66000, [".net", "swift", "mobile"]),
        ]),
    ];

    public static readonly DemoCandidate[] Candidates =
    [
        new($"ada@{Domain}", "Backend developer, C# and PostgreSQL", "Eight years building APIs for fintech and retail.", "Paris", ["c#", ".net", "postgresql", "docker"], "immediately"),
        new($"grace@{Domain}", "Data engineer who loves clean pipelines", "Python, SQL and Airflow at scale; ex-analyst.", "Paris", ["python", "sql", "airflow"], "immediately"),
        new($"linus@{Domain}", "Embedded and Linux engineer", "Firmware and kernel drivers for industrial devices.", "Lyon", ["c++", "linux", "embedded"], "immediately"),
        new($"margaret@{Domain}", "Site reliability engineer", "Kubernetes, observability and calm incident response.", "Lyon", ["kubernetes", "observability", "linux"], "not-looking"),
        new($"alan@{Domain}", "Security engineer", "Application security, threat modelling, C# code reviews.", "Berlin", ["security", "c#", "cloud"], "immediately"),
    ];

    /// <summary>Who applies where: candidate index → (company index, offer index).</summary>
    public static readonly (int Candidate, int Company, int Offer)[] Applications =
    [
        (0, 0, 0), (0, 2, 0), (1, 0, 1), (2, 1, 0), (4, 2, 2),
    ];

    /// <summary>A one-page PDF, with the cross-reference table and trailer a viewer (and the upload check) expects.</summary>
    public static byte[] CurriculumVitae(string name)
    {
        var text = $"BT /F1 18 Tf 72 760 Td (Curriculum vitae - {name}) Tj ET";
        string[] objects =
        [
            "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n",
            "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n",
            "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n",
            $"4 0 obj<</Length {text.Length}>>stream\n{text}\nendstream endobj\n",
            "5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n",
        ];

        // One byte per character (ASCII), so string offsets are byte offsets.
        var pdf = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        foreach (var obj in objects)
        {
            offsets.Add(pdf.Length);
            pdf.Append(obj);
        }

        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }

        pdf.Append($"trailer<</Size {objects.Length + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
