using System.Net;
using System.Net.Sockets;

namespace TalentLink.Tests.Support;

/// <summary>What the fixtures that start servers of their own (MongoDB test server, Azurite, PostgreSQL clusters, service processes) ask of the machine.</summary>
public static class TestMachine
{
    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The repository's root (where TalentLink.sln is), found upwards from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TalentLink.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No TalentLink.sln above {AppContext.BaseDirectory}.");
    }
}
