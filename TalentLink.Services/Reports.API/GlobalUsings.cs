global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
global using TalentLink.Data;
global using TalentLink.Reports.Infrastructure;
global using TalentLink.Reports.Model;
global using TalentLink.Reports.Services;
global using TalentLink.ServiceDefaults;
global using TalentLink.Platform;
