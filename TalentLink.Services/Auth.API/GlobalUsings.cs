global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
global using TalentLink.Auth.Infrastructure;
global using TalentLink.Auth.Model;
global using TalentLink.Auth.Services;
global using TalentLink.ServiceDefaults;
global using TalentLink.Platform;
