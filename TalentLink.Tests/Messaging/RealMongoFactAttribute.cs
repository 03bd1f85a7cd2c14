using Xunit.Abstractions;
using Xunit.Sdk;

namespace TalentLink.Tests.Messaging;

/// <summary>
/// A fact that checks MongoDB itself enforcing something the wire-compatible test server does not
/// (it lists unique indexes but does not enforce them). In a class marked
/// <see cref="OnMongoTestServerAttribute"/> with no real MongoDB supplied, it is reported as skipped
/// with that reason (never discovered as zero cases). Set <c>TALENTLINK_TEST_MONGODB</c> to a
/// MongoDB connection string to run it. The store's own behaviour never depends on such a test:
/// see docs/messaging.md for the list.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("TalentLink.Tests.Messaging.RealMongoFactDiscoverer", "TalentLink.Tests")]
public sealed class RealMongoFactAttribute : FactAttribute;

/// <summary>The test class runs against <see cref="MongoTestServer"/> (the test server, or real MongoDB when supplied).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OnMongoTestServerAttribute : Attribute;

public sealed class RealMongoFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public const string SkipReason =
        "Needs a real MongoDB (the test server does not enforce unique secondary indexes): set " + MongoTestServer.EnvironmentVariable + " to a connection string.";

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var onTestServer = testMethod.TestClass.Class.GetCustomAttributes(typeof(OnMongoTestServerAttribute)).Any();
        if (onTestServer && !MongoTestServer.IsRealMongo)
        {
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, SkipReason)];
        }

        return [new XunitTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
    }
}
