global using Microsoft.AspNetCore.Http.HttpResults;
global using TalentLink.Operations;
global using TalentLink.Operations.Worker.Model;
global using TalentLink.ServiceDefaults;
global using TalentLink.Platform;
global using TalentLink.Operations.Worker.Services;
