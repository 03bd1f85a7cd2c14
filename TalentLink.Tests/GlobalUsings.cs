global using System.Net;
global using System.Net.Http.Json;
global using TalentLink.Tests.Support;
global using Xunit;
global using TalentLink.ServiceDefaults;
global using TalentLink.Platform;
