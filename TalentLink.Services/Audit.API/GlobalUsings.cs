global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
global using TalentLink.Audit.Infrastructure;
global using TalentLink.Audit.Model;
global using TalentLink.ServiceDefaults;
global using TalentLink.Platform;
