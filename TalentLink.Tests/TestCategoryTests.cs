using System.Reflection;

namespace TalentLink.Tests;

/// <summary>
/// Every test class says what it needs, so <c>./test.sh --filter Category=unit</c> runs the fast
/// tests alone: <c>unit</c> (in-process, no server, host or database file), <c>integration</c>
/// (a service host, a database, a test server or files) or <c>apphost</c> (the Aspire model).
/// </summary>
[Trait("Category", "unit")]
public sealed class TestCategoryTests
{
    private static readonly string[] Categories = ["unit", "integration", "apphost"];

    [Fact]
    public void Every_test_class_declares_exactly_one_known_category()
    {
        var offenders = typeof(TestCategoryTests).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && HasTests(type))
            .Select(type => (Name: type.FullName, Categories: CategoriesOf(type)))
            .Where(test => test.Categories.Count != 1 || !Categories.Contains(test.Categories[0]))
            .Select(test => $"{test.Name}: [{string.Join(", ", test.Categories)}]")
            .Order()
            .ToList();

        Assert.True(offenders.Count == 0,
            $"Give each test class one [Trait(\"Category\", …)] of {string.Join(", ", Categories)}:\n"
            + string.Join('\n', offenders));
    }

    [Fact]
    public void Categories_are_declared_on_classes_only()
    {
        var methods = typeof(TestCategoryTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(method => CategoryValues(method.GetCustomAttributesData()).Any())
            .Select(method => $"{method.DeclaringType?.FullName}.{method.Name}")
            .ToList();

        Assert.True(methods.Count == 0, "A method-level category splits a class across filters:\n" + string.Join('\n', methods));
    }

    private static bool HasTests(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Any(method => method.IsDefined(typeof(FactAttribute), inherit: true));

    private static List<string> CategoriesOf(Type type)
    {
        var categories = new List<string>();
        for (var current = type; current is not null; current = current.BaseType)
        {
            categories.AddRange(CategoryValues(current.GetCustomAttributesData()));
        }

        return categories;
    }

    private static IEnumerable<string> CategoryValues(IEnumerable<CustomAttributeData> attributes) =>
        attributes
            .Where(attribute => attribute.AttributeType == typeof(TraitAttribute)
                && attribute.ConstructorArguments is [{ Value: "Category" }, { Value: string }])
            .Select(attribute => (string)attribute.ConstructorArguments[1].Value!);
}
