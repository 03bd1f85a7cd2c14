using Xunit.Abstractions;
using Xunit.Sdk;

namespace TalentLink.Tests.Messaging;

/// <summary>
/// A fact that depends on something the MongoDB test server lacks (it lists unique indexes but does
/// not enforce them). It runs for every store, except in a class marked
/// <see cref="OnMongoTestServerAttribute"/> when no real MongoDB is supplied: there the discoverer
/// yields no test case at all, so the test neither runs nor reports a pass or a skip. Set
/// <c>TALENTLINK_TEST_MONGODB</c> to a MongoDB connection string to run it against a real server.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("TalentLink.Tests.Messaging.RealMongoFactDiscoverer", "TalentLink.Tests")]
public sealed class RealMongoFactAttribute : FactAttribute;

/// <summary>The test class runs against <see cref="MongoTestServer"/> (the test server, or real MongoDB when supplied).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OnMongoTestServerAttribute : Attribute;

public sealed class RealMongoFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var onTestServer = testMethod.TestClass.Class.GetCustomAttributes(typeof(OnMongoTestServerAttribute)).Any();
        if (onTestServer && !MongoTestServer.IsRealMongo)
        {
            return [];
        }

        return [new XunitTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
    }
}
