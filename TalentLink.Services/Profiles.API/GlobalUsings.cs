global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
global using TalentLink.Profiles.Infrastructure;
global using TalentLink.Profiles.Model;
global using TalentLink.Profiles.Services;
global using TalentLink.Data;
global using TalentLink.ServiceDefaults;
global using TalentLink.Platform;
